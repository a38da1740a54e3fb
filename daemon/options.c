// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool-monitor's command line (ndctl monitor's options and ndtool's own), start-up,
 * reload and shutdown.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "util/options.h"
#include "monitor.h"

#define DEFAULT_CONFIG "/etc/ndtool/monitor.conf"
#define DEFAULT_STATE_DIR "/var/lib/ndtool/monitor"

/* The service manager's StateDirectory= (its first entry), else the default. */
static char *default_state_dir(void)
{
	const char *env = getenv("STATE_DIRECTORY");
	size_t n;

	if (!env || env[0] != '/')
		return strdup(DEFAULT_STATE_DIR);
	n = strcspn(env, ":");
	return strndup(env, n);
}

enum {
	OPT_DAEMON = 256,
	OPT_EXEC,
	OPT_EXEC_TIMEOUT,
	OPT_TEST,
	OPT_PROMETHEUS,
	OPT_STATE_DIR,
	OPT_LIST_EVENTS,
};

const struct ndt_option ndt_monitor_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "filter by bus" },
	{ 'r', 'r', "region", "<region-id>", "filter by region" },
	{ 'd', 'd', "dimm", "<dimm-id>", "filter by dimm" },
	{ 'n', 'n', "namespace", "<namespace-id>", "filter by namespace id" },
	{ 'D', 'D', "dimm-event", "<name of event type>", "filter by DIMM event type" },
	{ 'l', 'l', "log", "<<file> | syslog | standard | journal>",
	  "where to output the monitor's notification" },
	{ 'c', 'c', "config-file", "<config-file>", "override default configs" },
	{ OPT_DAEMON, 0, "daemon", NULL, "run ndtool monitor as a daemon" },
	{ 'u', 'u', "human", NULL, "use human friendly output formats" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to log" },
	{ 'p', 'p', "poll", "<n>", "poll and report events/status every <n> seconds" },
	{ OPT_EXEC, 0, "exec", "<program>", "run <program> once per event (event JSON on stdin)" },
	{ OPT_EXEC_TIMEOUT, 0, "exec-timeout", "<sec>", "kill the program after <sec> seconds" },
	{ OPT_PROMETHEUS, 0, "prometheus", "<file>",
	  "write node_exporter textfile metrics to <file>" },
	{ OPT_STATE_DIR, 0, "state-dir", "<dir>", "remember what was reported in <dir>" },
	{ OPT_TEST, 0, "test", NULL, "send one test event through every output and exit" },
	{ OPT_LIST_EVENTS, 0, "list-events", NULL, "print the event names and exit" },
	{ 0 },
};

struct parse {
	const char *prog;
	struct mon_config cli;
	struct mon_args args;
	bool list_events;
};

static int opt_cb(void *priv, int id, const char *arg)
{
	static const struct {
		int id;
		const char *key;
	} keys[] = {
		{ 'b', "bus" },		{ 'r', "region" },
		{ 'd', "dimm" },	{ 'n', "namespace" },
		{ 'D', "dimm-event" },	{ 'l', "log" },
		{ 'p', "poll" },	{ OPT_EXEC, "exec" },
		{ OPT_EXEC_TIMEOUT, "exec-timeout" },
		{ OPT_PROMETHEUS, "prometheus" },
		{ OPT_STATE_DIR, "state-dir" },
	};
	struct parse *p = priv;
	char why[256];
	size_t i;

	switch (id) {
	case 'c':
		p->args.config_path = arg;
		return 0;
	case OPT_DAEMON:
		p->args.daemon = true;
		return 0;
	case 'u':
		p->args.human = true;
		return 0;
	case 'v':
		p->args.verbose++;
		return 0;
	case OPT_TEST:
		p->args.test = true;
		return 0;
	case OPT_LIST_EVENTS:
		p->list_events = true;
		return 0;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i].id != id)
			continue;
		if (mon_config_set(&p->cli, keys[i].key, arg, why, sizeof(why)) == 0)
			return 0;
		fprintf(stderr, "%s: --%s: %s\n", p->prog, keys[i].key, why);
		return -1;
	}
	return -1;
}

/* The settings of the command line and the configuration, checked together. */
static int build_config(struct monitor *m, struct mon_config *out, const struct mon_config *cli,
			const struct mon_args *args)
{
	struct mon_config file;
	const char *path = args->config_path ? args->config_path : DEFAULT_CONFIG;
	int rc;

	mon_config_init(&file);
	mon_config_init(out);
	rc = mon_config_load(m, &file, path, !args->config_path);
	if (rc == 0)
		rc = mon_config_merge(m, out, cli, &file);
	mon_config_free(&file);
	if (rc < 0) {
		mon_config_free(out);
		return -1;
	}
	if ((out->set & CFG_TEMP_WARN) && (out->set & CFG_TEMP_CRIT) &&
	    out->temp_crit < out->temp_warn) {
		if (m)
			mon_log(m, LOG_ERR, "%s: temperature-critical (%g) is below "
					    "temperature-warning (%g)", path, out->temp_crit,
				out->temp_warn);
		else
			fprintf(stderr, "%s: temperature-critical (%g) is below "
					"temperature-warning (%g)\n", path, out->temp_crit,
				out->temp_warn);
		mon_config_free(out);
		return -1;
	}
	if (!(out->set & CFG_STATE_DIR)) {
		out->state_dir = default_state_dir();
		if (!out->state_dir) {
			mon_config_free(out);
			return -1;
		}
	}
	/* a daemon has no terminal: standard output falls back to syslog, as ndctl's does */
	if (args->daemon && out->log_kind == OUT_STANDARD)
		out->log_kind = OUT_SYSLOG;
	return 0;
}

void mon_reload(struct monitor *m)
{
	struct mon_config next;
	unsigned int old_events = m->cfg.events;

	mon_log(m, LOG_INFO, "reloading the configuration (SIGHUP)");
	if (build_config(m, &next, &m->cli, &m->args) < 0) {
		mon_log(m, LOG_ERR, "the new configuration is not valid; keeping the previous one");
		mon_output_reopen(m);
		return;
	}
	mon_config_free(&m->cfg);
	m->cfg = next;
	mon_output_reopen(m);
	if (mon_state_init(m) < 0) {
		mon_log(m, LOG_WARNING, "state directory %s unusable; state not saved",
			m->cfg.state_dir);
		free(m->cfg.state_dir);
		m->cfg.state_dir = NULL;
	}
	if (m->cfg.events != old_events) {
		struct ndt_health *h;
		size_t i;

		/* a fresh reading: the alarms may have changed since the last check */
		for (i = 0; i < m->nr_dimms; i++) {
			if (!m->dimms[i]->dimm || ndt_dimm_get_health(m->dimms[i]->dimm, &h) < 0)
				continue;
			mon_enable_alarms(m, m->dimms[i], h);
			ndt_health_free(h);
		}
	}
}

static int list_events(void)
{
	unsigned int bit;

	for (bit = 1; bit & EV_ALL; bit <<= 1)
		printf("%s\n", mon_event_name(bit));
	return 0;
}

static int test_event(struct monitor *m)
{
	struct mon_dimm *d = m->nr_dimms ? m->dimms[0] : NULL;

	if (d)
		mon_report(m, d, d->health, 0, 0, TRIGGER_TEST, NULL);
	else
		mon_report(m, NULL, NULL, 0, 0, TRIGGER_TEST, NULL);
	mon_prom_write(m);
	mon_exec_wait_all(m);
	return m->exec_failures_total ? 1 : 0;
}

static int start(struct monitor *m)
{
	int rc;

	if (m->args.daemon && daemon(0, 0) < 0) {
		fprintf(stderr, "ndtool monitor: cannot become a daemon: %s\n", strerror(errno));
		return 1;
	}
	if (mon_output_open(m) < 0)
		return 1;
	/* a test event changes nothing: no saved state is read or written */
	if (m->args.test) {
		free(m->cfg.state_dir);
		m->cfg.state_dir = NULL;
	}
	rc = mon_state_init(m);
	if (rc < 0) {
		if (m->cli.set & CFG_STATE_DIR) {
			mon_log(m, LOG_ERR, "state directory %s: %s", m->cfg.state_dir,
				strerror(-rc));
			return 1;
		}
		mon_log(m, LOG_INFO, "state directory %s: %s; what is reported is not remembered "
				     "across restarts", m->cfg.state_dir, strerror(-rc));
		free(m->cfg.state_dir);
		m->cfg.state_dir = NULL;
	}
	rc = mon_watch_setup(m);
	if (rc < 0) {
		mon_log(m, LOG_ERR, "cannot set up the watch: %s", strerror(-rc));
		return 1;
	}
	if (mon_dimms_rescan(m, TRIGGER_START) < 0) {
		mon_log(m, LOG_ERR, "cannot enumerate the DIMMs: out of memory");
		return 1;
	}
	if (mon_regions_rescan(m, TRIGGER_START) < 0) {
		mon_log(m, LOG_ERR, "cannot enumerate the regions: out of memory");
		return 1;
	}
	if (m->args.test)
		return test_event(m);
	if (!m->nr_dimms)
		mon_log(m, LOG_NOTICE, "no DIMMs to monitor; waiting for DIMMs to appear");
	else
		mon_log(m, LOG_INFO, "watching %zu DIMM%s", m->nr_dimms,
			m->nr_dimms == 1 ? "" : "s");
	if (m->cfg.events & EV_MEDIA_ERROR)
		mon_log(m, LOG_INFO, "watching the media errors of %zu region%s",
			mon_regions_watched(m), mon_regions_watched(m) == 1 ? "" : "s");
	if (m->args.daemon)
		mon_log(m, LOG_INFO, "ndtool monitor daemon started");
	mon_prom_write(m);
	mon_notify("READY=1");
	mon_status_update(m);
	if (mon_run(m) < 0)
		return 1;
	mon_notify("STOPPING=1");
	mon_log(m, LOG_INFO, "stopping");
	mon_exec_wait_all(m);
	mon_prom_write(m);
	return 0;
}

int ndt_monitor_main(int argc, char **argv, struct ndt_ctx *ctx, const char *prog)
{
	const struct ndt_cmd_info info = { prog, "[<options>]", ndt_monitor_options };
	struct monitor m = { .ctx = ctx, .epfd = -1, .signal_fd = -1, .uevent_fd = -1 };
	struct parse p = { .prog = prog };
	int rc;

	mon_config_init(&p.cli);
	rc = ndt_opts_parse(&info, argc, argv, opt_cb, &p);
	if (rc < 0) {
		mon_config_free(&p.cli);
		return rc == NDT_OPTS_USAGE_ERROR ? 2 : rc;
	}
	if (rc < argc) {
		fprintf(stderr, "%s: unexpected operand '%s' (filters are options: -d %s)\n", prog,
			argv[rc], argv[rc]);
		mon_config_free(&p.cli);
		return 2;
	}
	if (p.list_events) {
		mon_config_free(&p.cli);
		return list_events();
	}
	m.cli = p.cli;
	m.args = p.args;
	if (build_config(NULL, &m.cfg, &m.cli, &m.args) < 0) {
		mon_config_free(&m.cli);
		return 2;
	}
	rc = start(&m);
	/* the context outlives the monitor: its log goes back to the default */
	ndt_set_log_fn(ctx, NULL);
	ndt_set_userdata(ctx, NULL);
	mon_dimms_free(&m);
	mon_regions_free(&m);
	mon_watch_teardown(&m);
	mon_output_close(&m);
	mon_config_free(&m.cfg);
	mon_config_free(&m.cli);
	return rc;
}
