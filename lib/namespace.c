// SPDX-License-Identifier: LGPL-2.1-or-later
/* Namespaces (namespaceR.N below region R) and the region's children enumeration. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "private.h"

#define ND_NSTYPE_IO	4
#define ND_NSTYPE_PMEM	5
#define ND_NSTYPE_BLK	6

void ndt_namespace_free(void *p)
{
	struct ndt_namespace *ns = p;

	ndt_obj_release(&ns->obj);
	free(ns);
}

static int namespace_add(void *parent, const char *dir, const char *name, unsigned int id)
{
	struct ndt_region *region = parent;
	struct ndt_namespace *ns = ndt_obj_new(sizeof(*ns), region->obj.ctx, dir, name, id,
					       &region->namespaces);

	if (!ns)
		return -ENOMEM;
	ns->region = region;
	return 0;
}

/* Enumerate the region's namespaces, btts, pfns and daxes in one pass (once). */
void ndt_region_children_init(struct ndt_region *region)
{
	struct ndt_claim_scan btt = { region, NDT_CLAIM_BTT }, pfn = { region, NDT_CLAIM_PFN },
			      dax = { region, NDT_CLAIM_DAX };
	char prefix[4][48];
	const struct ndt_scan scans[] = {
		{ prefix[0], namespace_add, region },
		{ prefix[1], ndt_claim_add, &btt },
		{ prefix[2], ndt_claim_add, &pfn },
		{ prefix[3], ndt_claim_add, &dax },
	};
	unsigned int id = region->obj.id;

	if (region->children_init)
		return;
	region->children_init = true;
	snprintf(prefix[0], sizeof(prefix[0]), "namespace%u.", id);
	snprintf(prefix[1], sizeof(prefix[1]), "btt%u.", id);
	snprintf(prefix[2], sizeof(prefix[2]), "pfn%u.", id);
	snprintf(prefix[3], sizeof(prefix[3]), "dax%u.", id);
	ndt_scan_dir_multi(region->obj.ctx, region->obj.path, scans, 4);
	ndt_vec_sort(&region->namespaces, ndt_obj_cmp);
	ndt_vec_sort(&region->btts, ndt_obj_cmp);
	ndt_vec_sort(&region->pfns, ndt_obj_cmp);
	ndt_vec_sort(&region->daxes, ndt_obj_cmp);
}

NDT_EXPORT struct ndt_namespace *ndt_namespace_get_first(struct ndt_region *region)
{
	ndt_region_children_init(region);
	return ndt_vec_first(&region->namespaces);
}

NDT_EXPORT struct ndt_namespace *ndt_namespace_get_next(struct ndt_namespace *ns)
{
	return ndt_vec_next(&ns->region->namespaces, ns->obj.idx);
}

struct ndt_namespace *ndt_region_find_namespace(struct ndt_region *region, const char *devname)
{
	struct ndt_namespace *ns;

	ndt_namespace_foreach(region, ns)
		if (strcmp(ns->obj.devname, devname) == 0)
			return ns;
	return NULL;
}

NDT_EXPORT struct ndt_region *ndt_namespace_get_region(struct ndt_namespace *ns)
{
	return ns->region;
}

NDT_EXPORT unsigned int ndt_namespace_get_id(struct ndt_namespace *ns)
{
	return ns->obj.id;
}

NDT_EXPORT const char *ndt_namespace_get_devname(struct ndt_namespace *ns)
{
	return ns->obj.devname;
}

NDT_EXPORT const char *ndt_namespace_get_sysfs_path(struct ndt_namespace *ns)
{
	return ns->obj.path;
}

NDT_EXPORT bool ndt_namespace_is_enabled(struct ndt_namespace *ns)
{
	return ndt_obj_is_enabled(&ns->obj);
}

NDT_EXPORT bool ndt_namespace_is_active(struct ndt_namespace *ns)
{
	struct ndt_claim *claim;

	if (ndt_namespace_is_enabled(ns))
		return true;
	claim = ndt_namespace_get_claim(ns);
	return claim && ndt_claim_is_enabled(claim);
}

NDT_EXPORT enum ndt_namespace_type ndt_namespace_get_type(struct ndt_namespace *ns)
{
	int nstype;

	if (ndt_obj_read_int(&ns->obj, "nstype", &nstype) < 0)
		return NDT_NS_TYPE_UNKNOWN;
	switch (nstype) {
	case ND_NSTYPE_IO:
		return NDT_NS_TYPE_IO;
	case ND_NSTYPE_PMEM:
		return NDT_NS_TYPE_PMEM;
	case ND_NSTYPE_BLK:
		return NDT_NS_TYPE_BLK;
	default:
		return NDT_NS_TYPE_UNKNOWN;
	}
}

/* The kernel's mode attribute names the claim: safe (btt), memory (pfn), dax, raw. */
NDT_EXPORT enum ndt_namespace_mode ndt_namespace_get_mode(struct ndt_namespace *ns)
{
	char buf[32];

	if (ndt_obj_read(&ns->obj, "mode", buf, sizeof(buf)) < 0)
		return NDT_NS_MODE_UNKNOWN;
	if (strcmp(buf, "raw") == 0)
		return NDT_NS_MODE_RAW;
	if (strcmp(buf, "safe") == 0)
		return NDT_NS_MODE_SECTOR;
	if (strcmp(buf, "memory") == 0)
		return NDT_NS_MODE_FSDAX;
	if (strcmp(buf, "dax") == 0)
		return NDT_NS_MODE_DEVDAX;
	return NDT_NS_MODE_UNKNOWN;
}

NDT_EXPORT struct ndt_claim *ndt_namespace_get_claim(struct ndt_namespace *ns)
{
	char holder[64];

	if (ndt_obj_read(&ns->obj, "holder", holder, sizeof(holder)) <= 0)
		return NULL;
	return ndt_region_find_claim(ns->region, holder);
}

NDT_EXPORT int ndt_namespace_get_size(struct ndt_namespace *ns, uint64_t *size)
{
	return ndt_obj_read_u64(&ns->obj, "size", size);
}

int ndt_read_uuid(const struct ndt_obj *obj, unsigned char uuid[16])
{
	char buf[64];
	int rc = ndt_obj_read(obj, "uuid", buf, sizeof(buf));

	if (rc < 0)
		return rc;
	if (rc == 0) {
		memset(uuid, 0, 16);
		return 0;
	}
	return uuid_parse(buf, uuid) < 0 ? -EIO : 0;
}

NDT_EXPORT int ndt_namespace_get_uuid(struct ndt_namespace *ns, unsigned char uuid[16])
{
	return ndt_read_uuid(&ns->obj, uuid);
}

NDT_EXPORT int ndt_namespace_get_alt_name(struct ndt_namespace *ns, char *buf, size_t len)
{
	int rc = ndt_obj_read(&ns->obj, "alt_name", buf, len);

	return rc < 0 ? rc : 0;
}

/* "512 [4096]" style lists: the bracketed entry is the current value. */
int ndt_read_current_size(const struct ndt_obj *obj, const char *attr, unsigned int *size)
{
	char buf[256], *open, *end;
	unsigned long v;

	if (ndt_obj_read(obj, attr, buf, sizeof(buf)) < 0)
		return -ENOENT;
	open = strchr(buf, '[');
	if (!open)
		return -ENOENT;
	errno = 0;
	v = strtoul(open + 1, &end, 10);
	if (errno || *end != ']' || v == 0 || v > 1u << 20)
		return -EIO;
	*size = (unsigned int)v;
	return 0;
}

NDT_EXPORT int ndt_namespace_get_sector_size(struct ndt_namespace *ns, unsigned int *size)
{
	return ndt_read_current_size(&ns->obj, "sector_size", size);
}

NDT_EXPORT int ndt_namespace_get_resource(struct ndt_namespace *ns, uint64_t *start)
{
	return ndt_obj_read_u64(&ns->obj, "resource", start);
}

NDT_EXPORT int ndt_namespace_get_numa_node(struct ndt_namespace *ns, int *node)
{
	return ndt_obj_read_int(&ns->obj, "numa_node", node);
}

NDT_EXPORT int ndt_namespace_get_target_node(struct ndt_namespace *ns, int *node)
{
	return ndt_obj_read_int(&ns->obj, "target_node", node);
}

/* The first entry of <dev>/block/: the gendisk of an enabled pmem, btt or pfn device. */
int ndt_obj_block_device(const struct ndt_obj *obj, char *buf, size_t len)
{
	char path[4096];
	struct dirent *de;
	DIR *d;
	int rc = -ENODEV;

	snprintf(path, sizeof(path), "%s/block", obj->path);
	d = opendir(path);
	if (!d)
		return -ENODEV;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(buf, len, "%s", de->d_name) < len)
			rc = 0;
		break;
	}
	closedir(d);
	return rc;
}

NDT_EXPORT int ndt_namespace_get_block_device(struct ndt_namespace *ns, char *buf, size_t len)
{
	return ndt_obj_block_device(&ns->obj, buf, len);
}

/*
 * Region media errors (sectors from the region start) that fall in [start, start + len)
 * of the region, rebased to @start. Returns the count or -errno.
 */
static int region_badblocks_in(struct ndt_region *region, uint64_t start, uint64_t len,
			       struct ndt_badblock **ranges)
{
	struct ndt_badblock *bb;
	uint64_t first = start / 512, end = (start + len) / 512;
	int n, i, out = 0;

	n = ndt_region_get_badblocks(region, &bb);
	if (n <= 0)
		return n;
	for (i = 0; i < n; i++) {
		uint64_t s = bb[i].offset, e = bb[i].offset + bb[i].length;

		if (e <= first || s >= end)
			continue;
		s = s < first ? first : s;
		e = e > end ? end : e;
		bb[out++] = (struct ndt_badblock){ s - first, e - s };
	}
	if (!out) {
		free(bb);
		bb = NULL;
	}
	*ranges = bb;
	return out;
}

NDT_EXPORT int ndt_namespace_get_data_range(struct ndt_namespace *ns, uint64_t *start,
					    uint64_t *size)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	int rc;

	*size = 0;
	if (ndt_namespace_get_size(ns, size) < 0 || *size == 0) {
		*size = 0;
		return 0;
	}
	rc = ndt_namespace_get_resource(ns, start);
	if (rc < 0)
		return rc;
	/* an enabled pfn or dax claim holds the data after its info block */
	if (claim && ndt_claim_get_type(claim) != NDT_CLAIM_BTT) {
		uint64_t cstart, csize;

		if (ndt_claim_get_resource(claim, &cstart) == 0 &&
		    ndt_claim_get_size(claim, &csize) == 0) {
			*start = cstart;
			*size = csize;
		}
	}
	return 0;
}

NDT_EXPORT int ndt_namespace_get_badblocks(struct ndt_namespace *ns, struct ndt_badblock **ranges,
					   uint64_t *base)
{
	uint64_t size, start, region_start;
	int rc;

	*ranges = NULL;
	rc = ndt_namespace_get_data_range(ns, &start, &size);
	if (rc < 0 || size == 0)
		return rc;
	rc = ndt_region_get_resource(ns->region, &region_start);
	if (rc < 0)
		return rc;
	if (start < region_start)
		return -EIO;
	*base = start;
	return region_badblocks_in(ns->region, start - region_start, size, ranges);
}
