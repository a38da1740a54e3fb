// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of device-dax regions and devices, as ndctl list -X and daxctl list print them. */
#include "util/json.h"
#include "json/objects.h"

/* "mappings": the device's physical ranges, in the order of their mappingN index. */
static bool add_mappings(struct json_object *j, struct ndt_dax_dev *dev,
			 const struct ndt_json_opts *o)
{
	uint64_t pgoff, start, end;
	struct json_object *arr;
	unsigned int i;

	if (ndt_dax_dev_get_mapping(dev, 0, &pgoff, &start, &end) < 0)
		return true;
	arr = json_object_new_array();
	if (!ndt_json_add(j, "mappings", arr))
		return false;
	for (i = 0; ndt_dax_dev_get_mapping(dev, i, &pgoff, &start, &end) == 0; i++) {
		struct json_object *m = json_object_new_object();

		if (!m || json_object_array_add(arr, m) < 0) {
			json_object_put(m);
			return false;
		}
		if (!ndt_json_add(m, "page_offset", ndt_json_hex(pgoff, o->human)) ||
		    !ndt_json_add(m, "start", ndt_json_hex(start, o->human)) ||
		    !ndt_json_add(m, "end", ndt_json_hex(end, o->human)) ||
		    !ndt_json_add(m, "size", ndt_json_size(end - start + 1, o->human)))
			return false;
	}
	return true;
}

struct json_object *ndt_dax_dev_to_json(struct ndt_dax_dev *dev, const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object();
	enum ndt_dax_mode mode = ndt_dax_dev_get_mode(dev);
	unsigned int online, total;
	bool movable;
	uint64_t v;
	int node;

	if (!j || !ndt_json_add_string(j, "chardev", ndt_dax_dev_get_devname(dev)))
		goto fail;
	if (ndt_dax_dev_get_size(dev, &v) == 0 && !ndt_json_add(j, "size", ndt_json_size(v, o->human)))
		goto fail;
	if (ndt_dax_dev_get_target_node(dev, &node) == 0 && node >= 0 &&
	    !ndt_json_add_int(j, "target_node", node))
		goto fail;
	/* a size: with -u, 1 GiB prints as "1024.00 MiB (1073.74 MB)" (2 MiB stays a number) */
	if (ndt_dax_dev_get_align(dev, &v) == 0 &&
	    !ndt_json_add(j, "align", ndt_json_size(v, o->human)))
		goto fail;
	if (!ndt_json_add_string(j, "mode", mode == NDT_DAX_MODE_SYSTEM_RAM ? "system-ram" : "devdax"))
		goto fail;
	if (mode == NDT_DAX_MODE_SYSTEM_RAM &&
	    ndt_dax_dev_get_memblocks(dev, &online, &total, &movable) == 0 &&
	    (!ndt_json_add_int(j, "online_memblocks", online) ||
	     !ndt_json_add_int(j, "total_memblocks", total) ||
	     /* daxctl names the zone of online memory only */
	     (online && !ndt_json_add_bool(j, "movable", movable))))
		goto fail;
	if (!ndt_dax_dev_is_enabled(dev) && !ndt_json_add_string(j, "state", "disabled"))
		goto fail;
	if (o->dax_mappings && !add_mappings(j, dev, o))
		goto fail;
	return j;
fail:
	json_object_put(j);
	return NULL;
}

/* The devices of @region that @o selects, as "devices" (none: no key). */
static bool add_devices(struct json_object *j, struct ndt_dax_region *region,
			const struct ndt_json_opts *o)
{
	struct json_object *devs = NULL;
	struct ndt_dax_dev *dev;

	ndt_dax_dev_foreach(region, dev) {
		struct json_object *jd;

		if (o->dax_dev && !o->dax_dev(o->priv, dev))
			continue;
		if (!devs) {
			devs = json_object_new_array();
			if (!ndt_json_add(j, "devices", devs))
				return false;
		}
		jd = ndt_dax_dev_to_json(dev, o);
		if (!jd || json_object_array_add(devs, jd) < 0) {
			json_object_put(jd);
			return false;
		}
	}
	return true;
}

struct json_object *ndt_dax_region_to_json(struct ndt_dax_region *region,
					   const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object();
	const char *path = ndt_dax_region_get_devpath(region);
	uint64_t v;

	if (!j)
		return NULL;
	/* daxctl names the provider relative to /sys/devices */
	if (o->dax_path && path && !ndt_json_add_string(j, "path", path))
		goto fail;
	if (!ndt_json_add_int(j, "id", ndt_dax_region_get_id(region)))
		goto fail;
	if (ndt_dax_region_get_size(region, &v) == 0 &&
	    !ndt_json_add(j, "size", ndt_json_size(v, o->human)))
		goto fail;
	/* only when some is left, as daxctl (static regions have none to report) */
	if (ndt_dax_region_get_available_size(region, &v) == 0 && v &&
	    !ndt_json_add(j, "available_size", ndt_json_size(v, o->human)))
		goto fail;
	if (ndt_dax_region_get_align(region, &v) == 0 &&
	    !ndt_json_add(j, "align", ndt_json_size(v, o->human)))
		goto fail;
	if (!o->dax_no_devices && !add_devices(j, region, o))
		goto fail;
	return j;
fail:
	json_object_put(j);
	return NULL;
}
