// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One check of a region's media errors: read its badblocks, report each range that has a
 * sector outside the ranges last seen (a new range, or one that grew) as one media-error
 * event, then remember the list. A range that shrinks or disappears (cleared) is reported
 * by nothing; it is only forgotten, so that the same sectors going bad again are news.
 *
 * The event places a range as ndtool list -M does: in the first namespace whose data it
 * overlaps, its offset and length in sectors from the start of that data (clipped to
 * it), with the DIMMs its first sector is on; a range in no namespace keeps its offset
 * from the region start.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "json/filter.h"
#include "json/objects.h"
#include "util/json.h"
#include "monitor.h"

/* Whether every sector of @x is in one of the @n ranges of @set. */
static bool covered(const struct ndt_badblock *set, size_t n, const struct ndt_badblock *x)
{
	uint64_t pos = x->offset, end = x->offset + x->length;
	bool progress = true;
	size_t i;

	while (pos < end && progress) {
		progress = false;
		for (i = 0; i < n; i++) {
			if (set[i].offset <= pos && pos < set[i].offset + set[i].length) {
				pos = set[i].offset + set[i].length;
				progress = true;
			}
		}
	}
	return pos >= end;
}

static bool same_ranges(const struct ndt_badblock *a, size_t na, const struct ndt_badblock *b,
			size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].offset != b[i].offset || a[i].length != b[i].length)
			return false;
	return true;
}

/*
 * The namespace whose data @x overlaps first, with @out the part of @x in that data from
 * its start and @base the data's address; NULL (@out = @x, @base the region's start) when
 * none does or the addresses are unknown (not root).
 */
static struct ndt_namespace *locate(struct mon_region *r, const struct ndt_badblock *x,
				    struct ndt_badblock *out, uint64_t *base)
{
	uint64_t spa, end, start, size, s, e;
	struct ndt_namespace *ns;

	*out = *x;
	*base = r->resource;
	if (!r->has_resource)
		return NULL;
	spa = r->resource + x->offset * 512;
	end = spa + x->length * 512;
	ndt_namespace_foreach(r->region, ns) {
		if (ndt_namespace_get_data_range(ns, &start, &size) < 0 || !size)
			continue;
		if (end <= start || spa >= start + size)
			continue;
		s = spa > start ? spa : start;
		e = end < start + size ? end : start + size;
		out->offset = (s - start) / 512;
		out->length = (e - s + 511) / 512;
		*base = start;
		return ns;
	}
	return NULL;
}

/* {"offset", "length", "dimms"} as ndtool list -M renders one range. */
static struct json_object *badblock_json(struct mon_region *r, const struct ndt_badblock *x,
					 uint64_t base)
{
	struct json_object *arr, *j;

	if (!r->has_resource) {
		j = json_object_new_object();
		if (j && ndt_json_add(j, "offset", ndt_json_u64(x->offset)) &&
		    ndt_json_add(j, "length", ndt_json_u64(x->length)))
			return j;
		json_object_put(j);
		return NULL;
	}
	arr = ndt_badblocks_to_json(ndt_region_get_bus(r->region), base, x, 1);
	if (!arr)
		return NULL;
	j = json_object_get(json_object_array_get_idx(arr, 0));
	json_object_put(arr);
	return j;
}

static void report(struct monitor *m, struct mon_region *r, const struct ndt_badblock *x,
		   enum mon_trigger t, const struct ndt_filter *f)
{
	struct ndt_namespace *ns;
	struct ndt_badblock where;
	struct json_object *ev;
	struct mon_where w;
	uint64_t base;

	ns = locate(r, x, &where, &base);
	/* -n: the ranges in the namespaces it names */
	if (m->cfg.ns && (!ns || !ndt_filter_namespace(f, ns)))
		return;
	w.region = r->devname;
	w.ns = ns ? ndt_namespace_get_devname(ns) : NULL;
	ev = mon_media_event_new(m, w.region, w.ns, badblock_json(r, &where, base), t);
	if (!ev) {
		mon_log(m, LOG_ERR, "%s: cannot build the event: out of memory", r->devname);
		return;
	}
	mon_count_events(m, EV_MEDIA_ERROR);
	mon_emit(m, ev, NULL, &w, EV_MEDIA_ERROR, 0);
	json_object_put(ev);
}

void mon_check_region(struct monitor *m, struct mon_region *r, enum mon_trigger t)
{
	struct ndt_badblock *bb;
	struct ndt_filter f;
	bool changed;
	size_t i;
	int n;

	if (!r->region || m->args.test)
		return;
	n = ndt_region_get_badblocks(r->region, &bb);
	if (n < 0) {
		if (!r->read_error)
			mon_log(m, n == -ENXIO ? LOG_DEBUG : LOG_WARNING,
				"%s: cannot read its media errors: %s", r->devname, strerror(-n));
		r->read_error = true;
		return;
	}
	r->read_error = false;
	m->prom_dirty = true;
	mon_log(m, LOG_DEBUG, "%s: %d media error range%s (%s)", r->devname, n, n == 1 ? "" : "s",
		mon_trigger_name(t));
	mon_filter_of(m, &f);
	for (i = 0; i < (size_t)n; i++)
		if (!r->known || !covered(r->bb, r->nr_bb, &bb[i]))
			report(m, r, &bb[i], t, &f);
	changed = !r->known || !same_ranges(r->bb, r->nr_bb, bb, (size_t)n);
	free(r->bb);
	r->bb = bb;
	r->nr_bb = (size_t)n;
	r->known = true;
	if (changed)
		r->state_saved = false;
	if (!r->state_saved && mon_region_state_save(m, r) == 0)
		r->state_saved = true;
}
