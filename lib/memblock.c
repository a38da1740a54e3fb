// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory blocks (/sys/devices/system/memory/memoryN): the blocks a device-dax device's
 * ranges hold, their state and zone, the block size and the kernel's auto-online policy.
 * Blocks are found from the device's ranges: the kmem driver hot-adds only the blocks
 * that lie wholly inside a range, so a partial block at either end is another device's
 * (or boot memory) and is never counted, onlined or offlined here.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

NDT_EXPORT int ndt_memblock_get_block_size(struct ndt_ctx *ctx, uint64_t *size)
{
	char buf[64], *end;
	uint64_t v;
	int rc;

	rc = ndt_sysfs_read(ctx, NDT_SYSFS_MEMORY "/block_size_bytes", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	/* hexadecimal without a prefix */
	errno = 0;
	v = strtoull(buf, &end, 16);
	if (errno || end == buf || *end || v == 0)
		return -EIO;
	*size = v;
	return 0;
}

static const char *const policy_names[] = {
	[NDT_ONLINE_POLICY_OFFLINE] = "offline",
	[NDT_ONLINE_POLICY_ONLINE] = "online",
	[NDT_ONLINE_POLICY_KERNEL] = "online_kernel",
	[NDT_ONLINE_POLICY_MOVABLE] = "online_movable",
	[NDT_ONLINE_POLICY_UNKNOWN] = "unknown",
};

NDT_EXPORT const char *ndt_online_policy_name(enum ndt_online_policy policy)
{
	if ((unsigned int)policy > NDT_ONLINE_POLICY_UNKNOWN)
		policy = NDT_ONLINE_POLICY_UNKNOWN;
	return policy_names[policy];
}

NDT_EXPORT int ndt_memblock_get_online_policy(struct ndt_ctx *ctx, enum ndt_online_policy *policy)
{
	char buf[64];
	unsigned int i;
	int rc;

	rc = ndt_sysfs_read(ctx, NDT_SYSFS_MEMORY "/auto_online_blocks", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	*policy = NDT_ONLINE_POLICY_UNKNOWN;
	for (i = 0; i < NDT_ONLINE_POLICY_UNKNOWN; i++)
		if (strcmp(buf, policy_names[i]) == 0)
			*policy = i;
	return 0;
}

/*
 * Range @idx of @dev: its mappingN, or on kernels without mappings (before 5.10) its one
 * range from resource and size. Returns 0, -ENOENT after the last, or -errno.
 */
int ndt_dax_dev_range(struct ndt_dax_dev *dev, unsigned int idx, uint64_t *start,
		      uint64_t *end)
{
	uint64_t pgoff, size;
	char path[PATH_MAX];
	int rc;

	rc = ndt_dax_dev_get_mapping(dev, idx, &pgoff, start, end);
	if (rc != -ENOENT || idx > 0)
		return rc;
	snprintf(path, sizeof(path), "%s/mapping0", dev->obj.path);
	if (access(path, F_OK) == 0)
		return rc;
	/* no mappings at all: the older single range */
	rc = ndt_obj_read_u64(&dev->obj, "resource", start);
	if (rc < 0)
		return rc;
	rc = ndt_dax_dev_get_size(dev, &size);
	if (rc < 0)
		return rc;
	if (size == 0)
		return -ENOENT;
	*end = *start + size - 1;
	return 0;
}

/* The whole blocks of [start, end]: first block and one past the last. */
void ndt_memblock_span(uint64_t start, uint64_t end, uint64_t bsize, uint64_t *first,
		       uint64_t *last)
{
	*first = (start + bsize - 1) / bsize;
	*last = (end + 1) / bsize;
	if (*last < *first)
		*last = *first;
}

static void memblock_free(void *p)
{
	struct ndt_memblock *mb = p;

	ndt_obj_release(&mb->obj);
	free(mb);
}

void ndt_dax_dev_memblocks_free(struct ndt_dax_dev *dev)
{
	ndt_vec_clear(&dev->memblocks, memblock_free);
	dev->memblocks_init = false;
}

static void memblocks_scan(struct ndt_dax_dev *dev)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	uint64_t bsize, start, end, first, last, blk;
	char name[32], path[PATH_MAX];
	struct ndt_memblock *mb;
	unsigned int i;
	size_t k;

	if (ndt_memblock_get_block_size(ctx, &bsize) < 0)
		return;
	for (i = 0; ndt_dax_dev_range(dev, i, &start, &end) == 0; i++) {
		ndt_memblock_span(start, end, bsize, &first, &last);
		for (blk = first; blk < last && blk <= UINT_MAX; blk++) {
			snprintf(name, sizeof(name), "memory%llu", (unsigned long long)blk);
			snprintf(path, sizeof(path), NDT_SYSFS_MEMORY "/%s", name);
			if (access(path, F_OK) < 0)
				continue;
			mb = ndt_obj_new(sizeof(*mb), ctx, NDT_SYSFS_MEMORY, name,
					 (unsigned int)blk, &dev->memblocks);
			if (!mb)
				return;
			mb->dev = dev;
		}
	}
	ndt_vec_sort(&dev->memblocks, ndt_obj_cmp);
	for (k = 0; k < dev->memblocks.n; k++)
		((struct ndt_memblock *)dev->memblocks.v[k])->obj.idx = k;
}

NDT_EXPORT struct ndt_memblock *ndt_dax_dev_get_memblock_first(struct ndt_dax_dev *dev)
{
	if (!dev->memblocks_init) {
		dev->memblocks_init = true;
		memblocks_scan(dev);
	}
	return ndt_vec_first(&dev->memblocks);
}

NDT_EXPORT struct ndt_memblock *ndt_memblock_get_next(struct ndt_memblock *mb)
{
	return ndt_vec_next(&mb->dev->memblocks, mb->obj.idx);
}

NDT_EXPORT unsigned long ndt_memblock_get_id(struct ndt_memblock *mb)
{
	return mb->obj.id;
}

NDT_EXPORT const char *ndt_memblock_get_devname(struct ndt_memblock *mb)
{
	return mb->obj.devname;
}

NDT_EXPORT int ndt_memblock_get_phys_index(struct ndt_memblock *mb, uint64_t *index)
{
	char buf[64], *end;

	int rc = ndt_obj_read(&mb->obj, "phys_index", buf, sizeof(buf));

	if (rc < 0)
		return rc;
	/* hexadecimal without a prefix */
	errno = 0;
	*index = strtoull(buf, &end, 16);
	return errno || end == buf || *end ? -EIO : 0;
}

NDT_EXPORT enum ndt_memblock_state ndt_memblock_get_state(struct ndt_memblock *mb)
{
	char buf[32];

	if (ndt_obj_read(&mb->obj, "state", buf, sizeof(buf)) < 0)
		return NDT_MEMBLOCK_STATE_UNKNOWN;
	if (strcmp(buf, "online") == 0)
		return NDT_MEMBLOCK_ONLINE;
	if (strcmp(buf, "offline") == 0)
		return NDT_MEMBLOCK_OFFLINE;
	if (strcmp(buf, "going-offline") == 0)
		return NDT_MEMBLOCK_GOING_OFFLINE;
	return NDT_MEMBLOCK_STATE_UNKNOWN;
}

NDT_EXPORT int ndt_memblock_get_valid_zones(struct ndt_memblock *mb, char *buf, size_t len)
{
	return ndt_obj_read(&mb->obj, "valid_zones", buf, len);
}

/* Whether the space-separated list @zones names @zone. */
static bool zones_have(const char *zones, const char *zone)
{
	size_t n = strlen(zone);
	const char *p = zones;

	while ((p = strstr(p, zone))) {
		if ((p == zones || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

NDT_EXPORT enum ndt_memblock_zone ndt_memblock_get_zone(struct ndt_memblock *mb)
{
	char buf[128];

	if (ndt_memblock_get_state(mb) != NDT_MEMBLOCK_ONLINE)
		return NDT_MEMBLOCK_ZONE_NONE;
	if (ndt_memblock_get_valid_zones(mb, buf, sizeof(buf)) < 0 || !buf[0] ||
	    strcmp(buf, "None") == 0)
		return NDT_MEMBLOCK_ZONE_UNKNOWN;
	/* an online block's valid_zones is the one zone it is in */
	if (zones_have(buf, "Movable"))
		return NDT_MEMBLOCK_ZONE_MOVABLE;
	return NDT_MEMBLOCK_ZONE_NORMAL;
}

NDT_EXPORT bool ndt_memblock_can_online(struct ndt_memblock *mb, bool movable)
{
	char buf[128];

	if (ndt_memblock_get_valid_zones(mb, buf, sizeof(buf)) < 0)
		return false;
	if (movable)
		return zones_have(buf, "Movable");
	return zones_have(buf, "Normal") || zones_have(buf, "DMA32") || zones_have(buf, "DMA");
}

NDT_EXPORT int ndt_memblock_is_removable(struct ndt_memblock *mb)
{
	int v, rc = ndt_obj_read_int(&mb->obj, "removable", &v);

	if (rc < 0)
		return rc;
	return v != 0;
}
