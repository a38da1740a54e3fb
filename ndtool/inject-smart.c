// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool inject-smart: set a DIMM's SMART alarm thresholds and alarms, inject SMART values
 * or give them back to the DIMM, then print the DIMM with its health as ndctl does.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "json/filter.h"
#include "util/json.h"
#include "json/objects.h"

#define PROG "ndtool inject-smart"

enum {
	OPT_MEDIA_ALARM = 256,
	OPT_MEDIA_UNINJECT,
	OPT_CTRL_ALARM,
	OPT_CTRL_UNINJECT,
	OPT_SPARES_ALARM,
	OPT_SPARES_UNINJECT,
	OPT_SHUTDOWN_UNINJECT,
};

static const struct ndt_option inject_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "<nmem> must be on a bus with an id/provider of <bus-id>" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats" },
	{ 'm', 'm', "media-temperature", "<degrees>", "inject a media temperature (Celsius)" },
	{ 'M', 'M', "media-temperature-threshold", "<degrees>",
	  "set the media temperature alarm threshold" },
	{ OPT_MEDIA_ALARM, 0, "media-temperature-alarm", "<on|off>",
	  "enable or disable the media temperature alarm" },
	{ OPT_MEDIA_UNINJECT, 0, "media-temperature-uninject", NULL,
	  "give the media temperature back to the DIMM" },
	{ 'c', 'c', "ctrl-temperature", "<degrees>",
	  "inject a controller temperature (Celsius)" },
	{ 'C', 'C', "ctrl-temperature-threshold", "<degrees>",
	  "set the controller temperature alarm threshold" },
	{ OPT_CTRL_ALARM, 0, "ctrl-temperature-alarm", "<on|off>",
	  "enable or disable the controller temperature alarm" },
	{ OPT_CTRL_UNINJECT, 0, "ctrl-temperature-uninject", NULL,
	  "give the controller temperature back to the DIMM" },
	{ 's', 's', "spares", "<percent>", "inject a spare capacity (0-100)" },
	{ 'S', 'S', "spares-threshold", "<percent>", "set the spares alarm threshold (0-100)" },
	{ OPT_SPARES_ALARM, 0, "spares-alarm", "<on|off>", "enable or disable the spares alarm" },
	{ OPT_SPARES_UNINJECT, 0, "spares-uninject", NULL, "give the spares back to the DIMM" },
	{ 'f', 'f', "fatal", NULL, "inject the fatal health status" },
	{ 'F', 'F', "fatal-uninject", NULL, "give the health status back to the DIMM" },
	{ 'U', 'U', "unsafe-shutdown", NULL, "inject an unsafe (dirty) shutdown" },
	{ OPT_SHUTDOWN_UNINJECT, 0, "unsafe-shutdown-uninject", NULL,
	  "give the last shutdown state back to the DIMM" },
	{ 'N', 'N', "uninject-all", NULL, "give every field the DIMM can inject back to it" },
	{ 0 },
};

const struct ndt_cmd_info inject_smart_info = {
	.prog = PROG,
	.usage = "<nmem> [<options>]",
	.opts = inject_options,
};

struct inject_opts {
	const char *bus;
	bool verbose, human, uninject_all;
	struct ndt_smart_inject inj;
	struct ndt_smart_thresholds th;	/* .alarm_control: set from alarm_on/alarm_off */
	unsigned int alarm_on, alarm_off;
};

static int parse_temp(const char *arg, const char *what, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(arg, &end);
	if (end == arg || *end || errno || !isfinite(*v)) {
		fprintf(stderr, "%s: %s '%s' is not a number of degrees Celsius\n", PROG, what,
			arg);
		return -1;
	}
	return 0;
}

static int parse_percent(const char *arg, const char *what, unsigned int *v)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end || errno || n > 100) {
		fprintf(stderr, "%s: %s '%s' is not a percentage (0 to 100)\n", PROG, what, arg);
		return -1;
	}
	*v = (unsigned int)n;
	return 0;
}

static int parse_alarm(struct inject_opts *o, const char *arg, const char *what,
		       unsigned int bit)
{
	if (strcmp(arg, "on") == 0) {
		o->alarm_on |= bit;
		o->alarm_off &= ~bit;
	} else if (strcmp(arg, "off") == 0) {
		o->alarm_off |= bit;
		o->alarm_on &= ~bit;
	} else {
		fprintf(stderr, "%s: %s is 'on' or 'off', not '%s'\n", PROG, what, arg);
		return -1;
	}
	o->th.set |= NDT_THRESHOLD_ALARM_CONTROL;
	return 0;
}

static int inject_opt(void *priv, int id, const char *arg)
{
	struct inject_opts *o = priv;
	struct ndt_smart_inject *i = &o->inj;
	struct ndt_smart_thresholds *t = &o->th;

	switch (id) {
	case 'b': o->bus = arg; return 0;
	case 'v': o->verbose = true; return 0;
	case 'u': o->human = true; return 0;
	case 'N': o->uninject_all = true; return 0;
	case 'm':
		i->inject |= NDT_SMART_INJECT_MEDIA_TEMP;
		return parse_temp(arg, "--media-temperature", &i->media_temperature);
	case 'c':
		i->inject |= NDT_SMART_INJECT_CTRL_TEMP;
		return parse_temp(arg, "--ctrl-temperature", &i->ctrl_temperature);
	case 's':
		i->inject |= NDT_SMART_INJECT_SPARES;
		return parse_percent(arg, "--spares", &i->spares);
	case 'f': i->inject |= NDT_SMART_INJECT_FATAL; return 0;
	case 'U': i->inject |= NDT_SMART_INJECT_UNSAFE_SHUTDOWN; return 0;
	case OPT_MEDIA_UNINJECT: i->uninject |= NDT_SMART_INJECT_MEDIA_TEMP; return 0;
	case OPT_CTRL_UNINJECT: i->uninject |= NDT_SMART_INJECT_CTRL_TEMP; return 0;
	case OPT_SPARES_UNINJECT: i->uninject |= NDT_SMART_INJECT_SPARES; return 0;
	case 'F': i->uninject |= NDT_SMART_INJECT_FATAL; return 0;
	case OPT_SHUTDOWN_UNINJECT: i->uninject |= NDT_SMART_INJECT_UNSAFE_SHUTDOWN; return 0;
	case 'M':
		t->set |= NDT_THRESHOLD_MEDIA_TEMP;
		return parse_temp(arg, "--media-temperature-threshold", &t->media_temperature);
	case 'C':
		t->set |= NDT_THRESHOLD_CTRL_TEMP;
		return parse_temp(arg, "--ctrl-temperature-threshold", &t->ctrl_temperature);
	case 'S':
		t->set |= NDT_THRESHOLD_SPARES;
		return parse_percent(arg, "--spares-threshold", &t->spares);
	case OPT_MEDIA_ALARM:
		return parse_alarm(o, arg, "--media-temperature-alarm", NDT_ALARM_BIT_MEDIA_TEMP);
	case OPT_CTRL_ALARM:
		return parse_alarm(o, arg, "--ctrl-temperature-alarm", NDT_ALARM_BIT_CTRL_TEMP);
	case OPT_SPARES_ALARM:
		return parse_alarm(o, arg, "--spares-alarm", NDT_ALARM_BIT_SPARES);
	}
	return 0;
}

static const char *const field_opts[] = {
	"--media-temperature", "--ctrl-temperature", "--spares", "--fatal", "--unsafe-shutdown",
};
static const char *const field_names[] = {
	"media temperature", "controller temperature", "spares", "fatal health status",
	"unsafe shutdown",
};
#define NR_FIELDS (sizeof(field_opts) / sizeof(field_opts[0]))

/* The option of the lowest field in @fields, for messages. */
static const char *field_opt(unsigned int fields)
{
	unsigned int i;

	for (i = 0; i < NR_FIELDS; i++)
		if (fields & (1u << i))
			return field_opts[i];
	return "?";
}

/* Refuse the fields (with -N: any field) the DIMM cannot inject, naming those it can. */
static bool check_fields(struct ndt_dimm *dimm, unsigned int fields, unsigned int can, bool all)
{
	const char *dev = ndt_dimm_get_devname(dimm), *sep = "";
	unsigned int i, bad = fields & ~can;

	if (!bad && (can || !all))
		return true;
	if (!can) {
		fprintf(stderr, "%s: %s cannot inject SMART values (its firmware or the kernel "
				"offers no injection command)\n", PROG, dev);
		return false;
	}
	for (i = 0; !(bad & (1u << i)); i++)
		;
	fprintf(stderr, "%s: %s cannot inject the %s (%s); it can inject the ", PROG, dev,
		field_names[i], field_opts[i]);
	for (i = 0; i < NR_FIELDS; i++) {
		if (!(can & (1u << i)))
			continue;
		fprintf(stderr, "%s%s", sep, field_names[i]);
		sep = ", ";
	}
	fputc('\n', stderr);
	return false;
}

/* The one DIMM named @name (nmemN or N) within the -b filter, or NULL (said why). */
static struct ndt_dimm *find_dimm(struct ndt_ctx *ctx, const struct inject_opts *o,
				  const char *name)
{
	struct ndt_filter f;
	struct ndt_dimm *dimm;
	struct ndt_bus *bus;

	ndt_filter_init(&f);
	f.bus = o->bus;
	f.dimm = name;
	ndt_bus_foreach(ctx, bus)
		ndt_dimm_foreach(bus, dimm)
			if (ndt_filter_dimm(&f, dimm))
				return dimm;
	if (o->bus)
		fprintf(stderr, "%s: no DIMM matches '%s' on bus '%s'\n", PROG, name, o->bus);
	else
		fprintf(stderr, "%s: no DIMM matches '%s'\n", PROG, name);
	return NULL;
}

/*
 * The complete new threshold request: the alarm mask from the current one and the on/off
 * options. @old receives every current threshold, to put back if the injection fails.
 */
static int plan_thresholds(struct ndt_dimm *dimm, struct inject_opts *o,
			   struct ndt_smart_thresholds *old)
{
	struct ndt_health *h = NULL;
	int rc;

	rc = ndt_dimm_get_health(dimm, &h);
	if (rc < 0 || !ndt_health_has(h, NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL)) {
		ndt_health_free(h);
		fprintf(stderr, "%s: %s reports no SMART alarm thresholds (%s): it has none to "
				"set\n", PROG, ndt_dimm_get_devname(dimm),
			rc < 0 ? strerror(-rc) : "its health has none");
		return -1;
	}
	*old = (struct ndt_smart_thresholds){
		.struct_size = sizeof(*old),
		.set = NDT_THRESHOLD_ALARM_CONTROL | NDT_THRESHOLD_MEDIA_TEMP |
		       NDT_THRESHOLD_CTRL_TEMP | NDT_THRESHOLD_SPARES,
		.alarm_control = ndt_health_get_alarm_control(h),
		.media_temperature = ndt_health_get_media_temperature_threshold(h),
		.ctrl_temperature = ndt_health_get_ctrl_temperature_threshold(h),
		.spares = ndt_health_get_spares_threshold(h),
	};
	ndt_health_free(h);
	o->th.struct_size = sizeof(o->th);
	o->th.alarm_control = (old->alarm_control | o->alarm_on) & ~o->alarm_off;
	return 0;
}

/* Print the DIMM with its health, as a one-entry list. */
static int print_dimm(struct ndt_dimm *dimm, bool human)
{
	struct ndt_json_opts jo = { .human = human, .health = true };
	struct json_object *arr = json_object_new_array(), *j;

	j = arr ? ndt_dimm_to_json(dimm, &jo) : NULL;
	if (!j || json_object_array_add(arr, j) < 0) {
		json_object_put(j);
		json_object_put(arr);
		fprintf(stderr, "%s: out of memory\n", PROG);
		return NDT_EXIT_FAIL;
	}
	return ndt_json_print_list(stdout, arr, human) < 0 ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

/* The injection failed after the thresholds were set: put them back, or say they stay. */
static void undo_thresholds(struct ndt_ctx *ctx, struct ndt_dimm *dimm,
			    const struct ndt_smart_thresholds *old)
{
	const char *text;
	int rc;

	rc = ndt_dimm_set_smart_thresholds(dimm, old);
	if (rc == 0)
		return;
	text = ndt_ctx_get_failure(ctx, NULL, NULL);
	fprintf(stderr, "%s: %s: the alarm thresholds set before stay as set, putting them back "
			"failed: %s\n", PROG, ndt_dimm_get_devname(dimm),
		text[0] ? text : strerror(-rc));
}

static int inject(struct ndt_ctx *ctx, struct ndt_dimm *dimm, struct inject_opts *o)
{
	struct ndt_smart_inject *i = &o->inj;
	struct ndt_smart_thresholds old;
	unsigned int can = ndt_dimm_get_smart_inject_fields(dimm), fields;
	int rc;

	/* -N: every field the DIMM can inject (ndctl also tries the others, and fails) */
	if (o->uninject_all)
		i->uninject |= can;
	/* everything checked before the first command */
	fields = i->inject | i->uninject;
	if (!check_fields(dimm, fields, can, o->uninject_all))
		return NDT_EXIT_FAIL;
	if (o->th.set && plan_thresholds(dimm, o, &old) < 0)
		return NDT_EXIT_FAIL;

	if (o->th.set) {
		rc = ndt_dimm_set_smart_thresholds(dimm, &o->th);
		if (rc < 0) {
			ndtool_failure(stderr, PROG, ctx, rc, NULL);
			return NDT_EXIT_FAIL;
		}
	}
	if (fields) {
		i->struct_size = sizeof(*i);
		rc = ndt_dimm_inject_smart(dimm, i);
		if (rc < 0) {
			ndtool_failure(stderr, PROG, ctx, rc, NULL);
			if (o->th.set)
				undo_thresholds(ctx, dimm, &old);
			return NDT_EXIT_FAIL;
		}
	}
	return print_dimm(dimm, o->human);
}

int cmd_inject_smart(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct inject_opts o = { .inj = { .struct_size = sizeof(o.inj) } };
	struct ndt_dimm *dimm;
	int first, ex;

	first = ndt_opts_parse(&inject_smart_info, argc, argv, inject_opt, &o);
	ex = ndtool_opts_exit("inject-smart", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc) {
		fprintf(stderr, "%s: name the DIMM (nmemN)\n", PROG);
		ndt_opts_usage(stderr, &inject_smart_info);
		return NDT_EXIT_USAGE;
	}
	if (argc - first > 1) {
		fprintf(stderr, "%s: one DIMM at a time, not '%s' too\n", PROG, argv[first + 1]);
		ndt_opts_usage(stderr, &inject_smart_info);
		return NDT_EXIT_USAGE;
	}
	if (o.uninject_all && o.inj.inject) {
		fprintf(stderr, "%s: --uninject-all and %s contradict each other\n", PROG,
			field_opt(o.inj.inject));
		return NDT_EXIT_USAGE;
	}
	if (o.inj.inject & o.inj.uninject) {
		const char *f = field_opt(o.inj.inject & o.inj.uninject);

		fprintf(stderr, "%s: %s and %s-uninject contradict each other\n", PROG, f, f);
		return NDT_EXIT_USAGE;
	}
	if (!o.inj.inject && !o.inj.uninject && !o.th.set && !o.uninject_all) {
		fprintf(stderr, "%s: nothing to do: give a value to inject, a threshold or an "
				"alarm to set, or an -uninject option\n", PROG);
		ndt_opts_usage(stderr, &inject_smart_info);
		return NDT_EXIT_USAGE;
	}
	if (strcmp(argv[first], "all") == 0) {
		fprintf(stderr, "%s: name one DIMM (nmemN), not 'all'\n", PROG);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, PROG))
		return NDT_EXIT_FAIL;
	dimm = find_dimm(ctx, &o, argv[first]);
	if (!dimm)
		return NDT_EXIT_FAIL;
	return inject(ctx, dimm, &o);
}
