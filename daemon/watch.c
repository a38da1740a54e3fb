// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The watch loop: one epoll set holding each DIMM's health notification attribute, each
 * watched region's media error list (badblocks), a signalfd (SIGHUP reload, SIGUSR1
 * check now, SIGTERM/SIGINT stop, SIGCHLD hooks) and a kernel uevent socket (DIMMs and
 * regions that come and go). The timeout is the nearest of the
 * periodic check (-p), a pending rescan, a hook's deadline and the watchdog; with none
 * of them the loop sleeps until the kernel or a signal wakes it.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "monitor.h"

/* epoll tags besides DIMM and region pointers */
static char tag_signal, tag_uevent;

#define RESCAN_DELAY_MS 200

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int uevent_open(struct monitor *m)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &tag_uevent };
	int fd;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    epoll_ctl(m->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		mon_log(m, LOG_WARNING, "cannot receive kernel uevents (%s): DIMMs that come or "
					"go are seen only at the next periodic check",
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	m->uevent_fd = fd;
	return 0;
}

/* Whether a uevent is about the nd bus (a DIMM, a bus, the nd drivers). */
static bool uevent_is_nd(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	for (; p < end; p += strlen(p) + 1)
		if (strcmp(p, "SUBSYSTEM=nd") == 0)
			return true;
	return false;
}

static void uevent_read(struct monitor *m)
{
	char buf[8192];
	ssize_t n;

	while ((n = recv(m->uevent_fd, buf, sizeof(buf) - 1, 0)) > 0) {
		buf[n] = '\0';
		if (!uevent_is_nd(buf, (size_t)n))
			continue;
		mon_log(m, LOG_DEBUG, "uevent %s", buf);
		if (!m->rescan_pending) {
			m->rescan_pending = true;
			m->rescan_at_ms = now_ms() + RESCAN_DELAY_MS;
		}
	}
}

static void check_all(struct monitor *m, enum mon_trigger t)
{
	size_t i;

	for (i = 0; i < m->nr_dimms; i++)
		if (m->dimms[i]->dimm)
			mon_check_dimm(m, m->dimms[i], t);
	for (i = 0; i < m->nr_regions; i++)
		if (m->regions[i]->region)
			mon_check_region(m, m->regions[i], t);
}

void mon_status_update(struct monitor *m)
{
	if (m->nr_dimms)
		mon_notify("STATUS=watching %zu DIMM%s", m->nr_dimms, m->nr_dimms == 1 ? "" : "s");
	else
		mon_notify("STATUS=no DIMMs to watch; waiting for DIMMs to appear");
}

static void rescan(struct monitor *m, enum mon_trigger t)
{
	size_t before = m->nr_dimms;

	m->rescan_pending = false;
	if (mon_dimms_rescan(m, t) < 0)
		mon_log(m, LOG_ERR, "rescan of the DIMMs failed: out of memory");
	if (mon_regions_rescan(m, t) < 0)
		mon_log(m, LOG_ERR, "rescan of the regions failed: out of memory");
	if (m->nr_dimms != before || t != TRIGGER_HOTPLUG) {
		mon_status_update(m);
		if (!m->nr_dimms)
			mon_log(m, LOG_NOTICE, "no DIMMs to monitor; waiting for DIMMs to appear");
	}
}

static void signal_read(struct monitor *m)
{
	struct signalfd_siginfo si;

	while (read(m->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			mon_notify("RELOADING=1");
			mon_reload(m);
			rescan(m, TRIGGER_START);
			mon_notify("READY=1");
			mon_status_update(m);
			break;
		case SIGUSR1:
			mon_log(m, LOG_INFO, "checking every DIMM and region now (SIGUSR1)");
			check_all(m, TRIGGER_SIGNAL);
			break;
		case SIGTERM:
		case SIGINT:
			m->stopping = true;
			break;
		case SIGCHLD:
			mon_exec_reap(m);
			break;
		}
	}
}

static void dimm_notified(struct monitor *m, struct mon_dimm *d)
{
	int rc = ndt_health_notify_rearm(d->fd);

	if (rc < 0) {
		/* the attribute is gone: the DIMM went away; a rescan tells */
		epoll_ctl(m->epfd, EPOLL_CTL_DEL, d->fd, NULL);
		close(d->fd);
		d->fd = -1;
		m->rescan_pending = true;
		m->rescan_at_ms = now_ms();
		return;
	}
	if (d->dimm)
		mon_check_dimm(m, d, TRIGGER_NOTIFY);
}

static void region_notified(struct monitor *m, struct mon_region *r)
{
	int rc;

	/* unwatched by a rescan earlier in the same wake-up */
	if (r->fd < 0)
		return;
	rc = ndt_region_badblocks_rearm(r->fd);
	if (rc < 0) {
		/* disabled or gone; a rescan tells, and watches it again if it is back */
		epoll_ctl(m->epfd, EPOLL_CTL_DEL, r->fd, NULL);
		close(r->fd);
		r->fd = -1;
		r->watched = false;
		m->rescan_pending = true;
		m->rescan_at_ms = now_ms();
		return;
	}
	if (r->region)
		mon_check_region(m, r, TRIGGER_NOTIFY);
}

static int next_timeout(struct monitor *m, long long next_poll, long long next_watchdog)
{
	long long now = now_ms(), best = -1, t;

#define CONSIDER(when) \
	do { \
		t = (when) - now; \
		if (t < 0) \
			t = 0; \
		if (best < 0 || t < best) \
			best = t; \
	} while (0)
	if (next_poll >= 0)
		CONSIDER(next_poll);
	if (next_watchdog >= 0)
		CONSIDER(next_watchdog);
	if (m->rescan_pending)
		CONSIDER(m->rescan_at_ms);
#undef CONSIDER
	t = mon_exec_timeout(m);
	if (t >= 0 && (best < 0 || t < best))
		best = t;
	return best < 0 ? -1 : (int)(best > 0x7fffffff ? 0x7fffffff : best);
}

int mon_watch_setup(struct monitor *m)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &tag_signal };
	sigset_t set;

	m->uevent_fd = -1;
	m->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (m->epfd < 0)
		return -errno;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	m->signal_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (m->signal_fd < 0 || epoll_ctl(m->epfd, EPOLL_CTL_ADD, m->signal_fd, &ev) < 0)
		return -errno;
	uevent_open(m);
	return 0;
}

void mon_watch_teardown(struct monitor *m)
{
	if (m->uevent_fd >= 0)
		close(m->uevent_fd);
	if (m->signal_fd >= 0)
		close(m->signal_fd);
	if (m->epfd >= 0)
		close(m->epfd);
	m->uevent_fd = m->signal_fd = m->epfd = -1;
}

int mon_run(struct monitor *m)
{
	long long poll_ms = (long long)m->cfg.poll * 1000, next_poll = -1, next_watchdog = -1;
	int watchdog = mon_watchdog_ms();
	struct epoll_event evs[16];
	int n, i, timeout;

	if (poll_ms)
		next_poll = now_ms() + poll_ms;
	if (watchdog)
		next_watchdog = now_ms() + watchdog;
	while (!m->stopping) {
		timeout = next_timeout(m, next_poll, next_watchdog);
		n = epoll_wait(m->epfd, evs, 16, timeout);
		if (n < 0 && errno != EINTR) {
			mon_log(m, LOG_ERR, "epoll_wait: %s", strerror(errno));
			return -1;
		}
		m->wakeups++;
		for (i = 0; i < n; i++) {
			void *tag = evs[i].data.ptr;
			struct mon_region *r;

			if (tag == &tag_signal)
				signal_read(m);
			else if (tag == &tag_uevent)
				uevent_read(m);
			else if ((r = mon_region_of_tag(m, tag)))
				region_notified(m, r);
			else
				dimm_notified(m, tag);
		}
		if (m->rescan_pending && now_ms() >= m->rescan_at_ms)
			rescan(m, TRIGGER_HOTPLUG);
		/* the period changes on reload */
		if (poll_ms != (long long)m->cfg.poll * 1000) {
			poll_ms = (long long)m->cfg.poll * 1000;
			next_poll = poll_ms ? now_ms() + poll_ms : -1;
		}
		if (next_poll >= 0 && now_ms() >= next_poll) {
			/* a full check also finds DIMMs that came or went without a uevent */
			rescan(m, TRIGGER_HOTPLUG);
			check_all(m, TRIGGER_POLL);
			next_poll = now_ms() + poll_ms;
		}
		if (next_watchdog >= 0 && now_ms() >= next_watchdog) {
			mon_notify("WATCHDOG=1");
			next_watchdog = now_ms() + watchdog;
		}
		if (m->prom_dirty)
			mon_prom_write(m);
	}
	return 0;
}
