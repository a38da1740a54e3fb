// SPDX-License-Identifier: LGPL-2.1-or-later
/* btt, pfn and dax devices: what claims a namespace and gives it its mode. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

void ndt_claim_free(void *p)
{
	struct ndt_claim *claim = p;

	if (claim->dax_region)
		ndt_dax_region_free(claim->dax_region);
	ndt_obj_release(&claim->obj);
	free(claim);
}

static struct ndt_vec *claim_vec(struct ndt_region *region, enum ndt_claim_type type)
{
	switch (type) {
	case NDT_CLAIM_BTT:
		return &region->btts;
	case NDT_CLAIM_PFN:
		return &region->pfns;
	default:
		return &region->daxes;
	}
}

int ndt_claim_add(void *parent, const char *dir, const char *name, unsigned int id)
{
	struct ndt_claim_scan *scan = parent;
	struct ndt_region *region = scan->region;
	struct ndt_claim *claim = ndt_obj_new(sizeof(*claim), region->obj.ctx, dir, name, id,
					      claim_vec(region, scan->type));

	if (!claim)
		return -ENOMEM;
	claim->region = region;
	claim->type = scan->type;
	return 0;
}

struct ndt_claim *ndt_region_find_claim(struct ndt_region *region, const char *devname)
{
	enum ndt_claim_type type;
	struct ndt_claim *claim;

	ndt_region_children_init(region);
	for (type = NDT_CLAIM_BTT; type <= NDT_CLAIM_DAX; type++)
		ndt_claim_foreach(region, type, claim)
			if (strcmp(claim->obj.devname, devname) == 0)
				return claim;
	return NULL;
}

NDT_EXPORT struct ndt_claim *ndt_claim_get_first(struct ndt_region *region,
						 enum ndt_claim_type type)
{
	if (type > NDT_CLAIM_DAX)
		return NULL;
	ndt_region_children_init(region);
	return ndt_vec_first(claim_vec(region, type));
}

NDT_EXPORT struct ndt_claim *ndt_claim_get_next(struct ndt_claim *claim)
{
	return ndt_vec_next(claim_vec(claim->region, claim->type), claim->obj.idx);
}

NDT_EXPORT enum ndt_claim_type ndt_claim_get_type(struct ndt_claim *claim)
{
	return claim->type;
}

NDT_EXPORT const char *ndt_claim_get_devname(struct ndt_claim *claim)
{
	return claim->obj.devname;
}

NDT_EXPORT const char *ndt_claim_get_sysfs_path(struct ndt_claim *claim)
{
	return claim->obj.path;
}

NDT_EXPORT bool ndt_claim_is_enabled(struct ndt_claim *claim)
{
	return ndt_obj_is_enabled(&claim->obj);
}

NDT_EXPORT struct ndt_namespace *ndt_claim_get_namespace(struct ndt_claim *claim)
{
	char buf[64];

	if (ndt_obj_read(&claim->obj, "namespace", buf, sizeof(buf)) <= 0)
		return NULL;
	return ndt_region_find_namespace(claim->region, buf);
}

NDT_EXPORT int ndt_claim_get_uuid(struct ndt_claim *claim, unsigned char uuid[16])
{
	return ndt_read_uuid(&claim->obj, uuid);
}

NDT_EXPORT int ndt_claim_get_size(struct ndt_claim *claim, uint64_t *size)
{
	return ndt_obj_read_u64(&claim->obj, "size", size);
}

NDT_EXPORT int ndt_claim_get_sector_size(struct ndt_claim *claim, unsigned int *size)
{
	if (claim->type != NDT_CLAIM_BTT)
		return -EINVAL;
	return ndt_read_current_size(&claim->obj, "sector_size", size);
}

NDT_EXPORT int ndt_claim_get_align(struct ndt_claim *claim, uint64_t *align)
{
	if (claim->type == NDT_CLAIM_BTT)
		return -EINVAL;
	return ndt_obj_read_u64(&claim->obj, "align", align);
}

NDT_EXPORT int ndt_claim_get_resource(struct ndt_claim *claim, uint64_t *start)
{
	if (claim->type == NDT_CLAIM_BTT)
		return -EINVAL;
	return ndt_obj_read_u64(&claim->obj, "resource", start);
}

NDT_EXPORT enum ndt_pfn_map ndt_claim_get_map(struct ndt_claim *claim)
{
	char buf[16];

	if (claim->type == NDT_CLAIM_BTT || ndt_obj_read(&claim->obj, "mode", buf, sizeof(buf)) < 0)
		return NDT_MAP_NONE;
	if (strcmp(buf, "ram") == 0)
		return NDT_MAP_MEM;
	if (strcmp(buf, "pmem") == 0)
		return NDT_MAP_DEV;
	return NDT_MAP_NONE;
}

NDT_EXPORT int ndt_claim_get_block_device(struct ndt_claim *claim, char *buf, size_t len)
{
	return ndt_obj_block_device(&claim->obj, buf, len);
}
