// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The regions whose media errors the monitor watches: the enabled pmem regions that match
 * the filters (-b, -r, and -d or -n through the region's DIMMs or namespaces), while
 * media-error is selected. Each is known by its bus provider, name and start address;
 * the kernel notifies its badblocks attribute after a scrub and when errors are cleared.
 *
 * A region that is disabled or goes away is no longer watched, but its entry stays with
 * the ranges last seen, so that it coming back repeats nothing; a region watched anew
 * is checked at once (trigger "start" at start and reload, "hotplug" later).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <syslog.h>
#include <unistd.h>
#include "json/filter.h"
#include "monitor.h"

static void identify(struct ndt_region *region, struct mon_region *id)
{
	struct ndt_bus *bus = ndt_region_get_bus(region);

	memset(id, 0, sizeof(*id));
	snprintf(id->devname, sizeof(id->devname), "%s", ndt_region_get_devname(region));
	snprintf(id->provider, sizeof(id->provider), "%s", ndt_bus_get_provider(bus));
	id->has_resource = ndt_region_get_resource(region, &id->resource) == 0;
	if (id->has_resource)
		snprintf(id->key, sizeof(id->key), "%s-%s-%#llx", id->provider, id->devname,
			 (unsigned long long)id->resource);
	else
		snprintf(id->key, sizeof(id->key), "%s-%s", id->provider, id->devname);
}

static struct mon_region *find(struct monitor *m, const char *key)
{
	size_t i;

	for (i = 0; i < m->nr_regions; i++)
		if (strcmp(m->regions[i]->key, key) == 0)
			return m->regions[i];
	return NULL;
}

static struct mon_region *region_new(struct monitor *m, const struct mon_region *id)
{
	struct mon_region *r = malloc(sizeof(*r)), **v;

	if (!r)
		return NULL;
	v = realloc(m->regions, (m->nr_regions + 1) * sizeof(*v));
	if (!v) {
		free(r);
		return NULL;
	}
	*r = *id;
	r->fd = -1;
	m->regions = v;
	m->regions[m->nr_regions++] = r;
	mon_region_state_load(m, r);
	return r;
}

static void unwatch(struct monitor *m, struct mon_region *r)
{
	if (r->fd >= 0) {
		epoll_ctl(m->epfd, EPOLL_CTL_DEL, r->fd, NULL);
		close(r->fd);
	}
	r->fd = -1;
}

static void watch_fd(struct monitor *m, struct mon_region *r)
{
	struct epoll_event ev = { .events = EPOLLPRI, .data.ptr = r };
	int fd = ndt_region_open_badblocks_notify(r->region);

	if (fd < 0) {
		mon_log(m, LOG_INFO, "%s: no media error notifications (%s); checked only by "
				     "polls and signals", r->devname, strerror(-fd));
		return;
	}
	if (epoll_ctl(m->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		mon_log(m, LOG_ERR, "%s: cannot wait for media error notifications: %s",
			r->devname, strerror(errno));
		close(fd);
		return;
	}
	r->fd = fd;
}

static bool selected(const struct ndt_filter *f, struct ndt_region *region)
{
	return ndt_region_get_type(region) == NDT_REGION_PMEM && ndt_region_is_enabled(region) &&
	       ndt_filter_region(f, region);
}

int mon_regions_rescan(struct monitor *m, enum mon_trigger t)
{
	enum mon_trigger first = t == TRIGGER_HOTPLUG ? TRIGGER_HOTPLUG : TRIGGER_START;
	struct ndt_region *region;
	struct mon_region id, *r;
	struct ndt_filter f;
	struct ndt_bus *bus;
	int rc = 0;
	size_t i;

	for (i = 0; i < m->nr_regions; i++) {
		m->regions[i]->seen = false;
		m->regions[i]->region = NULL;
	}
	mon_filter_of(m, &f);
	if (!(m->cfg.events & EV_MEDIA_ERROR) || m->args.test)
		goto gone;
	ndt_bus_foreach(m->ctx, bus) {
		if (!ndt_filter_bus(&f, bus))
			continue;
		ndt_region_foreach(bus, region) {
			if (!selected(&f, region))
				continue;
			identify(region, &id);
			r = find(m, id.key);
			if (!r)
				r = region_new(m, &id);
			if (!r) {
				rc = -ENOMEM;
				continue;
			}
			r->region = region;
			r->seen = true;
		}
	}
gone:
	for (i = 0; i < m->nr_regions; i++) {
		r = m->regions[i];
		if (r->seen || !r->watched)
			continue;
		unwatch(m, r);
		r->watched = false;
		mon_log(m, LOG_INFO, "%s: media errors no longer watched", r->devname);
	}
	for (i = 0; i < m->nr_regions; i++) {
		r = m->regions[i];
		if (!r->seen || r->watched)
			continue;
		r->watched = true;
		watch_fd(m, r);
		mon_check_region(m, r, first);
	}
	return rc;
}

void mon_regions_free(struct monitor *m)
{
	size_t i;

	for (i = 0; i < m->nr_regions; i++) {
		unwatch(m, m->regions[i]);
		free(m->regions[i]->bb);
		free(m->regions[i]);
	}
	free(m->regions);
	m->regions = NULL;
	m->nr_regions = 0;
}

struct mon_region *mon_region_of_tag(struct monitor *m, void *tag)
{
	size_t i;

	for (i = 0; i < m->nr_regions; i++)
		if (m->regions[i] == tag)
			return m->regions[i];
	return NULL;
}

size_t mon_regions_watched(struct monitor *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->nr_regions; i++)
		n += m->regions[i]->region != NULL;
	return n;
}
