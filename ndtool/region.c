// SPDX-License-Identifier: GPL-2.0-or-later
/* enable-region, disable-region, enable-dimm, disable-dimm */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "json/filter.h"

struct xable_opts {
	struct ndt_filter filter;
	bool verbose;
};

static const struct ndt_option region_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "<region> must be on a bus with an id/provider of <bus-id>" },
	{ 't', 't', "type", "<region-type>", "<region> must be of the specified type" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 0 },
};

static const struct ndt_option dimm_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "<nmem> must be on a bus with an id/provider of <bus-id>" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 0 },
};

const struct ndt_cmd_info enable_region_info = {
	"ndtool enable-region", "<region>... | all [<options>]", region_options,
};
const struct ndt_cmd_info disable_region_info = {
	"ndtool disable-region", "<region>... | all [<options>]", region_options,
};
const struct ndt_cmd_info enable_dimm_info = {
	"ndtool enable-dimm", "<nmem>... | all [<options>]", dimm_options,
};
const struct ndt_cmd_info disable_dimm_info = {
	"ndtool disable-dimm", "<nmem>... | all [<options>]", dimm_options,
};

static int xable_opt(void *priv, int id, const char *arg)
{
	struct xable_opts *o = priv;

	switch (id) {
	case 'b':
		o->filter.bus = arg;
		break;
	case 'v':
		o->verbose = true;
		break;
	case 't':
		if (strcmp(arg, "pmem") == 0) {
			o->filter.type = NDT_REGION_PMEM;
		} else if (strcmp(arg, "blk") == 0) {
			o->filter.type = NDT_REGION_BLK;
		} else {
			fprintf(stderr, "unknown region type '%s' (pmem, blk)\n", arg);
			/* usage text follows with the command name */
			return -1;
		}
		break;
	}
	return 0;
}

/* Options, then the object names joined into one filter string (NULL for "all"). */
static int parse_targets(const struct ndt_cmd_info *info, const char *cmd, int argc,
			 char **argv, struct xable_opts *o, char **names, struct ndt_ctx *ctx)
{
	int first, ex;
	bool all;

	memset(o, 0, sizeof(*o));
	ndt_filter_init(&o->filter);
	*names = NULL;
	first = ndt_opts_parse(info, argc, argv, xable_opt, o);
	ex = ndtool_opts_exit(cmd, first);
	if (ex >= 0)
		return ex;
	if (o->verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc) {
		fprintf(stderr, "%s: name what to act on, or 'all'\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, info->prog))
		return NDT_EXIT_FAIL;
	*names = ndt_filter_join(argc, argv, first, &all);
	if (!*names && !all)
		return NDT_EXIT_FAIL;
	return -1;
}

static int region_action(int argc, char **argv, struct ndt_ctx *ctx, bool enable)
{
	const struct ndt_cmd_info *info = enable ? &enable_region_info : &disable_region_info;
	struct ndt_region *region;
	struct ndt_bus *bus;
	struct xable_opts o;
	char *names;
	int rc, done = 0, failed = 0, matched = 0;

	rc = parse_targets(info, enable ? "enable-region" : "disable-region", argc, argv, &o,
			   &names, ctx);
	if (rc >= 0)
		return rc;
	o.filter.region = names;
	ndt_bus_foreach(ctx, bus) {
		ndt_region_foreach(bus, region) {
			if (!ndt_filter_region(&o.filter, region))
				continue;
			matched++;
			if (ndt_region_is_enabled(region) == enable)
				continue;
			rc = enable ? ndt_region_enable(region) : ndt_region_disable(region);
			if (rc < 0) {
				ndtool_failure(stderr, info->prog, ctx, rc, NULL);
				failed++;
				continue;
			}
			done++;
		}
	}
	if (names && !matched) {
		fprintf(stderr, "%s: no region matches '%s'\n", info->prog, names);
		failed++;
	}
	fprintf(stderr, "%s %d region%s\n", enable ? "enabled" : "disabled", done,
		done == 1 ? "" : "s");
	free(names);
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_enable_region(int argc, char **argv, struct ndt_ctx *ctx)
{
	return region_action(argc, argv, ctx, true);
}

int cmd_disable_region(int argc, char **argv, struct ndt_ctx *ctx)
{
	return region_action(argc, argv, ctx, false);
}

static int dimm_action(int argc, char **argv, struct ndt_ctx *ctx, bool enable)
{
	const struct ndt_cmd_info *info = enable ? &enable_dimm_info : &disable_dimm_info;
	struct ndt_dimm *dimm;
	struct ndt_bus *bus;
	struct xable_opts o;
	char *names;
	int rc, done = 0, failed = 0, matched = 0;

	rc = parse_targets(info, enable ? "enable-dimm" : "disable-dimm", argc, argv, &o, &names,
			   ctx);
	if (rc >= 0)
		return rc;
	o.filter.dimm = names;
	ndt_bus_foreach(ctx, bus) {
		ndt_dimm_foreach(bus, dimm) {
			if (!ndt_filter_dimm(&o.filter, dimm))
				continue;
			matched++;
			if (ndt_dimm_is_enabled(dimm) == enable)
				continue;
			rc = enable ? ndt_dimm_enable(dimm) : ndt_dimm_disable(dimm);
			if (rc < 0) {
				ndtool_failure(stderr, info->prog, ctx, rc, NULL);
				failed++;
			} else {
				done++;
			}
		}
	}
	if (names && !matched) {
		fprintf(stderr, "%s: no DIMM matches '%s'\n", info->prog, names);
		failed++;
	}
	fprintf(stderr, "%s %d nmem%s\n", enable ? "enabled" : "disabled", done,
		done == 1 ? "" : "s");
	free(names);
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_enable_dimm(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dimm_action(argc, argv, ctx, true);
}

int cmd_disable_dimm(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dimm_action(argc, argv, ctx, false);
}
