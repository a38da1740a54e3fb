// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The mode of a device-dax device, and its size and alignment. devdax: the device_dax
 * driver gives a character device; system-ram: the kmem driver hot-adds the memory blocks
 * that lie wholly inside its ranges and the kernel (or we) online them. kmem can release
 * that memory only when every block is offline: unbinding it with blocks online leaves
 * the memory reserved until the next boot, so that is never done here.
 *
 * Driver binding on the dax bus: device_dax matches every device; kmem only the devices
 * written to its new_id, so a device goes to kmem by new_id and back by remove_id and a
 * bind to device_dax.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "private.h"

#define SYSFS_DAX_DRIVERS "/sys/bus/dax/drivers"

static int drv_write(struct ndt_dax_dev *dev, const char *drv, const char *attr)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), SYSFS_DAX_DRIVERS "/%s/%s", drv, attr);
	return ndt_sysfs_write(dev->obj.ctx, path, dev->obj.devname);
}

static bool drv_present(const char *drv)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), SYSFS_DAX_DRIVERS "/%s", drv);
	return access(path, F_OK) == 0;
}

static int kernel_refused(struct ndt_dax_dev *dev, const char *step, int rc)
{
	return ndt_fail(dev->obj.ctx, rc, NDT_REASON_KERNEL, dev->obj.devname,
			"%s: the kernel refused to %s: %s", dev->obj.devname, step, strerror(-rc));
}

/* Bind kmem to @dev: the kernel hot-adds its memory (and may online it by its policy). */
static int bind_kmem(struct ndt_dax_dev *dev)
{
	int rc;

	rc = drv_write(dev, "kmem", "new_id");
	if (rc < 0)
		return rc;
	/* new_id attaches without telling whether the probe accepted the device */
	if (ndt_dax_dev_get_mode(dev) != NDT_DAX_MODE_SYSTEM_RAM) {
		drv_write(dev, "kmem", "remove_id");
		return -ENXIO;
	}
	return 0;
}

static int bind_device_dax(struct ndt_dax_dev *dev)
{
	int rc = drv_write(dev, "device_dax", "bind");

	if (rc == 0 && ndt_dax_dev_get_mode(dev) != NDT_DAX_MODE_DEVDAX)
		rc = -ENXIO;
	return rc;
}

/* Unbind whichever driver is bound to @dev (kmem: it is then no longer kmem's). */
static int unbind(struct ndt_dax_dev *dev)
{
	bool kmem = ndt_dax_dev_get_mode(dev) == NDT_DAX_MODE_SYSTEM_RAM;
	int rc = ndt_obj_unbind(&dev->obj);

	if (rc == 0 && kmem && drv_present("kmem"))
		drv_write(dev, "kmem", "remove_id");
	return rc;
}

/* The memory blocks are read again: kmem added or removed them. */
static void memblocks_reset(struct ndt_dax_dev *dev)
{
	ndt_dax_dev_memblocks_free(dev);
}

/* How many whole memory blocks @dev's ranges hold (what kmem would add). */
static int whole_blocks(struct ndt_dax_dev *dev, uint64_t bsize, uint64_t *n)
{
	uint64_t start, end, first, last;
	unsigned int i;
	int rc;

	*n = 0;
	for (i = 0; (rc = ndt_dax_dev_range(dev, i, &start, &end)) == 0; i++) {
		ndt_memblock_span(start, end, bsize, &first, &last);
		*n += last - first;
	}
	return rc == -ENOENT ? 0 : rc;
}

/* Everything that can be checked before a device goes to system-ram. */
static int check_to_system_ram(struct ndt_dax_dev *dev)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	uint64_t bsize, n;
	int node, rc;

	if (strstr(dev->obj.path, "/dax/") || access("/sys/bus/dax", F_OK) < 0)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, name,
				"%s is a device of the dax class model (dax_pmem_compat), which "
				"cannot hand its memory to the kmem driver", name);
	rc = ndt_dax_dev_get_target_node(dev, &node);
	if (rc < 0 || node < 0)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_UNSUPPORTED, name,
				"%s has no NUMA target node (target_node %s): the kmem driver "
				"refuses memory it cannot place on a node; the platform firmware "
				"describes none for it (ACPI SRAT/HMAT or NFIT proximity domain)",
				name, rc < 0 ? "unreadable" : "-1");
	rc = ndt_memblock_get_block_size(ctx, &bsize);
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_UNSUPPORTED, name,
				"%s: this kernel has no memory hotplug (%s)", name,
				NDT_SYSFS_MEMORY "/block_size_bytes is missing");
	rc = whole_blocks(dev, bsize, &n);
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_KERNEL, name,
				"%s: cannot read its ranges: %s", name, strerror(-rc));
	if (n == 0)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_TOO_SMALL, name,
				"%s holds no whole memory block: the kmem driver adds memory only "
				"in aligned blocks of %llu MiB, and none lies wholly inside its "
				"ranges", name, (unsigned long long)(bsize >> 20));
	return ndt_dax_dev_check_user(dev);
}

/*
 * Back from a failed switch to system-ram: offline what is online, unbind kmem, and
 * bind device_dax again when it was bound. Failures are appended to the record.
 */
static void undo_system_ram(struct ndt_dax_dev *dev, bool was_enabled)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	struct ndt_memblock_result r;
	struct ndt_failure saved = ctx->failure;
	int rc;

	rc = ndt_dax_dev_memory_offline(dev, &r);
	if (rc < 0) {
		char why[sizeof(saved.text)];

		snprintf(why, sizeof(why), "%s", ctx->failure.text);
		ctx->failure = saved;
		ndt_fail_append(ctx, "; undoing failed too (%s): %s stays in system-ram mode, "
				"the kmem driver keeps its memory", why, name);
		return;
	}
	ctx->failure = saved;
	rc = unbind(dev);
	memblocks_reset(dev);
	if (rc < 0) {
		ndt_fail_append(ctx, "; the kernel refused to unbind kmem again (%s): %s stays "
				"in system-ram mode with its memory offline", strerror(-rc), name);
		return;
	}
	if (was_enabled) {
		rc = bind_device_dax(dev);
		if (rc < 0) {
			ndt_fail_append(ctx, "; the kernel refused to enable it as devdax again "
					"(%s): %s is disabled", strerror(-rc), name);
			return;
		}
	}
	ndt_fail_append(ctx, "; %s is back in devdax mode as it was", name);
}

/* Whether every block of @dev is as asked: offline, or online in the zone asked. */
static struct ndt_memblock *first_unlike(struct ndt_dax_dev *dev, bool online, bool movable)
{
	struct ndt_memblock *mb;

	ndt_memblock_foreach(dev, mb) {
		enum ndt_memblock_state st = ndt_memblock_get_state(mb);

		if (!online && st != NDT_MEMBLOCK_OFFLINE)
			return mb;
		if (online && (st != NDT_MEMBLOCK_ONLINE ||
			       (ndt_memblock_get_zone(mb) == NDT_MEMBLOCK_ZONE_MOVABLE) != movable))
			return mb;
	}
	return NULL;
}

/*
 * After kmem is bound: bring the blocks the kernel may have onlined by its policy to
 * what was asked. Returns 0 or -errno with the failure recorded (nothing undone).
 */
static int settle_memory(struct ndt_dax_dev *dev, bool online, bool movable,
			 enum ndt_online_policy policy, struct ndt_memblock_result *res)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	const char *pname = ndt_online_policy_name(policy);
	struct ndt_memblock_result r;
	struct ndt_memblock *mb;
	char why[sizeof(ctx->failure.text)];
	int rc;

	if (!ndt_dax_dev_get_memblock_first(dev))
		return ndt_fail(ctx, -ENOENT, NDT_REASON_KERNEL, name,
				"%s: the kmem driver added no memory block", name);
	/* blocks the policy onlined that must be offline, or are in the other zone */
	if (first_unlike(dev, online, movable)) {
		bool wrong = false;

		ndt_memblock_foreach(dev, mb)
			if (ndt_memblock_get_state(mb) == NDT_MEMBLOCK_ONLINE &&
			    (!online || (ndt_memblock_get_zone(mb) ==
					 NDT_MEMBLOCK_ZONE_MOVABLE) != movable))
				wrong = true;
		if (wrong) {
			rc = ndt_dax_dev_memory_offline(dev, &r);
			if (rc < 0) {
				snprintf(why, sizeof(why), "%s", ctx->failure.text);
				return ndt_fail(ctx, rc, NDT_REASON_ONLINE_POLICY, pname,
						"%s: the kernel onlined its memory on its own "
						"(auto_online_blocks is \"%s\"), and it could not "
						"be %s as asked: %s", name, pname,
						online ? "moved to the zone asked for"
						       : "left offline",
						why);
			}
		}
	}
	if (online) {
		rc = ndt_dax_dev_memory_online(dev, movable, res);
		if (rc < 0)
			return rc;
	} else {
		memset(res, 0, sizeof(*res));
		ndt_memblock_foreach(dev, mb)
			res->total++;
	}
	/* something else (a udev rule) may online memory as it appears */
	mb = first_unlike(dev, online, movable);
	if (mb)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_ONLINE_POLICY, pname,
				"%s: %s is %s %s, not as asked: another agent (a udev rule, or "
				"auto_online_blocks \"%s\") changes memory blocks as they appear",
				name, mb->obj.devname,
				ndt_memblock_get_state(mb) == NDT_MEMBLOCK_ONLINE ? "online" : "offline",
				ndt_memblock_get_zone(mb) == NDT_MEMBLOCK_ZONE_MOVABLE ? "in ZONE_MOVABLE" : "",
				pname);
	return 0;
}

static int to_system_ram(struct ndt_dax_dev *dev, unsigned int flags,
			 struct ndt_memblock_result *res)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	bool online = !(flags & NDT_DAX_MODE_NO_ONLINE);
	bool movable = !(flags & NDT_DAX_MODE_NO_MOVABLE);
	enum ndt_online_policy policy = NDT_ONLINE_POLICY_UNKNOWN;
	bool was_enabled;
	int rc;

	if (ndt_dax_dev_get_mode(dev) == NDT_DAX_MODE_SYSTEM_RAM) {
		/* only its memory can change: onlined as asked, or left as it is */
		if (!online) {
			struct ndt_memblock *mb;

			ndt_memblock_foreach(dev, mb) {
				res->total++;
				if (ndt_memblock_get_state(mb) == NDT_MEMBLOCK_OFFLINE)
					res->already++;
			}
			return 0;
		}
		rc = ndt_dax_dev_memory_online(dev, movable, res);
		if (rc < 0)
			return rc;
		return res->changed ? 1 : 0;
	}
	rc = check_to_system_ram(dev);
	if (rc < 0)
		return rc;
	if (!drv_present("kmem")) {
		rc = ndt_kmod_load(ctx, "kmem");
		if (!drv_present("kmem"))
			return ndt_fail(ctx, rc < 0 ? rc : -ENODEV, NDT_REASON_UNSUPPORTED, "kmem",
					"%s: the kmem driver is not available (%s)", name,
					rc < 0 ? strerror(-rc) : "no driver after loading it");
	}
	ndt_memblock_get_online_policy(ctx, &policy);
	was_enabled = ndt_obj_is_enabled(&dev->obj);
	if (was_enabled) {
		rc = unbind(dev);
		if (rc < 0)
			return kernel_refused(dev, "disable it as devdax", rc);
	}
	rc = bind_kmem(dev);
	memblocks_reset(dev);
	if (rc < 0) {
		kernel_refused(dev, "hand it to the kmem driver (see the kernel log)", rc);
		if (was_enabled && bind_device_dax(dev) < 0)
			ndt_fail_append(ctx, "; it could not be enabled as devdax again: %s is "
					"disabled", name);
		return rc;
	}
	rc = settle_memory(dev, online, movable, policy, res);
	if (rc < 0) {
		undo_system_ram(dev, was_enabled);
		memset(res, 0, sizeof(*res));
		return rc;
	}
	return 1;
}

static int to_devdax(struct ndt_dax_dev *dev, unsigned int flags,
		     struct ndt_memblock_result *res)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname;
	struct ndt_memblock_snap snap;
	struct ndt_memblock *mb;
	unsigned int online = 0, total = 0;
	char left[128] = "";
	size_t i;
	int rc;

	switch (ndt_dax_dev_get_mode(dev)) {
	case NDT_DAX_MODE_DEVDAX:
		return 0;
	case NDT_DAX_MODE_UNKNOWN:
		rc = bind_device_dax(dev);
		if (rc < 0)
			return kernel_refused(dev, "enable it as devdax", rc);
		return 1;
	default:
		break;
	}
	ndt_memblock_foreach(dev, mb) {
		total++;
		if (ndt_memblock_get_state(mb) != NDT_MEMBLOCK_OFFLINE)
			online++;
	}
	res->total = total;
	if (online && !(flags & NDT_DAX_MODE_FORCE))
		return ndt_fail(ctx, -EBUSY, NDT_REASON_SYSTEM_RAM, name,
				"%s is online as system RAM (%u of its %u memory blocks)", name,
				online, total);
	if (ndt_memblock_snap_take(dev, &snap) < 0)
		return ndt_fail(ctx, -ENOMEM, NDT_REASON_KERNEL, name, "%s: out of memory", name);
	if (online) {
		rc = ndt_dax_dev_memory_offline(dev, res);
		if (rc < 0)
			goto out;
	}
	rc = unbind(dev);
	memblocks_reset(dev);
	if (rc < 0) {
		kernel_refused(dev, "unbind the kmem driver", rc);
		if (ndt_memblock_snap_restore(ctx, &snap) == 0)
			ndt_fail_append(ctx, "; every memory block is back in the state it had");
		goto out;
	}
	/* kmem releases the memory when it can: the blocks are gone then */
	for (i = 0; i < snap.n; i++) {
		char path[96];

		snprintf(path, sizeof(path), NDT_SYSFS_MEMORY "/memory%lu", snap.v[i].id);
		if (access(path, F_OK) == 0)
			snprintf(left + strlen(left), sizeof(left) - strlen(left), "%s%lu",
				 left[0] ? ", " : "", snap.v[i].id);
	}
	if (left[0]) {
		rc = ndt_fail(ctx, -EBUSY, NDT_REASON_KERNEL, name,
			      "%s: the kmem driver could not remove its memory (blocks %s): it "
			      "stays reserved until the next boot", name, left);
		goto out;
	}
	rc = bind_device_dax(dev);
	if (rc < 0) {
		kernel_refused(dev, "enable it as devdax", rc);
		if (bind_kmem(dev) < 0) {
			ndt_fail_append(ctx, "; nor to hand it back to kmem: %s is disabled", name);
		} else {
			memblocks_reset(dev);
			if (ndt_memblock_snap_restore(ctx, &snap) == 0)
				ndt_fail_append(ctx, "; %s is back in system-ram mode as it was",
						name);
		}
		goto out;
	}
	rc = 1;
out:
	ndt_memblock_snap_free(&snap);
	return rc;
}

/* The alignments the kernel may accept: the page size, PMD and PUD sizes. */
static bool align_valid(uint64_t align)
{
	return align == 4096 || align == 2ULL << 20 || align == 1ULL << 30;
}

static int write_u64(struct ndt_dax_dev *dev, const char *attr, uint64_t v)
{
	return ndt_obj_writef(&dev->obj, attr, "%llu", (unsigned long long)v);
}

/* Set size and alignment in an order the kernel accepts: each check is against the other. */
static int apply_geometry(struct ndt_dax_dev *dev, uint64_t cur_size, uint64_t size,
			  uint64_t cur_align, uint64_t align, const char **step)
{
	int rc = 0;

	/* a larger alignment must divide the size first; a smaller one goes first */
	if (align != cur_align && (align < cur_align || cur_size % align == 0)) {
		*step = "set its alignment";
		rc = write_u64(dev, "align", align);
		cur_align = align;
	}
	if (rc == 0 && size != cur_size) {
		*step = "resize it";
		rc = write_u64(dev, "size", size);
	}
	if (rc == 0 && align != cur_align) {
		*step = "set its alignment";
		rc = write_u64(dev, "align", align);
	}
	return rc;
}

NDT_EXPORT int ndt_dax_dev_resize(struct ndt_dax_dev *dev, uint64_t size, uint64_t align)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	const char *name = dev->obj.devname, *step = "";
	struct ndt_dax_region *region = dev->region;
	uint64_t cur_size, cur_align, avail, ralign = 0, unit;
	bool was_enabled;
	int rc;

	ndt_failure_clear(ctx);
	if (ndt_dax_dev_get_mode(dev) == NDT_DAX_MODE_SYSTEM_RAM)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_SYSTEM_RAM, name,
				"%s is in system-ram mode: its size is that of the memory it "
				"gave the kernel", name);
	if (ndt_dax_dev_get_size(dev, &cur_size) < 0 || ndt_dax_dev_get_align(dev, &cur_align) < 0)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, name,
				"%s: this kernel cannot change a device-dax device's size or "
				"alignment", name);
	if (ndt_dax_region_get_available_size(region, &avail) < 0)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, name,
				"%s is the one device of static dax region %u (persistent memory): "
				"its size and alignment are the namespace's", name,
				ndt_dax_region_get_id(region));
	if (size == UINT64_MAX)
		size = cur_size;
	if (!align)
		align = cur_align;
	ndt_dax_region_get_align(region, &ralign);
	if (!align_valid(align) || align < ralign)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, name,
				"%s: an alignment of %llu bytes is not one the kernel maps with "
				"(4K, 2M or 1G, at least the region's %llu)", name,
				(unsigned long long)align, (unsigned long long)ralign);
	/* the kernel also allocates device memory in 2 MiB subsections */
	unit = align > (2ULL << 20) ? align : 2ULL << 20;
	if (ralign > unit)
		unit = ralign;
	if (size % unit)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_MISALIGNED, name,
				"%s: %llu bytes is not a multiple of the alignment (%llu bytes)",
				name, (unsigned long long)size, (unsigned long long)unit);
	if (size > cur_size && size - cur_size > avail)
		return ndt_fail(ctx, -ENOSPC, NDT_REASON_NO_SPACE, name,
				"%s: dax region %u has %llu bytes available, %llu more are needed",
				name, ndt_dax_region_get_id(region), (unsigned long long)avail,
				(unsigned long long)(size - cur_size));
	if (size == cur_size && align == cur_align)
		return 0;
	if (size == cur_size && cur_size % align)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_MISALIGNED, name,
				"%s: its size (%llu bytes) is not a multiple of %llu bytes", name,
				(unsigned long long)cur_size, (unsigned long long)align);
	rc = ndt_dax_dev_check_user(dev);
	if (rc < 0)
		return rc;
	was_enabled = ndt_obj_is_enabled(&dev->obj);
	if (was_enabled) {
		rc = unbind(dev);
		if (rc < 0)
			return kernel_refused(dev, "disable it", rc);
	}
	rc = apply_geometry(dev, cur_size, size, cur_align, align, &step);
	if (rc < 0) {
		uint64_t now_size = cur_size, now_align = cur_align;
		const char *undo_step;

		kernel_refused(dev, step, rc);
		ndt_dax_dev_get_size(dev, &now_size);
		ndt_dax_dev_get_align(dev, &now_align);
		if (apply_geometry(dev, now_size, cur_size, now_align, cur_align, &undo_step) < 0)
			ndt_fail_append(ctx, "; its size and alignment could not be put back");
		if (was_enabled && bind_device_dax(dev) < 0)
			ndt_fail_append(ctx, "; it could not be enabled again");
		return rc;
	}
	if (was_enabled) {
		rc = bind_device_dax(dev);
		if (rc < 0)
			return kernel_refused(dev, "enable it again after the change", rc);
	}
	return 1;
}

NDT_EXPORT int ndt_dax_dev_set_mode(struct ndt_dax_dev *dev, enum ndt_dax_mode mode,
				    unsigned int flags, struct ndt_memblock_result *res)
{
	struct ndt_memblock_result r;

	ndt_failure_clear(dev->obj.ctx);
	if (!res)
		res = &r;
	memset(res, 0, sizeof(*res));
	if (mode == NDT_DAX_MODE_SYSTEM_RAM)
		return to_system_ram(dev, flags, res);
	if (mode == NDT_DAX_MODE_DEVDAX)
		return to_devdax(dev, flags, res);
	return ndt_fail(dev->obj.ctx, -EINVAL, NDT_REASON_INVALID, NULL,
			"%d is not a device-dax mode", (int)mode);
}
