// SPDX-License-Identifier: LGPL-2.1-or-later
/* Find the namespace behind a block or character device number */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "private.h"

/*
 * The kernel name of @devt: /sys/dev/{block,char}/MAJ:MIN links to the device's
 * directory; a partition's parent directory is its disk.
 */
int ndt_devnum_name(dev_t devt, bool chardev, char *buf, size_t len)
{
	char link[64], path[PATH_MAX], attr[PATH_MAX + 16], *base;
	struct stat st;

	snprintf(link, sizeof(link), "/sys/dev/%s/%u:%u", chardev ? "char" : "block",
		 major(devt), minor(devt));
	if (!realpath(link, path))
		return -errno;
	snprintf(attr, sizeof(attr), "%s/partition", path);
	if (!chardev && stat(attr, &st) == 0) {
		base = strrchr(path, '/');
		if (base)
			*base = '\0';
	}
	base = strrchr(path, '/');
	if (!base || (size_t)snprintf(buf, len, "%s", base + 1) >= len)
		return -ENAMETOOLONG;
	return 0;
}

static bool claim_has(struct ndt_claim *claim, const char *name, bool chardev)
{
	struct ndt_dax_region *dr;
	struct ndt_dax_dev *dev;
	char blk[32];

	if (!chardev)
		return ndt_claim_get_block_device(claim, blk, sizeof(blk)) == 0 &&
		       strcmp(blk, name) == 0;
	dr = ndt_claim_get_dax_region(claim);
	if (!dr)
		return false;
	ndt_dax_dev_foreach(dr, dev)
		if (strcmp(ndt_dax_dev_get_devname(dev), name) == 0)
			return true;
	return false;
}

static bool namespace_has(struct ndt_namespace *ns, const char *name, bool chardev)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	char blk[32];

	if (claim)
		return claim_has(claim, name, chardev);
	return !chardev && ndt_namespace_get_block_device(ns, blk, sizeof(blk)) == 0 &&
	       strcmp(blk, name) == 0;
}

NDT_EXPORT struct ndt_namespace *ndt_namespace_from_devnum(struct ndt_ctx *ctx, dev_t devt,
							    bool chardev)
{
	struct ndt_namespace *ns;
	struct ndt_region *region;
	struct ndt_bus *bus;
	char name[64];
	int rc;

	rc = ndt_devnum_name(devt, chardev, name, sizeof(name));
	if (rc < 0) {
		dbg(ctx, "%s device %u:%u: %s", chardev ? "char" : "block", major(devt),
			minor(devt), strerror(-rc));
		return NULL;
	}
	ndt_bus_foreach(ctx, bus)
		ndt_region_foreach(bus, region)
			ndt_namespace_foreach(region, ns)
				if (namespace_has(ns, name, chardev))
					return ns;
	dbg(ctx, "%s: not a namespace's device", name);
	return NULL;
}

static int read_u64_at(struct ndt_ctx *ctx, const char *dir, const char *attr, uint64_t *val)
{
	char buf[64];
	int rc = ndt_sysfs_read_at(ctx, dir, attr, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	return ndt_parse_u64(buf, val) < 0 ? -EIO : 0;
}

NDT_EXPORT int ndt_devnum_get_dax_info(struct ndt_ctx *ctx, dev_t devt, uint64_t *size,
				       uint64_t *align)
{
	char dir[PATH_MAX], link[PATH_MAX + 16], sub[PATH_MAX], *base;
	int rc;

	snprintf(link, sizeof(link), "/sys/dev/char/%u:%u", major(devt), minor(devt));
	if (!realpath(link, dir))
		return -ENODEV;
	snprintf(link, sizeof(link), "%s/subsystem", dir);
	if (!realpath(link, sub))
		return -ENODEV;
	base = strrchr(sub, '/');
	if (!base || strcmp(base + 1, "dax") != 0)
		return -ENODEV;
	rc = read_u64_at(ctx, dir, "size", size);
	if (rc < 0)
		return rc;
	/* "align" appeared in 5.10; before it every device-dax used 2 MiB */
	if (read_u64_at(ctx, dir, "align", align) < 0)
		*align = 2UL << 20;
	return 0;
}
