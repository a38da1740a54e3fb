// SPDX-License-Identifier: GPL-2.0-or-later
/* create-namespace, destroy-namespace, enable-namespace, disable-namespace */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "builtin.h"
#include "json/filter.h"
#include "util/json.h"
#include "json/objects.h"
#include "util/size.h"

/* ---- options shared by the four commands ---- */

struct ns_opts {
	struct ndt_filter filter;
	bool force, verbose;
	/* create-namespace */
	const char *reconfig;
	struct ndt_namespace_params p;
	bool mode_set, size_set, name_set;
	unsigned char uuid[16];
	bool greedy;
};

#define BASE_OPTIONS                                                                          \
	{ 'b', 'b', "bus", "<bus-id>", "limit to a bus with an id or provider of <bus-id>" },   \
	{ 'r', 'r', "region", "<region-id>", "limit to a region with an id or name of <region-id>" }, \
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" }

static const struct ndt_option create_options[] = {
	BASE_OPTIONS,
	{ 'e', 'e', "reconfig", "<namespace>", "reconfigure an existing namespace (its data is lost)" },
	{ 'u', 'u', "uuid", "<uuid>", "the namespace's uuid (default: generated)" },
	{ 'n', 'n', "name", "<name>", "an optional name for the namespace (at most 63 bytes)" },
	{ 's', 's', "size", "<size>", "size in bytes, K/M/G/T suffixes (default: largest free extent)" },
	{ 'm', 'm', "mode", "<mode>", "'fsdax' (default), 'devdax', 'sector' or 'raw'" },
	{ 'M', 'M', "map", "<location>", "'dev' (default) or 'mem': where the page map lives" },
	{ 'l', 'l', "sector-size", "<bytes>", "logical sector size (sector: 4096, raw: 512)" },
	{ 't', 't', "type", "<type>", "namespace type: only 'pmem'" },
	{ 'a', 'a', "align", "<bytes>", "fsdax/devdax mapping alignment (default: 2M)" },
	{ 'f', 'f', "force", NULL, "reconfigure a namespace even if it is active" },
	{ 'L', 'L', "autolabel", NULL, "accepted for compatibility: labels are never rewritten implicitly" },
	{ 'c', 'c', "continue", NULL, "create one namespace in every region the filters select" },
	{ 'R', 'R', "autorecover", NULL, "accepted for compatibility: a failed create is always undone" },
	{ 0 },
};

static const struct ndt_option destroy_options[] = {
	BASE_OPTIONS,
	{ 'f', 'f', "force", NULL, "destroy the namespace even if it is active (never if in use)" },
	{ 0 },
};

static const struct ndt_option xable_options[] = {
	BASE_OPTIONS,
	{ 0 },
};

const struct ndt_cmd_info create_namespace_info = {
	"ndtool create-namespace", "[<options>]", create_options,
};
const struct ndt_cmd_info destroy_namespace_info = {
	"ndtool destroy-namespace", "<namespace>... | all [<options>]", destroy_options,
};
const struct ndt_cmd_info enable_namespace_info = {
	"ndtool enable-namespace", "<namespace>... | all [<options>]", xable_options,
};
const struct ndt_cmd_info disable_namespace_info = {
	"ndtool disable-namespace", "<namespace>... | all [<options>]", xable_options,
};

static int ns_opt(void *priv, int id, const char *arg)
{
	struct ns_opts *o = priv;
	uint64_t v;

	switch (id) {
	case 'b': o->filter.bus = arg; break;
	case 'r': o->filter.region = arg; break;
	case 'v': o->verbose = true; break;
	case 'f': o->force = true; break;
	case 'e': o->reconfig = arg; break;
	case 'c': o->greedy = true; break;
	case 'L': case 'R': break;
	case 'n':
		if (strlen(arg) > 63) {
			fprintf(stderr, "ndtool create-namespace: --name is %zu bytes long: a "
					"namespace name holds at most 63\n", strlen(arg));
			return -1;
		}
		o->p.name = arg;
		o->name_set = true;
		break;
	case 'u':
		if (uuid_parse(arg, o->uuid) < 0) {
			fprintf(stderr, "ndtool create-namespace: '%s' is not a uuid "
					"(like 8e2c6b1a-52f8-4c4e-9a3c-0d1f2e3a4b5c)\n", arg);
			return -1;
		}
		o->p.uuid = o->uuid;
		break;
	case 'm': {
		int m = ndt_parse_mode(arg);

		if (m < 0) {
			fprintf(stderr, "ndtool create-namespace: unknown mode '%s' "
					"(fsdax, devdax, sector, raw)\n", arg);
			return -1;
		}
		o->p.mode = (enum ndt_namespace_mode)m;
		o->mode_set = true;
		break;
	}
	case 'M':
		if (strcmp(arg, "mem") == 0) {
			o->p.map = NDT_MAP_MEM;
		} else if (strcmp(arg, "dev") == 0) {
			o->p.map = NDT_MAP_DEV;
		} else {
			fprintf(stderr, "ndtool create-namespace: --map is 'mem' or 'dev', not '%s'\n",
				arg);
			return -1;
		}
		break;
	case 't':
		if (strcmp(arg, "pmem") != 0) {
			fprintf(stderr, "ndtool create-namespace: --type '%s' is not supported: only "
					"'pmem' namespaces exist on current kernels\n", arg);
			return -1;
		}
		break;
	case 's':
	case 'a':
	case 'l':
		if (ndt_parse_size(arg, &v) < 0 || (id != 's' && v > UINT32_MAX * 1024ULL)) {
			fprintf(stderr, "ndtool create-namespace: '%s' is not a size "
					"(bytes, or with a K/M/G/T suffix)\n", arg);
			return -1;
		}
		if (id == 's') {
			if (v == 0) {
				fprintf(stderr, "ndtool create-namespace: --size must be above 0\n");
				return -1;
			}
			o->p.size = v;
			o->size_set = true;
		} else if (id == 'a') {
			if (v < 4096 || (v & (v - 1))) {
				fprintf(stderr, "ndtool create-namespace: --align=%s is not a power of 2 "
						"of at least 4K\n", arg);
				return -1;
			}
			o->p.align = v;
		} else {
			if (v == 0 || v > 65536) {
				fprintf(stderr, "ndtool create-namespace: --sector-size=%s is out of "
						"range\n", arg);
				return -1;
			}
			o->p.sector_size = (unsigned int)v;
		}
		break;
	}
	return 0;
}

static int parse(const struct ndt_cmd_info *info, const char *cmd, int argc, char **argv,
		 struct ns_opts *o, struct ndt_ctx *ctx)
{
	int rc, ex;

	memset(o, 0, sizeof(*o));
	ndt_filter_init(&o->filter);
	o->p.struct_size = sizeof(o->p);
	o->p.mode = NDT_NS_MODE_FSDAX;
	rc = ndt_opts_parse(info, argc, argv, ns_opt, o);
	ex = ndtool_opts_exit(cmd, rc);
	if (ex >= 0)
		return -ex - 1;
	if (o->verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	return rc;
}

/* ---- destroy / enable / disable: over named namespaces or "all" ---- */

enum ns_action { NS_DESTROY, NS_ENABLE, NS_DISABLE };

static const char *const action_done[] = { "destroyed", "enabled", "disabled" };

/* Whether the namespace is a size-0 seed: "all" passes over those silently. */
static bool is_seed(struct ndt_namespace *ns)
{
	uint64_t size = 0;

	return ndt_namespace_get_size(ns, &size) == 0 && size == 0;
}

static int xaction(int argc, char **argv, struct ndt_ctx *ctx, enum ns_action action,
		   const struct ndt_cmd_info *info, const char *cmd)
{
	struct ns_opts o;
	struct ndtool_ns_target *t = NULL;
	struct ndtool_failure_ctx fc = {
		.op = action == NS_DESTROY ? NDTOOL_OP_DESTROY : NDTOOL_OP_OTHER,
	};
	char *names = NULL;
	int first, i, n, done = 0, failed = 0, rc;
	bool all;

	first = parse(info, cmd, argc, argv, &o, ctx);
	if (first < 0)
		return -first - 1;
	if (first == argc) {
		fprintf(stderr, "%s: name a namespace (namespaceX.Y) or 'all'\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, info->prog))
		return NDT_EXIT_FAIL;
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names && !all)
		return NDT_EXIT_FAIL;
	o.filter.ns = names;
	n = ndtool_ns_collect(ctx, &o.filter, false, &t);
	if (n < 0) {
		free(names);
		return NDT_EXIT_FAIL;
	}
	for (i = 0; i < n; i++) {
		struct ndt_namespace *ns = ndtool_ns_lookup(&t[i]);

		if (!ns)
			continue;
		if (all && is_seed(ns))
			continue;
		switch (action) {
		case NS_DESTROY:
			rc = ndt_namespace_destroy(ns, o.force);
			break;
		case NS_ENABLE:
			rc = ndt_namespace_enable(ns);
			break;
		default:
			rc = ndt_namespace_disable(ns, true);
			if (rc == 0)
				rc = 1;
			break;
		}
		if (rc < 0) {
			ndtool_failure(stderr, info->prog, ctx, rc, &fc);
			failed++;
		} else if (rc > 0 || action == NS_ENABLE) {
			done++;
		}
	}
	if (!all && n == 0) {
		fprintf(stderr, "%s: no namespace matches '%s'%s\n", info->prog, names,
			o.filter.region || o.filter.bus ? " with the given filters" : "");
		failed++;
	}
	fprintf(stderr, "%s %d namespace%s\n", action_done[action], done, done == 1 ? "" : "s");
	free(t);
	free(names);
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_destroy_namespace(int argc, char **argv, struct ndt_ctx *ctx)
{
	return xaction(argc, argv, ctx, NS_DESTROY, &destroy_namespace_info, "destroy-namespace");
}

int cmd_enable_namespace(int argc, char **argv, struct ndt_ctx *ctx)
{
	return xaction(argc, argv, ctx, NS_ENABLE, &enable_namespace_info, "enable-namespace");
}

int cmd_disable_namespace(int argc, char **argv, struct ndt_ctx *ctx)
{
	return xaction(argc, argv, ctx, NS_DISABLE, &disable_namespace_info, "disable-namespace");
}

/* ---- create-namespace ---- */

static int print_namespace(struct ndt_region *region, const char *devname)
{
	struct ndt_json_opts jo = { .dax = true, .human = isatty(STDOUT_FILENO) };
	struct ndt_namespace *ns;

	ndt_namespace_foreach(region, ns)
		if (strcmp(ndt_namespace_get_devname(ns), devname) == 0)
			return ndt_json_print(stdout, ndt_namespace_to_json(ns, &jo));
	return -ENOENT;
}

/* The victim's geometry becomes the defaults of a reconfigure (-e). */
static int reconfig_defaults(struct ndt_namespace *ns, struct ns_opts *o)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	static char name[80];
	unsigned int ss;
	uint64_t v;

	if (!o->size_set && ndt_namespace_get_size(ns, &v) == 0)
		o->p.size = v;
	if (!o->mode_set)
		o->p.mode = ndt_namespace_get_mode(ns) == NDT_NS_MODE_UNKNOWN
				    ? NDT_NS_MODE_RAW : ndt_namespace_get_mode(ns);
	if (!o->name_set && ndt_namespace_get_alt_name(ns, name, sizeof(name)) == 0 && name[0])
		o->p.name = name;
	if (!o->p.sector_size && claim && ndt_claim_get_sector_size(claim, &ss) == 0 &&
	    o->p.mode == NDT_NS_MODE_SECTOR)
		o->p.sector_size = ss;
	/* in the same mode, an fsdax/devdax namespace keeps its alignment and page map */
	if (claim && ndt_claim_get_type(claim) != NDT_CLAIM_BTT &&
	    o->p.mode == ndt_namespace_get_mode(ns)) {
		if (!o->p.align && ndt_claim_get_align(claim, &v) == 0)
			o->p.align = v;
		if (o->p.map == NDT_MAP_NONE)
			o->p.map = ndt_claim_get_map(claim);
	}
	/*
	 * A raw legacy pmem namespace reads as fsdax (the kernel maps its pages): to fsdax with
	 * a pfn device it gets the page size as its alignment, as with ndctl
	 */
	if (!claim && o->p.mode == NDT_NS_MODE_FSDAX && !o->p.align &&
	    ndt_namespace_get_mode(ns) == NDT_NS_MODE_FSDAX)
		o->p.align = (uint64_t)sysconf(_SC_PAGESIZE);
	return 0;
}

/* -e: destroy the namespace and set it up again under the same name. */
static int reconfigure(struct ndt_ctx *ctx, struct ns_opts *o)
{
	const char *prog = create_namespace_info.prog;
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_RECONFIGURE, .size = o->p.size };
	struct ndt_namespace *ns;
	struct ndtool_ns_target *t = NULL;
	char devname[64];
	int n, rc;

	o->filter.ns = o->reconfig;
	n = ndtool_ns_collect(ctx, &o->filter, false, &t);
	ns = n == 1 ? ndtool_ns_lookup(&t[0]) : NULL;
	if (!ns) {
		fprintf(stderr, "%s: '%s' matches %s namespace\n", prog, o->reconfig,
			n == 0 ? "no" : "more than one");
		free(t);
		return NDT_EXIT_FAIL;
	}
	if (ndt_namespace_is_active(ns) && !o->force) {
		fprintf(stderr, "%s: %s is active: add --force to reconfigure it (its data will be "
				"lost)\n", prog, ndt_namespace_get_devname(ns));
		free(t);
		return NDT_EXIT_FAIL;
	}
	reconfig_defaults(ns, o);
	snprintf(devname, sizeof(devname), "%s", t[0].devname);
	/* label-less: the mode changes in place, undone as a whole when a step fails */
	if (ndt_namespace_get_type(ns) == NDT_NS_TYPE_IO) {
		fc.size = o->p.size;
		rc = ndt_namespace_reconfigure(ns, &o->p, o->force);
		if (rc < 0) {
			ndtool_failure(stderr, prog, ctx, rc, &fc);
			free(t);
			return NDT_EXIT_FAIL;
		}
		goto print;
	}
	/* nothing is destroyed unless the new configuration is known to fit */
	fc.size = o->p.size;
	rc = ndt_namespace_check_reconfigure(ns, &o->p);
	if (rc == 0)
		rc = ndt_namespace_check_idle(ns);
	if (rc == 0)
		rc = ndt_namespace_destroy(ns, true);
	if (rc < 0) {
		ndtool_failure(stderr, prog, ctx, rc, &fc);
		free(t);
		return NDT_EXIT_FAIL;
	}
	ns = ndtool_ns_lookup(&t[0]);
	rc = ns ? ndt_namespace_setup(ns, &o->p) : -ENOENT;
	if (rc < 0) {
		ndtool_failure(stderr, prog, ctx, rc, &fc);
		fprintf(stderr, "%s: the old namespace %s was already destroyed\n", prog, devname);
		free(t);
		return NDT_EXIT_FAIL;
	}
print:
	rc = print_namespace(t[0].region, devname);
	free(t);
	return rc < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_create_namespace(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = &create_namespace_info;
	struct ndt_region *region;
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_CREATE };
	char devname[64], *reasons = NULL;
	size_t rlen = 0;
	struct ndt_bus *bus;
	struct ns_opts o;
	FILE *rf;
	int first, rc = -ENOSPC, created = 0, candidates = 0;

	first = parse(info, "create-namespace", argc, argv, &o, ctx);
	if (first < 0)
		return -first - 1;
	if (first != argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", info->prog, argv[first]);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, info->prog))
		return NDT_EXIT_FAIL;

	if (o.reconfig)
		return reconfigure(ctx, &o);
	fc.size = o.p.size;

	/* each region that cannot take the namespace says why */
	rf = open_memstream(&reasons, &rlen);
	if (!rf)
		return NDT_EXIT_FAIL;
	ndt_bus_foreach(ctx, bus) {
		ndt_region_foreach(bus, region) {
			if (!ndt_filter_region(&o.filter, region))
				continue;
			candidates++;
			rc = ndt_namespace_create(region, &o.p, devname, sizeof(devname));
			if (rc == 0) {
				created++;
				if (print_namespace(region, devname) < 0 || !o.greedy)
					goto out;
				continue;
			}
			ndtool_failure(rf, info->prog, ctx, rc, &fc);
			/* invalid parameters fail the same way everywhere: stop */
			if (rc == -EINVAL)
				goto out;
		}
	}
out:
	fclose(rf);
	if (created) {
		/* -c: say where creating stopped and why */
		if (o.greedy) {
			fputs(reasons, stderr);
			fprintf(stderr, "created %d namespace%s\n", created, created == 1 ? "" : "s");
		}
		free(reasons);
		return NDT_EXIT_OK;
	}
	if (candidates == 0)
		fprintf(stderr, "%s: no region matches%s%s%s\n", info->prog,
			o.filter.region ? " '" : "", o.filter.region ? o.filter.region : "",
			o.filter.region ? "'" : "");
	else
		fputs(reasons, stderr);
	free(reasons);
	return NDT_EXIT_FAIL;
}
