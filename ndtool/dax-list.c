// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool dax list: dax regions, devices and their mappings as JSON, as daxctl list. */
#include <stdio.h>
#include <string.h>
#include "builtin.h"
#include "json/filter.h"
#include "util/json.h"
#include "json/objects.h"

struct dax_list_opts {
	const char *region, *dev;
	bool devices, regions, mappings, idle, human;
};

static const struct ndt_option dax_list_options[] = {
	{ 'r', 'r', "region", "<region-id>", "filter by region" },
	{ 'd', 'd', "dev", "<dev-id>", "filter by dax device instance name" },
	{ 'D', 'D', "devices", NULL, "include dax device info" },
	{ 'R', 'R', "regions", NULL, "include dax region info" },
	{ 'M', 'M', "mappings", NULL, "include dax mappings info" },
	{ 'i', 'i', "idle", NULL, "include idle devices" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 0 },
};

const struct ndt_cmd_info dax_list_info = {
	.prog = "ndtool dax list",
	.usage = "[<options>]",
	.opts = dax_list_options,
};

static int dax_list_opt(void *priv, int id, const char *arg)
{
	struct dax_list_opts *o = priv;

	switch (id) {
	case 'r':
		if (!ndt_dax_region_word_valid(arg)) {
			fprintf(stderr, "ndtool dax list: '%s' is not a dax region (an id like "
					"0, region0, or all)\n", arg);
			return -1;
		}
		o->region = arg;
		break;
	case 'd': o->dev = arg; break;
	case 'D': o->devices = true; break;
	case 'R': o->regions = true; break;
	case 'M': o->mappings = true; break;
	case 'i': o->idle = true; break;
	case 'u': o->human = true; break;
	}
	return 0;
}

/*
 * Idle devices (size 0: a region's seed, or what destroy-device leaves of device 0) are
 * listed with --idle only.
 */
static bool dax_list_dev(const void *priv, struct ndt_dax_dev *dev)
{
	const struct dax_list_opts *o = priv;
	uint64_t size = 0;

	if (!ndt_filter_dax_dev(o->dev, dev))
		return false;
	return o->idle || (ndt_dax_dev_get_size(dev, &size) == 0 && size);
}

static bool add_item(struct json_object *arr, struct json_object *item)
{
	if (!item || json_object_array_add(arr, item) < 0) {
		json_object_put(item);
		return false;
	}
	return true;
}

int cmd_dax_list(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct dax_list_opts o = { 0 };
	struct ndt_json_opts jo = { 0 };
	struct ndt_dax_region *region;
	struct ndt_dax_dev *dev;
	struct json_object *arr;
	int first, ex;

	first = ndt_opts_parse(&dax_list_info, argc, argv, dax_list_opt, &o);
	ex = ndtool_opts_exit("dax-list", first);
	if (ex >= 0)
		return ex;
	if (first < argc) {
		fprintf(stderr, "ndtool dax list: unexpected argument '%s'\n", argv[first]);
		ndt_opts_usage(stderr, &dax_list_info);
		return NDT_EXIT_USAGE;
	}
	/*
	 * Without -R and -D, as daxctl: -r lists regions, -d devices (both: regions with
	 * their devices), neither devices. -M only adds mappings to listed devices, and -d
	 * never hides a region.
	 */
	if (!o.regions && !o.devices) {
		o.regions = o.region != NULL;
		o.devices = o.dev != NULL || !o.region;
	}
	jo.human = o.human;
	jo.dax_path = true;
	jo.dax_mappings = o.mappings;
	jo.dax_no_devices = !o.devices;
	jo.dax_dev = dax_list_dev;
	jo.priv = &o;
	arr = json_object_new_array();
	if (!arr)
		return NDT_EXIT_FAIL;
	ndt_dax_region_foreach(ctx, region) {
		if (!ndt_filter_dax_region(o.region, region))
			continue;
		if (o.regions) {
			if (!add_item(arr, ndt_dax_region_to_json(region, &jo)))
				goto oom;
			continue;
		}
		ndt_dax_dev_foreach(region, dev)
			if (dax_list_dev(&o, dev) && !add_item(arr, ndt_dax_dev_to_json(dev, &jo)))
				goto oom;
	}
	return ndt_json_print_list(stdout, arr, o.human) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
oom:
	json_object_put(arr);
	fprintf(stderr, "ndtool dax list: out of memory\n");
	return NDT_EXIT_FAIL;
}
