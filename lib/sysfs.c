// SPDX-License-Identifier: LGPL-2.1-or-later
/* Bounded sysfs attribute reads. Content is never trusted: callers parse with range checks. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

/*
 * Read at most @len - 1 bytes of the attribute at @path into @buf, NUL terminate
 * it and strip one trailing newline. Returns the length read or -errno.
 */
int ndt_sysfs_read(struct ndt_ctx *ctx, const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (len == 0)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int rc = -errno;

		dbg(ctx, "open %s: %s", path, strerror(errno));
		return rc;
	}
	do
		n = read(fd, buf, len - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int rc = -errno;

		dbg(ctx, "read %s: %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	close(fd);
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (strlen(buf) != (size_t)n) {
		dbg(ctx, "%s: embedded NUL", path);
		return -EIO;
	}
	return (int)n;
}

int ndt_sysfs_read_at(struct ndt_ctx *ctx, const char *dir, const char *attr, char *buf,
		      size_t len)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, attr) >= sizeof(path))
		return -ENAMETOOLONG;
	return ndt_sysfs_read(ctx, path, buf, len);
}

/* The attribute's value as a new string, or NULL when unreadable. */
char *ndt_sysfs_strdup_at(struct ndt_ctx *ctx, const char *dir, const char *attr)
{
	char buf[NDT_ATTR_MAX];

	if (ndt_sysfs_read_at(ctx, dir, attr, buf, sizeof(buf)) < 0)
		return NULL;
	return strdup(buf);
}

/*
 * Parse "<prefix><N>" strictly: decimal N without sign, leading zeros or trailing
 * text, at most INT_MAX. Returns 0 or -EINVAL.
 */
int ndt_parse_devname(const char *name, const char *prefix, unsigned int *id)
{
	size_t plen = strlen(prefix);
	unsigned long v = 0;
	const char *p;

	if (strncmp(name, prefix, plen) != 0)
		return -EINVAL;
	p = name + plen;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] != '\0'))
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > INT_MAX)
			return -EINVAL;
	}
	*id = (unsigned int)v;
	return 0;
}

/* Parse a whole decimal or 0x-prefixed hex unsigned number. Returns 0 or -EINVAL. */
int ndt_parse_u64(const char *s, uint64_t *val)
{
	unsigned long long v;
	char *end;

	if (!s || !(*s >= '0' && *s <= '9'))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		return -EINVAL;
	*val = v;
	return 0;
}

/* Parse a whole decimal int (sign allowed). Returns 0 or -EINVAL. */
int ndt_parse_int(const char *s, int *val)
{
	char *end;
	long v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < INT_MIN || v > INT_MAX)
		return -EINVAL;
	*val = (int)v;
	return 0;
}

/*
 * Read @dir once and call, for each entry named "<prefix><N>", the @fn of the first of the
 * @n scans whose prefix matches. A missing directory is not an error (nothing to
 * enumerate). Stops at and returns the first negative @fn result.
 */
int ndt_scan_dir_multi(struct ndt_ctx *ctx, const char *dir, const struct ndt_scan *scans,
		       size_t n)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int rc = 0;
	size_t i;

	if (!d) {
		dbg(ctx, "%s: %s", dir, strerror(errno));
		return errno == ENOENT ? 0 : -errno;
	}
	while (rc >= 0 && (de = readdir(d))) {
		unsigned int id;

		for (i = 0; i < n; i++) {
			if (ndt_parse_devname(de->d_name, scans[i].prefix, &id) < 0)
				continue;
			rc = scans[i].fn(scans[i].parent, dir, de->d_name, id);
			break;
		}
	}
	closedir(d);
	return rc;
}

int ndt_scan_dir(struct ndt_ctx *ctx, const char *dir, const char *prefix, ndt_scan_fn fn,
		 void *parent)
{
	struct ndt_scan scan = { prefix, fn, parent };

	return ndt_scan_dir_multi(ctx, dir, &scan, 1);
}

/*
 * Write @val (a newline is appended) to the attribute at @path. Returns 0 or the kernel's
 * -errno (a short write is -EIO).
 */
int ndt_sysfs_write(struct ndt_ctx *ctx, const char *path, const char *val)
{
	size_t len = strlen(val);
	char *buf = malloc(len + 2);
	ssize_t n;
	int fd, rc = 0;

	if (!buf)
		return -ENOMEM;
	memcpy(buf, val, len);
	buf[len++] = '\n';
	buf[len] = '\0';
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		dbg(ctx, "open %s: %s", path, strerror(errno));
		free(buf);
		return rc;
	}
	do
		n = write(fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	if (rc)
		dbg(ctx, "write \"%s\" to %s: %s", val, path, strerror(-rc));
	close(fd);
	free(buf);
	return rc;
}
