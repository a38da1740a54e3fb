// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool list: the NVDIMM topology as JSON, compatible with ndctl list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "util/json.h"

struct list_opts {
	const char *bus;	/* space-separated bus names, ids or "all" */
	bool buses;
	bool human;
};

static const struct ndt_option list_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "limit to buses with this provider, name or id" },
	{ 'B', 'B', "buses", NULL, "include bus info" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
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

	switch (id) {
	case 'b':
		o->bus = arg;
		break;
	case 'B':
		o->buses = true;
		break;
	case 'u':
		o->human = true;
		break;
	}
	return 0;
}

/* Whether @bus is named by one of the space-separated words of @filter. */
static bool bus_selected(struct ndt_bus *bus, const char *filter)
{
	char *copy, *tok, *save;
	bool hit = false;

	if (!filter)
		return true;
	copy = strdup(filter);
	if (!copy)
		return false;
	for (tok = strtok_r(copy, " \t", &save); tok && !hit; tok = strtok_r(NULL, " \t", &save))
		hit = ndt_bus_matches(bus, tok);
	free(copy);
	return hit;
}

static struct json_object *bus_to_json(struct ndt_bus *bus)
{
	struct json_object *jbus = json_object_new_object();
	int scrub;

	if (!jbus)
		return NULL;
	if (!ndt_json_add_string(jbus, "provider", ndt_bus_get_provider(bus)) ||
	    !ndt_json_add_string(jbus, "dev", ndt_bus_get_devname(bus)))
		goto fail;
	scrub = ndt_bus_get_scrub_state(bus);
	if (scrub >= 0 && !ndt_json_add_string(jbus, "scrub_state", scrub ? "active" : "idle"))
		goto fail;
	return jbus;
fail:
	json_object_put(jbus);
	return NULL;
}

int cmd_list(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct list_opts o = { 0 };
	struct json_object *jbuses;
	struct ndt_bus *bus;
	int rc = ndt_opts_parse(&list_info, argc, argv, list_opt, &o);
	int ex = ndtool_opts_exit("list", rc);

	if (ex >= 0)
		return ex;
	if (rc != argc) {
		fprintf(stderr, "ndtool list: unexpected argument '%s'\n", argv[rc]);
		ndt_opts_usage(stderr, &list_info);
		return NDT_EXIT_USAGE;
	}
	if (!o.buses) {
		fprintf(stderr, "ndtool list: this release lists buses only; use -B\n");
		return NDT_EXIT_USAGE;
	}

	jbuses = json_object_new_array();
	if (!jbuses)
		goto nomem;
	ndt_bus_foreach(ctx, bus) {
		struct json_object *jbus;

		if (!bus_selected(bus, o.bus))
			continue;
		jbus = bus_to_json(bus);
		if (!jbus || json_object_array_add(jbuses, jbus) < 0) {
			json_object_put(jbus);
			json_object_put(jbuses);
			goto nomem;
		}
	}
	return ndt_json_print_list(stdout, jbuses, o.human) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
nomem:
	fprintf(stderr, "ndtool list: out of memory\n");
	return NDT_EXIT_FAIL;
}
