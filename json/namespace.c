// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of namespaces. */
#include <stdlib.h>
#include <uuid/uuid.h>
#include "util/json.h"
#include "json/objects.h"

static bool add_uuid(struct json_object *j, const char *key, const unsigned char uuid[16])
{
	char buf[40];

	uuid_unparse(uuid, buf);
	return ndt_json_add_string(j, key, buf);
}

/* devdax: the daxregion object (-X) or just the character device name. */
static bool add_dax(struct json_object *j, struct ndt_claim *claim, const struct ndt_json_opts *o)
{
	struct ndt_dax_region *region = ndt_claim_get_dax_region(claim);
	struct ndt_dax_dev *dev;

	if (!region)
		return true;
	if (o->dax)
		return ndt_json_add(j, "daxregion", ndt_dax_region_to_json(region, o));
	dev = ndt_dax_dev_get_first(region);
	return !dev || ndt_json_add_string(j, "chardev", ndt_dax_dev_get_devname(dev));
}

static const char *const mode_names[] = {
	[NDT_NS_MODE_RAW] = "raw",	 [NDT_NS_MODE_SECTOR] = "sector",
	[NDT_NS_MODE_FSDAX] = "fsdax",	 [NDT_NS_MODE_DEVDAX] = "devdax",
	[NDT_NS_MODE_UNKNOWN] = "unknown",
};

static const char *const map_names[] = {
	[NDT_MAP_NONE] = "none",
	[NDT_MAP_MEM] = "mem",
	[NDT_MAP_DEV] = "dev",
};

struct json_object *ndt_namespace_to_json(struct ndt_namespace *ns, const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object();
	enum ndt_namespace_mode mode = ndt_namespace_get_mode(ns);
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	unsigned char uuid[16];
	struct ndt_badblock *bb;
	unsigned int ssize;
	char buf[128];
	uint64_t v;
	int node, n, rc;

	if (!j || !ndt_json_add_string(j, "dev", ndt_namespace_get_devname(ns)) ||
	    !ndt_json_add_string(j, "mode", mode_names[mode]))
		goto fail;
	if ((mode == NDT_NS_MODE_FSDAX || mode == NDT_NS_MODE_DEVDAX) &&
	    !ndt_json_add_string(j, "map", map_names[claim ? ndt_claim_get_map(claim) : NDT_MAP_MEM]))
		goto fail;

	rc = claim ? ndt_claim_get_size(claim, &v) : ndt_namespace_get_size(ns, &v);
	if (rc == 0 && !ndt_json_add(j, "size", ndt_json_size(v, o->human)))
		goto fail;
	rc = claim ? ndt_claim_get_uuid(claim, uuid) : ndt_namespace_get_uuid(ns, uuid);
	if (rc == 0 && !add_uuid(j, "uuid", uuid))
		goto fail;
	if (o->verbose && claim && ndt_namespace_get_uuid(ns, uuid) == 0 &&
	    !add_uuid(j, "raw_uuid", uuid))
		goto fail;
	if (mode == NDT_NS_MODE_DEVDAX && claim && !add_dax(j, claim, o))
		goto fail;

	if (mode != NDT_NS_MODE_DEVDAX) {
		if (claim && ndt_claim_get_type(claim) == NDT_CLAIM_BTT)
			rc = ndt_claim_get_sector_size(claim, &ssize);
		else
			rc = ndt_namespace_get_sector_size(ns, &ssize);
		if (!ndt_json_add_int(j, "sector_size", rc == 0 ? ssize : 512))
			goto fail;
	}
	if (claim && ndt_claim_get_align(claim, &v) == 0 && !ndt_json_add(j, "align", ndt_json_u64(v)))
		goto fail;
	rc = claim ? ndt_claim_get_block_device(claim, buf, sizeof(buf))
		   : ndt_namespace_get_block_device(ns, buf, sizeof(buf));
	if (rc == 0 && !ndt_json_add_string(j, "blockdev", buf))
		goto fail;
	if (!ndt_namespace_is_active(ns) && !ndt_json_add_string(j, "state", "disabled"))
		goto fail;
	if (ndt_namespace_get_alt_name(ns, buf, sizeof(buf)) == 0 && buf[0] &&
	    !ndt_json_add_string(j, "name", buf))
		goto fail;
	if (o->verbose) {
		if (ndt_namespace_get_numa_node(ns, &node) == 0 && node >= 0 &&
		    !ndt_json_add_int(j, "numa_node", node))
			goto fail;
		if (ndt_namespace_get_target_node(ns, &node) == 0 && node >= 0 &&
		    !ndt_json_add_int(j, "target_node", node))
			goto fail;
	}
	n = ndt_namespace_get_badblocks(ns, &bb, &v);
	if (n > 0) {
		struct ndt_bus *bus = ndt_region_get_bus(ndt_namespace_get_region(ns));
		bool ok = ndt_json_add_badblocks(j, bus, v, bb, n, o);

		free(bb);
		if (!ok)
			goto fail;
	}
	return j;
fail:
	json_object_put(j);
	return NULL;
}
