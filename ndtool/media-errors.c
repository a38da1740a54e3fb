// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool inject-error, clear-errors: simulate media errors in a namespace through the
 * platform's error injection, report them, and clear a namespace's known media errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "builtin.h"
#include "json/filter.h"
#include "json/objects.h"
#include "util/json.h"

#define SECTOR 512

static const struct ndt_option inject_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "limit namespace to a bus with an id or provider of <bus-id>" },
	{ 'r', 'r', "region", "<region-id>",
	  "limit namespace to a region with an id or name of <region-id>" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 'B', 'B', "block", "<namespace block offset (512B)>",
	  "specify the block at which to (un)inject the error" },
	{ 'n', 'n', "count", "<count>", "specify the number of blocks of errors to (un)inject" },
	{ 'd', 'd', "uninject", NULL, "un-inject a previously injected error" },
	{ 't', 't', "status", NULL, "get error injection status" },
	{ 'N', 'N', "no-notify", NULL, "firmware should not notify OS" },
	{ 'S', 'S', "saturate", NULL, "inject full sector, not just 'ars_unit' bytes" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 0 },
};

static const struct ndt_option clear_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "limit namespace to a bus with an id or provider of <bus-id>" },
	{ 'r', 'r', "region", "<region-id>",
	  "limit namespace to a region with an id or name of <region-id>" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 's', 's', "scrub", NULL, "run a scrub to find latent errors" },
	{ 0 },
};

const struct ndt_cmd_info inject_error_info = {
	.prog = "ndtool inject-error",
	.usage = "<namespace> [<options>]",
	.opts = inject_options,
};

const struct ndt_cmd_info clear_errors_info = {
	.prog = "ndtool clear-errors",
	.usage = "<namespace> [<options>]",
	.opts = clear_options,
};

struct err_opts {
	const char *prog;
	struct ndt_filter filter;
	bool verbose, uninject, status, no_notify, saturate, human, scrub;
	bool block_set, count_set;
	uint64_t block, count;
};

static int parse_blocks(const char *prog, const char *opt, const char *arg, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(arg, &end, 0);
	if (arg[0] < '0' || arg[0] > '9' || *end || errno) {
		fprintf(stderr, "%s: %s '%s' is not a number of 512-byte blocks\n", prog, opt, arg);
		return -1;
	}
	return 0;
}

static int err_opt(void *priv, int id, const char *arg)
{
	struct err_opts *o = priv;

	switch (id) {
	case 'b': o->filter.bus = arg; return 0;
	case 'r': o->filter.region = arg; return 0;
	case 'v': o->verbose = true; return 0;
	case 'd': o->uninject = true; return 0;
	case 't': o->status = true; return 0;
	case 'N': o->no_notify = true; return 0;
	case 'S': o->saturate = true; return 0;
	case 'u': o->human = true; return 0;
	case 's': o->scrub = true; return 0;
	case 'B':
		o->block_set = true;
		return parse_blocks(o->prog, "--block", arg, &o->block);
	case 'n':
		o->count_set = true;
		return parse_blocks(o->prog, "--count", arg, &o->count);
	}
	return 0;
}

/* The one namespace @name within the -b/-r filters, or NULL (said why). */
static struct ndt_namespace *find_namespace(struct ndt_ctx *ctx, struct err_opts *o,
					    const char *name)
{
	struct ndt_region *region;
	struct ndt_namespace *ns;
	struct ndt_bus *bus;

	o->filter.ns = name;
	ndt_bus_foreach(ctx, bus)
		ndt_region_foreach(bus, region) {
			if (!ndt_filter_region(&o->filter, region))
				continue;
			ndt_namespace_foreach(region, ns)
				if (ndt_filter_namespace(&o->filter, ns))
					return ns;
		}
	fprintf(stderr, "%s: no namespace matches '%s'%s\n", o->prog, name,
		o->filter.bus || o->filter.region ? " within the --bus/--region given" : "");
	return NULL;
}

/* The namespace as ndctl prints it after an injection: one object, with its media errors */
static int print_namespace(struct ndt_namespace *ns, bool human)
{
	struct ndt_json_opts jo = { .human = human, .media_errors = true };
	struct json_object *j = ndt_namespace_to_json(ns, &jo);

	if (!j)
		return NDT_EXIT_FAIL;
	return ndt_json_print(stdout, j) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

static struct json_object *blocks_json(uint64_t v, bool human)
{
	return human ? ndt_json_hex(v, true) : json_object_new_uint64(v);
}

static int by_spa(const void *a, const void *b)
{
	const struct ndt_spa_range *x = a, *y = b;

	return x->spa < y->spa ? -1 : x->spa > y->spa;
}

/*
 * --status: the injected ranges that fall in the namespace's data, in its blocks: each
 * range marks the blocks it touches, and consecutive blocks are one entry (a block is
 * injected as one clear unit at its start unless saturated).
 */
static int inject_status(struct ndt_ctx *ctx, struct err_opts *o, struct ndt_bus *bus,
			 uint64_t base, uint64_t size)
{
	struct json_object *root = NULL, *arr = json_object_new_array();
	struct ndt_spa_range *r = NULL;
	uint64_t first = 0, count = 0;
	int n, i;

	n = ndt_bus_get_injected_errors(bus, &r);
	if (n < 0) {
		json_object_put(arr);
		ndtool_failure(stderr, o->prog, ctx, n, NULL);
		return NDT_EXIT_FAIL;
	}
	if (n > 1)
		qsort(r, (size_t)n, sizeof(*r), by_spa);
	for (i = 0; arr && i <= n; i++) {
		uint64_t start = 0, end = 0, b, c;
		struct json_object *e;

		if (i < n) {
			start = r[i].spa;
			end = r[i].spa + r[i].length;
			if (o->verbose)
				fprintf(stderr, "%s: injected: %#llx, %llu bytes\n", o->prog,
					(unsigned long long)start, (unsigned long long)r[i].length);
			if (end <= base || start >= base + size)
				continue;
			start = start < base ? base : start;
			end = end > base + size ? base + size : end;
			b = (start - base) / SECTOR;
			c = (end - base + SECTOR - 1) / SECTOR - b;
			/* touching or overlapping the entry being built: extend it */
			if (count && b <= first + count) {
				if (b + c > first + count)
					count = b + c - first;
				continue;
			}
		}
		if (count) {
			e = json_object_new_object();
			if (!e || json_object_array_add(arr, e) < 0) {
				json_object_put(e);
				json_object_put(arr);
				arr = NULL;
				break;
			}
			json_object_object_add(e, "block", blocks_json(first, o->human));
			json_object_object_add(e, "count", blocks_json(count, o->human));
		}
		if (i < n) {
			first = b;
			count = c;
		}
	}
	free(r);
	if (arr && json_object_array_length(arr) > 0)
		root = json_object_new_object();
	/* nothing injected there: nothing printed, as ndctl does */
	if (!root) {
		json_object_put(arr);
		return arr ? NDT_EXIT_OK : NDT_EXIT_FAIL;
	}
	json_object_object_add(root, "badblocks", arr);
	return ndt_json_print(stdout, root) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

/*
 * Wait (30 s at the most) for the scrub a notified injection starts: that scrub finds the
 * new errors, and the namespace printed afterwards shows them.
 */
static void wait_for_scrub(struct err_opts *o, struct ndt_bus *bus)
{
	int i, rc;

	/* the scrub starts shortly after the notification */
	for (i = 0; i < 20 && ndt_bus_get_scrub_state(bus) == 0; i++)
		usleep(10000);
	rc = ndt_bus_wait_scrub(bus, 30000);
	if (rc == -ETIMEDOUT)
		fprintf(stderr, "%s: the scrub of %s runs for more than 30 s: the errors show in "
				"badblocks once it is done ('ndtool wait-scrub %s')\n", o->prog,
			ndt_bus_get_devname(bus), ndt_bus_get_devname(bus));
}

static int inject(struct ndt_ctx *ctx, struct err_opts *o, struct ndt_namespace *ns)
{
	struct ndt_bus *bus = ndt_region_get_bus(ndt_namespace_get_region(ns));
	const char *dev = ndt_namespace_get_devname(ns);
	uint64_t base = 0, size = 0, i, per_block = SECTOR;
	uint32_t unit;
	int rc;

	if (!ndt_bus_can_inject_errors(bus)) {
		fprintf(stderr, "%s: %s is on %s (%s), which cannot inject media errors: only "
				"platforms with the ACPI NFIT error injection functions can\n",
			o->prog, dev, ndt_bus_get_devname(bus), ndt_bus_get_provider(bus));
		return NDT_EXIT_FAIL;
	}
	rc = ndt_namespace_get_data_range(ns, &base, &size);
	if (rc < 0 || size == 0) {
		fprintf(stderr, "%s: %s: %s\n", o->prog, dev,
			rc < 0 ? strerror(-rc) : "an idle namespace (size 0) has no blocks");
		return NDT_EXIT_FAIL;
	}
	if (o->status)
		return inject_status(ctx, o, bus, base, size);
	if (o->block >= size / SECTOR || o->count > size / SECTOR - o->block) {
		fprintf(stderr, "%s: blocks %llu to %llu are beyond %s, whose data has %llu "
				"blocks of 512 bytes\n", o->prog, (unsigned long long)o->block,
			(unsigned long long)(o->block + o->count - 1), dev,
			(unsigned long long)(size / SECTOR));
		return NDT_EXIT_USAGE;
	}
	/* without --saturate, one clear unit at the start of each block marks it bad */
	if (!o->saturate && ndt_bus_get_clear_unit(bus, base, size, &unit) == 0 && unit < SECTOR)
		per_block = unit;
	if (o->uninject)
		fprintf(stderr, "Warning: un-injecting errors does not make the kernel forget "
				"its badblocks entries for them: only writing the blocks or "
				"'ndtool clear-errors' does\n");
	/* one range per block, as ndctl injects them, so that either tool un-injects them */
	for (i = 0; i < o->count; i++) {
		uint64_t spa = base + (o->block + i) * SECTOR;

		rc = o->uninject ? ndt_bus_uninject_error(bus, spa, per_block) :
				   ndt_bus_inject_error(bus, spa, per_block, !o->no_notify);
		if (rc < 0) {
			ndtool_failure(stderr, o->prog, ctx, rc, NULL);
			if (i)
				fprintf(stderr, "%s: blocks %llu to %llu were %s before\n", o->prog,
					(unsigned long long)o->block,
					(unsigned long long)(o->block + i - 1),
					o->uninject ? "un-injected" : "injected");
			return NDT_EXIT_FAIL;
		}
	}
	/* the platform's notification starts a scrub, which adds the errors to badblocks */
	if (!o->uninject && !o->no_notify)
		wait_for_scrub(o, bus);
	return print_namespace(ns, o->human);
}

int cmd_inject_error(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct err_opts o = { .prog = inject_error_info.prog };
	struct ndt_namespace *ns;
	int first, ex;

	ndt_filter_init(&o.filter);
	first = ndt_opts_parse(&inject_error_info, argc, argv, err_opt, &o);
	ex = ndtool_opts_exit("inject-error", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc || argc - first > 1 || strcmp(argv[first], "all") == 0) {
		fprintf(stderr, "%s: name one namespace (namespaceX.Y)\n", o.prog);
		ndt_opts_usage(stderr, &inject_error_info);
		return NDT_EXIT_USAGE;
	}
	if (o.status && (o.uninject || o.block_set || o.count_set || o.no_notify || o.saturate)) {
		fprintf(stderr, "%s: --status only reports; it takes none of --block, --count, "
				"--uninject, --no-notify, --saturate\n", o.prog);
		return NDT_EXIT_USAGE;
	}
	if (!o.status && (!o.block_set || !o.count_set || o.count == 0)) {
		fprintf(stderr, "%s: give the first block (--block) and the number of blocks "
				"(--count, at least 1) to %s, or --status\n", o.prog,
			o.uninject ? "un-inject" : "inject");
		return NDT_EXIT_USAGE;
	}
	if (o.uninject && o.no_notify) {
		fprintf(stderr, "%s: --no-notify applies to injecting, not to --uninject\n",
			o.prog);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, o.prog))
		return NDT_EXIT_FAIL;
	ns = find_namespace(ctx, &o, argv[first]);
	if (!ns)
		return NDT_EXIT_FAIL;
	return inject(ctx, &o, ns);
}

/* --scrub, or a scrub that runs already: wait for the buses of the selected regions */
static int scrub_first(struct ndt_ctx *ctx, struct err_opts *o)
{
	struct ndt_region *region;
	struct ndt_bus *bus;

	ndt_bus_foreach(ctx, bus) {
		bool selected = false;
		int rc, state;

		ndt_region_foreach(bus, region)
			selected |= ndt_filter_region(&o->filter, region);
		state = ndt_bus_get_scrub_state(bus);
		if (!selected || state < 0)
			continue;
		if (o->scrub) {
			rc = ndt_bus_start_scrub(bus);
			if (rc < 0) {
				ndtool_failure(stderr, o->prog, ctx, rc, NULL);
				return -1;
			}
		}
		if (!o->scrub && state == 0)
			continue;
		fprintf(stderr, "%s: waiting for the address range scrub of %s\n", o->prog,
			ndt_bus_get_devname(bus));
		rc = ndt_bus_wait_scrub(bus, -1);
		if (rc < 0) {
			ndtool_failure(stderr, o->prog, ctx, rc, NULL);
			return -1;
		}
	}
	return 0;
}

/* Clear one namespace: 0 done (and printed), 1 skipped, -1 failed. */
static int clear_one(struct ndt_ctx *ctx, const struct err_opts *o, struct ndt_namespace *ns)
{
	uint64_t cleared = 0;
	int rc;

	if (ndt_namespace_get_mode(ns) == NDT_NS_MODE_SECTOR) {
		fprintf(stderr, "%s: %s is in sector mode: skipped (write its sectors through its "
				"block device to clear them)\n", o->prog,
			ndt_namespace_get_devname(ns));
		return 1;
	}
	rc = ndt_namespace_clear_errors(ns, &cleared);
	if (rc < 0) {
		ndtool_failure(stderr, o->prog, ctx, rc, NULL);
		return -1;
	}
	if (o->verbose)
		fprintf(stderr, "%s: %s: cleared %llu bytes\n", o->prog,
			ndt_namespace_get_devname(ns), (unsigned long long)cleared);
	return print_namespace(ns, false) == NDT_EXIT_OK ? 0 : -1;
}

int cmd_clear_errors(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct err_opts o = { .prog = clear_errors_info.prog };
	struct ndtool_ns_target *t = NULL;
	char *names;
	bool all = false;
	int first, ex, i, n, rc, done = 0, failed = 0;

	ndt_filter_init(&o.filter);
	first = ndt_opts_parse(&clear_errors_info, argc, argv, err_opt, &o);
	ex = ndtool_opts_exit("clear-errors", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc) {
		fprintf(stderr, "%s: name a namespace (namespaceX.Y) or 'all'\n", o.prog);
		ndt_opts_usage(stderr, &clear_errors_info);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, o.prog))
		return NDT_EXIT_FAIL;
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names && !all)
		return NDT_EXIT_FAIL;
	o.filter.ns = names;
	if (scrub_first(ctx, &o) < 0) {
		free(names);
		return NDT_EXIT_FAIL;
	}
	/* "all" passes over idle seeds */
	n = ndtool_ns_collect(ctx, &o.filter, all, &t);
	free(names);
	if (n < 0)
		return NDT_EXIT_FAIL;
	for (i = 0; i < n; i++) {
		struct ndt_namespace *ns = ndtool_ns_lookup(&t[i]);

		rc = ns ? clear_one(ctx, &o, ns) : -1;
		done += rc == 0;
		/* a sector namespace named is a failure; with "all" only a note */
		failed += rc < 0 || (rc == 1 && !all);
	}
	free(t);
	if (!n && !all) {
		fprintf(stderr, "%s: no namespace matches '%s'\n", o.prog, argv[first]);
		return NDT_EXIT_FAIL;
	}
	fprintf(stderr, "cleared %d namespace%s\n", done, done == 1 ? "" : "s");
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}
