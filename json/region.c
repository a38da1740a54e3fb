// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of regions: attributes, mappings, media errors, capabilities, in ndctl's order. */
#include <stdlib.h>
#include "util/json.h"
#include "json/objects.h"

static const char *const domain_names[] = {
	[NDT_PERSISTENCE_UNKNOWN] = "unknown",
	[NDT_PERSISTENCE_NONE] = "none",
	[NDT_PERSISTENCE_MEMCTRL] = "memory_controller",
	[NDT_PERSISTENCE_CPU_CACHE] = "cpu_cache",
};

static struct json_object *mappings_to_json(struct ndt_region *region,
					    const struct ndt_json_opts *o)
{
	struct json_object *arr = json_object_new_array();
	struct ndt_mapping *m;

	if (!arr)
		return NULL;
	ndt_mapping_foreach(region, m) {
		struct ndt_dimm *dimm = ndt_mapping_get_dimm(m);
		int pos = ndt_mapping_get_position(m);
		struct json_object *j;

		if (o->mapping_dimm && dimm && !o->mapping_dimm(o->priv, dimm))
			continue;
		j = json_object_new_object();
		if (!j || json_object_array_add(arr, j) < 0) {
			json_object_put(j);
			goto fail;
		}
		if (!dimm || !ndt_json_add_string(j, "dimm", ndt_dimm_get_devname(dimm)) ||
		    !ndt_json_add(j, "offset", ndt_json_hex(ndt_mapping_get_offset(m), o->human)) ||
		    !ndt_json_add(j, "length", ndt_json_hex(ndt_mapping_get_length(m), o->human)))
			goto fail;
		if (pos >= 0 && !ndt_json_add_int(j, "position", pos))
			goto fail;
	}
	return arr;
fail:
	json_object_put(arr);
	return NULL;
}

/* The DIMMs that hold the first sector of a media error range, when the bus can say. */
static bool add_bad_dimms(struct json_object *j, struct ndt_bus *bus, uint64_t spa)
{
	struct ndt_dimm *dimms[8];
	struct json_object *arr;
	int n = ndt_bus_translate_spa(bus, spa, dimms, 8), i;

	if (n <= 0)
		return true;
	arr = json_object_new_array();
	if (!ndt_json_add(j, "dimms", arr))
		return false;
	for (i = 0; i < n; i++)
		if (json_object_array_add(arr, json_object_new_string(ndt_dimm_get_devname(dimms[i]))))
			return false;
	return true;
}

struct json_object *ndt_badblocks_to_json(struct ndt_bus *bus, uint64_t base,
					  const struct ndt_badblock *bb, int n)
{
	struct json_object *arr = json_object_new_array();
	int i;

	if (!arr)
		return NULL;
	for (i = 0; i < n; i++) {
		struct json_object *j = json_object_new_object();

		if (!j || json_object_array_add(arr, j) < 0) {
			json_object_put(j);
			goto fail;
		}
		if (!ndt_json_add(j, "offset", ndt_json_u64(bb[i].offset)) ||
		    !ndt_json_add(j, "length", ndt_json_u64(bb[i].length)) ||
		    !add_bad_dimms(j, bus, base + bb[i].offset * 512))
			goto fail;
	}
	return arr;
fail:
	json_object_put(arr);
	return NULL;
}

bool ndt_json_add_badblocks(struct json_object *j, struct ndt_bus *bus, uint64_t base,
			    const struct ndt_badblock *bb, int n, const struct ndt_json_opts *o)
{
	uint64_t count = 0;
	int i;

	for (i = 0; i < n; i++)
		count += bb[i].length;
	if (!count)
		return true;
	if (!ndt_json_add(j, "badblock_count", ndt_json_u64(count)))
		return false;
	return !o->media_errors || ndt_json_add(j, "badblocks", ndt_badblocks_to_json(bus, base, bb, n));
}

static bool add_capability(struct json_object *caps, struct ndt_region *region,
			   const char *mode, const char *key)
{
	struct json_object *c, *vals;
	uint64_t v[32];
	int n, i;

	n = ndt_region_get_supported(region, mode, v, 32);
	if (n <= 0)
		return true;
	c = json_object_new_object();
	if (!c || json_object_array_add(caps, c) < 0) {
		json_object_put(c);
		return false;
	}
	vals = json_object_new_array();
	if (!ndt_json_add_string(c, "mode", mode) || !ndt_json_add(c, key, vals))
		return false;
	for (i = 0; i < n; i++)
		if (json_object_array_add(vals, ndt_json_u64(v[i])) < 0)
			return false;
	return true;
}

/* Adds "capabilities" unless the region has no seed to ask (disabled). */
static bool add_capabilities(struct json_object *j, struct ndt_region *region)
{
	struct json_object *caps = json_object_new_array();

	if (!caps)
		return false;
	if (!add_capability(caps, region, "sector", "sector_sizes") ||
	    !add_capability(caps, region, "fsdax", "alignments") ||
	    !add_capability(caps, region, "devdax", "alignments")) {
		json_object_put(caps);
		return false;
	}
	if (json_object_array_length(caps) == 0) {
		json_object_put(caps);
		return true;
	}
	return ndt_json_add(j, "capabilities", caps);
}

static bool add_size(struct json_object *j, const char *key, int rc, uint64_t v,
		     const struct ndt_json_opts *o)
{
	return rc < 0 || ndt_json_add(j, key, ndt_json_size(v, o->human));
}

struct json_object *ndt_region_to_json(struct ndt_region *region, const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object();
	static const char *const types[] = { "unknown", "pmem", "blk" };
	struct ndt_badblock *bb;
	uint64_t v;
	int node, n, rc;

	if (!j || !ndt_json_add_string(j, "dev", ndt_region_get_devname(region)))
		goto fail;
	rc = ndt_region_get_size(region, &v);
	if (!add_size(j, "size", rc, v, o))
		goto fail;
	rc = ndt_region_get_align(region, &v);
	if (!add_size(j, "align", rc, v, o))
		goto fail;
	rc = ndt_region_get_available_size(region, &v);
	if (!add_size(j, "available_size", rc, v, o))
		goto fail;
	rc = ndt_region_get_max_available_extent(region, &v);
	if (!add_size(j, "max_available_extent", rc, v, o))
		goto fail;
	if (!ndt_json_add_string(j, "type", types[ndt_region_get_type(region)]))
		goto fail;
	if (o->verbose) {
		if (ndt_region_get_numa_node(region, &node) == 0 && node >= 0 &&
		    !ndt_json_add_int(j, "numa_node", node))
			goto fail;
		if (ndt_region_get_target_node(region, &node) == 0 && node >= 0 &&
		    !ndt_json_add_int(j, "target_node", node))
			goto fail;
	}
	if (ndt_region_get_iset_id(region, &v) == 0 &&
	    !ndt_json_add(j, "iset_id", ndt_json_hex(v, o->human)))
		goto fail;
	if (o->mappings && ndt_mapping_get_first(region) &&
	    !ndt_json_add(j, "mappings", mappings_to_json(region, o)))
		goto fail;
	if (!ndt_region_is_enabled(region) && !ndt_json_add_string(j, "state", "disabled"))
		goto fail;
	n = ndt_region_get_badblocks(region, &bb);
	if (n > 0) {
		bool ok = ndt_region_get_resource(region, &v) == 0 &&
			  ndt_json_add_badblocks(j, ndt_region_get_bus(region), v, bb, n, o);

		free(bb);
		if (!ok)
			goto fail;
	}
	if (o->capabilities && !add_capabilities(j, region))
		goto fail;
	if (!ndt_json_add_string(j, "persistence_domain",
				 domain_names[ndt_region_get_persistence_domain(region)]))
		goto fail;
	return j;
fail:
	json_object_put(j);
	return NULL;
}
