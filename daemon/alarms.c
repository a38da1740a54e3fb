// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A DIMM signals a threshold event only for the alarms that are enabled: at start (and
 * when a reload changes the events) the monitor enables the alarms of the selected
 * threshold events, leaving the others as they are, as ndctl monitor does.
 */
#include <string.h>
#include <syslog.h>
#include "monitor.h"

void mon_enable_alarms(struct monitor *m, struct mon_dimm *d, const struct ndt_health *h)
{
	struct ndt_smart_thresholds t = { .struct_size = sizeof(t) };
	unsigned int want = 0, have;
	int rc;

	if (m->cfg.events & EV_SPARES)
		want |= NDT_ALARM_BIT_SPARES;
	if (m->cfg.events & EV_MEDIA_TEMP)
		want |= NDT_ALARM_BIT_MEDIA_TEMP;
	if (m->cfg.events & EV_CTRL_TEMP)
		want |= NDT_ALARM_BIT_CTRL_TEMP;
	if (m->args.test || !want || !h ||
	    !ndt_health_has(h, NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL))
		return;
	have = ndt_health_get_alarm_control(h);
	if ((have & want) == want)
		return;
	t.set = NDT_THRESHOLD_ALARM_CONTROL;
	t.alarm_control = have | want;
	rc = ndt_dimm_set_smart_thresholds(d->dimm, &t);
	if (rc < 0)
		mon_log(m, LOG_WARNING, "%s: cannot enable the alarms (%s): threshold events come "
					"only from checks", d->devname, strerror(-rc));
	else
		mon_log(m, LOG_DEBUG, "%s: alarms %#x enabled", d->devname, have | want);
}
