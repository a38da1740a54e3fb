// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool dax reconfigure-device, online-memory, offline-memory: a device-dax device's
 * mode (devdax or system-ram), size and alignment, and the memory blocks of a
 * system-ram device. The counts printed ("reconfigured N devices") are of the devices
 * that changed; a device already as asked is reported as such and is no failure.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "builtin.h"
#include "json/objects.h"
#include "util/json.h"
#include "util/conf.h"
#include "util/size.h"

#define DAX_CONF_DIR "/etc/daxctl.conf.d"

enum { OPT_INPUT = 256, OPT_NO_MOVABLE };

enum dax_cmd { CMD_RECONFIGURE, CMD_ONLINE, CMD_OFFLINE };

struct dax_opts {
	enum dax_cmd cmd;
	const char *prog;
	const char *region;
	const char *input;
	bool human, verbose, no_online, no_movable, force, check_config;
	bool size_set, align_set;
	uint64_t size, align;
	int mode;		/* enum ndt_dax_mode, -1: none asked */
};

static const struct ndt_option reconfigure_options[] = {
	{ 'r', 'r', "region", "<region-id>", "filter by region" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 'v', 'v', "verbose", NULL, "emit more debug messages" },
	{ 's', 's', "size", "<size>", "size to switch the device to" },
	{ 'a', 'a', "align", "<align>", "alignment to switch the device to" },
	{ OPT_INPUT, 0, "input", "<input>", "input device JSON file" },
	{ 'm', 'm', "mode", "<mode>", "mode to switch the device to: system-ram or devdax" },
	{ 'N', 'N', "no-online", NULL, "leave the memory offline (system-ram)" },
	{ 'f', 'f', "force", NULL, "offline online memory before going back to devdax" },
	{ 'C', 'C', "check-config", NULL, "take the parameters from " DAX_CONF_DIR "/*.conf" },
	{ OPT_NO_MOVABLE, 0, "no-movable", NULL, "online memory in ZONE_NORMAL" },
	{ 0 },
};

static const struct ndt_option online_options[] = {
	{ 'r', 'r', "region", "<region-id>", "filter by region" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 'v', 'v', "verbose", NULL, "emit more debug messages" },
	{ OPT_NO_MOVABLE, 0, "no-movable", NULL, "online memory in ZONE_NORMAL" },
	{ 0 },
};

static const struct ndt_option offline_options[] = {
	{ 'r', 'r', "region", "<region-id>", "filter by region" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 'v', 'v', "verbose", NULL, "emit more debug messages" },
	{ 0 },
};

const struct ndt_cmd_info dax_reconfigure_info = {
	"ndtool dax reconfigure-device", "<device> | all [<options>]", reconfigure_options,
};
const struct ndt_cmd_info dax_online_info = {
	"ndtool dax online-memory", "<device> | all [<options>]", online_options,
};
const struct ndt_cmd_info dax_offline_info = {
	"ndtool dax offline-memory", "<device> | all [<options>]", offline_options,
};

static int parse_mode(const char *s)
{
	if (strcmp(s, "system-ram") == 0 || strcmp(s, "system_ram") == 0)
		return NDT_DAX_MODE_SYSTEM_RAM;
	if (strcmp(s, "devdax") == 0)
		return NDT_DAX_MODE_DEVDAX;
	return -1;
}

static int dax_opt(void *priv, int id, const char *arg)
{
	struct dax_opts *o = priv;

	switch (id) {
	case 'r': o->region = arg; break;
	case 'u': o->human = true; break;
	case 'v': o->verbose = true; break;
	case 'N': o->no_online = true; break;
	case 'f': o->force = true; break;
	case 'C': o->check_config = true; break;
	case OPT_NO_MOVABLE: o->no_movable = true; break;
	case OPT_INPUT: o->input = arg; break;
	case 'm':
		o->mode = parse_mode(arg);
		if (o->mode < 0) {
			fprintf(stderr, "%s: unknown mode '%s' (system-ram, devdax)\n", o->prog, arg);
			return -1;
		}
		break;
	case 's':
	case 'a':
		if (ndt_parse_size(arg, id == 's' ? &o->size : &o->align) < 0) {
			fprintf(stderr, "%s: invalid %s '%s' (a number with an optional K, M, G "
					"or T suffix)\n", o->prog, id == 's' ? "size" : "alignment", arg);
			return -1;
		}
		if (id == 's')
			o->size_set = true;
		else
			o->align_set = true;
		break;
	}
	return 0;
}

/* Whether @dev is among the devices named by @name ("daxR.N", "R.N" or "all"). */
static bool name_matches(struct ndt_dax_dev *dev, const char *name)
{
	const char *devname = ndt_dax_dev_get_devname(dev);

	if (strcmp(name, "all") == 0 || strcmp(name, devname) == 0)
		return true;
	if (strncmp(name, "/dev/", 5) == 0 && strcmp(name + 5, devname) == 0)
		return true;
	return strcmp(name, devname + 3) == 0;
}

static bool region_matches(struct ndt_dax_region *region, const char *filter)
{
	char buf[32];

	if (!filter || strcmp(filter, "all") == 0)
		return true;
	snprintf(buf, sizeof(buf), "%u", ndt_dax_region_get_id(region));
	if (strcmp(filter, buf) == 0)
		return true;
	snprintf(buf, sizeof(buf), "region%u", ndt_dax_region_get_id(region));
	return strcmp(filter, buf) == 0;
}

/* --input: size, align and mode from a device's JSON, as daxctl list prints it */
static int read_input(struct dax_opts *o)
{
	struct json_object *j = json_object_from_file(o->input), *v;
	int rc = 0;

	if (!j || !json_object_is_type(j, json_type_object)) {
		fprintf(stderr, "%s: %s: not a JSON object (a device as 'ndtool dax list' "
				"prints it)\n", o->prog, o->input);
		json_object_put(j);
		return -1;
	}
	if (!o->size_set && json_object_object_get_ex(j, "size", &v)) {
		o->size = (uint64_t)json_object_get_int64(v);
		o->size_set = json_object_is_type(v, json_type_int);
	}
	if (!o->align_set && json_object_object_get_ex(j, "align", &v)) {
		o->align = (uint64_t)json_object_get_int64(v);
		o->align_set = json_object_is_type(v, json_type_int);
	}
	if (o->mode < 0 && json_object_object_get_ex(j, "mode", &v)) {
		o->mode = parse_mode(json_object_get_string(v));
		if (o->mode < 0) {
			fprintf(stderr, "%s: %s: unknown mode '%s'\n", o->prog, o->input,
				json_object_get_string(v));
			rc = -1;
		}
	}
	json_object_put(j);
	return rc;
}

/* The uuid of the namespace whose dax claim provides @dev's region, or "" when none. */
static void dev_namespace_uuid(struct ndt_ctx *ctx, struct ndt_dax_dev *dev, char *buf)
{
	unsigned int id = ndt_dax_region_get_id(ndt_dax_dev_get_region(dev));
	struct ndt_namespace *ns;
	struct ndt_region *region;
	struct ndt_bus *bus;
	unsigned char uuid[16];

	buf[0] = '\0';
	ndt_bus_foreach(ctx, bus)
		ndt_region_foreach(bus, region)
			ndt_namespace_foreach(region, ns) {
				struct ndt_claim *claim = ndt_namespace_get_claim(ns);
				struct ndt_dax_region *dr;

				if (!claim || ndt_claim_get_type(claim) != NDT_CLAIM_DAX)
					continue;
				dr = ndt_claim_get_dax_region(claim);
				if (!dr || ndt_dax_region_get_id(dr) != id)
					continue;
				/* the uuid "ndtool list" shows: the dax info block's */
				if (ndt_claim_get_uuid(claim, uuid) == 0 ||
				    ndt_namespace_get_uuid(ns, uuid) == 0)
					uuid_unparse(uuid, buf);
				return;
			}
}

static bool conf_bool(const char *v)
{
	return strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	       strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0;
}

struct conf_section {
	char uuid[64], mode[32];
	int online, movable;	/* -1: not given */
};

/* Apply one finished section to @o when it names @uuid. Returns 1 when it did. */
static int conf_apply(const struct conf_section *s, const char *uuid, struct dax_opts *o)
{
	if (!s->uuid[0] || strcasecmp(s->uuid, uuid) != 0)
		return 0;
	o->mode = s->mode[0] ? parse_mode(s->mode) : NDT_DAX_MODE_SYSTEM_RAM;
	if (o->mode < 0)
		return -1;
	o->no_online = s->online == 0;
	o->no_movable = s->movable == 0;
	return 1;
}

/*
 * -C: the [reconfigure-device NAME] section of a *.conf file of the configuration
 * directory whose nvdimm.uuid is @uuid. Returns 1 when one applies, 0 when none, -1 on a
 * bad mode.
 */
static int read_config(const char *uuid, struct dax_opts *o, char *where, size_t wlen)
{
	const char *dir = getenv("NDTOOL_DAX_CONF_DIR");
	struct dirent **names = NULL;
	int n, i, found = 0;

	if (!dir || !dir[0])
		dir = DAX_CONF_DIR;
	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		struct conf_section s = { .online = -1, .movable = -1 };
		char path[4096], line[512];
		bool in = false;
		size_t len = strlen(names[i]->d_name);
		FILE *f;

		if (found || len < 6 || strcmp(names[i]->d_name + len - 5, ".conf") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (!found && fgets(line, sizeof(line), f)) {
			char *l = ndt_trim(line), *eq, *k, *v;

			if (!*l || *l == '#' || *l == ';')
				continue;
			if (*l == '[') {
				if (in)
					found = conf_apply(&s, uuid, o);
				memset(&s, 0, sizeof(s));
				s.online = s.movable = -1;
				in = strncmp(l, "[reconfigure-device", 19) == 0 &&
				     isspace((unsigned char)l[19]);
				if (in) {
					int w = snprintf(where, wlen, "%.*s %.*s", 300, path, 200, l);

					(void)w;
				}
				continue;
			}
			eq = strchr(l, '=');
			if (!in || !eq)
				continue;
			*eq = '\0';
			k = ndt_trim(l);
			v = ndt_trim(eq + 1);
			if (strcmp(k, "nvdimm.uuid") == 0)
				snprintf(s.uuid, sizeof(s.uuid), "%s", v);
			else if (strcmp(k, "mode") == 0)
				snprintf(s.mode, sizeof(s.mode), "%s", v);
			else if (strcmp(k, "online") == 0)
				s.online = conf_bool(v);
			else if (strcmp(k, "movable") == 0)
				s.movable = conf_bool(v);
		}
		if (!found && in)
			found = conf_apply(&s, uuid, o);
		fclose(f);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return found;
}

static const char *mode_name(enum ndt_dax_mode mode)
{
	return mode == NDT_DAX_MODE_SYSTEM_RAM ? "system-ram" : "devdax";
}

static unsigned int dax_flags(const struct dax_opts *o)
{
	return (o->no_online ? NDT_DAX_MODE_NO_ONLINE : 0) |
	       (o->no_movable ? NDT_DAX_MODE_NO_MOVABLE : 0) | (o->force ? NDT_DAX_MODE_FORCE : 0);
}

/* One device: returns 1 changed, 0 as asked already, -errno failed (reported). */
static int reconfigure_one(struct ndt_ctx *ctx, struct ndt_dax_dev *dev, struct dax_opts *o,
			   bool *print)
{
	const char *name = ndt_dax_dev_get_devname(dev);
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_RECONFIGURE };
	struct ndt_memblock_result res;
	struct dax_opts conf = *o;
	char uuid[40], where[600] = "";
	int rc;

	*print = false;
	if (o->check_config) {
		dev_namespace_uuid(ctx, dev, uuid);
		rc = uuid[0] ? read_config(uuid, &conf, where, sizeof(where)) : 0;
		if (rc < 0) {
			fprintf(stderr, "%s: %s: %s: unknown mode (system-ram, devdax)\n", o->prog,
				name, where);
			return -EINVAL;
		}
		if (rc == 0) {
			if (o->verbose)
				fprintf(stderr, "%s: %s: no configuration section names it%s%s%s\n",
					o->prog, name, uuid[0] ? " (nvdimm.uuid " : "",
					uuid[0] ? uuid : "", uuid[0] ? ")" : "");
			return 0;
		}
		if (o->verbose)
			fprintf(stderr, "%s: %s: configured by %s\n", o->prog, name, where);
		o = &conf;
	}
	*print = o->mode >= 0;
	if (o->mode < 0) {
		rc = ndt_dax_dev_resize(dev, o->size_set ? o->size : UINT64_MAX,
					o->align_set ? o->align : 0);
		fc.size = o->size;
	} else {
		rc = ndt_dax_dev_set_mode(dev, o->mode, dax_flags(o), &res);
	}
	if (rc < 0) {
		*print = false;
		ndtool_failure(stderr, o->prog, ctx, rc, &fc);
		return rc;
	}
	if (rc == 0 && o->mode >= 0)
		fprintf(stderr, "%s: %s is in %s mode already%s\n", o->prog, name,
			mode_name(o->mode),
			o->mode == NDT_DAX_MODE_SYSTEM_RAM && !o->no_online
				? " with its memory online" : "");
	else if (rc == 0)
		fprintf(stderr, "%s: %s has that size and alignment already\n", o->prog, name);
	else if (o->verbose && res.changed)
		fprintf(stderr, "%s: %s: %u memory block%s %s\n", o->prog, name, res.changed,
			res.changed == 1 ? "" : "s",
			o->mode == NDT_DAX_MODE_SYSTEM_RAM ? "onlined" : "offlined");
	return rc;
}

static int memory_one(struct ndt_ctx *ctx, struct ndt_dax_dev *dev, struct dax_opts *o)
{
	const char *name = ndt_dax_dev_get_devname(dev);
	bool online = o->cmd == CMD_ONLINE;
	struct ndt_memblock_result res;
	int rc;

	rc = online ? ndt_dax_dev_online_memory(dev, !o->no_movable, &res)
		    : ndt_dax_dev_offline_memory(dev, &res);
	if (rc < 0) {
		ndtool_failure(stderr, o->prog, ctx, rc, NULL);
		return rc;
	}
	if (!res.changed) {
		fprintf(stderr, "%s: %s: all %u memory block%s %s already\n", o->prog, name,
			res.total, res.total == 1 ? " is" : "s are", online ? "online" : "offline");
		return 0;
	}
	if (o->verbose || res.already)
		fprintf(stderr, "%s: %s: %u memory block%s %s%s (%u %s already)\n", o->prog, name,
			res.changed, res.changed == 1 ? "" : "s", online ? "onlined" : "offlined",
			online ? (o->no_movable ? " into ZONE_NORMAL" : " into ZONE_MOVABLE") : "",
			res.already, online ? "online" : "offline");
	return 1;
}

static int dax_run(int argc, char **argv, struct ndt_ctx *ctx, enum dax_cmd cmd)
{
	static const char *const names[] = { "dax-reconfigure-device", "dax-online-memory",
					      "dax-offline-memory" };
	static const struct ndt_cmd_info *const infos[] = {
		&dax_reconfigure_info, &dax_online_info, &dax_offline_info
	};
	const struct ndt_cmd_info *info = infos[cmd];
	struct dax_opts o = { .cmd = cmd, .prog = info->prog, .mode = -1 };
	struct json_object *out;
	struct ndt_dax_region *region;
	struct ndt_dax_dev *dev;
	int first, ex, i, done = 0, failed = 0;

	first = ndt_opts_parse(info, argc, argv, dax_opt, &o);
	ex = ndtool_opts_exit(names[cmd], first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc) {
		fprintf(stderr, "%s: name the device to act on, or 'all'\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (o.input && read_input(&o) < 0)
		return NDT_EXIT_USAGE;
	if (cmd == CMD_RECONFIGURE) {
		if (o.mode >= 0 && (o.size_set || o.align_set)) {
			fprintf(stderr, "%s: --mode cannot be combined with --size or --align: "
					"resize in devdax mode first, then change the mode\n",
				info->prog);
			return NDT_EXIT_USAGE;
		}
		if (o.mode < 0 && !o.size_set && !o.align_set && !o.check_config) {
			fprintf(stderr, "%s: say what to change: --mode, --size or --align (or "
					"--check-config)\n", info->prog);
			ndt_opts_usage(stderr, info);
			return NDT_EXIT_USAGE;
		}
	}
	out = json_object_new_array();
	if (!out)
		return NDT_EXIT_FAIL;
	for (i = first; i < argc; i++) {
		bool matched = false;

		ndt_dax_region_foreach(ctx, region) {
			if (!region_matches(region, o.region))
				continue;
			ndt_dax_dev_foreach(region, dev) {
				bool print = cmd == CMD_RECONFIGURE;
				int rc;

				if (!name_matches(dev, argv[i]))
					continue;
				matched = true;
				if (cmd == CMD_RECONFIGURE)
					rc = reconfigure_one(ctx, dev, &o, &print);
				else
					rc = memory_one(ctx, dev, &o);
				if (rc < 0)
					failed++;
				else
					done += rc;
				if (rc >= 0 && print) {
					struct ndt_json_opts jo = { .human = o.human };

					json_object_array_add(out, ndt_dax_dev_to_json(dev, &jo));
				}
			}
		}
		if (!matched && strcmp(argv[i], "all") != 0) {
			fprintf(stderr, "%s: no device-dax device '%s'%s%s ('ndtool dax list' lists "
					"them)\n", info->prog, argv[i], o.region ? " in region " : "",
				o.region ? o.region : "");
			failed++;
		}
	}
	ndt_json_print_list(stdout, out, o.human);
	fprintf(stderr, "%s %d device%s\n",
		cmd == CMD_RECONFIGURE ? "reconfigured" :
		cmd == CMD_ONLINE ? "onlined memory for" : "offlined memory for",
		done, done == 1 ? "" : "s");
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_dax_reconfigure(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dax_run(argc, argv, ctx, CMD_RECONFIGURE);
}

int cmd_dax_online_memory(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dax_run(argc, argv, ctx, CMD_ONLINE);
}

int cmd_dax_offline_memory(int argc, char **argv, struct ndt_ctx *ctx)
{
	return dax_run(argc, argv, ctx, CMD_OFFLINE);
}
