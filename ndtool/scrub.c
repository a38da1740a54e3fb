// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool start-scrub, wait-scrub: address range scrub (ARS) of the buses named (all that
 * support it when none is), then the buses as JSON, as ndctl prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "builtin.h"
#include "json/filter.h"
#include "json/objects.h"
#include "util/json.h"

static const struct ndt_option start_options[] = {
	{ 'v', 'v', "verbose", NULL, "turn on debug" },
	{ 0 },
};

static const struct ndt_option wait_options[] = {
	{ 'v', 'v', "verbose", NULL, "turn on debug" },
	{ 'p', 'p', "poll", "<n>", "poll interval (seconds)" },
	{ 0 },
};

const struct ndt_cmd_info start_scrub_info = {
	.prog = "ndtool start-scrub",
	.usage = "[<bus-id> <bus-id2> ... <bus-idN>] [<options>]",
	.opts = start_options,
};

const struct ndt_cmd_info wait_scrub_info = {
	.prog = "ndtool wait-scrub",
	.usage = "[<bus-id> <bus-id2> ... <bus-idN>] [<options>]",
	.opts = wait_options,
};

struct scrub_opts {
	bool verbose;
	long poll;	/* seconds, 0: the kernel's notification */
};

static int scrub_opt(void *priv, int id, const char *arg)
{
	struct scrub_opts *o = priv;
	char *end;

	switch (id) {
	case 'v':
		o->verbose = true;
		return 0;
	case 'p':
		errno = 0;
		o->poll = strtol(arg, &end, 10);
		if (end == arg || *end || errno || o->poll < 1 || o->poll > 3600) {
			fprintf(stderr, "ndtool wait-scrub: --poll '%s' is not a number of seconds "
					"from 1 to 3600\n", arg);
			return -1;
		}
		return 0;
	}
	return 0;
}

/* "waiting for the scrub of ndbus0 (nfit_test.0): 12 s", redrawn on a terminal */
static void progress(struct ndt_bus *bus, long secs, bool done)
{
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\rwaiting for the scrub of %s (%s): %ld s%s", ndt_bus_get_devname(bus),
		ndt_bus_get_provider(bus), secs, done ? "\n" : "");
	fflush(stderr);
}

static int wait_bus(struct ndt_ctx *ctx, const char *prog, struct ndt_bus *bus, long poll)
{
	time_t start = time(NULL);
	bool shown = false;
	int rc;

	for (;;) {
		rc = ndt_bus_wait_scrub(bus, (int)(poll ? poll : 1) * 1000);
		if (rc != -ETIMEDOUT)
			break;
		progress(bus, (long)(time(NULL) - start), false);
		shown = true;
	}
	if (shown)
		progress(bus, (long)(time(NULL) - start), true);
	if (rc < 0)
		ndtool_failure(stderr, prog, ctx, rc, NULL);
	return rc;
}

static int scrub(int argc, char **argv, struct ndt_ctx *ctx, bool start)
{
	const struct ndt_cmd_info *info = start ? &start_scrub_info : &wait_scrub_info;
	const char *prog = info->prog;
	struct scrub_opts o = { 0 };
	struct json_object *arr;
	struct ndt_filter f;
	struct ndt_bus *bus;
	char *names = NULL;
	bool all = false, named, failed = false;
	int first, ex, nr = 0;

	first = ndt_opts_parse(info, argc, argv, scrub_opt, &o);
	ex = ndtool_opts_exit(start ? "start-scrub" : "wait-scrub", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (ndtool_no_bus(ctx, prog))
		return NDT_EXIT_FAIL;
	ndt_filter_init(&f);
	if (first < argc) {
		names = ndt_filter_join(argc, argv, first, &all);
		if (!names && !all) {
			fprintf(stderr, "%s: out of memory\n", prog);
			return NDT_EXIT_FAIL;
		}
		f.bus = names;
	}
	/* buses named on the command line must support scrub; others are left out */
	named = names != NULL;
	for (int i = first; names && i < argc; i++) {
		bool found = false;

		ndt_bus_foreach(ctx, bus)
			found |= ndt_bus_matches(bus, argv[i]);
		if (!found) {
			fprintf(stderr, "%s: no bus matches '%s' (a bus is named ndbusN, N or by "
					"its provider, as 'ndtool list -B' shows)\n", prog, argv[i]);
			free(names);
			return NDT_EXIT_FAIL;
		}
	}
	arr = json_object_new_array();
	if (!arr) {
		free(names);
		return NDT_EXIT_FAIL;
	}
	ndt_bus_foreach(ctx, bus) {
		struct ndt_json_opts jo = { .firmware = true };
		struct json_object *j;
		int rc;

		if (!ndt_filter_bus(&f, bus))
			continue;
		if (ndt_bus_get_scrub_state(bus) == -ENOENT) {
			if (named)
				fprintf(stderr, "%s: %s (%s) does not support address range scrub\n",
					prog, ndt_bus_get_devname(bus), ndt_bus_get_provider(bus));
			failed |= named;
			continue;
		}
		nr++;
		rc = start ? ndt_bus_start_scrub(bus) : wait_bus(ctx, prog, bus, o.poll);
		if (rc < 0) {
			if (start)
				ndtool_failure(stderr, prog, ctx, rc, NULL);
			failed = true;
			continue;
		}
		j = ndt_bus_to_json(bus, &jo);
		if (!j || json_object_array_add(arr, j) < 0) {
			json_object_put(j);
			failed = true;
		}
	}
	free(names);
	if (nr == 0 && !failed) {
		fprintf(stderr, "%s: no bus %ssupports address range scrub (only ACPI NFIT buses "
				"do: 'ndtool list -B' shows each bus's scrub_state)\n", prog,
			named ? "named " : "");
		failed = true;
	}
	/* always an array, as ndctl prints it; nothing when no bus was scrubbed */
	if (json_object_array_length(arr) == 0)
		json_object_put(arr);
	else if (ndt_json_print(stdout, arr) < 0)
		failed = true;
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_start_scrub(int argc, char **argv, struct ndt_ctx *ctx)
{
	return scrub(argc, argv, ctx, true);
}

int cmd_wait_scrub(int argc, char **argv, struct ndt_ctx *ctx)
{
	return scrub(argc, argv, ctx, false);
}
