// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the monitor last saw of each DIMM, one JSON file per DIMM named by its unique id
 * (contrib/ndtool-monitor-state.schema.json), so that a restart neither repeats what was
 * reported nor misses what changed while the monitor was down. Files are replaced
 * atomically: written to a temporary name, flushed to disk, renamed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include "util/json.h"
#include "monitor.h"

#define STATE_VERSION 1

bool mon_state_enabled(struct monitor *m)
{
	return m->cfg.state_dir && m->cfg.state_dir[0];
}

void mon_state_safe_name(const char *in, char *out, size_t len)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; in[i] && i + 1 < len; i++) {
		char c = in[i];

		out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
					 (c >= '0' && c <= '9') || c == '-' || c == '_' ||
					 (c == '.' && i > 0)
				 ? c
				 : '_';
	}
	out[i] = '\0';
}

/* <dir>/<id>.json, the id made safe for a file name; false when the DIMM has no id. */
static bool state_path(struct monitor *m, const struct mon_dimm *d, char *buf, size_t len)
{
	char name[sizeof(d->id)];

	if (!d->id[0])
		return false;
	mon_state_safe_name(d->id, name, sizeof(name));
	return (size_t)snprintf(buf, len, "%s/%s.json", m->cfg.state_dir, name) < len;
}

int mon_state_init(struct monitor *m)
{
	const char *dir = m->cfg.state_dir;
	char path[PATH_MAX], *p;

	if (!mon_state_enabled(m))
		return 0;
	if (strlen(dir) >= sizeof(path))
		return -ENAMETOOLONG;
	strcpy(path, dir);
	/* mkdir -p */
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -errno;
	if (access(path, W_OK | X_OK) < 0)
		return -errno;
	/* the regions' media errors */
	if ((size_t)snprintf(path, sizeof(path), "%s/regions", dir) >= sizeof(path))
		return -ENAMETOOLONG;
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int mon_state_load(struct monitor *m, struct mon_dimm *d)
{
	struct json_object *j, *v, *a;
	char path[PATH_MAX];
	unsigned int bit;
	size_t i, n;

	if (!mon_state_enabled(m) || !state_path(m, d, path, sizeof(path)))
		return -ENOENT;
	j = json_object_from_file(path);
	if (!j) {
		if (access(path, F_OK) == 0)
			mon_log(m, LOG_WARNING, "%s: unreadable state ignored: %s", path,
				json_util_get_last_err() ? json_util_get_last_err() : "");
		return -ENOENT;
	}
	memset(&d->rep, 0, sizeof(d->rep));
	d->rep.health_state = -1;
	if (json_object_object_get_ex(j, "health_state", &v)) {
		const char *s = json_object_get_string(v);
		int st;

		for (st = 0; st <= NDT_HEALTH_STATE_FATAL; st++)
			if (strcmp(s, mon_health_name(st)) == 0)
				d->rep.health_state = st;
	}
	if (json_object_object_get_ex(j, "conditions", &a) &&
	    json_object_is_type(a, json_type_array)) {
		n = json_object_array_length(a);
		for (i = 0; i < n; i++) {
			bit = mon_event_parse(json_object_get_string(json_object_array_get_idx(a, i)));
			if (bit & EV_CONDITIONS)
				d->rep.conditions |= bit;
		}
	}
	if (json_object_object_get_ex(j, "shutdown_count", &v) &&
	    json_object_is_type(v, json_type_int)) {
		d->rep.has_count = true;
		d->rep.shutdown_count = (unsigned int)json_object_get_int64(v);
	}
	d->rep.known = true;
	d->state_saved = true;
	json_object_put(j);
	return 0;
}

static struct json_object *state_json(const struct mon_dimm *d)
{
	struct json_object *j = json_object_new_object(), *a;
	struct timespec ts;
	unsigned int i;
	char buf[48];
	bool ok;

	if (!j)
		return NULL;
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(buf, sizeof(buf), "%lld.%09ld", (long long)ts.tv_sec, ts.tv_nsec);
	a = json_object_new_array();
	ok = a && ndt_json_add_int(j, "version", STATE_VERSION) &&
	     ndt_json_add_string(j, "id", d->id) && ndt_json_add_string(j, "dev", d->devname) &&
	     ndt_json_add_string(j, "timestamp", buf) &&
	     ndt_json_add_string(j, "health_state", mon_health_name(d->rep.health_state)) &&
	     ndt_json_add(j, "conditions", a);
	for (i = 0; ok && i < NR_EVENTS; i++)
		if (d->rep.conditions & (1u << i))
			ok = json_object_array_add(a, json_object_new_string(
							      mon_event_name(1u << i))) == 0;
	if (ok && d->rep.has_count)
		ok = ndt_json_add_int(j, "shutdown_count", d->rep.shutdown_count);
	if (!ok) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

static int state_write(const char *path, struct json_object *j)
{
	const char *text = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN);
	size_t len = strlen(text);
	char tmp[PATH_MAX + 8];
	int fd, rc = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		rc = -errno;
	if (!rc && (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1))
		rc = errno ? -errno : -EIO;
	if (!rc && fsync(fd) < 0)
		rc = -errno;
	if (fd >= 0 && close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

int mon_state_put(struct monitor *m, const char *path, struct json_object *j,
		  const char *what, bool *error)
{
	int rc;

	if (!j)
		return -ENOMEM;
	rc = state_write(path, j);
	json_object_put(j);
	if (rc) {
		if (!*error)
			mon_log(m, LOG_WARNING, "%s: cannot save the state of %s: %s", path, what,
				strerror(-rc));
		*error = true;
		return rc;
	}
	*error = false;
	return 0;
}

int mon_state_save(struct monitor *m, struct mon_dimm *d)
{
	char path[PATH_MAX];

	if (!mon_state_enabled(m) || !state_path(m, d, path, sizeof(path)))
		return 0;
	return mon_state_put(m, path, state_json(d), d->devname, &d->state_error);
}
