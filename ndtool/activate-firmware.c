// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool activate-firmware: activate the firmware staged on the armed DIMMs of buses (all
 * that can when none is named), live or within a quiesce of the system, then print the
 * buses with their DIMMs' firmware as ndctl does. Says first what the activation stops.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "json/filter.h"
#include "json/objects.h"
#include "util/json.h"

#define PROG "ndtool activate-firmware"

enum { OPT_NO_IDLE = 256 };

static const struct ndt_option activate_options[] = {
	{ 'v', 'v', "verbose", NULL, "turn on debug" },
	{ 'I', 'I', "idle", NULL, "allow platform-injected idle over activate (default)" },
	{ OPT_NO_IDLE, 0, "no-idle", NULL, "trust the OS to have idled devices" },
	{ 'f', 'f', "force", NULL, "try to force live activation" },
	{ 'n', 'n', "dry-run", NULL, "perform all setup/validation steps, skip the activate" },
	{ 0 },
};

const struct ndt_cmd_info activate_firmware_info = {
	.prog = PROG,
	.usage = "[<bus-id> <bus-id2> ... <bus-idN>] [<options>]",
	.opts = activate_options,
};

struct activate_opts {
	bool verbose, no_idle, force, dry_run;
};

static int activate_opt(void *priv, int id, const char *arg)
{
	struct activate_opts *o = priv;

	(void)arg;
	switch (id) {
	case 'v': o->verbose = true; break;
	case 'I': o->no_idle = false; break;
	case OPT_NO_IDLE: o->no_idle = true; break;
	case 'f': o->force = true; break;
	case 'n': o->dry_run = true; break;
	}
	return 0;
}

/* The bus with its DIMMs and their firmware, in ndctl's -BDFu shape. */
static struct json_object *bus_json(struct ndt_bus *bus)
{
	struct ndt_json_opts jo = { .firmware = true, .human = true };
	struct json_object *j = ndt_bus_to_json(bus, &jo), *dimms = json_object_new_array();
	struct ndt_dimm *d;

	if (!j || !dimms)
		goto fail;
	ndt_dimm_foreach(bus, d) {
		struct json_object *jd = ndt_dimm_to_json(d, &jo);

		if (!jd || json_object_array_add(dimms, jd) < 0) {
			json_object_put(jd);
			goto fail;
		}
	}
	if (json_object_object_add(j, "dimms", dimms) < 0)
		goto fail;
	return j;
fail:
	json_object_put(dimms);
	json_object_put(j);
	return NULL;
}

static bool any_updatable(struct ndt_bus *bus)
{
	struct ndt_dimm *d;

	ndt_dimm_foreach(bus, d)
		if (ndt_dimm_fw_update_supported(d))
			return true;
	return false;
}

/* "nmem1 nmem3": the armed DIMMs of @bus, or "none" */
static void armed_dimms(struct ndt_bus *bus, char *buf, size_t len)
{
	struct ndt_dimm *d;
	char state[32];
	size_t off = 0;

	buf[0] = '\0';
	ndt_dimm_foreach(bus, d) {
		if (ndt_dimm_get_fw_activate_state(d, state, sizeof(state)) < 0 ||
		    strcmp(state, "armed") != 0)
			continue;
		off += (size_t)snprintf(buf + off, off < len ? len - off : 0, "%s%s",
					off ? ", " : "", ndt_dimm_get_devname(d));
		if (off >= len)
			break;
	}
	if (!buf[0])
		snprintf(buf, len, "none");
}

/* Say what the activation stops, before it runs. */
static void announce(struct ndt_bus *bus, const char *method, bool live, bool dry_run)
{
	char armed[256];

	armed_dimms(bus, armed, sizeof(armed));
	fprintf(stderr, "%s: %s (%s): %s firmware of the armed DIMMs (%s) ", PROG,
		ndt_bus_get_devname(bus), ndt_bus_get_provider(bus),
		dry_run ? "would activate the" : "activating the", armed);
	if (!live)
		fprintf(stderr, "within a quiesce of the whole system: processes are frozen and "
				"devices suspended, then resumed\n");
	else if (strcmp(method, "live") == 0)
		fprintf(stderr, "live, while the system runs\n");
	else
		fprintf(stderr, "live, without the quiesce the platform asks for (--force): "
				"memory traffic races the platform's own quiesce of the memory "
				"controller\n");
}

/* One bus: 0 done (or nothing to do when not named), -1 after saying why. */
static int activate_bus(struct ndt_ctx *ctx, const struct activate_opts *o,
			struct ndt_bus *bus, bool named)
{
	const char *dev = ndt_bus_get_devname(bus), *prov = ndt_bus_get_provider(bus);
	char method[32], state[32];
	bool old_noidle = false, live;
	int rc, rc2;

	if (!any_updatable(bus)) {
		fprintf(stderr, "%s: %s: has no devices that support firmware update.\n", prov,
			dev);
		return named ? -1 : 1;
	}
	rc = ndt_bus_get_fw_activate(bus, method, sizeof(method), state, sizeof(state));
	if (rc < 0) {
		fprintf(stderr, "%s: %s (%s) cannot activate firmware at run time (activate_method "
				"reset): staged firmware becomes active at the next power cycle\n",
			PROG, dev, prov);
		return named ? -1 : 1;
	}
	live = strcmp(method, "live") == 0 || o->force;
	if (o->no_idle) {
		rc = ndt_bus_get_fw_activate_noidle(bus, &old_noidle);
		if (rc == 0)
			rc = ndt_bus_set_fw_activate_noidle(bus, true);
		if (rc < 0) {
			ndtool_failure(stderr, PROG, ctx, rc, NULL);
			return -1;
		}
	}
	announce(bus, method, live, o->dry_run);
	rc = o->dry_run ? 0 : ndt_bus_fw_activate(bus, live);
	if (rc < 0)
		ndtool_failure(stderr, PROG, ctx, rc, NULL);
	/* the override lasts for this command only */
	if (o->no_idle && !old_noidle) {
		rc2 = ndt_bus_set_fw_activate_noidle(bus, false);
		if (rc2 < 0) {
			ndtool_failure(stderr, PROG, ctx, rc2, NULL);
			fprintf(stderr, "%s: %s: the platform's idling of devices stays off\n",
				PROG, dev);
			rc = rc < 0 ? rc : rc2;
		}
	}
	return rc < 0 ? -1 : 0;
}

int cmd_activate_firmware(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct activate_opts o = { 0 };
	struct json_object *arr;
	struct ndt_filter f;
	struct ndt_bus *bus;
	char *names = NULL;
	bool all = false, failed = false;
	int first, ex;

	first = ndt_opts_parse(&activate_firmware_info, argc, argv, activate_opt, &o);
	ex = ndtool_opts_exit("activate-firmware", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (ndtool_no_bus(ctx, PROG))
		return NDT_EXIT_FAIL;
	ndt_filter_init(&f);
	if (first < argc) {
		names = ndt_filter_join(argc, argv, first, &all);
		if (!names && !all) {
			fprintf(stderr, "%s: out of memory\n", PROG);
			return NDT_EXIT_FAIL;
		}
		f.bus = names;
	}
	for (int i = first; names && i < argc; i++) {
		bool found = false;

		ndt_bus_foreach(ctx, bus)
			found |= ndt_bus_matches(bus, argv[i]);
		if (!found) {
			fprintf(stderr, "%s: no bus matches '%s' (a bus is named ndbusN, N or by "
					"its provider, as 'ndtool list -B' shows); nothing was "
					"changed\n", PROG, argv[i]);
			free(names);
			return NDT_EXIT_FAIL;
		}
	}
	arr = json_object_new_array();
	ndt_bus_foreach(ctx, bus) {
		struct json_object *j;
		int rc;

		if (!arr)
			break;
		if (!ndt_filter_bus(&f, bus))
			continue;
		rc = activate_bus(ctx, &o, bus, names != NULL);
		if (rc < 0)
			failed = true;
		if (rc != 0)
			continue;
		j = bus_json(bus);
		if (!j || json_object_array_add(arr, j) < 0) {
			json_object_put(j);
			failed = true;
		}
	}
	free(names);
	if (!arr) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		return NDT_EXIT_FAIL;
	}
	if (json_object_array_length(arr) == 0)
		json_object_put(arr);
	else if (ndt_json_print(stdout, arr) < 0)
		failed = true;
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}
