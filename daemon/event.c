// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Events as JSON: ndctl monitor's object ("timestamp", "pid", "event" with one boolean
 * per selected event, "dimm" with "health") plus ndtool's "trigger", "cleared" and
 * "previous". A media-error event has "region", "namespace" and "badblock" instead of
 * "dimm".
 */
#include <string.h>
#include <unistd.h>
#include "json/objects.h"
#include "util/json.h"
#include "monitor.h"

static const char *const event_names[NR_EVENTS] = {
	"dimm-spares-remaining",
	"dimm-media-temperature",
	"dimm-controller-temperature",
	"dimm-health-state",
	"dimm-unclean-shutdown",
	"dimm-shutdown-count",
	"dimm-temperature-warning",
	"dimm-temperature-critical",
	"dimm-detected",
	"dimm-removed",
	"media-error",
};

static const char *const health_names[] = {
	[NDT_HEALTH_STATE_OK] = "ok",
	[NDT_HEALTH_STATE_NON_CRITICAL] = "non-critical",
	[NDT_HEALTH_STATE_CRITICAL] = "critical",
	[NDT_HEALTH_STATE_FATAL] = "fatal",
};

const char *mon_event_name(unsigned int bit)
{
	unsigned int i;

	for (i = 0; i < NR_EVENTS; i++)
		if (bit == 1u << i)
			return event_names[i];
	return NULL;
}

unsigned int mon_event_parse(const char *name)
{
	unsigned int i;

	if (strcmp(name, "all") == 0)
		return EV_ALL;
	for (i = 0; i < NR_EVENTS; i++)
		if (strcmp(name, event_names[i]) == 0)
			return 1u << i;
	return 0;
}

const char *mon_trigger_name(enum mon_trigger t)
{
	static const char *const names[] = {
		[TRIGGER_START] = "start",	[TRIGGER_NOTIFY] = "notification",
		[TRIGGER_POLL] = "poll",	[TRIGGER_SIGNAL] = "signal",
		[TRIGGER_HOTPLUG] = "hotplug",	[TRIGGER_TEST] = "test",
	};

	return names[t];
}

const char *mon_health_name(int state)
{
	if (state < 0 || state > NDT_HEALTH_STATE_FATAL)
		return "unknown";
	return health_names[state];
}

struct json_object *mon_dimm_json(struct monitor *m, struct ndt_dimm *dimm,
				  struct ndt_health *health)
{
	struct ndt_json_opts o = { .human = m->args.human };
	struct json_object *j, *h;

	j = ndt_dimm_to_json(dimm, &o);
	if (!j || !health)
		return j;
	h = ndt_health_to_json(health);
	if (!h || !ndt_json_add(j, "health", h)) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

/* The "event" object: a boolean for each selected event of the event's kind. */
static struct json_object *event_flags(struct monitor *m, unsigned int fired)
{
	struct json_object *e = json_object_new_object();
	unsigned int i, bit, shown;

	if (!e)
		return NULL;
	if (fired & (EV_DETECTED | EV_REMOVED | EV_REGION))
		shown = fired & (EV_DETECTED | EV_REMOVED | EV_REGION);
	else
		shown = m->cfg.events & ~(EV_DETECTED | EV_REMOVED | EV_REGION);
	/* the limits' events exist only when their limit is set */
	if (!(m->cfg.set & CFG_TEMP_WARN))
		shown &= ~EV_TEMP_WARN;
	if (!(m->cfg.set & CFG_TEMP_CRIT))
		shown &= ~EV_TEMP_CRIT;
	for (i = 0; i < NR_EVENTS; i++) {
		bit = 1u << i;
		if ((shown & bit) && !ndt_json_add_bool(e, event_names[i], fired & bit)) {
			json_object_put(e);
			return NULL;
		}
	}
	return e;
}

static bool add_timestamp(struct json_object *j)
{
	struct timespec ts;
	char buf[48];

	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(buf, sizeof(buf), "%10lld.%09ld", (long long)ts.tv_sec, ts.tv_nsec);
	return ndt_json_add_string(j, "timestamp", buf);
}

static bool add_cleared(struct json_object *j, unsigned int cleared)
{
	struct json_object *a;
	unsigned int i;

	if (!cleared)
		return true;
	a = json_object_new_array();
	if (!a || !ndt_json_add(j, "cleared", a))
		return false;
	for (i = 0; i < NR_EVENTS; i++)
		if ((cleared & (1u << i)) &&
		    json_object_array_add(a, json_object_new_string(event_names[i])) < 0)
			return false;
	return true;
}

static bool add_previous(struct json_object *j, const struct mon_reported *prev,
			 unsigned int fired)
{
	struct json_object *p;
	bool ok = true;

	if (!prev || !prev->known || !(fired & (EV_HEALTH | EV_SHUTDOWN_COUNT)))
		return true;
	p = json_object_new_object();
	if (!p || !ndt_json_add(j, "previous", p))
		return false;
	if ((fired & EV_HEALTH) && prev->health_state >= 0)
		ok &= ndt_json_add_string(p, "health_state", mon_health_name(prev->health_state));
	if ((fired & EV_SHUTDOWN_COUNT) && prev->has_count)
		ok &= ndt_json_add_int(p, "shutdown_count", prev->shutdown_count);
	return ok;
}

struct json_object *mon_event_new(struct monitor *m, unsigned int fired, unsigned int cleared,
				  enum mon_trigger t)
{
	struct json_object *j = json_object_new_object(), *dimm = NULL, *flags;
	struct mon_dimm *d = m->current;
	bool ok;

	if (!j)
		return NULL;
	flags = event_flags(m, fired);
	ok = add_timestamp(j) && ndt_json_add_int(j, "pid", getpid()) && flags &&
	     ndt_json_add(j, "event", flags);
	if (!flags)
		ok = false;
	if (ok && d) {
		if (d->dimm && !(fired & EV_REMOVED))
			dimm = mon_dimm_json(m, d->dimm, m->current_health);
		else if (d->last_json)
			dimm = json_object_get(d->last_json);
		ok = dimm && ndt_json_add(j, "dimm", dimm);
	}
	ok = ok && ndt_json_add_string(j, "trigger", mon_trigger_name(t)) &&
	     add_cleared(j, cleared) && add_previous(j, m->previous, fired);
	if (!ok) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

struct json_object *mon_media_event_new(struct monitor *m, const char *region, const char *ns,
					struct json_object *badblock, enum mon_trigger t)
{
	struct json_object *j = json_object_new_object(), *flags;
	bool ok;

	if (!j) {
		json_object_put(badblock);
		return NULL;
	}
	flags = event_flags(m, EV_MEDIA_ERROR);
	ok = add_timestamp(j) && ndt_json_add_int(j, "pid", getpid());
	if (ok)
		ok = ndt_json_add(j, "event", flags);
	else
		json_object_put(flags);
	ok = ok && ndt_json_add_string(j, "region", region) &&
	     (!ns || ndt_json_add_string(j, "namespace", ns));
	if (ok)
		ok = ndt_json_add(j, "badblock", badblock);
	else
		json_object_put(badblock);
	ok = ok && ndt_json_add_string(j, "trigger", mon_trigger_name(t));
	if (!ok) {
		json_object_put(j);
		return NULL;
	}
	return j;
}
