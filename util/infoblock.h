/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Namespace info blocks: the 4 KiB superblock at offset 4 KiB of a namespace that gives it
 * a personality. Pure decoding, verification and generation of the bytes, no I/O. Used by
 * read-infoblock/write-infoblock, their JSON and the fuzz target; not part of libndtool's
 * ABI. ABI facts from drivers/nvdimm/pfn.h and btt.h of linux-source-6.1:
 *
 *   pfn / dax info block (little endian)    btt arena info block (little endian)
 *     0 u8[16] "NVDIMM_PFN_INFO\0" (fsdax)     0 u8[16] "BTT_ARENA_INFO\0"
 *              "NVDIMM_DAX_INFO\0" (devdax)   16 u8[16] uuid
 *    16 u8[16] uuid                           32 u8[16] parent_uuid
 *    32 u8[16] parent_uuid (namespace uuid)   48 u32 flags
 *    48 u32    flags                          52 u16 major, 54 u16 minor
 *    52 u16    version major, 54 u16 minor    56 u32 external_lbasize, 60 external_nlba
 *    56 u64    dataoff                        64 u32 internal_lbasize, 68 internal_nlba
 *    64 u64    npfns                          72 u32 nfree, 76 u32 infosize
 *    72 u32    mode (1: memmap in RAM,        80 u64 nextoff, 88 dataoff, 96 mapoff,
 *              2: memmap on the device)          104 logoff, 112 info2off
 *    76 u32    start_pad (v1.1)
 *    80 u32    end_trunc (v1.1)
 *    84 u32    align (v1.2)
 *    88 u32    page_size (v1.4)
 *    92 u16    page_struct_size (v1.4)
 *  4088 u64    checksum                     4088 u64 checksum
 *
 * Both checksums are Fletcher-64 (ndt_fletcher64()) over the 4096 bytes with the checksum
 * field taken as zero.
 */
#ifndef NDTOOL_UTIL_INFOBLOCK_H
#define NDTOOL_UTIL_INFOBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	NDT_IB_OFFSET = 4096,	/* where the block sits in the namespace */
	NDT_IB_SIZE = 4096,	/* bytes of the block */
	NDT_IB_IMAGE = 8192,	/* what ndctl reads and writes: the first 4 KiB and the block */
	NDT_IB_SIG_LEN = 16,
	NDT_IB_CHECKSUM = 4088,	/* offset of the checksum field */
};

enum ndt_ib_type {
	NDT_IB_NONE,		/* no known signature */
	NDT_IB_PFN,		/* NVDIMM_PFN_INFO: fsdax */
	NDT_IB_DAX,		/* NVDIMM_DAX_INFO: devdax */
	NDT_IB_BTT,		/* BTT_ARENA_INFO: sector mode, another format */
};

/* pfn/dax mode field: where the page map lives */
enum {
	NDT_IB_MAP_NONE = 0,
	NDT_IB_MAP_MEM = 1,
	NDT_IB_MAP_DEV = 2,
};

/* One info block, decoded. Fields of the other format stay zero. */
struct ndt_infoblock {
	enum ndt_ib_type type;
	char signature[NDT_IB_SIG_LEN + 1];	/* up to the first NUL, always terminated */
	uint8_t uuid[16], parent_uuid[16];
	uint32_t flags;
	uint16_t major, minor;
	uint64_t checksum;		/* as stored */
	uint64_t checksum_calc;		/* computed with the field as zero */
	bool checksum_ok;
	/* pfn and dax */
	uint64_t dataoff, npfns;
	uint32_t mode, start_pad, end_trunc, align, page_size;
	uint16_t page_struct_size;
	/* btt */
	uint32_t external_lbasize, external_nlba, internal_lbasize, internal_nlba;
	uint32_t nfree, infosize;
	uint64_t nextoff, btt_dataoff, mapoff, logoff, info2off;
};

/* Fletcher-64 of the NDT_IB_SIZE bytes at @block with the checksum field as zero. */
uint64_t ndt_infoblock_checksum(const void *block);

/*
 * Decode the NDT_IB_SIZE bytes at @block (the block itself, not the image) into @ib. An
 * unknown signature is not an error: @ib->type is NDT_IB_NONE. Returns 0, or -EINVAL
 * when @block or @ib is NULL.
 */
int ndt_infoblock_parse(const void *block, struct ndt_infoblock *ib);

/* "fsdax", "devdax", "sector" or "none": the mode a type of block gives a namespace. */
const char *ndt_infoblock_type_mode(enum ndt_ib_type type);

/* What write-infoblock generates from. */
struct ndt_infoblock_params {
	bool devdax;		/* NVDIMM_DAX_INFO, else NVDIMM_PFN_INFO */
	bool map_mem;		/* page map in RAM (mode 1), else on the device (mode 2) */
	uint64_t size;		/* bytes of the namespace (or image) */
	uint64_t align;		/* recorded alignment; a power of two >= 4096 */
	uint64_t offset;	/* physical offset of the namespace, for start_pad/end_trunc */
	uint8_t uuid[16], parent_uuid[16];
};

/*
 * Fill the NDT_IB_SIZE bytes at @block with the info block `ndctl write-infoblock` makes
 * from @p: version 1.4, flags 0, page size 4096, struct page 64 bytes. The layout works at
 * A = max(align, 2 MiB): start_pad pads @offset up to A, end_trunc cuts the end down to A;
 * dataoff is measured from @offset: past the first 8 KiB (and, with the map on the
 * device, 64 bytes per 4 KiB page of the whole size, rounded up to a page), rounded up
 * to A; npfns = (size - dataoff - start_pad - end_trunc) / 4096, computed modulo 2^64 as
 * ndctl does (an --offset larger than the alignment can wrap it: ndctl writes such
 * blocks, and so do we, for testing the kernel).
 * Returns 0; -EINVAL (NULL argument, align not a power of two or below 4096); -ENXIO when
 * the data would start at or beyond the end (size too small for the alignment: ndctl's
 * "unable to satisfy requested alignment"); -EOVERFLOW when size + offset do not fit in
 * 64 bits.
 */
int ndt_infoblock_build(const struct ndt_infoblock_params *p, void *block);

/*
 * Verify a decoded block as `read-infoblock -V` does: a known signature, the checksum,
 * and, when @ns_uuid is not NULL and the block has a parent uuid (every format here), the
 * parent uuid equal to it. Writes the first problem into @why (@len bytes) and returns
 * false; true when the block is sound.
 */
bool ndt_infoblock_verify(const struct ndt_infoblock *ib, const uint8_t *ns_uuid, char *why,
			  size_t len);

#endif
