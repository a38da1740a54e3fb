// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Metrics for the Prometheus node_exporter textfile collector, rewritten after each check:
 * written to FILE.tmp in the same directory, flushed, then renamed over FILE, so a
 * scrape never reads half a file. Names follow Prometheus conventions: base units
 * (_celsius, ratios from 0 to 1), _total for counters, an _info metric with the DIMM's
 * identity as labels; every per-DIMM metric has the label dimm="nmemN", every per-region
 * one region="regionN" and bus="ndbusN".
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "monitor.h"

static const char *const family_names[] = { "intel", "hpe1", "hpe2", "msft", "hyperv",
					    "papr" };

/* A label value with \, " and newline escaped. */
static void put_label(FILE *f, const char *name, const char *val, bool first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", name);
	for (; *val; val++) {
		if (*val == '\\' || *val == '"')
			fprintf(f, "\\%c", *val);
		else if (*val == '\n')
			fputs("\\n", f);
		else
			fputc(*val, f);
	}
	fputc('"', f);
}

static void header(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void info_lines(FILE *f, struct monitor *m)
{
	char buf[32];
	uint64_t v;
	size_t i;
	int fam;

	header(f, "ndtool_dimm_info", "gauge", "A DIMM watched by ndtool-monitor, with its identity.");
	for (i = 0; i < m->nr_dimms; i++) {
		struct mon_dimm *d = m->dimms[i];

		if (!d->dimm)
			continue;
		fputs("ndtool_dimm_info{", f);
		put_label(f, "dimm", d->devname, true);
		put_label(f, "id", d->id, false);
		put_label(f, "bus", ndt_bus_get_devname(ndt_dimm_get_bus(d->dimm)), false);
		put_label(f, "provider", ndt_bus_get_provider(ndt_dimm_get_bus(d->dimm)), false);
		fam = ndt_dimm_get_family(d->dimm);
		put_label(f, "family",
			  fam >= 0 && fam < (int)(sizeof(family_names) / sizeof(family_names[0]))
				  ? family_names[fam]
				  : "unknown",
			  false);
		buf[0] = '\0';
		if (ndt_dimm_get_handle(d->dimm, &v) == 0)
			snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
		put_label(f, "handle", buf, false);
		buf[0] = '\0';
		if (ndt_dimm_get_phys_id(d->dimm, &v) == 0)
			snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
		put_label(f, "phys_id", buf, false);
		fputs("} 1\n", f);
	}
}

typedef double (*health_get)(const struct ndt_health *h);

static double get_mtemp(const struct ndt_health *h)
{
	return ndt_health_get_media_temperature(h);
}

static double get_ctemp(const struct ndt_health *h)
{
	return ndt_health_get_ctrl_temperature(h);
}

static double get_mtemp_thr(const struct ndt_health *h)
{
	return ndt_health_get_media_temperature_threshold(h);
}

static double get_ctemp_thr(const struct ndt_health *h)
{
	return ndt_health_get_ctrl_temperature_threshold(h);
}

static double get_spares(const struct ndt_health *h)
{
	return ndt_health_get_spares(h) / 100.0;
}

static double get_spares_thr(const struct ndt_health *h)
{
	return ndt_health_get_spares_threshold(h) / 100.0;
}

static double get_life(const struct ndt_health *h)
{
	return ndt_health_get_life_used(h) / 100.0;
}

static double get_count(const struct ndt_health *h)
{
	return ndt_health_get_shutdown_count(h);
}

static double get_dirty(const struct ndt_health *h)
{
	return ndt_health_get_shutdown_state(h) ? 1 : 0;
}

static const struct {
	const char *name, *type, *help;
	enum ndt_health_field field;
	health_get get;
} health_metrics[] = {
	{ "ndtool_dimm_media_temperature_celsius", "gauge", "Temperature of the DIMM's media.",
	  NDT_HEALTH_FIELD_MEDIA_TEMP, get_mtemp },
	{ "ndtool_dimm_controller_temperature_celsius", "gauge",
	  "Temperature of the DIMM's controller.", NDT_HEALTH_FIELD_CTRL_TEMP, get_ctemp },
	{ "ndtool_dimm_media_temperature_threshold_celsius", "gauge",
	  "Media temperature alarm threshold.", NDT_HEALTH_FIELD_THRESH_MEDIA_TEMP, get_mtemp_thr },
	{ "ndtool_dimm_controller_temperature_threshold_celsius", "gauge",
	  "Controller temperature alarm threshold.", NDT_HEALTH_FIELD_THRESH_CTRL_TEMP,
	  get_ctemp_thr },
	{ "ndtool_dimm_spares_ratio", "gauge", "Spare capacity left (0 to 1).",
	  NDT_HEALTH_FIELD_SPARES, get_spares },
	{ "ndtool_dimm_spares_threshold_ratio", "gauge", "Spare capacity alarm threshold (0 to 1).",
	  NDT_HEALTH_FIELD_THRESH_SPARES, get_spares_thr },
	{ "ndtool_dimm_life_used_ratio", "gauge", "Share of the rated life used (0 to 1).",
	  NDT_HEALTH_FIELD_LIFE_USED, get_life },
	{ "ndtool_dimm_unsafe_shutdowns_total", "counter",
	  "Dirty (unsafe) shutdowns the DIMM has counted.", NDT_HEALTH_FIELD_SHUTDOWN_COUNT,
	  get_count },
	{ "ndtool_dimm_last_shutdown_dirty", "gauge", "1 when the last shutdown was dirty.",
	  NDT_HEALTH_FIELD_SHUTDOWN_STATE, get_dirty },
};

static void health_lines(FILE *f, struct monitor *m)
{
	static const char *const states[] = { "ok", "non-critical", "critical", "fatal" };
	size_t i, k;
	int s;

	header(f, "ndtool_dimm_health_state", "gauge",
	       "1 for the DIMM's current health state, 0 for the others.");
	for (i = 0; i < m->nr_dimms; i++) {
		struct mon_dimm *d = m->dimms[i];

		if (!d->health || !ndt_health_has(d->health, NDT_HEALTH_FIELD_STATE))
			continue;
		for (s = 0; s < 4; s++) {
			fputs("ndtool_dimm_health_state{", f);
			put_label(f, "dimm", d->devname, true);
			put_label(f, "state", states[s], false);
			fprintf(f, "} %d\n", (int)ndt_health_get_state(d->health) == s);
		}
	}
	for (k = 0; k < sizeof(health_metrics) / sizeof(health_metrics[0]); k++) {
		header(f, health_metrics[k].name, health_metrics[k].type, health_metrics[k].help);
		for (i = 0; i < m->nr_dimms; i++) {
			struct mon_dimm *d = m->dimms[i];

			if (!d->health || !ndt_health_has(d->health, health_metrics[k].field))
				continue;
			fprintf(f, "%s{", health_metrics[k].name);
			put_label(f, "dimm", d->devname, true);
			fprintf(f, "} %.10g\n", health_metrics[k].get(d->health));
		}
	}
	header(f, "ndtool_dimm_condition", "gauge",
	       "1 while the condition an event reports holds (by event name).");
	for (i = 0; i < m->nr_dimms; i++) {
		struct mon_dimm *d = m->dimms[i];
		unsigned int bit;

		if (!d->rep.known)
			continue;
		for (bit = 1; bit & EV_ALL; bit <<= 1) {
			if (!(bit & EV_CONDITIONS))
				continue;
			fputs("ndtool_dimm_condition{", f);
			put_label(f, "dimm", d->devname, true);
			put_label(f, "event", mon_event_name(bit), false);
			fprintf(f, "} %d\n", (d->rep.conditions & bit) ? 1 : 0);
		}
	}
}

static void region_lines(FILE *f, struct monitor *m)
{
	uint64_t sectors;
	size_t i, k;

	header(f, "ndtool_region_badblocks", "gauge",
	       "Known media errors of a watched region, in 512-byte sectors.");
	for (i = 0; i < m->nr_regions; i++) {
		struct mon_region *r = m->regions[i];

		if (!r->region || !r->known)
			continue;
		sectors = 0;
		for (k = 0; k < r->nr_bb; k++)
			sectors += r->bb[k].length;
		fputs("ndtool_region_badblocks{", f);
		put_label(f, "region", r->devname, true);
		put_label(f, "bus", ndt_bus_get_devname(ndt_region_get_bus(r->region)), false);
		fprintf(f, "} %llu\n", (unsigned long long)sectors);
	}
}

static void monitor_lines(FILE *f, struct monitor *m)
{
	unsigned int i;

	header(f, "ndtool_monitor_dimms", "gauge", "DIMMs the monitor watches.");
	fprintf(f, "ndtool_monitor_dimms %zu\n", m->nr_dimms);
	header(f, "ndtool_monitor_events_total", "counter", "Events reported, by event name.");
	for (i = 0; i < NR_EVENTS; i++)
		fprintf(f, "ndtool_monitor_events_total{event=\"%s\"} %llu\n",
			mon_event_name(1u << i), m->events_total[i]);
	header(f, "ndtool_monitor_health_notifications_total", "counter",
	       "Health notifications received from DIMM firmware.");
	fprintf(f, "ndtool_monitor_health_notifications_total %llu\n", m->notifications_total);
	header(f, "ndtool_monitor_checks_total", "counter", "SMART health reads.");
	fprintf(f, "ndtool_monitor_checks_total %llu\n", m->checks_total);
	header(f, "ndtool_monitor_exec_failures_total", "counter",
	       "Exec hooks that failed, timed out or could not start.");
	fprintf(f, "ndtool_monitor_exec_failures_total %llu\n", m->exec_failures_total);
	header(f, "ndtool_monitor_last_check_timestamp_seconds", "gauge",
	       "When a DIMM was last checked (Unix time; 0: never).");
	fprintf(f, "ndtool_monitor_last_check_timestamp_seconds %lld\n", (long long)m->last_check);
}

int mon_prom_write(struct monitor *m)
{
	char tmp[PATH_MAX];
	FILE *f;
	int fd, rc = 0;

	if (!m->cfg.prometheus || !m->cfg.prometheus[0])
		return 0;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", m->cfg.prometheus) >= sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	/* readable by node_exporter whatever the umask (the service's is 0077) */
	if (fd >= 0)
		fchmod(fd, 0644);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		rc = -errno;
		if (fd >= 0)
			close(fd);
		goto out;
	}
	info_lines(f, m);
	health_lines(f, m);
	region_lines(f, m);
	monitor_lines(f, m);
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) < 0)
		rc = errno ? -errno : -EIO;
	if (fclose(f) != 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, m->cfg.prometheus) < 0)
		rc = -errno;
out:
	if (rc) {
		unlink(tmp);
		if (!m->prom_error)
			mon_log(m, LOG_WARNING, "cannot write the metrics to %s: %s",
				m->cfg.prometheus, strerror(-rc));
		m->prom_error = true;
		return rc;
	}
	m->prom_error = false;
	m->prom_dirty = false;
	return 0;
}
