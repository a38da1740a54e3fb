// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The exec hook: the configured program runs once per event with the event's JSON on
 * stdin and its gist in the environment (ndtool-monitor(1), ENVIRONMENT OF THE HOOK).
 * The watch loop never waits for it: children are reaped on SIGCHLD and killed, with
 * their process group, when they outlive the timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "monitor.h"

#define MAX_CHILDREN 16

struct mon_exec_child {
	struct mon_exec_child *next;
	pid_t pid;
	struct timespec deadline;
	bool killed;
	char what[96];		/* "nmem0 dimm-media-temperature" for the log */
};

static long long ms_until(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
}

static size_t nr_children(struct monitor *m)
{
	struct mon_exec_child *c;
	size_t n = 0;

	for (c = m->children; c; c = c->next)
		n++;
	return n;
}

static void child_setenv(const char *name, const char *val)
{
	if (val)
		setenv(name, val, 1);
}

/* In the child: the environment, stdin from the pipe, stdout to stderr, then exec. */
static void __attribute__((noreturn))
child_exec(struct monitor *m, int rfd, const struct mon_dimm *d, const struct mon_where *w,
	   unsigned int fired, unsigned int cleared, const char *state, const char *trigger)
{
	char ev[256], cl[256], ppid[24];
	sigset_t none;

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (dup2(rfd, STDIN_FILENO) < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
		_exit(127);
	if (rfd != STDIN_FILENO)
		close(rfd);
	mon_event_names(fired, ev, sizeof(ev));
	mon_event_names(cleared, cl, sizeof(cl));
	child_setenv("NDTOOL_EVENT", ev);
	child_setenv("NDTOOL_CLEARED", cl);
	child_setenv("NDTOOL_TRIGGER", trigger);
	child_setenv("NDTOOL_DIMM", d ? d->devname : "");
	child_setenv("NDTOOL_DIMM_ID", d ? d->id : "");
	child_setenv("NDTOOL_HEALTH_STATE", state);
	/* where a media error is; not set for the DIMMs' events */
	unsetenv("NDTOOL_REGION");
	unsetenv("NDTOOL_NAMESPACE");
	if (w) {
		child_setenv("NDTOOL_REGION", w->region);
		child_setenv("NDTOOL_NAMESPACE", w->ns ? w->ns : "");
	}
	snprintf(ppid, sizeof(ppid), "%d", (int)getppid());
	setenv("NDTOOL_MONITOR_PID", ppid, 1);
	/* the service manager's channel is the monitor's, not the hook's */
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	execl(m->cfg.exec, m->cfg.exec, (char *)NULL);
	fprintf(stderr, "ndtool-monitor: cannot run %s: %s\n", m->cfg.exec, strerror(errno));
	_exit(127);
}

void mon_exec_start(struct monitor *m, const char *json, const struct mon_dimm *d,
		    const struct mon_where *w, unsigned int fired, unsigned int cleared,
		    const char *state, const char *trigger)
{
	struct mon_exec_child *c;
	size_t len = strlen(json);
	int p[2];
	pid_t pid;

	if (nr_children(m) >= MAX_CHILDREN) {
		m->exec_failures_total++;
		mon_log(m, LOG_WARNING, "%s: %zu hooks still running; %s not run for this event",
			d ? d->devname : w ? w->region : "test", nr_children(m), m->cfg.exec);
		return;
	}
	c = calloc(1, sizeof(*c));
	if (!c || pipe2(p, O_CLOEXEC) < 0) {
		free(c);
		m->exec_failures_total++;
		mon_log(m, LOG_ERR, "cannot run %s: %s", m->cfg.exec, strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		free(c);
		m->exec_failures_total++;
		mon_log(m, LOG_ERR, "cannot run %s: %s", m->cfg.exec, strerror(errno));
		return;
	}
	if (pid == 0) {
		close(p[1]);
		child_exec(m, p[0], d, w, fired, cleared, state, trigger);
	}
	close(p[0]);
	/* an event is a few KiB: it fits in the pipe; never block on a hook that does not read */
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	if (write(p[1], json, len) != (ssize_t)len || write(p[1], "\n", 1) != 1)
		mon_log(m, LOG_WARNING, "%s: the hook's stdin got only part of the event",
			m->cfg.exec);
	close(p[1]);

	c->pid = pid;
	clock_gettime(CLOCK_MONOTONIC, &c->deadline);
	c->deadline.tv_sec += m->cfg.exec_timeout;
	mon_event_names(fired ? fired : cleared, c->what, sizeof(c->what));
	c->next = m->children;
	m->children = c;
	mon_log(m, LOG_DEBUG, "started %s (pid %d) for %s %s", m->cfg.exec, (int)pid,
		d ? d->devname : w ? w->region : "test", c->what);
}

static void child_done(struct monitor *m, struct mon_exec_child *c, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !c->killed)
		return;
	m->exec_failures_total++;
	if (c->killed)
		mon_log(m, LOG_WARNING, "%s (pid %d, %s) killed after %u s", m->cfg.exec,
			(int)c->pid, c->what, m->cfg.exec_timeout);
	else if (WIFEXITED(status))
		mon_log(m, LOG_WARNING, "%s (pid %d, %s) exited with status %d", m->cfg.exec,
			(int)c->pid, c->what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		mon_log(m, LOG_WARNING, "%s (pid %d, %s) died of signal %d", m->cfg.exec,
			(int)c->pid, c->what, WTERMSIG(status));
}

void mon_exec_reap(struct monitor *m)
{
	struct mon_exec_child **pp, *c;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (pp = &m->children; *pp; pp = &(*pp)->next)
			if ((*pp)->pid == pid)
				break;
		c = *pp;
		if (!c)
			continue;
		*pp = c->next;
		child_done(m, c, status);
		free(c);
	}
}

int mon_exec_timeout(struct monitor *m)
{
	struct mon_exec_child *c;
	long long ms, best = -1;

	for (c = m->children; c; c = c->next) {
		if (c->killed)
			continue;
		ms = ms_until(&c->deadline);
		if (ms <= 0) {
			kill(-c->pid, SIGKILL);
			kill(c->pid, SIGKILL);
			c->killed = true;
			continue;
		}
		if (best < 0 || ms < best)
			best = ms;
	}
	return best < 0 ? -1 : (int)(best > 0x7fffffff ? 0x7fffffff : best);
}

void mon_exec_wait_all(struct monitor *m)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	while (m->children) {
		mon_exec_timeout(m);
		mon_exec_reap(m);
		if (m->children)
			nanosleep(&pause, NULL);
	}
}
