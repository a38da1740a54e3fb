// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool list: the NVDIMM topology as JSON, compatible with ndctl list. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "json/filter.h"
#include "util/json.h"
#include "json/objects.h"

struct list_opts {
	struct ndt_filter filter;
	bool buses, dimms, regions, namespaces;
	bool dax, health, firmware, caps, idle, configured, media_errors, human;
	int verbose;
};

enum {
	OPT_BUS = 'b',
	OPT_REGION = 'r',
	OPT_DIMM = 'd',
	OPT_NAMESPACE = 'n',
	OPT_MODE = 'm',
	OPT_TYPE = 't',
	OPT_NUMA = 'U',
};

static const struct ndt_option list_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "filter by bus" },
	{ 'r', 'r', "region", "<region-id>", "filter by region" },
	{ 'd', 'd', "dimm", "<dimm-id>", "filter by dimm" },
	{ 'n', 'n', "namespace", "<namespace-id>", "filter by namespace id" },
	{ 'm', 'm', "mode", "<namespace-mode>", "filter by namespace mode" },
	{ 't', 't', "type", "<region-type>", "filter by region-type" },
	{ 'U', 'U', "numa-node", "<numa node>", "filter by numa node" },
	{ 'B', 'B', "buses", NULL, "include bus info" },
	{ 'D', 'D', "dimms", NULL, "include dimm info" },
	{ 'F', 'F', "firmware", NULL, "include firmware info" },
	{ 'H', 'H', "health", NULL, "include dimm health" },
	{ 'R', 'R', "regions", NULL, "include region info" },
	{ 'N', 'N', "namespaces", NULL, "include namespace info (default)" },
	{ 'X', 'X', "device-dax", NULL, "include device-dax info" },
	{ 'C', 'C', "capabilities", NULL, "include region capability info" },
	{ 'i', 'i', "idle", NULL, "include idle devices" },
	{ 'c', 'c', "configured", NULL, "include configured namespaces, disabled or not" },
	{ 'M', 'M', "media-errors", NULL, "include media errors" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 'v', 'v', "verbose", NULL, "increase output detail" },
	{ 0 },
};

const struct ndt_cmd_info list_info = {
	.prog = "ndtool list",
	.usage = "[<options>]",
	.opts = list_options,
};

static int list_opt(void *priv, int id, const char *arg)
{
	struct list_opts *o = priv;
	struct ndt_filter *f = &o->filter;
	char *end;
	long v;

	switch (id) {
	case 'b': f->bus = arg; break;
	case 'r': f->region = arg; break;
	case 'd': f->dimm = arg; break;
	case 'n': f->ns = arg; break;
	case 'm':
		f->mode = ndt_parse_mode(arg);
		if (f->mode < 0) {
			fprintf(stderr, "ndtool list: unknown mode '%s' "
					"(raw, sector, fsdax, devdax)\n", arg);
			return -1;
		}
		break;
	case 't':
		if (strcmp(arg, "pmem") == 0) {
			f->type = NDT_REGION_PMEM;
		} else if (strcmp(arg, "blk") == 0) {
			f->type = NDT_REGION_BLK;
		} else {
			fprintf(stderr, "ndtool list: unknown region type '%s' (pmem, blk)\n", arg);
			return -1;
		}
		break;
	case 'U':
		v = strtol(arg, &end, 10);
		if (!*arg || *end || v < 0 || v > 65535) {
			fprintf(stderr, "ndtool list: '%s' is not a NUMA node number\n", arg);
			return -1;
		}
		f->numa_set = true;
		f->numa = (int)v;
		break;
	case 'B': o->buses = true; break;
	case 'D': o->dimms = true; break;
	case 'F': o->firmware = true; break;
	case 'H': o->health = true; break;
	case 'R': o->regions = true; break;
	case 'N': o->namespaces = true; break;
	case 'X': o->dax = true; break;
	case 'C': o->caps = true; break;
	case 'i': o->idle = true; break;
	case 'c': o->configured = true; break;
	case 'M': o->media_errors = true; break;
	case 'u': o->human = true; break;
	case 'v': o->verbose++; break;
	}
	return 0;
}

/* Verbosity and filters imply object classes as they do for ndctl. */
static void resolve(struct list_opts *o)
{
	struct ndt_filter *f = &o->filter;
	bool classes = o->buses || o->dimms || o->regions || o->namespaces;
	const char *lint = getenv("NDTOOL_LIST_LINT");

	if (!lint)
		lint = getenv("NDCTL_LIST_LINT");
	if (o->verbose >= 1) {
		if (!(lint && classes))
			o->namespaces = true;
		o->dax = o->media_errors = true;
	}
	if (o->verbose >= 2)
		o->buses = o->dimms = o->regions = true;
	if (o->verbose >= 3)
		o->health = o->caps = o->idle = o->firmware = true;
	if (o->buses || o->dimms || o->regions || o->namespaces)
		return;
	if (f->bus)
		o->buses = true;
	if (f->dimm)
		o->dimms = true;
	if (f->region)
		o->regions = true;
	if (o->buses || o->dimms || o->regions)
		return;
	o->namespaces = true;
	if (o->dax && f->mode < 0)
		f->mode = NDT_NS_MODE_DEVDAX;
}

static bool show_namespace(const struct list_opts *o, struct ndt_namespace *ns)
{
	uint64_t size = 0;

	if (o->idle || ndt_namespace_is_active(ns))
		return true;
	return o->configured && ndt_namespace_get_size(ns, &size) == 0 && size > 0;
}

static bool show_region(const struct list_opts *o, struct ndt_region *region)
{
	return o->idle || o->configured || ndt_region_is_enabled(region);
}

/* Append @item to *arr, creating the array on first use; false when out of memory. */
static bool push(struct json_object **arr, struct json_object *item)
{
	if (!item)
		return false;
	if (!*arr)
		*arr = json_object_new_array();
	if (!*arr || json_object_array_add(*arr, item) < 0) {
		json_object_put(item);
		return false;
	}
	return true;
}

static bool add_array(struct json_object *obj, const char *key, struct json_object *arr)
{
	if (!arr)
		return true;
	return ndt_json_add(obj, key, arr);
}

struct list_out {
	struct json_object *buses, *dimms, *regions, *namespaces;
	bool ns_listed;		/* a namespace was listed, nested in a region or not */
};

static bool list_region(const struct list_opts *o, const struct ndt_json_opts *jo,
			struct ndt_region *region, struct json_object **regions,
			struct json_object **namespaces, bool *ns_listed)
{
	struct json_object *jregion = NULL, *jns = NULL;
	struct ndt_namespace *ns;

	if (o->regions && !(jregion = ndt_region_to_json(region, jo)))
		return false;
	if (o->namespaces) {
		ndt_namespace_foreach(region, ns) {
			if (!ndt_filter_namespace(&o->filter, ns) || !show_namespace(o, ns))
				continue;
			if (!push(jregion ? &jns : namespaces, ndt_namespace_to_json(ns, jo)))
				goto fail;
			*ns_listed = true;
		}
	}
	if (!jregion)
		return true;
	if (!add_array(jregion, "namespaces", jns))
		goto fail;
	return push(regions, jregion);
fail:
	json_object_put(jns);
	json_object_put(jregion);
	return false;
}

static bool list_bus(const struct list_opts *o, const struct ndt_json_opts *jo,
		     struct ndt_bus *bus, struct list_out *out)
{
	struct json_object *jbus = NULL, *dimms = NULL, *regions = NULL, *namespaces = NULL;
	struct ndt_region *region;
	struct ndt_dimm *dimm;

	if (o->buses && !(jbus = ndt_bus_to_json(bus, jo)))
		return false;
	if (o->dimms) {
		ndt_dimm_foreach(bus, dimm) {
			if (!ndt_filter_dimm(&o->filter, dimm))
				continue;
			if (!push(jbus ? &dimms : &out->dimms, ndt_dimm_to_json(dimm, jo)))
				goto fail;
		}
	}
	if (o->regions || o->namespaces) {
		ndt_region_foreach(bus, region) {
			if (!ndt_filter_region(&o->filter, region) || !show_region(o, region))
				continue;
			if (!list_region(o, jo, region, jbus ? &regions : &out->regions,
					 jbus ? &namespaces : &out->namespaces, &out->ns_listed))
				goto fail;
		}
	}
	if (!jbus)
		return true;
	if (!add_array(jbus, "dimms", dimms) || !add_array(jbus, "regions", regions) ||
	    !add_array(jbus, "namespaces", namespaces)) {
		dimms = regions = namespaces = NULL;
		goto fail;
	}
	return push(&out->buses, jbus);
fail:
	json_object_put(dimms);
	json_object_put(regions);
	json_object_put(namespaces);
	json_object_put(jbus);
	return false;
}

/*
 * The top-level shape: buses as an array; when objects of several classes were listed
 * (namespaces nested in regions count), one object holding their arrays; else an array.
 */
static int display(const struct list_opts *o, struct list_out *out)
{
	struct json_object *obj;
	int classes = !!out->dimms + !!out->regions + out->ns_listed;

	if (o->buses)
		return out->buses ? ndt_json_print_list(stdout, out->buses, o->human) : 0;
	if (classes > 1) {
		obj = json_object_new_object();
		if (!obj || !add_array(obj, "dimms", out->dimms) ||
		    !add_array(obj, "regions", out->regions) ||
		    !add_array(obj, "namespaces", out->namespaces)) {
			json_object_put(obj);
			return -ENOMEM;
		}
		return ndt_json_print(stdout, obj);
	}
	if (out->dimms)
		return ndt_json_print_list(stdout, out->dimms, o->human);
	if (out->regions)
		return ndt_json_print_list(stdout, out->regions, o->human);
	if (out->namespaces)
		return ndt_json_print_list(stdout, out->namespaces, o->human);
	return 0;
}

static bool mapping_dimm(const void *priv, struct ndt_dimm *dimm)
{
	return ndt_filter_dimm(priv, dimm);
}

int cmd_list(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct list_opts o = { 0 };
	struct list_out out = { 0 };
	struct ndt_json_opts jo;
	struct ndt_bus *bus;
	int rc, ex;

	ndt_filter_init(&o.filter);
	rc = ndt_opts_parse(&list_info, argc, argv, list_opt, &o);
	ex = ndtool_opts_exit("list", rc);
	if (ex >= 0)
		return ex;
	if (rc != argc) {
		fprintf(stderr, "ndtool list: unexpected argument '%s'\n", argv[rc]);
		ndt_opts_usage(stderr, &list_info);
		return NDT_EXIT_USAGE;
	}
	resolve(&o);
	jo = (struct ndt_json_opts){
		.human = o.human,
		.verbose = o.verbose > 0,
		.dax = o.dax,
		.media_errors = o.media_errors,
		.health = o.health,
		.firmware = o.firmware,
		.capabilities = o.caps,
		.mappings = o.dimms,
		.mapping_dimm = o.filter.dimm ? mapping_dimm : NULL,
		.priv = &o.filter,
	};
	ndt_bus_foreach(ctx, bus) {
		if (!ndt_filter_bus(&o.filter, bus))
			continue;
		if (!list_bus(&o, &jo, bus, &out)) {
			json_object_put(out.buses);
			json_object_put(out.dimms);
			json_object_put(out.regions);
			json_object_put(out.namespaces);
			fprintf(stderr, "ndtool list: out of memory\n");
			return NDT_EXIT_FAIL;
		}
	}
	return display(&o, &out) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}
