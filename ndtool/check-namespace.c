// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * check-namespace: check the BTT of sector-mode namespaces (info blocks, arenas, map,
 * flog, the blocks they cover) through raw access to the disabled namespace, and with
 * --repair write what can be restored exactly.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "json/filter.h"
#include "util/btt.h"

struct check_opts {
	struct ndt_filter filter;
	bool verbose, repair, rewrite_log, force;
};

static const struct ndt_option check_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "limit namespace to a bus with an id or provider of <bus-id>" },
	{ 'r', 'r', "region", "<region-id>",
	  "limit namespace to a region with an id or name of <region-id>" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 'R', 'R', "repair", NULL, "perform metadata repairs" },
	{ 'L', 'L', "rewrite-log", NULL, "regenerate the log (with --repair)" },
	{ 'f', 'f', "force", NULL, "check namespace even if currently active" },
	{ 0 },
};

const struct ndt_cmd_info check_namespace_info = {
	"ndtool check-namespace", "<namespace>... | all [<options>]", check_options,
};

#define PROG "ndtool check-namespace"

static int check_opt(void *priv, int id, const char *arg)
{
	struct check_opts *o = priv;

	switch (id) {
	case 'b': o->filter.bus = arg; break;
	case 'r': o->filter.region = arg; break;
	case 'v': o->verbose = true; break;
	case 'R': o->repair = true; break;
	case 'L': o->rewrite_log = true; break;
	case 'f': o->force = true; break;
	}
	return 0;
}

static int read_raw(void *priv, void *buf, size_t len, uint64_t off)
{
	ssize_t n = ndt_raw_read(priv, buf, len, off);

	return n < 0 ? (int)n : 0;
}

struct report {
	const char *dev;
	bool quiet;		/* the re-check after a repair: only what is left */
};

static void print_problem(void *priv, const struct ndt_btt_problem *p)
{
	const struct report *r = priv;

	if (p->arena < 0)
		fprintf(stderr, "%s: %s\n", r->dev, p->msg);
	else
		fprintf(stderr, "%s: arena %d: %s at %#" PRIx64 ": %s\n", r->dev, p->arena,
			ndt_btt_part_name(p->part), p->offset, p->msg);
}

static void print_arenas(const char *dev, const struct ndt_btt_result *res)
{
	unsigned int k;

	for (k = 0; k < res->narenas; k++) {
		const struct ndt_btt_arena *a = &res->arenas[k];

		if (!a->info_ok && !a->info2_ok)
			continue;
		fprintf(stderr, "%s: arena %u at %#" PRIx64 ": BTT %u.%u, %u sectors of %u bytes "
				"(%u internal of %u), %u lanes, flog slots (0, %d)\n",
			dev, k, a->start, a->info.major, a->info.minor, a->info.external_nlba,
			a->info.external_lbasize, a->info.internal_nlba, a->info.internal_lbasize,
			a->info.nfree, a->log_index[1]);
	}
}

/* What a repair plan writes, in words, once per kind. */
static void print_plan(const char *dev, const struct ndt_btt_result *res)
{
	size_t i, lanes = 0;

	for (i = 0; i < res->nwrites; i++) {
		const struct ndt_btt_write *w = &res->writes[i];

		if (w->part == NDT_BTT_PART_INFO)
			fprintf(stderr, "%s: arena %d: restored the info block at %#" PRIx64
					" from its backup\n", dev, w->arena, w->offset);
		else if (w->part == NDT_BTT_PART_INFO2)
			fprintf(stderr, "%s: arena %d: restored the backup info block at %#" PRIx64
					" from the info block\n", dev, w->arena, w->offset);
		else if (w->part == NDT_BTT_PART_FLOG && w->len == NDT_BTT_SLOT_SIZE)
			lanes++;
	}
	if (lanes)
		fprintf(stderr, "%s: rewrote %zu flog slot%s (lanes in their initial form with "
				"their free block, or padding zeroed)\n",
			dev, lanes, lanes == 1 ? "" : "s");
}

/* Write the plan in its order, each write durable before the next. */
static int apply_plan(struct ndt_raw *raw, const struct ndt_btt_result *res)
{
	size_t i;
	int rc;

	for (i = 0; i < res->nwrites; i++) {
		const struct ndt_btt_write *w = &res->writes[i];
		ssize_t n = ndt_raw_write(raw, w->data, w->len, w->offset);

		if (n < 0)
			return (int)n;
		rc = ndt_raw_sync(raw);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Check (and repair) the open namespace. Returns 0 when its BTT is clean (after the
 * repair), 1 when problems are left, -errno when the check could not run (said already).
 */
static int check_raw(struct ndt_ctx *ctx, const struct check_opts *o, struct ndt_namespace *ns,
		     struct ndt_raw *raw)
{
	const char *dev = ndt_namespace_get_devname(ns);
	struct report rep = { dev, false };
	struct ndt_btt_source src = {
		.read = read_raw, .priv = raw, .size = ndt_raw_get_size(raw),
		.problem = print_problem, .problem_priv = &rep, .rewrite_log = o->rewrite_log,
	};
	struct ndt_btt_result res;
	unsigned char uuid[16];
	int rc;

	if (ndt_namespace_get_uuid(ns, uuid) == 0)
		src.parent_uuid = uuid;
	rc = ndt_btt_check(&src, &res);
	if (rc < 0) {
		ndtool_failure(stderr, PROG, ctx, rc, NULL);
		ndt_btt_result_free(&res);
		return rc;
	}
	if (res.state == NDT_BTT_NONE && res.stale_backup) {
		fprintf(stderr, "%s: %s has no BTT: its first info block holds %s; the BTT "
				"backup info block at %#" PRIx64 " is left from an earlier sector "
				"mode and is not restored over it\n", PROG, dev,
			res.first_block == NDT_BTT_FIRST_PFN   ? "an fsdax (pfn) info block"
			: res.first_block == NDT_BTT_FIRST_DAX ? "a devdax info block"
			: res.first_block == NDT_BTT_FIRST_ZERO ? "zeros (raw mode)"
								: "other data",
			res.stale_backup);
		ndt_btt_result_free(&res);
		return 1;
	}
	if (res.state == NDT_BTT_NONE) {
		fprintf(stderr, "%s: %s has no BTT: no info block at %#x or %#x, nor a backup "
				"where the kernel would put one (is it in sector mode? 'ndtool list "
				"-N -n %s' shows its mode)\n", PROG, dev, NDT_BTT_V1_START, 0, dev);
		ndt_btt_result_free(&res);
		return 1;
	}
	if (o->verbose)
		print_arenas(dev, &res);
	if (!res.problems && !res.nwrites) {
		ndt_btt_result_free(&res);
		return 0;
	}
	if (!o->repair) {
		if (res.unrepairable < res.problems)
			fprintf(stderr, "%s: %" PRIu64 " problem%s, %" PRIu64 " of them repairable: "
					"run with --repair to restore %s\n", dev, res.problems,
				res.problems == 1 ? "" : "s", res.problems - res.unrepairable,
				res.unrepairable ? "what can be" : "it");
		else
			fprintf(stderr, "%s: %" PRIu64 " problem%s that cannot be repaired: the map "
					"or the flog lost track of blocks; the data may be read with "
					"the namespace in raw mode, or restored from a backup\n",
				dev, res.problems, res.problems == 1 ? "" : "s");
		ndt_btt_result_free(&res);
		return 1;
	}
	if (res.nwrites) {
		rc = apply_plan(raw, &res);
		if (rc < 0) {
			ndtool_failure(stderr, PROG, ctx, rc, NULL);
			ndt_btt_result_free(&res);
			return rc;
		}
		print_plan(dev, &res);
	}
	ndt_btt_result_free(&res);
	/* check again what is on the media now */
	rep.quiet = true;
	src.rewrite_log = false;
	src.problem = NULL;
	rc = ndt_btt_check(&src, &res);
	if (rc < 0) {
		ndtool_failure(stderr, PROG, ctx, rc, NULL);
		return rc;
	}
	rc = res.problems ? 1 : 0;
	if (res.problems)
		fprintf(stderr, "%s: %" PRIu64 " problem%s left that cannot be repaired\n", dev,
			res.problems, res.problems == 1 ? "" : "s");
	ndt_btt_result_free(&res);
	return rc;
}

/* Check one namespace; an active one only with --force, and enabled again afterwards. */
static int check_one(struct ndt_ctx *ctx, const struct check_opts *o, struct ndtool_ns_target *t)
{
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_CHECK };
	struct ndt_namespace *ns = ndtool_ns_lookup(t);
	bool reenable = false;
	struct ndt_raw *raw;
	int rc, verdict;

	if (!ns)
		return -ENODEV;
	if (ndt_namespace_is_active(ns) && o->force) {
		rc = ndt_namespace_disable(ns, true);
		if (rc < 0) {
			ndtool_failure(stderr, PROG, ctx, rc, &fc);
			return rc;
		}
		reenable = true;
	}
	rc = ndt_namespace_raw_open(ns, o->repair ? NDT_RAW_WRITE : NDT_RAW_READ, &raw);
	if (rc < 0) {
		ndtool_failure(stderr, PROG, ctx, rc, &fc);
		verdict = rc;
		goto enable;
	}
	if (o->verbose)
		fprintf(stderr, "%s: checking %s through /dev/%s (%s)\n", PROG, t->devname,
			ndt_raw_get_block_device(raw), o->repair ? "read-write" : "read-only");
	verdict = check_raw(ctx, o, ns, raw);
	rc = ndt_raw_close(raw);
	if (rc < 0) {
		ndtool_failure(stderr, PROG, ctx, rc, NULL);
		if (verdict >= 0)
			verdict = rc;
	}
enable:
	if (!reenable)
		return verdict;
	/* the claim the namespace had is set up again: re-read the region */
	ndt_region_refresh(t->region);
	ns = ndtool_ns_lookup(t);
	rc = ns ? ndt_namespace_enable(ns) : -ENODEV;
	if (rc < 0) {
		if (ns)
			ndtool_failure(stderr, PROG, ctx, rc, NULL);
		fprintf(stderr, "%s: %s was active before the check and could not be enabled "
				"again\n", PROG, t->devname);
		return rc;
	}
	return verdict;
}

int cmd_check_namespace(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = &check_namespace_info;
	struct check_opts o;
	struct ndtool_ns_target *t = NULL;
	int first, ex, i, n, checked = 0, failed = 0, rc;
	char *names;
	bool all;

	memset(&o, 0, sizeof(o));
	ndt_filter_init(&o.filter);
	first = ndt_opts_parse(info, argc, argv, check_opt, &o);
	ex = ndtool_opts_exit("check-namespace", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc) {
		fprintf(stderr, "%s: name a namespace to check (namespaceX.Y) or 'all'\n",
			info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (o.rewrite_log && !o.repair) {
		fprintf(stderr, "%s: --rewrite-log writes the flog: add --repair too\n",
			info->prog);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, info->prog))
		return NDT_EXIT_FAIL;
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names && !all)
		return NDT_EXIT_FAIL;
	o.filter.ns = names;
	n = ndtool_ns_collect(ctx, &o.filter, all, &t);
	if (n < 0) {
		free(names);
		return NDT_EXIT_FAIL;
	}
	if (o.repair && o.rewrite_log)
		fprintf(stderr, "%s: rewriting the flog: an interruption leaves the lane being "
				"written broken (check again with --repair to finish)\n", info->prog);
	for (i = 0; i < n; i++) {
		rc = check_one(ctx, &o, &t[i]);
		if (rc == 0)
			checked++;
		else
			failed++;
	}
	if (!all && n == 0) {
		fprintf(stderr, "%s: no namespace matches '%s'%s\n", info->prog, names,
			o.filter.region || o.filter.bus ? " with the given filters" : "");
		failed++;
	}
	fprintf(stderr, "checked %d namespace%s\n", checked, checked == 1 ? "" : "s");
	free(t);
	free(names);
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}
