// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One check of a DIMM: read its SMART health, work out which conditions hold, compare
 * with what was last reported and emit what the trigger calls for.
 *
 * A health notification always gives an event (the firmware said something changed);
 * its booleans are every condition that holds plus the changes. Any other check reports
 * only changes since the last report: a condition that starts holding, one that clears
 * (listed in "cleared"), a new health state, a higher dirty-shutdown count.
 */
#include <errno.h>
#include <string.h>
#include <syslog.h>
#include "monitor.h"

/* A threshold's alarm holds when it is enabled and the value crossed the threshold. */
static bool threshold_crossed(const struct ndt_health *h, unsigned int alarm_bit,
			      enum ndt_health_field value, enum ndt_health_field thresh,
			      bool above)
{
	double v, t;

	if (!ndt_health_has(h, value) || !ndt_health_has(h, thresh))
		/* no threshold to compare with: the firmware's own verdict */
		return ndt_health_has(h, NDT_HEALTH_FIELD_ALARMS) &&
		       (ndt_health_get_alarms(h) & alarm_bit);
	if (ndt_health_has(h, NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL) &&
	    !(ndt_health_get_alarm_control(h) & alarm_bit))
		return false;
	switch (alarm_bit) {
	case NDT_ALARM_BIT_SPARES:
		v = ndt_health_get_spares(h);
		t = ndt_health_get_spares_threshold(h);
		break;
	case NDT_ALARM_BIT_MEDIA_TEMP:
		v = ndt_health_get_media_temperature(h);
		t = ndt_health_get_media_temperature_threshold(h);
		break;
	default:
		v = ndt_health_get_ctrl_temperature(h);
		t = ndt_health_get_ctrl_temperature_threshold(h);
		break;
	}
	return above ? v >= t : v <= t;
}

/* A configured limit, with hysteresis: once on, it clears below limit - hysteresis. */
static bool over_limit(double temp, double limit, double hyst, bool was_on)
{
	return temp >= limit || (was_on && temp > limit - hyst);
}

int mon_status_read(struct monitor *m, struct mon_dimm *d, struct ndt_health **health,
		    struct mon_status *st)
{
	struct ndt_health *h;
	int rc;

	memset(st, 0, sizeof(*st));
	st->health_state = -1;
	*health = NULL;
	rc = ndt_dimm_get_health(d->dimm, &h);
	if (rc < 0)
		return rc;
	st->read = true;
	if (ndt_health_has(h, NDT_HEALTH_FIELD_STATE))
		st->health_state = (int)ndt_health_get_state(h);
	if (threshold_crossed(h, NDT_ALARM_BIT_SPARES, NDT_HEALTH_FIELD_SPARES,
			      NDT_HEALTH_FIELD_THRESH_SPARES, false))
		st->conditions |= EV_SPARES;
	if (threshold_crossed(h, NDT_ALARM_BIT_MEDIA_TEMP, NDT_HEALTH_FIELD_MEDIA_TEMP,
			      NDT_HEALTH_FIELD_THRESH_MEDIA_TEMP, true))
		st->conditions |= EV_MEDIA_TEMP;
	if (threshold_crossed(h, NDT_ALARM_BIT_CTRL_TEMP, NDT_HEALTH_FIELD_CTRL_TEMP,
			      NDT_HEALTH_FIELD_THRESH_CTRL_TEMP, true))
		st->conditions |= EV_CTRL_TEMP;
	if (ndt_health_has(h, NDT_HEALTH_FIELD_SHUTDOWN_STATE) &&
	    ndt_health_get_shutdown_state(h) != 0)
		st->conditions |= EV_UNCLEAN;
	if (ndt_health_has(h, NDT_HEALTH_FIELD_SHUTDOWN_COUNT)) {
		st->has_count = true;
		st->shutdown_count = ndt_health_get_shutdown_count(h);
	}
	if (ndt_health_has(h, NDT_HEALTH_FIELD_MEDIA_TEMP)) {
		st->has_temp = true;
		st->temperature = ndt_health_get_media_temperature(h);
	}
	if (ndt_health_has(h, NDT_HEALTH_FIELD_CTRL_TEMP) &&
	    (!st->has_temp || ndt_health_get_ctrl_temperature(h) > st->temperature)) {
		st->has_temp = true;
		st->temperature = ndt_health_get_ctrl_temperature(h);
	}
	if (st->has_temp && (m->cfg.set & CFG_TEMP_WARN) &&
	    over_limit(st->temperature, m->cfg.temp_warn, m->cfg.temp_hyst,
		       d->rep.conditions & EV_TEMP_WARN))
		st->conditions |= EV_TEMP_WARN;
	if (st->has_temp && (m->cfg.set & CFG_TEMP_CRIT) &&
	    over_limit(st->temperature, m->cfg.temp_crit, m->cfg.temp_hyst,
		       d->rep.conditions & EV_TEMP_CRIT))
		st->conditions |= EV_TEMP_CRIT;
	*health = h;
	return 0;
}

void mon_count_events(struct monitor *m, unsigned int fired)
{
	unsigned int i;

	for (i = 0; i < NR_EVENTS; i++)
		if (fired & (1u << i))
			m->events_total[i]++;
}

void mon_report(struct monitor *m, struct mon_dimm *d, struct ndt_health *h,
		unsigned int fired, unsigned int cleared, enum mon_trigger t,
		const struct mon_reported *prev)
{
	struct json_object *ev;

	/* --test sends its test event and nothing else */
	if (m->args.test && t != TRIGGER_TEST)
		return;
	m->current = d;
	m->current_health = h;
	m->previous = prev;
	ev = mon_event_new(m, fired, cleared, t);
	m->current = NULL;
	m->current_health = NULL;
	m->previous = NULL;
	if (!ev) {
		mon_log(m, LOG_ERR, "%s: cannot build the event: out of memory",
			d ? d->devname : "test");
		return;
	}
	mon_count_events(m, fired);
	mon_emit(m, ev, d, NULL, fired, cleared);
	json_object_put(ev);
}

static bool reported_differs(const struct mon_reported *a, const struct mon_reported *b)
{
	return a->known != b->known || a->health_state != b->health_state ||
	       a->conditions != b->conditions || a->has_count != b->has_count ||
	       a->shutdown_count != b->shutdown_count;
}

void mon_check_dimm(struct monitor *m, struct mon_dimm *d, enum mon_trigger t)
{
	struct mon_reported prev = d->rep, now;
	unsigned int fired, cleared, changes = 0, sel = m->cfg.events;
	struct ndt_health *h;
	struct mon_status st;
	struct json_object *j;
	bool emit;
	int rc;

	m->checks_total++;
	m->last_check = time(NULL);
	m->prom_dirty = true;
	rc = mon_status_read(m, d, &h, &st);
	if (rc < 0) {
		mon_log(m, LOG_WARNING, "%s: cannot read SMART health: %s", d->devname,
			strerror(-rc));
		return;
	}

	if (prev.known) {
		cleared = prev.conditions & ~st.conditions;
		if (st.health_state >= 0 && st.health_state != prev.health_state)
			changes |= EV_HEALTH;
		if (st.has_count && prev.has_count && st.shutdown_count > prev.shutdown_count)
			changes |= EV_SHUTDOWN_COUNT;
	} else {
		/* nothing reported yet: what holds is news, and so is a state that is not ok */
		cleared = 0;
		if (st.health_state > NDT_HEALTH_STATE_OK)
			changes |= EV_HEALTH;
	}
	if (t == TRIGGER_NOTIFY)
		fired = st.conditions | changes;
	else
		fired = (st.conditions & ~(prev.known ? prev.conditions : 0)) | changes;
	emit = (fired | cleared) & sel;
	if (t == TRIGGER_NOTIFY && !(m->cfg.set & CFG_EVENTS))
		emit = true;
	if (t == TRIGGER_NOTIFY)
		m->notifications_total++;

	j = mon_dimm_json(m, d->dimm, h);
	if (j) {
		json_object_put(d->last_json);
		d->last_json = j;
	}
	ndt_health_free(d->health);
	d->health = h;
	if (emit)
		mon_report(m, d, h, fired & sel, cleared & sel, t, &prev);

	now.known = true;
	now.health_state = st.health_state;
	now.conditions = st.conditions;
	now.has_count = st.has_count;
	now.shutdown_count = st.shutdown_count;
	d->rep = now;
	if (reported_differs(&prev, &now) || !d->state_saved) {
		if (mon_state_save(m, d) == 0)
			d->state_saved = true;
	}
}
