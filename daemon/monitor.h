/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ndtool-monitor: watches the health of NVDIMMs and reports changes as JSON events.
 *
 * The parts: options and the configuration file (options.c, config.c), the DIMMs being
 * watched and what was last reported of each (dimms.c, state.c), the regions whose media
 * errors are watched and the ranges last seen of each (regions.c, media.c, region-state.c),
 * deciding and rendering events (check.c, event.c), where events go (output.c, exec.c,
 * prom.c), service manager notifications (notify.c) and the loop that waits for the kernel
 * (watch.c).
 */
#ifndef NDTOOL_DAEMON_MONITOR_H
#define NDTOOL_DAEMON_MONITOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <json-c/json.h>
#include <ndtool/libndtool.h>
#include "util/options.h"

/* The events, one bit each; the names are ndctl monitor's plus ndtool's own. */
enum mon_event {
	EV_SPARES = 1 << 0,		/* dimm-spares-remaining */
	EV_MEDIA_TEMP = 1 << 1,		/* dimm-media-temperature */
	EV_CTRL_TEMP = 1 << 2,		/* dimm-controller-temperature */
	EV_HEALTH = 1 << 3,		/* dimm-health-state */
	EV_UNCLEAN = 1 << 4,		/* dimm-unclean-shutdown */
	EV_SHUTDOWN_COUNT = 1 << 5,	/* dimm-shutdown-count */
	EV_TEMP_WARN = 1 << 6,		/* dimm-temperature-warning */
	EV_TEMP_CRIT = 1 << 7,		/* dimm-temperature-critical */
	EV_DETECTED = 1 << 8,		/* dimm-detected */
	EV_REMOVED = 1 << 9,		/* dimm-removed */
	EV_MEDIA_ERROR = 1 << 10,	/* media-error: a new badblock range of a region */
	EV_ALL = (1 << 11) - 1,
	/* the events about a region, not a DIMM */
	EV_REGION = EV_MEDIA_ERROR,
	/* the events ndctl monitor knows */
	EV_NDCTL = EV_SPARES | EV_MEDIA_TEMP | EV_CTRL_TEMP | EV_HEALTH | EV_UNCLEAN,
	/* conditions that hold for a while (and clear), as opposed to changes */
	EV_CONDITIONS = EV_SPARES | EV_MEDIA_TEMP | EV_CTRL_TEMP | EV_UNCLEAN | EV_TEMP_WARN |
			EV_TEMP_CRIT,
};
#define NR_EVENTS 11

const char *mon_event_name(unsigned int bit);
/* The bit of an event name ("all" gives EV_ALL); 0 when unknown. */
unsigned int mon_event_parse(const char *name);

/* Why a DIMM is being checked. */
enum mon_trigger {
	TRIGGER_START,		/* the first check after start or reload */
	TRIGGER_NOTIFY,		/* the DIMM's firmware signalled a health event, or the
				 * kernel a new media error list of a region */
	TRIGGER_POLL,		/* the periodic check (-p) */
	TRIGGER_SIGNAL,		/* SIGUSR1 */
	TRIGGER_HOTPLUG,	/* the DIMM came or went */
	TRIGGER_TEST,		/* --test */
};
const char *mon_trigger_name(enum mon_trigger t);
/* "ok", "non-critical", "critical", "fatal"; "unknown" for -1 */
const char *mon_health_name(int state);

enum mon_log_kind { OUT_STANDARD, OUT_SYSLOG, OUT_FILE, OUT_JOURNAL };

/* Which settings a command line or a configuration file gave (struct mon_config.set). */
enum {
	CFG_BUS = 1 << 0, CFG_REGION = 1 << 1, CFG_DIMM = 1 << 2, CFG_NS = 1 << 3,
	CFG_EVENTS = 1 << 4, CFG_LOG = 1 << 5, CFG_POLL = 1 << 6, CFG_EXEC = 1 << 7,
	CFG_EXEC_TIMEOUT = 1 << 8, CFG_STATE_DIR = 1 << 9, CFG_PROMETHEUS = 1 << 10,
	CFG_TEMP_WARN = 1 << 11, CFG_TEMP_CRIT = 1 << 12, CFG_TEMP_HYST = 1 << 13,
};

/* Everything the command line and the configuration file set. */
struct mon_config {
	unsigned int set;		/* CFG_* given */
	/* filters, as ndctl's: space-separated words, NULL for all */
	char *bus, *region, *dimm, *ns;
	unsigned int events;		/* EV_* selected (-D) */
	enum mon_log_kind log_kind;
	char *log_path;			/* OUT_FILE */
	unsigned int poll;		/* seconds, 0: no periodic check */
	char *exec;			/* a program run once per event */
	unsigned int exec_timeout;	/* seconds */
	char *state_dir;		/* "" or NULL: no saved state */
	char *prometheus;		/* node_exporter textfile */
	double temp_warn, temp_crit;	/* degrees Celsius, 0: not set */
	double temp_hyst;
};

void mon_config_init(struct mon_config *c);
void mon_config_free(struct mon_config *c);
/*
 * Set one key ("bus", "dimm-event", "poll", ...: the configuration file's names) from its
 * text value. Returns 0; -1 with a reason in @why for an unknown key or a bad value.
 */
int mon_config_set(struct mon_config *c, const char *key, const char *val, char *why,
		   size_t len);
/*
 * Read a configuration file, or every *.conf file of a directory in name order, into @c.
 * A missing @path is an error unless @optional. Returns 0, or -1 after reporting
 * "FILE:LINE: why" on stderr (@m NULL, at start) or to the log (a reload).
 */
struct monitor;
int mon_config_load(struct monitor *m, struct mon_config *c, const char *path, bool optional);
/* @dst (initialised) gets what @cli gave and, for the rest, what @file gave. */
int mon_config_merge(struct monitor *m, struct mon_config *dst, const struct mon_config *cli,
		     const struct mon_config *file);

/* Run-time switches of the command line only. */
struct mon_args {
	bool human;			/* -u */
	int verbose;			/* -v */
	bool daemon;			/* --daemon */
	bool test;			/* --test */
	const char *config_path;	/* -c, or NULL for the default file */
};

/* What one check of a DIMM found. */
struct mon_status {
	bool read;			/* SMART health was read */
	int health_state;		/* enum ndt_health_state, -1 unknown */
	unsigned int conditions;	/* EV_CONDITIONS that hold */
	bool has_count;
	unsigned int shutdown_count;
	bool has_temp;
	double temperature;		/* the hotter of media and controller */
};

/* What was last reported of a DIMM (saved under its unique id). */
struct mon_reported {
	bool known;			/* a report (or saved state) exists */
	int health_state;
	unsigned int conditions;
	bool has_count;
	unsigned int shutdown_count;
};

/* One watched DIMM. */
struct mon_dimm {
	char devname[32];
	char id[64];			/* unique id, "" when the DIMM has none */
	struct ndt_dimm *dimm;		/* valid until the next rescan */
	int fd;				/* health notification, -1: none */
	bool seen;			/* found by the current rescan */
	struct mon_reported rep;
	bool state_saved;		/* rep is on disk */
	bool state_error;		/* the last save failed (logged once) */
	struct ndt_health *health;	/* the last reading (for the metrics) */
	struct json_object *last_json;	/* the DIMM's JSON (for dimm-removed) */
};

/* One watched region (or one seen before, kept for the ranges last seen of it). */
struct mon_region {
	char devname[32];
	char provider[64];		/* its bus's */
	char key[192];			/* provider, name, start address: its state file */
	bool has_resource;
	uint64_t resource;		/* start address (root only) */
	struct ndt_region *region;	/* valid until the next rescan; NULL: not watched now */
	int fd;				/* media error list notification, -1: none */
	bool seen;			/* found by the current rescan */
	bool known;			/* ranges were read (or loaded from the state) */
	struct ndt_badblock *bb;	/* the ranges last seen, from the region start */
	size_t nr_bb;
	bool state_saved;		/* bb is on disk */
	bool state_error;		/* the last save failed (logged once) */
	bool read_error;		/* the last read failed (logged once) */
	bool watched;			/* watched after the last rescan */
};

/* Where a region event is (exec hook, journal); NULL for a DIMM event. */
struct mon_where {
	const char *region;
	const char *ns;			/* NULL: in no namespace */
};

struct monitor;

/* check.c */
/* Read the DIMM's health; 0, or -errno of ndt_dimm_get_health(). */
int mon_status_read(struct monitor *m, struct mon_dimm *d, struct ndt_health **health,
		    struct mon_status *st);
/* Emit one event about @d (the DIMM's JSON from its health @h, or its last known one). */
void mon_report(struct monitor *m, struct mon_dimm *d, struct ndt_health *h,
		unsigned int fired, unsigned int cleared, enum mon_trigger t,
		const struct mon_reported *prev);
/* Check one DIMM and emit what the trigger and the change call for. */
void mon_check_dimm(struct monitor *m, struct mon_dimm *d, enum mon_trigger t);
/* Count the @fired events for the metrics. */
void mon_count_events(struct monitor *m, unsigned int fired);

/* event.c: an event object (timestamp, pid, event, dimm, ...) */
struct json_object *mon_event_new(struct monitor *m, unsigned int fired, unsigned int cleared,
				  enum mon_trigger t);
struct json_object *mon_dimm_json(struct monitor *m, struct ndt_dimm *dimm,
				  struct ndt_health *health);
/* A media-error event: @badblock (taken) is where in @ns (NULL: in no namespace). */
struct json_object *mon_media_event_new(struct monitor *m, const char *region, const char *ns,
					struct json_object *badblock, enum mon_trigger t);

/* state.c */
/* What was reported of @d before (d->id), if the state directory has it: 0 or -errno. */
int mon_state_load(struct monitor *m, struct mon_dimm *d);
/* Write d->rep atomically; 0, or -errno (logged once per DIMM). */
int mon_state_save(struct monitor *m, struct mon_dimm *d);
/* Create the state directory; -errno when it cannot be used. */
int mon_state_init(struct monitor *m);
/* Whether a state directory is in use. */
bool mon_state_enabled(struct monitor *m);
/* @in with every character but [A-Za-z0-9_-] (and '.' after the first) made '_'. */
void mon_state_safe_name(const char *in, char *out, size_t len);
/*
 * Write @j (consumed) to @path atomically (temporary file, fsync, rename): 0; -ENOMEM
 * for a NULL @j; another -errno, logged once for @what while *@error stays set.
 */
int mon_state_put(struct monitor *m, const char *path, struct json_object *j,
		  const char *what, bool *error);

/* region-state.c: the ranges last seen of a region, under <state-dir>/regions/ */
int mon_region_state_load(struct monitor *m, struct mon_region *r);
int mon_region_state_save(struct monitor *m, struct mon_region *r);

/* output.c */
int mon_output_open(struct monitor *m);
int mon_output_reopen(struct monitor *m);
void mon_output_close(struct monitor *m);
/* Send one event to the log target, the exec hook; frees nothing. */
void mon_emit(struct monitor *m, struct json_object *ev, const struct mon_dimm *d,
	      const struct mon_where *w, unsigned int fired, unsigned int cleared);
/* The names of the EV_* @bits, space-separated. */
void mon_event_names(unsigned int bits, char *buf, size_t len);
/* Diagnostics: stderr, or syslog/journal for a daemon. */
void mon_log(struct monitor *m, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* exec.c */
void mon_exec_start(struct monitor *m, const char *json, const struct mon_dimm *d,
		    const struct mon_where *w, unsigned int fired, unsigned int cleared,
		    const char *state, const char *trigger);
void mon_exec_reap(struct monitor *m);
/* Milliseconds until the next exec deadline, -1 for none; kills overdue children. */
int mon_exec_timeout(struct monitor *m);
void mon_exec_wait_all(struct monitor *m);

/* prom.c */
int mon_prom_write(struct monitor *m);

/* notify.c: the service manager's notification socket ($NOTIFY_SOCKET) */
void mon_notify(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The watchdog interval in milliseconds, 0 when none is asked for. */
int mon_watchdog_ms(void);

/* alarms.c: turn on the DIMM's alarms for the selected threshold events (@h: its health) */
void mon_enable_alarms(struct monitor *m, struct mon_dimm *d, const struct ndt_health *h);

/* dimms.c: the DIMMs matching the filters */
struct ndt_filter;
/* The object filters of the configuration (-b -r -d -n). */
void mon_filter_of(struct monitor *m, struct ndt_filter *f);
int mon_dimms_rescan(struct monitor *m, enum mon_trigger t);
void mon_dimms_free(struct monitor *m);

/*
 * regions.c: the enabled pmem regions matching the filters, watched for media errors
 * while media-error is selected. A rescan follows the DIMMs' (their pointers come from
 * the same enumeration).
 */
int mon_regions_rescan(struct monitor *m, enum mon_trigger t);
void mon_regions_free(struct monitor *m);
/* The watched region whose notification descriptor epoll tagged with @tag, or NULL. */
struct mon_region *mon_region_of_tag(struct monitor *m, void *tag);
/* Regions being watched now. */
size_t mon_regions_watched(struct monitor *m);

/* media.c: read a region's media errors; one media-error event per new range */
void mon_check_region(struct monitor *m, struct mon_region *r, enum mon_trigger t);

/* watch.c */
int mon_watch_setup(struct monitor *m);
void mon_watch_teardown(struct monitor *m);
void mon_status_update(struct monitor *m);
int mon_run(struct monitor *m);

/* options.c: SIGHUP; the configuration is read again, the old one kept when it is bad */
void mon_reload(struct monitor *m);

struct mon_exec_child;

struct monitor {
	struct ndt_ctx *ctx;
	struct mon_config cfg;		/* in effect: command line over configuration file */
	struct mon_config cli;		/* what the command line gave (kept for reloads) */
	struct mon_args args;
	struct mon_dimm **dimms;	/* each allocated alone: epoll keeps pointers */
	size_t nr_dimms;
	struct mon_region **regions;	/* each allocated alone: epoll keeps pointers */
	size_t nr_regions;
	int uevent_fd;			/* kernel uevents (DIMMs that come and go), -1: none */
	int signal_fd;
	bool rescan_pending;
	long long rescan_at_ms;		/* CLOCK_MONOTONIC */
	unsigned long long wakeups;	/* returns from epoll_wait */
	bool stopping;
	bool prom_error;
	bool prom_dirty;		/* checked since the metrics were written */
	time_t last_check;		/* the last metrics write failed (logged once) */
	FILE *log_file;			/* OUT_FILE */
	struct mon_exec_child *children;
	int epfd;
	bool started;			/* the first rescan is done */
	unsigned long long events_total[NR_EVENTS];	/* by event bit, for the metrics */
	unsigned long long notifications_total;
	unsigned long long checks_total;
	unsigned long long exec_failures_total;
	struct mon_dimm *current;	/* the DIMM being checked (for the event) */
	struct ndt_health *current_health;
	const struct mon_reported *previous;
};

/* The options of ndtool-monitor and ndtool monitor. */
extern const struct ndt_option ndt_monitor_options[];

/*
 * The whole daemon: parse @argv (argv[0] is the program or command name), then watch.
 * Returns the exit status.
 */
int ndt_monitor_main(int argc, char **argv, struct ndt_ctx *ctx, const char *prog);

#endif
