// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DIMMs the monitor watches: the enabled DIMMs that match the filters and report
 * SMART health. A rescan (at start, after a uevent of the nd bus, after a reload)
 * enumerates them again; a DIMM that is new gives dimm-detected, one that went away
 * (removed, or its driver unbound) gives dimm-removed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <syslog.h>
#include <unistd.h>
#include "json/filter.h"
#include "monitor.h"

void mon_filter_of(struct monitor *m, struct ndt_filter *f)
{
	ndt_filter_init(f);
	f->bus = m->cfg.bus;
	f->region = m->cfg.region;
	f->dimm = m->cfg.dimm;
	f->ns = m->cfg.ns;
}

/* -r and -n select the DIMMs behind the regions (with such namespaces) they name. */
static bool dimm_selected(const struct ndt_filter *f, struct ndt_dimm *dimm)
{
	struct ndt_region *region;
	struct ndt_mapping *map;

	if (!ndt_filter_dimm(f, dimm))
		return false;
	if (!f->region && !f->ns)
		return true;
	ndt_region_foreach(ndt_dimm_get_bus(dimm), region) {
		if (!ndt_filter_region(f, region))
			continue;
		ndt_mapping_foreach(region, map)
			if (ndt_mapping_get_dimm(map) == dimm)
				return true;
	}
	return false;
}

static struct mon_dimm *find(struct monitor *m, const char *devname, const char *id)
{
	size_t i;

	for (i = 0; i < m->nr_dimms; i++)
		if (strcmp(m->dimms[i]->devname, devname) == 0 && strcmp(m->dimms[i]->id, id) == 0)
			return m->dimms[i];
	return NULL;
}

static void dimm_free(struct monitor *m, struct mon_dimm *d)
{
	if (d->fd >= 0) {
		epoll_ctl(m->epfd, EPOLL_CTL_DEL, d->fd, NULL);
		close(d->fd);
	}
	ndt_health_free(d->health);
	json_object_put(d->last_json);
	free(d);
}

static int watch_fd(struct monitor *m, struct mon_dimm *d)
{
	struct epoll_event ev = { .events = EPOLLPRI, .data.ptr = d };
	int fd = ndt_dimm_open_health_notify(d->dimm);

	if (fd < 0) {
		mon_log(m, LOG_INFO, "%s: no health notifications (%s); checked only by polls "
				     "and signals", d->devname, strerror(-fd));
		return fd;
	}
	if (epoll_ctl(m->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		mon_log(m, LOG_ERR, "%s: cannot wait for health notifications: %s", d->devname,
			strerror(errno));
		close(fd);
		return -errno;
	}
	d->fd = fd;
	return 0;
}

/* A new entry for @dimm, or NULL when it has no SMART health to watch. */
static struct mon_dimm *dimm_new(struct monitor *m, struct ndt_dimm *dimm, const char *id)
{
	struct mon_dimm *d = calloc(1, sizeof(*d));
	struct ndt_health *h;
	int rc;

	if (!d)
		return NULL;
	d->fd = -1;
	d->dimm = dimm;
	d->rep.health_state = -1;
	snprintf(d->devname, sizeof(d->devname), "%s", ndt_dimm_get_devname(dimm));
	snprintf(d->id, sizeof(d->id), "%s", id);
	rc = ndt_dimm_get_health(dimm, &h);
	if (rc < 0) {
		mon_log(m, LOG_INFO, "%s: no SMART health (%s); not watched", d->devname,
			strerror(-rc));
		free(d);
		return NULL;
	}
	mon_enable_alarms(m, d, h);
	ndt_health_free(h);
	watch_fd(m, d);
	mon_state_load(m, d);
	return d;
}

static int add(struct monitor *m, struct mon_dimm *d)
{
	struct mon_dimm **v = realloc(m->dimms, (m->nr_dimms + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	m->dimms = v;
	m->dimms[m->nr_dimms++] = d;
	return 0;
}

/* Enabled, selected DIMMs: mark the known ones seen, collect the new ones. */
static int scan(struct monitor *m, struct mon_dimm ***fresh, size_t *nr_fresh)
{
	struct ndt_filter f;
	struct ndt_bus *bus;
	struct ndt_dimm *dimm;
	struct mon_dimm *d, **v;
	char id[64];

	mon_filter_of(m, &f);
	ndt_bus_foreach(m->ctx, bus) {
		if (!ndt_filter_bus(&f, bus))
			continue;
		ndt_dimm_foreach(bus, dimm) {
			if (!ndt_dimm_is_enabled(dimm) || !dimm_selected(&f, dimm))
				continue;
			if (ndt_dimm_get_unique_id(dimm, id, sizeof(id)) < 0)
				id[0] = '\0';
			d = find(m, ndt_dimm_get_devname(dimm), id);
			if (d) {
				d->dimm = dimm;
				d->seen = true;
				continue;
			}
			d = dimm_new(m, dimm, id);
			if (!d)
				continue;
			d->seen = true;
			v = realloc(*fresh, (*nr_fresh + 1) * sizeof(*v));
			if (!v) {
				dimm_free(m, d);
				return -ENOMEM;
			}
			*fresh = v;
			v[(*nr_fresh)++] = d;
		}
	}
	return 0;
}

int mon_dimms_rescan(struct monitor *m, enum mon_trigger t)
{
	struct mon_dimm **fresh = NULL, *d;
	size_t nr_fresh = 0, i, kept = 0;
	bool announce = m->started && t == TRIGGER_HOTPLUG;
	int rc;

	ndt_ctx_refresh(m->ctx);
	for (i = 0; i < m->nr_dimms; i++) {
		m->dimms[i]->seen = false;
		m->dimms[i]->dimm = NULL;
	}
	rc = scan(m, &fresh, &nr_fresh);

	/* the DIMMs that went away */
	for (i = 0; i < m->nr_dimms; i++) {
		d = m->dimms[i];
		if (d->seen) {
			m->dimms[kept++] = d;
			continue;
		}
		if (announce && (m->cfg.events & EV_REMOVED))
			mon_report(m, d, NULL, EV_REMOVED, 0, t, NULL);
		mon_log(m, LOG_INFO, "%s: no longer watched", d->devname);
		dimm_free(m, d);
	}
	m->nr_dimms = kept;

	for (i = 0; i < nr_fresh; i++) {
		d = fresh[i];
		if (add(m, d) < 0) {
			dimm_free(m, d);
			rc = -ENOMEM;
			continue;
		}
		if (announce) {
			if (m->cfg.events & EV_DETECTED)
				mon_report(m, d, NULL, EV_DETECTED, 0, t, NULL);
			mon_check_dimm(m, d, TRIGGER_HOTPLUG);
		} else {
			mon_check_dimm(m, d, TRIGGER_START);
		}
	}
	free(fresh);
	m->started = true;
	return rc;
}

void mon_dimms_free(struct monitor *m)
{
	size_t i;

	for (i = 0; i < m->nr_dimms; i++)
		dimm_free(m, m->dimms[i]);
	free(m->dimms);
	m->dimms = NULL;
	m->nr_dimms = 0;
}
