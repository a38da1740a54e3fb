// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Clearing the known media errors of a namespace. Where the namespace has a block device
 * (raw, fsdax) zeros are written over each bad range through it: the pmem driver clears
 * the poison and forgets the range in the disk's, the region's and the bus's lists.
 * Otherwise (devdax, a disabled namespace) the bus's Clear Uncorrectable Error command
 * clears the range, rounded out to the platform's clear unit, and the kernel forgets it
 * in the region's and bus's lists. The data in the ranges is lost either way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

#define SECTOR	512

static int refuse(struct ndt_namespace *ns, int rc, enum ndt_reason reason, const char *why)
{
	return ndt_fail(ns->obj.ctx, rc, reason, ns->obj.devname, "%s %s", ns->obj.devname, why);
}

/* The block device that shows the data of @ns from its first byte: raw or fsdax. */
static bool data_block_device(struct ndt_namespace *ns, char *disk, size_t len)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);

	if (!claim)
		return ndt_namespace_is_enabled(ns) &&
		       ndt_namespace_get_block_device(ns, disk, len) == 0;
	return ndt_claim_get_type(claim) == NDT_CLAIM_PFN && ndt_claim_is_enabled(claim) &&
	       ndt_claim_get_block_device(claim, disk, len) == 0;
}

/* Write zeros over each range through the block device (O_DIRECT: to the media). */
static int clear_by_writes(struct ndt_namespace *ns, const char *disk,
			   const struct ndt_badblock *bb, int n, uint64_t *cleared)
{
	struct ndt_ctx *ctx = ns->obj.ctx;
	size_t chunk = 64 * SECTOR;
	void *zero = NULL;
	int fd, i, rc = 0;

	if (posix_memalign(&zero, 4096, chunk))
		return -ENOMEM;
	memset(zero, 0, chunk);
	fd = ndt_blockdev_open(ctx, disk, O_RDWR | O_EXCL | O_DIRECT);
	if (fd < 0) {
		free(zero);
		return ndt_fail(ctx, fd, fd == -EBUSY ? NDT_REASON_OPEN : NDT_REASON_KERNEL,
				ns->obj.devname, "%s: opening /dev/%s to clear its errors failed: %s",
				ns->obj.devname, disk, strerror(-fd));
	}
	for (i = 0; i < n && rc == 0; i++) {
		uint64_t off = bb[i].offset * SECTOR, left = bb[i].length * SECTOR;

		while (left) {
			size_t len = left < chunk ? (size_t)left : chunk;
			ssize_t w = pwrite(fd, zero, len, (off_t)off);

			if (w != (ssize_t)len) {
				rc = w < 0 ? -errno : -EIO;
				ndt_fail(ctx, rc, NDT_REASON_KERNEL, ns->obj.devname,
					 "%s: writing sector %llu of /dev/%s failed: %s",
					 ns->obj.devname, (unsigned long long)(off / SECTOR), disk,
					 strerror(-rc));
				break;
			}
			*cleared += len;
			off += len;
			left -= len;
		}
	}
	if (fsync(fd) < 0 && rc == 0)
		rc = -errno;
	close(fd);
	free(zero);
	return rc;
}

/* Clear each range (offsets from @base) with the bus command, in clear units. */
static int clear_by_command(struct ndt_namespace *ns, uint64_t base, const struct ndt_badblock *bb,
			    int n, uint64_t *cleared)
{
	struct ndt_bus *bus = ns->region->bus;
	struct ndt_ctx *ctx = ns->obj.ctx;
	uint32_t unit;
	int i, rc;

	for (i = 0; i < n; i++) {
		uint64_t spa = base + bb[i].offset * SECTOR, len = bb[i].length * SECTOR, done;
		uint64_t start, end;

		rc = ndt_bus_get_clear_unit(bus, spa, len, &unit);
		if (rc < 0)
			return ndt_fail(ctx, rc, rc == -EOPNOTSUPP ? NDT_REASON_UNSUPPORTED :
					NDT_REASON_KERNEL, ns->obj.devname,
					"%s: %s cannot clear media errors (%s)", ns->obj.devname,
					bus->obj.devname, strerror(-rc));
		start = spa & ~(uint64_t)(unit - 1);
		end = (spa + len + unit - 1) & ~(uint64_t)(unit - 1);
		rc = ndt_bus_clear_error(bus, start, end - start, &done);
		if (rc < 0)
			return ndt_fail(ctx, rc, NDT_REASON_KERNEL, ns->obj.devname,
					"%s: clearing %llu bytes at %#llx failed: %s",
					ns->obj.devname, (unsigned long long)(end - start),
					(unsigned long long)start, strerror(-rc));
		*cleared += done < end - start ? done : end - start;
		if (done < end - start)
			return ndt_fail(ctx, -EIO, NDT_REASON_KERNEL, ns->obj.devname,
					"%s: the platform cleared %llu of %llu bytes at %#llx",
					ns->obj.devname, (unsigned long long)done,
					(unsigned long long)(end - start), (unsigned long long)start);
	}
	return 0;
}

NDT_EXPORT int ndt_namespace_clear_errors(struct ndt_namespace *ns, uint64_t *cleared)
{
	struct ndt_badblock *bb = NULL;
	char disk[64];
	uint64_t base = 0;
	uint32_t unit;
	int n, rc;

	*cleared = 0;
	if (ndt_namespace_get_mode(ns) == NDT_NS_MODE_SECTOR)
		return refuse(ns, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
			      "is in sector mode: the BTT moves its blocks, so that its media "
			      "errors are cleared only by writing the sectors through its block "
			      "device");
	rc = ndt_namespace_check_idle(ns);
	if (rc < 0)
		return rc;
	n = ndt_namespace_get_badblocks(ns, &bb, &base);
	if (n < 0)
		return ndt_fail(ns->obj.ctx, n, NDT_REASON_KERNEL, ns->obj.devname,
				"%s: reading its media errors failed: %s", ns->obj.devname,
				strerror(-n));
	if (n == 0)
		return 0;
	/* writes clear poison only where the platform can clear it */
	if (ndt_bus_get_clear_unit(ns->region->bus, base + bb[0].offset * SECTOR,
				   bb[0].length * SECTOR, &unit) ==
	    -EOPNOTSUPP) {
		free(bb);
		return refuse(ns, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
			      "is on a bus that cannot clear media errors (no Clear Uncorrectable "
			      "Error command)");
	}
	if (data_block_device(ns, disk, sizeof(disk)))
		rc = clear_by_writes(ns, disk, bb, n, cleared);
	else
		rc = clear_by_command(ns, base, bb, n, cleared);
	free(bb);
	return rc;
}
