// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The media error ranges the monitor last saw of each region, one JSON file per region in
 * <state-dir>/regions/ (contrib/ndtool-monitor-region-state.schema.json), named by the
 * region's bus provider, name and start address, so that a region renumbered at the next
 * boot, or another region at the same place, does not inherit the ranges of this one.
 * A restart reports only the ranges not seen before. Files are replaced atomically.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "util/json.h"
#include "monitor.h"

#define REGION_STATE_VERSION 1

static bool region_path(struct monitor *m, const struct mon_region *r, char *buf, size_t len)
{
	char name[sizeof(r->key)];

	mon_state_safe_name(r->key, name, sizeof(name));
	return (size_t)snprintf(buf, len, "%s/regions/%s.json", m->cfg.state_dir, name) < len;
}

static bool get_u64(struct json_object *o, const char *key, uint64_t *v)
{
	struct json_object *x;

	if (!json_object_object_get_ex(o, key, &x) || !json_object_is_type(x, json_type_int) ||
	    json_object_get_int64(x) < 0)
		return false;
	*v = (uint64_t)json_object_get_int64(x);
	return true;
}

int mon_region_state_load(struct monitor *m, struct mon_region *r)
{
	struct json_object *j, *a, *e;
	struct ndt_badblock *bb = NULL;
	char path[PATH_MAX];
	size_t i, n = 0;

	if (!mon_state_enabled(m) || !region_path(m, r, path, sizeof(path)))
		return -ENOENT;
	j = json_object_from_file(path);
	if (!j) {
		if (access(path, F_OK) == 0)
			mon_log(m, LOG_WARNING, "%s: unreadable state ignored: %s", path,
				json_util_get_last_err() ? json_util_get_last_err() : "");
		return -ENOENT;
	}
	if (!json_object_object_get_ex(j, "badblocks", &a) ||
	    !json_object_is_type(a, json_type_array)) {
		mon_log(m, LOG_WARNING, "%s: no \"badblocks\" list; state ignored", path);
		json_object_put(j);
		return -ENOENT;
	}
	n = json_object_array_length(a);
	if (n) {
		bb = calloc(n, sizeof(*bb));
		if (!bb) {
			json_object_put(j);
			return -ENOMEM;
		}
	}
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(a, i);
		if (!get_u64(e, "offset", &bb[i].offset) || !get_u64(e, "length", &bb[i].length)) {
			mon_log(m, LOG_WARNING, "%s: a range without offset or length; "
						"state ignored", path);
			free(bb);
			json_object_put(j);
			return -ENOENT;
		}
	}
	free(r->bb);
	r->bb = bb;
	r->nr_bb = n;
	r->known = true;
	r->state_saved = true;
	json_object_put(j);
	return 0;
}

static struct json_object *region_json(const struct mon_region *r)
{
	struct json_object *j = json_object_new_object(), *a, *e;
	struct timespec ts;
	char buf[48];
	size_t i;
	bool ok;

	if (!j)
		return NULL;
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(buf, sizeof(buf), "%lld.%09ld", (long long)ts.tv_sec, ts.tv_nsec);
	a = json_object_new_array();
	ok = a && ndt_json_add_int(j, "version", REGION_STATE_VERSION) &&
	     ndt_json_add_string(j, "provider", r->provider) &&
	     ndt_json_add_string(j, "region", r->devname);
	if (ok && r->has_resource) {
		snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)r->resource);
		ok = ndt_json_add_string(j, "resource", buf);
		snprintf(buf, sizeof(buf), "%lld.%09ld", (long long)ts.tv_sec, ts.tv_nsec);
	}
	ok = ok && ndt_json_add_string(j, "timestamp", buf);
	if (ok)
		ok = ndt_json_add(j, "badblocks", a);
	else
		json_object_put(a);
	for (i = 0; ok && i < r->nr_bb; i++) {
		e = json_object_new_object();
		ok = e && json_object_array_add(a, e) == 0;
		if (!ok) {
			json_object_put(e);
			break;
		}
		ok = ndt_json_add(e, "offset", ndt_json_u64(r->bb[i].offset)) &&
		     ndt_json_add(e, "length", ndt_json_u64(r->bb[i].length));
	}
	if (!ok) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

int mon_region_state_save(struct monitor *m, struct mon_region *r)
{
	char path[PATH_MAX];

	if (!mon_state_enabled(m) || !region_path(m, r, path, sizeof(path)))
		return 0;
	return mon_state_put(m, path, region_json(r), r->devname, &r->state_error);
}
