/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_JSON_OBJECTS_H
#define NDTOOL_JSON_OBJECTS_H

#include <stdbool.h>
#include <json-c/json.h>
#include <ndtool/libndtool.h>

/* What the JSON of an object includes (ndctl list's -u -v -X -M -H -F -C and -D). */
struct ndt_json_opts {
	bool human;		/* -u: sizes and hex values as strings */
	bool verbose;		/* -v: numa_node, target_node, raw_uuid */
	bool dax;		/* -X: daxregion object instead of chardev */
	bool media_errors;	/* -M: badblocks arrays */
	bool health;		/* -H */
	bool firmware;		/* -F */
	bool capabilities;	/* -C */
	bool mappings;		/* region mappings (when DIMMs are listed) */
	/* when set, only mappings of DIMMs for which it returns true */
	bool (*mapping_dimm)(const void *priv, struct ndt_dimm *dimm);
	const void *priv;
	/* daxctl list's shapes */
	bool dax_path;		/* dax regions: "path" (under /sys/devices) */
	bool dax_no_devices;	/* dax regions without their "devices" (-R without -D) */
	bool dax_mappings;	/* -M: each device's "mappings" */
	/* when set, only the dax devices for which it returns true (with priv) */
	bool (*dax_dev)(const void *priv, struct ndt_dax_dev *dev);
};

/* Each returns a new object, or NULL when out of memory. */
struct json_object *ndt_bus_to_json(struct ndt_bus *bus, const struct ndt_json_opts *o);
struct json_object *ndt_dimm_to_json(struct ndt_dimm *dimm, const struct ndt_json_opts *o);
/* @health NULL: the SMART read failed, {"health_state":"unknown"} */
struct json_object *ndt_health_to_json(const struct ndt_health *health);
struct json_object *ndt_region_to_json(struct ndt_region *region, const struct ndt_json_opts *o);
struct json_object *ndt_namespace_to_json(struct ndt_namespace *ns,
					  const struct ndt_json_opts *o);
struct json_object *ndt_dax_region_to_json(struct ndt_dax_region *region,
					   const struct ndt_json_opts *o);
struct json_object *ndt_dax_dev_to_json(struct ndt_dax_dev *dev, const struct ndt_json_opts *o);
/* @base: physical address of offset 0, to name the DIMMs of each range */
struct json_object *ndt_badblocks_to_json(struct ndt_bus *bus, uint64_t base,
					  const struct ndt_badblock *bb, int n);

/* "badblock_count" (when non-zero) and, with media_errors, the "badblocks" array. */
bool ndt_json_add_badblocks(struct json_object *j, struct ndt_bus *bus, uint64_t base,
			    const struct ndt_badblock *bb, int n, const struct ndt_json_opts *o);

#endif
