// SPDX-License-Identifier: LGPL-2.1-or-later
/* Device-dax regions and devices, reached through the dax claim that provides them. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

#define SYSFS_MEMORY "/sys/devices/system/memory"

static void dax_dev_free(void *p)
{
	struct ndt_dax_dev *dev = p;

	ndt_dax_dev_memblocks_free(dev);
	ndt_obj_release(&dev->obj);
	free(dev);
}

void ndt_dax_region_devs_free(struct ndt_dax_region *region)
{
	ndt_vec_clear(&region->devs, dax_dev_free);
	region->devs_init = false;
}

void ndt_dax_region_free(struct ndt_dax_region *region)
{
	ndt_dax_region_devs_free(region);
	free(region->path);
	free(region);
}

NDT_EXPORT struct ndt_dax_region *ndt_claim_get_dax_region(struct ndt_claim *claim)
{
	struct ndt_dax_region *region;
	char path[PATH_MAX];
	int id;

	if (claim->type != NDT_CLAIM_DAX)
		return NULL;
	/* only a found region is kept: a claim enabled later gets one then */
	if (claim->dax_region)
		return claim->dax_region;
	snprintf(path, sizeof(path), "%s/dax_region", claim->obj.path);
	if (access(path, F_OK) < 0 || ndt_obj_read_int(&claim->obj, "dax_region/id", &id) < 0 ||
	    id < 0)
		return NULL;
	region = calloc(1, sizeof(*region));
	if (!region || !(region->path = strdup(claim->obj.path))) {
		free(region);
		return NULL;
	}
	region->ctx = claim->obj.ctx;
	region->id = (unsigned int)id;
	claim->dax_region = region;
	return region;
}

NDT_EXPORT unsigned int ndt_dax_region_get_id(struct ndt_dax_region *region)
{
	return region->id;
}

NDT_EXPORT const char *ndt_dax_region_get_path(struct ndt_dax_region *region)
{
	return region->path;
}

#define SYSFS_DEVICES "/sys/devices"

NDT_EXPORT const char *ndt_dax_region_get_devpath(struct ndt_dax_region *region)
{
	size_t n = strlen(SYSFS_DEVICES);

	if (strncmp(region->path, SYSFS_DEVICES "/", n + 1) != 0)
		return NULL;
	return region->path + n;
}

static int dax_region_read_u64(struct ndt_dax_region *region, const char *attr, uint64_t *val)
{
	char rel[64], buf[64];
	int rc;

	snprintf(rel, sizeof(rel), "dax_region/%s", attr);
	rc = ndt_sysfs_read_at(region->ctx, region->path, rel, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return ndt_parse_u64(buf, val) < 0 ? -EIO : 0;
}

NDT_EXPORT int ndt_dax_region_get_size(struct ndt_dax_region *region, uint64_t *size)
{
	return dax_region_read_u64(region, "size", size);
}

NDT_EXPORT int ndt_dax_region_get_align(struct ndt_dax_region *region, uint64_t *align)
{
	return dax_region_read_u64(region, "align", align);
}

NDT_EXPORT int ndt_dax_region_get_available_size(struct ndt_dax_region *region, uint64_t *size)
{
	return dax_region_read_u64(region, "available_size", size);
}

static int dax_dev_add(void *parent, const char *dir, const char *name, unsigned int id)
{
	struct ndt_dax_region *region = parent;
	struct ndt_dax_dev *dev = ndt_obj_new(sizeof(*dev), region->ctx, dir, name, id,
					      &region->devs);

	if (!dev)
		return -ENOMEM;
	dev->region = region;
	return 0;
}

NDT_EXPORT struct ndt_dax_dev *ndt_dax_dev_get_first(struct ndt_dax_region *region)
{
	char prefix[32];

	if (!region->devs_init) {
		region->devs_init = true;
		snprintf(prefix, sizeof(prefix), "dax%u.", region->id);
		ndt_scan_dir(region->ctx, region->path, prefix, dax_dev_add, region);
		/* the older dax class model puts them in a "dax" directory */
		if (!region->devs.n) {
			char dir[PATH_MAX];

			snprintf(dir, sizeof(dir), "%s/dax", region->path);
			ndt_scan_dir(region->ctx, dir, prefix, dax_dev_add, region);
		}
		ndt_vec_sort(&region->devs, ndt_obj_cmp);
	}
	return ndt_vec_first(&region->devs);
}

NDT_EXPORT struct ndt_dax_dev *ndt_dax_dev_get_next(struct ndt_dax_dev *dev)
{
	return ndt_vec_next(&dev->region->devs, dev->obj.idx);
}

NDT_EXPORT const char *ndt_dax_dev_get_devname(struct ndt_dax_dev *dev)
{
	return dev->obj.devname;
}

NDT_EXPORT const char *ndt_dax_dev_get_sysfs_path(struct ndt_dax_dev *dev)
{
	return dev->obj.path;
}

NDT_EXPORT bool ndt_dax_dev_is_enabled(struct ndt_dax_dev *dev)
{
	return ndt_obj_is_enabled(&dev->obj);
}

NDT_EXPORT int ndt_dax_dev_get_size(struct ndt_dax_dev *dev, uint64_t *size)
{
	return ndt_obj_read_u64(&dev->obj, "size", size);
}

NDT_EXPORT int ndt_dax_dev_get_align(struct ndt_dax_dev *dev, uint64_t *align)
{
	return ndt_obj_read_u64(&dev->obj, "align", align);
}

NDT_EXPORT int ndt_dax_dev_get_target_node(struct ndt_dax_dev *dev, int *node)
{
	return ndt_obj_read_int(&dev->obj, "target_node", node);
}

NDT_EXPORT enum ndt_dax_mode ndt_dax_dev_get_mode(struct ndt_dax_dev *dev)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *drv;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/driver", dev->obj.path);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return NDT_DAX_MODE_UNKNOWN;
	target[n] = '\0';
	drv = strrchr(target, '/');
	drv = drv ? drv + 1 : target;
	if (strcmp(drv, "kmem") == 0)
		return NDT_DAX_MODE_SYSTEM_RAM;
	return NDT_DAX_MODE_DEVDAX;
}

NDT_EXPORT int ndt_dax_dev_get_mapping(struct ndt_dax_dev *dev, unsigned int idx,
				       uint64_t *page_offset, uint64_t *start, uint64_t *end)
{
	char attr[48];
	int rc;

	snprintf(attr, sizeof(attr), "mapping%u/start", idx);
	rc = ndt_obj_read_u64(&dev->obj, attr, start);
	if (rc < 0)
		return rc;
	snprintf(attr, sizeof(attr), "mapping%u/end", idx);
	rc = ndt_obj_read_u64(&dev->obj, attr, end);
	if (rc < 0)
		return rc;
	snprintf(attr, sizeof(attr), "mapping%u/page_offset", idx);
	return ndt_obj_read_u64(&dev->obj, attr, page_offset);
}

/*
 * Memory blocks of a system-ram device: the blocks of /sys/devices/system/memory that
 * cover the device's ranges.
 */
NDT_EXPORT int ndt_dax_dev_get_memblocks(struct ndt_dax_dev *dev, unsigned int *online,
					 unsigned int *total, bool *movable)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	uint64_t bsize, page_offset, start, end, blk;
	char buf[64], dir[96];
	unsigned int i;
	int rc;

	if (ndt_dax_dev_get_mode(dev) != NDT_DAX_MODE_SYSTEM_RAM)
		return -ENXIO;
	rc = ndt_sysfs_read(ctx, SYSFS_MEMORY "/block_size_bytes", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	/* block_size_bytes is hex without a prefix */
	errno = 0;
	bsize = strtoull(buf, NULL, 16);
	if (errno || bsize == 0)
		return -EIO;
	*online = *total = 0;
	*movable = false;
	for (i = 0; ndt_dax_dev_get_mapping(dev, i, &page_offset, &start, &end) == 0; i++) {
		for (blk = start / bsize; blk <= end / bsize; blk++) {
			snprintf(dir, sizeof(dir), SYSFS_MEMORY "/memory%llu",
				 (unsigned long long)blk);
			if (ndt_sysfs_read_at(ctx, dir, "state", buf, sizeof(buf)) < 0)
				continue;
			(*total)++;
			if (strcmp(buf, "online") != 0)
				continue;
			(*online)++;
			if (ndt_sysfs_read_at(ctx, dir, "valid_zones", buf, sizeof(buf)) >= 0 &&
			    strcmp(buf, "Movable") == 0)
				*movable = true;
		}
	}
	return 0;
}
