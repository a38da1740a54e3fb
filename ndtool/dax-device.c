// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool dax create-device, destroy-device, enable-device, disable-device: daxctl's
 * command lines. The counts on stderr say what happened ("disabled 0 devices" when the
 * device was disabled already), not what was attempted.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "json/filter.h"
#include "util/json.h"
#include "util/size.h"
#include "json/objects.h"

enum { OPT_INPUT = 256, OPT_NO_MOVABLE };

struct dax_dev_opts {
	const char *prog;
	const char *region;
	bool human, verbose, force;
	/* create-device */
	uint64_t size, align;
	bool size_set, align_set;
	const char *input, *mode;
	bool no_online, no_movable, check_config;
};

#define DAX_BASE_OPTIONS                                                                      \
	{ 'r', 'r', "region", "<region-id>", "limit to a dax region with this id (0, region0)" }, \
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },                       \
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" }

static const struct ndt_option create_options[] = {
	DAX_BASE_OPTIONS,
	{ 's', 's', "size", "<size>", "device size, K/M/G/T suffixes (default: all available)" },
	{ 'a', 'a', "align", "<align>", "mapping alignment: 4K, 2M or 1G (default: the region's)" },
	{ OPT_INPUT, 0, "input", "<input>", "a device's JSON (one object, as dax list prints it)" },
	{ 'm', 'm', "mode", "<mode>", "'devdax' (the only mode a new device can have)" },
	{ 'N', 'N', "no-online", NULL, "system-ram only: accepted, see reconfigure-device" },
	{ 'f', 'f', "force", NULL, "system-ram only: accepted, see reconfigure-device" },
	{ 'C', 'C', "check-config", NULL, "reconfigure-device only: refused here" },
	{ OPT_NO_MOVABLE, 0, "no-movable", NULL, "system-ram only: see reconfigure-device" },
	{ 0 },
};

static const struct ndt_option destroy_options[] = {
	DAX_BASE_OPTIONS,
	{ 'f', 'f', "force", NULL, "disable an enabled device first (never one in use)" },
	{ 0 },
};

static const struct ndt_option xable_options[] = {
	DAX_BASE_OPTIONS,
	{ 0 },
};

const struct ndt_cmd_info dax_create_device_info = {
	"ndtool dax create-device", "[<options>]", create_options,
};
const struct ndt_cmd_info dax_destroy_device_info = {
	"ndtool dax destroy-device", "<device>... | all [<options>]", destroy_options,
};
const struct ndt_cmd_info dax_enable_device_info = {
	"ndtool dax enable-device", "<device>... | all [<options>]", xable_options,
};
const struct ndt_cmd_info dax_disable_device_info = {
	"ndtool dax disable-device", "<device>... | all [<options>]", xable_options,
};

static int parse_size_opt(const char *prog, const char *what, const char *arg, uint64_t *v)
{
	if (ndt_parse_size(arg, v) == 0)
		return 0;
	fprintf(stderr, "%s: '%s' is not %s (a number with an optional K, M, G or T)\n", prog,
		arg, what);
	return -1;
}

static int dax_dev_opt(void *priv, int id, const char *arg)
{
	struct dax_dev_opts *o = priv;
	const char *prog = o->prog;

	switch (id) {
	case 'r':
		if (!ndt_dax_region_word_valid(arg)) {
			fprintf(stderr, "%s: '%s' is not a dax region (an id like 0, region0, or "
					"all)\n", prog, arg);
			return -1;
		}
		o->region = arg;
		break;
	case 'u': o->human = true; break;
	case 'v': o->verbose = true; break;
	case 'f': o->force = true; break;
	case 's':
		o->size_set = true;
		return parse_size_opt(prog, "a size", arg, &o->size);
	case 'a':
		o->align_set = true;
		return parse_size_opt(prog, "an alignment", arg, &o->align);
	case OPT_INPUT: o->input = arg; break;
	case 'm':
		if (strcmp(arg, "devdax") && strcmp(arg, "system-ram")) {
			fprintf(stderr, "%s: unknown mode '%s' (devdax, system-ram)\n", prog, arg);
			return -1;
		}
		o->mode = arg;
		break;
	case 'N': o->no_online = true; break;
	case 'C': o->check_config = true; break;
	case OPT_NO_MOVABLE: o->no_movable = true; break;
	}
	return 0;
}

/* Parse the options; -1 to go on, else the exit code. */
static int parse(const struct ndt_cmd_info *info, const char *cmd, int argc, char **argv,
		 struct dax_dev_opts *o, int *first, struct ndt_ctx *ctx)
{
	int ex;

	memset(o, 0, sizeof(*o));
	o->prog = info->prog;
	*first = ndt_opts_parse(info, argc, argv, dax_dev_opt, o);
	ex = ndtool_opts_exit(cmd, *first);
	if (ex >= 0)
		return ex;
	if (o->verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	return -1;
}

static void print_count(const char *verb, int n)
{
	fprintf(stderr, "%s %d device%s\n", verb, n, n == 1 ? "" : "s");
}

/* ---- create-device ---- */

static int input_u64(const char *prog, struct json_object *obj, const char *key, uint64_t *v,
		     bool *set)
{
	struct json_object *val;

	if (!json_object_object_get_ex(obj, key, &val))
		return 0;
	if (json_object_is_type(val, json_type_int) && json_object_get_int64(val) >= 0) {
		*v = json_object_get_uint64(val);
	} else if (!json_object_is_type(val, json_type_string) ||
		   ndt_parse_size(json_object_get_string(val), v) < 0) {
		fprintf(stderr, "%s: the input's \"%s\" is not a size in bytes\n", prog, key);
		return -1;
	}
	*set = true;
	return 0;
}

/* Size, alignment and mode from --input; the command line's -s -a -m win. */
static int read_input(const char *prog, struct dax_dev_opts *o)
{
	struct json_object *obj = json_object_from_file(o->input), *mode;
	uint64_t size = 0, align = 0;
	bool size_set = false, align_set = false;
	int rc = -1;

	if (!obj) {
		fprintf(stderr, "%s: cannot read a JSON document from %s: %s\n", prog, o->input,
			json_util_get_last_err());
		return -1;
	}
	if (!json_object_is_type(obj, json_type_object)) {
		fprintf(stderr, "%s: %s must hold one device object as 'ndtool dax list' prints "
				"it (not an array)\n", prog, o->input);
		goto out;
	}
	if (input_u64(prog, obj, "size", &size, &size_set) < 0 ||
	    input_u64(prog, obj, "align", &align, &align_set) < 0)
		goto out;
	if (!o->size_set && size_set) {
		o->size = size;
		o->size_set = true;
	}
	if (!o->align_set && align_set) {
		o->align = align;
		o->align_set = true;
	}
	if (!o->mode && json_object_object_get_ex(obj, "mode", &mode)) {
		const char *m = json_object_get_string(mode);

		if (!m || (strcmp(m, "devdax") && strcmp(m, "system-ram"))) {
			fprintf(stderr, "%s: the input's \"mode\" is not devdax or system-ram\n",
				prog);
			goto out;
		}
		o->mode = strcmp(m, "devdax") == 0 ? "devdax" : "system-ram";
	}
	rc = 0;
out:
	json_object_put(obj);
	return rc;
}

/* The region to create in: the first dynamic one -r selects. */
static struct ndt_dax_region *create_region(const char *prog, struct ndt_ctx *ctx,
					    const char *filter)
{
	struct ndt_dax_region *region, *static_one = NULL;

	ndt_dax_region_foreach(ctx, region) {
		if (!ndt_filter_dax_region(filter, region))
			continue;
		if (ndt_dax_region_is_dynamic(region))
			return region;
		if (!static_one)
			static_one = region;
	}
	if (static_one)
		fprintf(stderr, "%s: dax region%u is static: its one device comes from a devdax "
				"namespace and is resized with 'ndtool create-namespace -f -e "
				"<namespace> -m devdax -s <size>'; devices are created in dynamic "
				"regions (soft-reserved memory, CXL)\n", prog,
			ndt_dax_region_get_id(static_one));
	else if (filter && strcmp(filter, "all"))
		fprintf(stderr, "%s: no dax region matches '%s' ('ndtool dax list -R' lists "
				"them)\n", prog, filter);
	else
		fprintf(stderr, "%s: this system has no dax region (a soft-reserved memory "
				"range gives one through dax_hmem: 'modprobe dax_hmem')\n", prog);
	return NULL;
}

int cmd_dax_create_device(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = &dax_create_device_info;
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_DAX_CREATE };
	struct ndt_json_opts jo = { .dax_path = true };
	struct ndt_dax_region *region;
	struct ndt_dax_dev *dev;
	struct dax_dev_opts o;
	struct json_object *arr;
	int first, rc;

	rc = parse(info, "dax-create-device", argc, argv, &o, &first, ctx);
	if (rc >= 0)
		return rc;
	if (first < argc) {
		fprintf(stderr, "%s: unexpected argument '%s' (the region is chosen with -r)\n",
			info->prog, argv[first]);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (o.check_config) {
		fprintf(stderr, "%s: --check-config applies to 'ndtool dax reconfigure-device' "
				"only\n", info->prog);
		return NDT_EXIT_USAGE;
	}
	if (o.input && read_input(info->prog, &o) < 0)
		return NDT_EXIT_USAGE;
	if (o.mode && strcmp(o.mode, "devdax")) {
		fprintf(stderr, "%s: a new device is created in devdax mode; to use it as system "
				"RAM, then run 'ndtool dax reconfigure-device -m system-ram "
				"<device>'\n", info->prog);
		return NDT_EXIT_USAGE;
	}
	if (o.size_set && o.size == 0) {
		fprintf(stderr, "%s: a size of 0 makes no device (leave -s out for all the "
				"available capacity)\n", info->prog);
		return NDT_EXIT_USAGE;
	}
	region = create_region(info->prog, ctx, o.region);
	if (!region) {
		print_count("created", 0);
		return NDT_EXIT_FAIL;
	}
	fc.size = o.size;
	fc.align = o.align;
	rc = ndt_dax_region_create_dev(region, o.size, o.align, &dev);
	if (rc < 0) {
		ndtool_failure(stderr, info->prog, ctx, rc, &fc);
		print_count("created", 0);
		return NDT_EXIT_FAIL;
	}
	print_count("created", 1);
	jo.human = o.human;
	arr = json_object_new_array();
	if (!arr || json_object_array_add(arr, ndt_dax_dev_to_json(dev, &jo)) < 0) {
		json_object_put(arr);
		return NDT_EXIT_FAIL;
	}
	return ndt_json_print_list(stdout, arr, o.human) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

/* ---- destroy-device, enable-device, disable-device ---- */

enum dax_action { DAX_DESTROY, DAX_ENABLE, DAX_DISABLE };

static const char *const action_cmd[] = { "dax-destroy-device", "dax-enable-device",
					  "dax-disable-device" };
static const char *const action_done[] = { "destroyed", "enabled", "disabled" };

static bool word_selects(const char *words, struct ndt_dax_dev *dev)
{
	char *copy, *tok, *save;
	bool hit = false;

	if (!words)
		return true;
	copy = strdup(words);
	if (!copy)
		return false;
	for (tok = strtok_r(copy, " ", &save); tok && !hit; tok = strtok_r(NULL, " ", &save))
		hit = ndt_filter_dax_dev(tok, dev);
	free(copy);
	return hit;
}

static bool is_idle(struct ndt_dax_dev *dev)
{
	uint64_t size = 1;

	return !ndt_dax_dev_is_enabled(dev) && ndt_dax_dev_get_size(dev, &size) == 0 && !size;
}

/*
 * One device. Returns 1 when its state changed, 0 when there was nothing to do, -1 on a
 * failure (reported).
 */
static int act(enum dax_action action, const struct ndt_cmd_info *info, struct ndt_dax_dev *dev,
	       bool named, struct dax_dev_opts *o, struct ndt_ctx *ctx)
{
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_DAX };
	const char *name = ndt_dax_dev_get_devname(dev);
	int rc;

	switch (action) {
	case DAX_ENABLE:
		if (ndt_dax_dev_is_enabled(dev))
			return 0;
		/* "all" passes over seeds (size 0): they have nothing to enable */
		if (!named && is_idle(dev))
			return 0;
		rc = ndt_dax_dev_enable(dev);
		break;
	case DAX_DISABLE:
		if (!ndt_dax_dev_is_enabled(dev))
			return 0;
		rc = ndt_dax_dev_disable(dev);
		break;
	default:
		fc.op = NDTOOL_OP_DESTROY;
		/*
		 * Device 0 of a region stays, idle, once destroyed: nothing more to do. Other
		 * idle devices (seeds, or left over by failed creates) are deleted.
		 */
		if (is_idle(dev) && strcmp(strchr(name, '.'), ".0") == 0)
			return 0;
		rc = ndt_dax_dev_destroy(dev, o->force);
		break;
	}
	if (rc < 0) {
		ndtool_failure(stderr, info->prog, ctx, rc, &fc);
		return -1;
	}
	return 1;
}

/* The device named @name, looked up afresh (destroying one refreshes its region). */
static struct ndt_dax_dev *find_dev(struct ndt_ctx *ctx, const char *name)
{
	struct ndt_dax_region *region;
	struct ndt_dax_dev *dev;

	ndt_dax_region_foreach(ctx, region)
		ndt_dax_dev_foreach(region, dev)
			if (strcmp(ndt_dax_dev_get_devname(dev), name) == 0)
				return dev;
	return NULL;
}

static int dax_action(enum dax_action action, const struct ndt_cmd_info *info, int argc,
		      char **argv, struct ndt_ctx *ctx)
{
	struct ndt_dax_region *region;
	struct ndt_dax_dev *dev;
	struct dax_dev_opts o;
	char *words, **names = NULL;
	size_t n = 0, i;
	int first, rc, done = 0, failed = 0;
	bool all;

	rc = parse(info, action_cmd[action], argc, argv, &o, &first, ctx);
	if (rc >= 0)
		return rc;
	if (first == argc) {
		fprintf(stderr, "%s: name the devices (dax0.1) or 'all'\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	words = ndt_filter_join(argc, argv, first, &all);
	if (!words && !all)
		return NDT_EXIT_FAIL;
	/* the names first: destroying a device changes its region's list */
	ndt_dax_region_foreach(ctx, region) {
		if (!ndt_filter_dax_region(o.region, region))
			continue;
		ndt_dax_dev_foreach(region, dev) {
			char **grown;

			if (!word_selects(words, dev))
				continue;
			grown = realloc(names, (n + 1) * sizeof(*names));
			if (!grown || !(grown[n] = strdup(ndt_dax_dev_get_devname(dev)))) {
				names = grown ? grown : names;
				fprintf(stderr, "%s: out of memory\n", info->prog);
				failed++;
				goto out;
			}
			names = grown;
			n++;
		}
	}
	if (words && !n) {
		fprintf(stderr, "%s: no dax device matches '%s'%s%s ('ndtool dax list -i' lists "
				"them)\n", info->prog, words, o.region ? " in region " : "",
			o.region ? o.region : "");
		failed++;
	}
	for (i = 0; i < n; i++) {
		dev = find_dev(ctx, names[i]);
		if (!dev)
			continue;
		rc = act(action, info, dev, words != NULL, &o, ctx);
		if (rc < 0)
			failed++;
		else
			done += rc;
	}
out:
	print_count(action_done[action], done);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(words);
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_dax_destroy_device(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dax_action(DAX_DESTROY, &dax_destroy_device_info, argc, argv, ctx);
}

int cmd_dax_enable_device(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dax_action(DAX_ENABLE, &dax_enable_device_info, argc, argv, ctx);
}

int cmd_dax_disable_device(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dax_action(DAX_DISABLE, &dax_disable_device_info, argc, argv, ctx);
}
