/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: claims, the btt (sector mode), pfn (fsdax) and dax (devdax) devices of a
 * region that give a namespace its mode, including unclaimed seeds. Part of
 * <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_CLAIM_H
#define NDTOOL_CLAIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_region;
struct ndt_namespace;
struct ndt_claim;
struct ndt_dax_region;

enum ndt_claim_type {
	NDT_CLAIM_BTT,	/* bttR.N */
	NDT_CLAIM_PFN,	/* pfnR.N */
	NDT_CLAIM_DAX,	/* daxR.N */
};

/* Where the page map (struct page array) of a pfn or dax claim lives. */
enum ndt_pfn_map {
	NDT_MAP_NONE,
	NDT_MAP_MEM,	/* struct pages in system RAM ("ram") */
	NDT_MAP_DEV,	/* struct pages on the device ("pmem") */
};

/**
 * ndt_claim_get_first() - the first claim of a type in a region
 * @region: a region
 * @type: which kind of claim
 *
 * Enumerates the region's namespaces and claims on first use, and again after
 * ndt_region_refresh().
 * Returns: the claim of @type with the lowest N; NULL when the region has none, or for an
 * unknown @type.
 */
struct ndt_claim *ndt_claim_get_first(struct ndt_region *region, enum ndt_claim_type type);

/**
 * ndt_claim_get_next() - the next claim of the same type and region
 * @claim: a claim
 *
 * Returns: the claim after @claim in increasing N, or NULL after the last.
 */
struct ndt_claim *ndt_claim_get_next(struct ndt_claim *claim);

/* Iterate @claim over the claims of @type in @region. */
#define ndt_claim_foreach(region, type, claim) \
	for (claim = ndt_claim_get_first(region, type); claim; \
	     claim = ndt_claim_get_next(claim))

/**
 * ndt_claim_get_type() - the kind of a claim
 * @claim: a claim
 *
 * Returns: NDT_CLAIM_BTT, NDT_CLAIM_PFN or NDT_CLAIM_DAX.
 */
enum ndt_claim_type ndt_claim_get_type(struct ndt_claim *claim);

/**
 * ndt_claim_get_devname() - the claim's device name
 * @claim: a claim
 *
 * Returns: "bttR.N", "pfnR.N" or "daxR.N".
 */
const char *ndt_claim_get_devname(struct ndt_claim *claim);

/**
 * ndt_claim_get_sysfs_path() - the claim device's sysfs directory
 * @claim: a claim
 *
 * Returns: the directory (".../region1/pfn1.0").
 */
const char *ndt_claim_get_sysfs_path(struct ndt_claim *claim);

/**
 * ndt_claim_is_enabled() - whether the claim is enabled
 * @claim: a claim
 *
 * Returns: true when its driver is bound (the claimed namespace is then active).
 */
bool ndt_claim_is_enabled(struct ndt_claim *claim);

/**
 * ndt_claim_get_namespace() - the namespace a claim holds
 * @claim: a claim
 *
 * Returns: the claimed namespace; NULL for a seed, or when the namespace is not one of the
 * claim's region.
 */
struct ndt_namespace *ndt_claim_get_namespace(struct ndt_claim *claim);

/**
 * ndt_claim_get_uuid() - the uuid of the claim's info block
 * @claim: a claim
 * @uuid: receives the 16 bytes; all zero when the claim has none (a seed)
 *
 * Returns: 0; -ENOENT when the kernel does not report it; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_claim_get_uuid(struct ndt_claim *claim, unsigned char uuid[16]);

/**
 * ndt_claim_get_size() - the usable size of an enabled claim
 * @claim: a claim
 * @size: receives the bytes left for data after the info block, the BTT metadata or the
 *        page map on the device
 *
 * Returns: 0; -ENXIO when the claim is disabled; -EIO when the size does not parse;
 * another -errno from reading it.
 */
int ndt_claim_get_size(struct ndt_claim *claim, uint64_t *size);

/**
 * ndt_claim_get_sector_size() - the sector size of a btt
 * @claim: a btt claim
 * @size: receives the size in bytes
 *
 * Returns: 0; -EINVAL for a pfn or dax claim; -ENOENT when the kernel reports no current
 * size or the attribute cannot be read; -EIO when it does not parse.
 */
int ndt_claim_get_sector_size(struct ndt_claim *claim, unsigned int *size);

/**
 * ndt_claim_get_align() - the mapping alignment of a pfn or dax claim
 * @claim: a pfn or dax claim
 * @align: receives the alignment in bytes
 *
 * Returns: 0; -EINVAL for a btt; -ENOENT when the kernel does not report it; -EIO when it
 * does not parse; another -errno from reading it.
 */
int ndt_claim_get_align(struct ndt_claim *claim, uint64_t *align);

/**
 * ndt_claim_get_resource() - where the data of a pfn or dax claim starts
 * @claim: a pfn or dax claim
 * @start: receives the system physical address after the info block
 *
 * Returns: 0; -EINVAL for a btt; -ENXIO when the claim is disabled; -EACCES for a caller
 * without CAP_SYS_ADMIN (the attribute is root-only); -EIO when it does not parse; another
 * -errno from reading it.
 */
int ndt_claim_get_resource(struct ndt_claim *claim, uint64_t *start);

/**
 * ndt_claim_get_map() - where the page map of a pfn or dax claim lives
 * @claim: a claim
 *
 * Returns: NDT_MAP_MEM or NDT_MAP_DEV; NDT_MAP_NONE for a btt, or when the kernel reports
 * neither ("none", or no attribute).
 */
enum ndt_pfn_map ndt_claim_get_map(struct ndt_claim *claim);

/**
 * ndt_claim_get_block_device() - the block device of an enabled btt or pfn
 * @claim: a claim
 * @buf: receives the disk's name ("pmem0s", "pmem1")
 * @len: the size of @buf
 *
 * Returns: 0; -ENODEV when the claim has no block device (disabled, a seed, or a dax
 * claim) or when @len is too small for its name.
 */
int ndt_claim_get_block_device(struct ndt_claim *claim, char *buf, size_t len);

/**
 * ndt_claim_get_dax_region() - the device-dax region of an enabled dax claim
 * @claim: a claim
 *
 * Looked up until found, then kept until ndt_region_refresh(); see <ndtool/dax.h>.
 * Returns: the dax region; NULL for a btt or pfn, for a disabled dax claim, or when out of
 * memory.
 */
struct ndt_dax_region *ndt_claim_get_dax_region(struct ndt_claim *claim);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_CLAIM_H */
