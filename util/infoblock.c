// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace info blocks: checksum, decoding, verification and the write-infoblock image.
 * The layout is described in infoblock.h. Fields are read by byte offset with
 * ndt_le16/32/64, never by casting a struct over the buffer.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "util/endian.h"
#include "util/label.h"
#include "util/infoblock.h"

/* common header */
#define IB_SIG			0
#define IB_UUID			16
#define IB_PARENT		32
#define IB_FLAGS		48
#define IB_MAJOR		52
#define IB_MINOR		54
/* pfn and dax */
#define PFN_DATAOFF		56
#define PFN_NPFNS		64
#define PFN_MODE		72
#define PFN_START_PAD		76
#define PFN_END_TRUNC		80
#define PFN_ALIGN		84
#define PFN_PAGE_SIZE		88
#define PFN_PAGE_STRUCT		92
/* btt */
#define BTT_EXT_LBASIZE		56
#define BTT_EXT_NLBA		60
#define BTT_INT_LBASIZE		64
#define BTT_INT_NLBA		68
#define BTT_NFREE		72
#define BTT_INFOSIZE		76
#define BTT_NEXTOFF		80
#define BTT_DATAOFF		88
#define BTT_MAPOFF		96
#define BTT_LOGOFF		104
#define BTT_INFO2OFF		112

/* what ndctl write-infoblock records */
#define GEN_MAJOR		1
#define GEN_MINOR		4
#define GEN_PAGE_SIZE		4096u
#define GEN_PAGE_STRUCT		64u
#define MIN_ALIGN		(2u << 20)	/* the layout is never aligned below 2 MiB */
#define RESERVED		8192u		/* the first 4 KiB and the block itself */

static const struct {
	enum ndt_ib_type type;
	char sig[NDT_IB_SIG_LEN];
	const char *mode;
} formats[] = {
	{ NDT_IB_PFN, "NVDIMM_PFN_INFO", "fsdax" },
	{ NDT_IB_DAX, "NVDIMM_DAX_INFO", "devdax" },
	{ NDT_IB_BTT, "BTT_ARENA_INFO", "sector" },
};

uint64_t ndt_infoblock_checksum(const void *block)
{
	uint8_t copy[NDT_IB_SIZE];

	memcpy(copy, block, sizeof(copy));
	memset(copy + NDT_IB_CHECKSUM, 0, 8);
	return ndt_fletcher64(copy, sizeof(copy));
}

const char *ndt_infoblock_type_mode(enum ndt_ib_type type)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].type == type)
			return formats[i].mode;
	return "none";
}

static void parse_pfn(const uint8_t *b, struct ndt_infoblock *ib)
{
	ib->dataoff = ndt_le64(b + PFN_DATAOFF);
	ib->npfns = ndt_le64(b + PFN_NPFNS);
	ib->mode = ndt_le32(b + PFN_MODE);
	ib->start_pad = ndt_le32(b + PFN_START_PAD);
	ib->end_trunc = ndt_le32(b + PFN_END_TRUNC);
	ib->align = ndt_le32(b + PFN_ALIGN);
	ib->page_size = ndt_le32(b + PFN_PAGE_SIZE);
	ib->page_struct_size = ndt_le16(b + PFN_PAGE_STRUCT);
}

static void parse_btt(const uint8_t *b, struct ndt_infoblock *ib)
{
	ib->external_lbasize = ndt_le32(b + BTT_EXT_LBASIZE);
	ib->external_nlba = ndt_le32(b + BTT_EXT_NLBA);
	ib->internal_lbasize = ndt_le32(b + BTT_INT_LBASIZE);
	ib->internal_nlba = ndt_le32(b + BTT_INT_NLBA);
	ib->nfree = ndt_le32(b + BTT_NFREE);
	ib->infosize = ndt_le32(b + BTT_INFOSIZE);
	ib->nextoff = ndt_le64(b + BTT_NEXTOFF);
	ib->btt_dataoff = ndt_le64(b + BTT_DATAOFF);
	ib->mapoff = ndt_le64(b + BTT_MAPOFF);
	ib->logoff = ndt_le64(b + BTT_LOGOFF);
	ib->info2off = ndt_le64(b + BTT_INFO2OFF);
}

int ndt_infoblock_parse(const void *block, struct ndt_infoblock *ib)
{
	const uint8_t *b = block;
	size_t i;

	if (!b || !ib)
		return -EINVAL;
	memset(ib, 0, sizeof(*ib));
	for (i = 0; i < NDT_IB_SIG_LEN && b[IB_SIG + i]; i++)
		ib->signature[i] = (char)b[IB_SIG + i];
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (memcmp(b + IB_SIG, formats[i].sig, NDT_IB_SIG_LEN) == 0)
			ib->type = formats[i].type;
	memcpy(ib->uuid, b + IB_UUID, 16);
	memcpy(ib->parent_uuid, b + IB_PARENT, 16);
	ib->flags = ndt_le32(b + IB_FLAGS);
	ib->major = ndt_le16(b + IB_MAJOR);
	ib->minor = ndt_le16(b + IB_MINOR);
	ib->checksum = ndt_le64(b + NDT_IB_CHECKSUM);
	ib->checksum_calc = ndt_infoblock_checksum(b);
	ib->checksum_ok = ib->checksum == ib->checksum_calc;
	if (ib->type == NDT_IB_BTT)
		parse_btt(b, ib);
	else if (ib->type != NDT_IB_NONE)
		parse_pfn(b, ib);
	return 0;
}

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* @v rounded up to the power of two @a; false when that does not fit in 64 bits. */
static bool align_up(uint64_t v, uint64_t a, uint64_t *out)
{
	if (v > UINT64_MAX - (a - 1))
		return false;
	*out = (v + a - 1) & ~(a - 1);
	return true;
}

int ndt_infoblock_build(const struct ndt_infoblock_params *p, void *block)
{
	uint64_t a, start, end, start_pad, end_trunc, map, base, dataoff, npfns;
	uint8_t *b = block;

	if (!p || !b || p->align < 4096 || !is_pow2(p->align))
		return -EINVAL;
	/* every field below is u32 in the block, align included */
	if (p->align > UINT32_MAX)
		return -EINVAL;
	a = p->align > MIN_ALIGN ? p->align : MIN_ALIGN;
	start = p->offset;
	if (p->size > UINT64_MAX - start)
		return -EOVERFLOW;
	end = start + p->size;
	if (p->size < RESERVED)
		return -ENXIO;
	if (!align_up(start, a, &start_pad))
		return -EOVERFLOW;
	start_pad -= start;
	end_trunc = end - (end & ~(a - 1));
	/* the page map covers the whole size less the reserved 8 KiB, rounded to a page */
	map = 0;
	if (!p->map_mem && !align_up((p->size - RESERVED) / 4096 * 64, 4096, &map))
		return -EOVERFLOW;
	if (map > UINT64_MAX - RESERVED - start ||
	    !align_up(start + RESERVED + map, a, &base))
		return -EOVERFLOW;
	dataoff = base - start;
	if (dataoff >= p->size)
		return -ENXIO;
	/* as ndctl: modulo 2^64 when the padding exceeds what is left */
	npfns = (p->size - dataoff - start_pad - end_trunc) / 4096;
	/* start_pad and end_trunc stay below a, which fits in 32 bits */
	memset(b, 0, NDT_IB_SIZE);
	memcpy(b + IB_SIG, p->devdax ? formats[1].sig : formats[0].sig, NDT_IB_SIG_LEN);
	memcpy(b + IB_UUID, p->uuid, 16);
	memcpy(b + IB_PARENT, p->parent_uuid, 16);
	ndt_put_le16(b + IB_MAJOR, GEN_MAJOR);
	ndt_put_le16(b + IB_MINOR, GEN_MINOR);
	ndt_put_le64(b + PFN_DATAOFF, dataoff);
	ndt_put_le64(b + PFN_NPFNS, npfns);
	ndt_put_le32(b + PFN_MODE, p->map_mem ? NDT_IB_MAP_MEM : NDT_IB_MAP_DEV);
	ndt_put_le32(b + PFN_START_PAD, (uint32_t)start_pad);
	ndt_put_le32(b + PFN_END_TRUNC, (uint32_t)end_trunc);
	ndt_put_le32(b + PFN_ALIGN, (uint32_t)p->align);
	ndt_put_le32(b + PFN_PAGE_SIZE, GEN_PAGE_SIZE);
	ndt_put_le16(b + PFN_PAGE_STRUCT, GEN_PAGE_STRUCT);
	ndt_put_le64(b + NDT_IB_CHECKSUM, ndt_infoblock_checksum(b));
	return 0;
}

static bool zero_uuid(const uint8_t *u)
{
	static const uint8_t zero[16];

	return memcmp(u, zero, 16) == 0;
}

bool ndt_infoblock_verify(const struct ndt_infoblock *ib, const uint8_t *ns_uuid, char *why,
			  size_t len)
{
	if (ib->type == NDT_IB_NONE) {
		snprintf(why, len, "no info block (unknown signature)");
		return false;
	}
	if (!ib->checksum_ok) {
		snprintf(why, len, "bad checksum: stored %#llx, computed %#llx",
			 (unsigned long long)ib->checksum, (unsigned long long)ib->checksum_calc);
		return false;
	}
	if (!ns_uuid)
		return true;
	/* a btt arena names its parent only when the namespace has a uuid to name */
	if (ib->type == NDT_IB_BTT && zero_uuid(ib->parent_uuid))
		return true;
	if (memcmp(ib->parent_uuid, ns_uuid, 16) != 0) {
		snprintf(why, len, "parent uuid does not match the namespace's uuid");
		return false;
	}
	return true;
}
