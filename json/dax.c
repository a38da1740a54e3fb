// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of device-dax regions and devices, as ndctl list -X and daxctl list print them. */
#include "util/json.h"
#include "json/objects.h"

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
	if (ndt_dax_dev_get_align(dev, &v) == 0 && !ndt_json_add(j, "align", ndt_json_u64(v)))
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
	return j;
fail:
	json_object_put(j);
	return NULL;
}

struct json_object *ndt_dax_region_to_json(struct ndt_dax_region *region,
					   const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object(), *devs;
	struct ndt_dax_dev *dev;
	uint64_t v;

	if (!j || !ndt_json_add_int(j, "id", ndt_dax_region_get_id(region)))
		goto fail;
	if (ndt_dax_region_get_size(region, &v) == 0 &&
	    !ndt_json_add(j, "size", ndt_json_size(v, o->human)))
		goto fail;
	if (ndt_dax_region_get_available_size(region, &v) == 0 &&
	    !ndt_json_add(j, "available_size", ndt_json_size(v, o->human)))
		goto fail;
	if (ndt_dax_region_get_align(region, &v) == 0 && !ndt_json_add(j, "align", ndt_json_u64(v)))
		goto fail;
	if (!ndt_dax_dev_get_first(region))
		return j;
	devs = json_object_new_array();
	if (!ndt_json_add(j, "devices", devs))
		goto fail;
	ndt_dax_dev_foreach(region, dev) {
		struct json_object *jd = ndt_dax_dev_to_json(dev, o);

		if (!jd || json_object_array_add(devs, jd) < 0) {
			json_object_put(jd);
			goto fail;
		}
	}
	return j;
fail:
	json_object_put(j);
	return NULL;
}
