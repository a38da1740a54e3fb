// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where events and diagnostics go. Events are one JSON object per line on every target:
 * stdout (-l standard), syslog at LOG_NOTICE, a file that holds nothing but events, or
 * the journal with structured fields. Diagnostics go to stderr (with the journal's
 * "<N>" priority prefix when stderr is a journal stream), or to syslog or the journal
 * once the monitor runs as a daemon.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-journal.h>
#endif
#include "monitor.h"

static bool stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

void mon_log(struct monitor *m, int prio, const char *fmt, ...)
{
	static int journal_stream = -1;
	char msg[1024];
	va_list ap;

	if (prio > (m->args.verbose ? LOG_DEBUG : LOG_INFO))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
#ifdef HAVE_LIBSYSTEMD
	if (m->cfg.log_kind == OUT_JOURNAL) {
		sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", prio,
				"SYSLOG_IDENTIFIER=ndtool-monitor", NULL);
		return;
	}
#endif
	if (m->args.daemon || m->cfg.log_kind == OUT_SYSLOG) {
		syslog(prio, "%s", msg);
		return;
	}
	if (journal_stream < 0)
		journal_stream = stderr_is_journal();
	if (journal_stream)
		fprintf(stderr, "<%d>%s\n", prio, msg);
	else
		fprintf(stderr, "ndtool-monitor: %s\n", msg);
}

static void lib_log(struct ndt_ctx *ctx, int prio, const char *file, int line, const char *fn,
		    const char *fmt, va_list ap)
{
	struct monitor *m = ndt_get_userdata(ctx);
	char msg[1024];

	(void)file;
	(void)line;
	(void)fn;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	mon_log(m, prio, "%s", msg);
}

int mon_output_open(struct monitor *m)
{
	ndt_set_userdata(m->ctx, m);
	ndt_set_log_fn(m->ctx, lib_log);
	ndt_set_log_priority(m->ctx, m->args.verbose ? LOG_DEBUG : LOG_WARNING);
	if (m->args.daemon || m->cfg.log_kind == OUT_SYSLOG)
		openlog("ndtool-monitor", LOG_PID, LOG_DAEMON);
	if (m->cfg.log_kind != OUT_FILE)
		return 0;
	m->log_file = fopen(m->cfg.log_path, "ae");
	if (!m->log_file) {
		int rc = -errno;

		mon_log(m, LOG_ERR, "cannot open the log file %s: %s", m->cfg.log_path,
			strerror(errno));
		return rc;
	}
	return 0;
}

int mon_output_reopen(struct monitor *m)
{
	FILE *f;

	/* the target may have changed to syslog */
	if (m->cfg.log_kind == OUT_SYSLOG)
		openlog("ndtool-monitor", LOG_PID, LOG_DAEMON);
	if (m->cfg.log_kind != OUT_FILE) {
		if (m->log_file)
			fclose(m->log_file);
		m->log_file = NULL;
		return 0;
	}
	/* keep writing to the old file when the new one cannot be opened */
	f = fopen(m->cfg.log_path, "ae");
	if (!f) {
		mon_log(m, LOG_ERR, "cannot reopen the log file %s: %s; events still go to the "
				    "old file", m->cfg.log_path, strerror(errno));
		return -errno;
	}
	if (m->log_file)
		fclose(m->log_file);
	m->log_file = f;
	return 0;
}

void mon_output_close(struct monitor *m)
{
	if (m->log_file)
		fclose(m->log_file);
	m->log_file = NULL;
	fflush(stdout);
	if (m->args.daemon || m->cfg.log_kind == OUT_SYSLOG)
		closelog();
}

void mon_event_names(unsigned int bits, char *buf, size_t len)
{
	unsigned int i;
	size_t off = 0;

	buf[0] = '\0';
	for (i = 0; i < NR_EVENTS && off < len; i++)
		if (bits & (1u << i))
			off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? " " : "",
						mon_event_name(1u << i));
}

#ifdef HAVE_LIBSYSTEMD
static void journal_event(const char *text, const struct mon_dimm *d,
			  const struct mon_where *w, unsigned int fired, unsigned int cleared,
			  const char *state)
{
	char ev[256], cl[256];

	mon_event_names(fired, ev, sizeof(ev));
	mon_event_names(cleared, cl, sizeof(cl));
	sd_journal_send("MESSAGE=%s", text, "PRIORITY=%d", LOG_NOTICE,
			"SYSLOG_IDENTIFIER=ndtool-monitor", "NDTOOL_EVENT=%s", ev,
			"NDTOOL_CLEARED=%s", cl, "NDTOOL_DIMM=%s", d ? d->devname : "",
			"NDTOOL_DIMM_ID=%s", d ? d->id : "", "NDTOOL_HEALTH_STATE=%s", state,
			"NDTOOL_REGION=%s", w ? w->region : "",
			"NDTOOL_NAMESPACE=%s", w && w->ns ? w->ns : "", NULL);
}
#endif

void mon_emit(struct monitor *m, struct json_object *ev, const struct mon_dimm *d,
	      const struct mon_where *w, unsigned int fired, unsigned int cleared)
{
	const char *text = json_object_to_json_string_ext(ev, JSON_C_TO_STRING_PLAIN);
	const char *state = d ? mon_health_name(d->rep.known ? d->rep.health_state : -1) : "";
	struct json_object *dj, *hj, *sj, *tj;
	const char *trigger = "";

	/* the state the event shows (the report may not be recorded yet) */
	if (json_object_object_get_ex(ev, "dimm", &dj) &&
	    json_object_object_get_ex(dj, "health", &hj) &&
	    json_object_object_get_ex(hj, "health_state", &sj))
		state = json_object_get_string(sj);
	if (json_object_object_get_ex(ev, "trigger", &tj))
		trigger = json_object_get_string(tj);

	switch (m->cfg.log_kind) {
	case OUT_STANDARD:
		if (printf("%s\n", text) < 0 || fflush(stdout) != 0)
			mon_log(m, LOG_ERR, "cannot write an event to stdout: %s", strerror(errno));
		break;
	case OUT_SYSLOG:
		syslog(LOG_NOTICE, "%s", text);
		break;
	case OUT_FILE:
		if (!m->log_file || fprintf(m->log_file, "%s\n", text) < 0 ||
		    fflush(m->log_file) != 0)
			mon_log(m, LOG_ERR, "cannot write an event to %s: %s", m->cfg.log_path,
				strerror(errno));
		break;
	case OUT_JOURNAL:
#ifdef HAVE_LIBSYSTEMD
		journal_event(text, d, w, fired, cleared, state);
#endif
		break;
	}
	if (m->cfg.exec && m->cfg.exec[0])
		mon_exec_start(m, text, d, w, fired, cleared, state, trigger);
}
