// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Onlining and offlining memory blocks, one at a time or every block of a device-dax
 * device, all or nothing: when the kernel refuses a block, the blocks this call changed
 * are put back in the state and zone they had, so that memory is never left half-onlined
 * or half-offlined.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

static const char *zone_name(bool movable)
{
	return movable ? "ZONE_MOVABLE" : "ZONE_NORMAL";
}

/* Write @val to memory@id/state. */
static int state_write(struct ndt_ctx *ctx, unsigned long id, const char *val)
{
	char path[96];

	snprintf(path, sizeof(path), NDT_SYSFS_MEMORY "/memory%lu/state", id);
	return ndt_sysfs_write(ctx, path, val);
}

static int block_online(struct ndt_ctx *ctx, unsigned long id, bool movable)
{
	return state_write(ctx, id, movable ? "online_movable" : "online_kernel");
}

static int block_offline(struct ndt_ctx *ctx, unsigned long id)
{
	return state_write(ctx, id, "offline");
}

NDT_EXPORT int ndt_memblock_online(struct ndt_memblock *mb, bool movable)
{
	struct ndt_ctx *ctx = mb->obj.ctx;
	const char *name = mb->obj.devname;
	enum ndt_memblock_zone zone;
	char zones[128] = "";
	int rc;

	ndt_failure_clear(ctx);
	if (ndt_memblock_get_state(mb) == NDT_MEMBLOCK_ONLINE) {
		zone = ndt_memblock_get_zone(mb);
		if ((zone == NDT_MEMBLOCK_ZONE_MOVABLE) == movable)
			return 0;
		return ndt_fail(ctx, -EEXIST, NDT_REASON_INVALID, name, "%s is online in %s",
				name, zone_name(!movable));
	}
	if (!ndt_memblock_can_online(mb, movable)) {
		ndt_memblock_get_valid_zones(mb, zones, sizeof(zones));
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, name,
				"%s cannot be onlined into %s (its valid zones: %s)", name,
				zone_name(movable), zones[0] ? zones : "none");
	}
	rc = block_online(ctx, mb->obj.id, movable);
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_KERNEL, name,
				"the kernel refused to online %s into %s: %s", name,
				zone_name(movable), strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_memblock_offline(struct ndt_memblock *mb)
{
	struct ndt_ctx *ctx = mb->obj.ctx;
	const char *name = mb->obj.devname;
	int rc;

	ndt_failure_clear(ctx);
	if (ndt_memblock_get_state(mb) == NDT_MEMBLOCK_OFFLINE)
		return 0;
	rc = block_offline(ctx, mb->obj.id);
	if (rc == -EBUSY)
		return ndt_fail(ctx, rc, NDT_REASON_MEMORY_BUSY, name,
				"%s could not be offlined: the kernel cannot migrate the pages in "
				"use on it (%s)", name, strerror(-rc));
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_KERNEL, name,
				"the kernel refused to offline %s: %s", name, strerror(-rc));
	return 0;
}

void ndt_memblock_snap_free(struct ndt_memblock_snap *snap)
{
	free(snap->v);
	snap->v = NULL;
	snap->n = 0;
}

int ndt_memblock_snap_take(struct ndt_dax_dev *dev, struct ndt_memblock_snap *snap)
{
	struct ndt_memblock *mb;
	size_t n = 0;

	snap->v = NULL;
	snap->n = 0;
	ndt_memblock_foreach(dev, mb)
		n++;
	if (!n)
		return 0;
	snap->v = calloc(n, sizeof(*snap->v));
	if (!snap->v)
		return -ENOMEM;
	ndt_memblock_foreach(dev, mb) {
		struct ndt_memblock_saved *s = &snap->v[snap->n++];

		s->id = mb->obj.id;
		s->state = ndt_memblock_get_state(mb);
		s->zone = ndt_memblock_get_zone(mb);
	}
	return 0;
}

/* Append ", N" (or "N" first) to the list in @buf. */
static void list_add(char *buf, size_t len, unsigned long id)
{
	size_t off = strlen(buf);

	if (off + 24 >= len) {
		if (off + 4 < len && strcmp(buf + off - 3, "...") != 0)
			snprintf(buf + off, len - off, "...");
		return;
	}
	snprintf(buf + off, len - off, "%s%lu", off ? ", " : "", id);
}

/*
 * Put every block of @snap that is online in the snapshot but offline now back online
 * into its zone, and offline every block that is offline in the snapshot but online now.
 * Failures are appended to the recorded failure. Returns how many blocks stay different.
 */
unsigned int ndt_memblock_snap_restore(struct ndt_ctx *ctx, const struct ndt_memblock_snap *snap)
{
	unsigned int left = 0;
	size_t i;

	for (i = 0; i < snap->n; i++) {
		const struct ndt_memblock_saved *s = &snap->v[i];
		char path[96], buf[32];
		bool online;
		int rc = 0;

		snprintf(path, sizeof(path), NDT_SYSFS_MEMORY "/memory%lu/state", s->id);
		if (ndt_sysfs_read(ctx, path, buf, sizeof(buf)) < 0)
			continue;
		online = strcmp(buf, "online") == 0;
		if (s->state == NDT_MEMBLOCK_ONLINE && !online)
			rc = block_online(ctx, s->id, s->zone == NDT_MEMBLOCK_ZONE_MOVABLE);
		else if (s->state == NDT_MEMBLOCK_OFFLINE && online)
			rc = block_offline(ctx, s->id);
		if (rc < 0) {
			ndt_fail_append(ctx, "; memory%lu could not be put back %s: %s", s->id,
					s->state == NDT_MEMBLOCK_ONLINE ? "online" : "offline",
					strerror(-rc));
			left++;
		}
	}
	return left;
}

static void result_init(struct ndt_memblock_result *res)
{
	memset(res, 0, sizeof(*res));
}

/* ndt_dax_dev_online_memory() without clearing the failure record first. */
int ndt_dax_dev_memory_online(struct ndt_dax_dev *dev, bool movable,
			      struct ndt_memblock_result *res)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	struct ndt_memblock *mb;
	unsigned long *done;
	size_t n = 0, i;
	char zones[128];
	int rc = 0;

	result_init(res);
	ndt_memblock_foreach(dev, mb) {
		enum ndt_memblock_state st = ndt_memblock_get_state(mb);

		res->total++;
		if (st == NDT_MEMBLOCK_ONLINE) {
			res->already++;
			continue;
		}
		if (st != NDT_MEMBLOCK_OFFLINE)
			return ndt_fail(ctx, -EBUSY, NDT_REASON_KERNEL, mb->obj.devname,
					"%s: %s is %s", name, mb->obj.devname,
					st == NDT_MEMBLOCK_GOING_OFFLINE ? "going offline"
									 : "in an unknown state");
		if (!ndt_memblock_can_online(mb, movable)) {
			zones[0] = '\0';
			ndt_memblock_get_valid_zones(mb, zones, sizeof(zones));
			return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, mb->obj.devname,
					"%s: %s cannot be onlined into %s (its valid zones: %s)",
					name, mb->obj.devname, zone_name(movable),
					zones[0] ? zones : "none");
		}
	}
	if (!res->total)
		return ndt_fail(ctx, -ENOENT, NDT_REASON_KERNEL, name,
				"%s has no memory block: the kernel added none of its memory", name);
	if (res->already == res->total)
		return 0;
	done = calloc(res->total, sizeof(*done));
	if (!done)
		return ndt_fail(ctx, -ENOMEM, NDT_REASON_KERNEL, name, "%s: out of memory", name);
	ndt_memblock_foreach(dev, mb) {
		if (ndt_memblock_get_state(mb) == NDT_MEMBLOCK_ONLINE)
			continue;
		rc = block_online(ctx, mb->obj.id, movable);
		if (rc < 0)
			break;
		done[n++] = mb->obj.id;
	}
	if (rc < 0) {
		ndt_fail(ctx, rc, NDT_REASON_KERNEL, mb->obj.devname,
			 "%s: the kernel refused to online %s into %s: %s", name, mb->obj.devname,
			 zone_name(movable), strerror(-rc));
		/* never leave memory half-onlined: offline what this call onlined */
		for (i = n; i-- > 0;) {
			int urc = block_offline(ctx, done[i]);

			if (urc < 0) {
				ndt_fail_append(ctx, "; memory%lu could not be offlined again (%s): "
						"it stays online", done[i], strerror(-urc));
				res->changed++;
			}
		}
		if (!res->changed && n)
			ndt_fail_append(ctx, "; the %zu block%s onlined before %s offline again",
					n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
		free(done);
		return rc;
	}
	res->changed = (unsigned int)n;
	free(done);
	return 0;
}

/* ndt_dax_dev_offline_memory() without clearing the failure record first. */
int ndt_dax_dev_memory_offline(struct ndt_dax_dev *dev, struct ndt_memblock_result *res)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	struct ndt_memblock_snap snap;
	char busy[256] = "";
	unsigned long first_busy = 0;
	unsigned int left;
	int rc, first_rc = 0;
	size_t i;

	result_init(res);
	if (ndt_memblock_snap_take(dev, &snap) < 0)
		return ndt_fail(ctx, -ENOMEM, NDT_REASON_KERNEL, name, "%s: out of memory", name);
	res->total = (unsigned int)snap.n;
	for (i = 0; i < snap.n; i++) {
		struct ndt_memblock_saved *s = &snap.v[i];

		if (s->state == NDT_MEMBLOCK_OFFLINE) {
			res->already++;
			continue;
		}
		rc = block_offline(ctx, s->id);
		if (rc == 0) {
			res->changed++;
			continue;
		}
		if (!first_rc) {
			first_rc = rc;
			first_busy = s->id;
		}
		res->busy++;
		list_add(busy, sizeof(busy), s->id);
	}
	if (!first_rc) {
		ndt_memblock_snap_free(&snap);
		return 0;
	}
	{
		char obj[32];

		snprintf(obj, sizeof(obj), "memory%lu", first_busy);
		ndt_fail(ctx, first_rc, first_rc == -EBUSY ? NDT_REASON_MEMORY_BUSY : NDT_REASON_KERNEL,
			 obj, "%s: memory block%s %s could not be offlined: %s%s", name,
			 res->busy == 1 ? "" : "s", busy, strerror(-first_rc),
			 first_rc == -EBUSY ? " (pages in use that the kernel cannot migrate)" : "");
	}
	/* all or nothing: every block this call offlined goes back online, in its zone */
	left = ndt_memblock_snap_restore(ctx, &snap);
	if (!left)
		ndt_fail_append(ctx, "; every block is back in the state it had");
	res->changed = left;
	ndt_memblock_snap_free(&snap);
	return first_rc;
}

static int check_system_ram(struct ndt_dax_dev *dev)
{
	if (ndt_dax_dev_get_mode(dev) == NDT_DAX_MODE_SYSTEM_RAM)
		return 0;
	return ndt_fail(dev->obj.ctx, -ENXIO, NDT_REASON_NOT_SYSTEM_RAM, dev->obj.devname,
			"%s is not in system-ram mode: it has no memory to online or offline",
			dev->obj.devname);
}

NDT_EXPORT int ndt_dax_dev_online_memory(struct ndt_dax_dev *dev, bool movable,
					 struct ndt_memblock_result *res)
{
	struct ndt_memblock_result r;
	int rc;

	ndt_failure_clear(dev->obj.ctx);
	if (!res)
		res = &r;
	result_init(res);
	rc = check_system_ram(dev);
	if (rc < 0)
		return rc;
	return ndt_dax_dev_memory_online(dev, movable, res);
}

NDT_EXPORT int ndt_dax_dev_offline_memory(struct ndt_dax_dev *dev, struct ndt_memblock_result *res)
{
	struct ndt_memblock_result r;
	int rc;

	ndt_failure_clear(dev->obj.ctx);
	if (!res)
		res = &r;
	result_init(res);
	rc = check_system_ram(dev);
	if (rc < 0)
		return rc;
	return ndt_dax_dev_memory_offline(dev, res);
}
