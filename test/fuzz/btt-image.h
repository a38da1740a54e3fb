/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small valid BTT images for the tests and the fuzz corpus, laid out as the kernel lays
 * out an arena (btt.rst): info block, data, map, flog, backup info block, in 4 KiB pages.
 * The map points at a shuffled set of blocks and the lanes are in every state the kernel
 * leaves them in (initial, current entry in slot 0 or in the second slot), so that a
 * consistent image exercises every path of the checker.
 */
#ifndef NDTOOL_TEST_BTT_IMAGE_H
#define NDTOOL_TEST_BTT_IMAGE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/btt.h"
#include "util/endian.h"

#define IMG_PAGE 4096u

static inline uint64_t img_roundup(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* Write the info block of an arena (its fields in @i, relative offsets) at @p and @p2. */
static inline void img_info(uint8_t *p, uint8_t *p2, const struct ndt_btt_info *i)
{
	memset(p, 0, NDT_BTT_INFO_SIZE);
	memcpy(p, NDT_BTT_SIG, NDT_BTT_SIG_LEN);
	memcpy(p + 16, i->uuid, 16);
	memcpy(p + 32, i->parent_uuid, 16);
	ndt_put_le32(p + 48, i->flags);
	ndt_put_le16(p + 52, i->major);
	ndt_put_le16(p + 54, i->minor);
	ndt_put_le32(p + 56, i->external_lbasize);
	ndt_put_le32(p + 60, i->external_nlba);
	ndt_put_le32(p + 64, i->internal_lbasize);
	ndt_put_le32(p + 68, i->internal_nlba);
	ndt_put_le32(p + 72, i->nfree);
	ndt_put_le32(p + 76, NDT_BTT_INFO_SIZE);
	ndt_put_le64(p + 80, i->nextoff);
	ndt_put_le64(p + 88, i->dataoff);
	ndt_put_le64(p + 96, i->mapoff);
	ndt_put_le64(p + 104, i->logoff);
	ndt_put_le64(p + 112, i->info2off);
	ndt_put_le64(p + NDT_BTT_INFO_SIZE - 8, ndt_btt_info_checksum(p));
	memcpy(p2, p, NDT_BTT_INFO_SIZE);
}

static inline void img_slot(uint8_t *p, uint32_t lba, uint32_t old, uint32_t new, uint32_t seq)
{
	ndt_put_le32(p, lba);
	ndt_put_le32(p + 4, old);
	ndt_put_le32(p + 8, new);
	ndt_put_le32(p + 12, seq);
}

/* Lay out one arena of @size bytes at @img (the arena's start); 0 or -1 when too small. */
static inline int img_arena(uint8_t *img, uint64_t size, uint64_t nextoff, uint32_t lbasize,
			    uint32_t nfree, int pair, uint32_t seed)
{
	struct ndt_btt_info i = { .major = 1, .minor = 1, .external_lbasize = lbasize,
				  .internal_lbasize = (uint32_t)img_roundup(lbasize, 64),
				  .nfree = nfree, .nextoff = nextoff };
	uint64_t avail = size - size % IMG_PAGE, logsize, mapsize;
	uint32_t *blocks, n, k, t, lba;
	uint8_t *lane;

	logsize = img_roundup((uint64_t)nfree * NDT_BTT_LANE_SIZE, IMG_PAGE);
	if (avail < 3 * IMG_PAGE + logsize + IMG_PAGE)
		return -1;
	avail -= 2 * IMG_PAGE + logsize;
	i.internal_nlba = (uint32_t)((avail - IMG_PAGE) / (i.internal_lbasize + 4));
	if (i.internal_nlba <= nfree)
		return -1;
	i.external_nlba = i.internal_nlba - nfree;
	mapsize = img_roundup((uint64_t)i.external_nlba * 4, IMG_PAGE);
	i.dataoff = IMG_PAGE;
	i.mapoff = i.dataoff + avail - mapsize;
	i.logoff = i.mapoff + mapsize;
	i.info2off = i.logoff + logsize;
	for (k = 0; k < 16; k++)
		i.uuid[k] = (uint8_t)(seed * 31 + k);
	blocks = malloc(i.internal_nlba * sizeof(*blocks));
	if (!blocks)
		return -1;
	for (n = 0; n < i.internal_nlba; n++)
		blocks[n] = n;
	for (n = i.internal_nlba - 1; n > 0; n--) {	/* a seeded shuffle */
		seed = seed * 1103515245u + 12345u;
		k = (seed >> 8) % (n + 1);
		t = blocks[n];
		blocks[n] = blocks[k];
		blocks[k] = t;
	}
	/* a quarter of the map in its initial state (identity), the rest pointing anywhere */
	for (n = 0; n < i.external_nlba; n++) {
		if (n % 4 == 0 && blocks[n] != n) {
			for (k = n + 1; k < i.internal_nlba && blocks[k] != n; k++)
				;
			if (k < i.internal_nlba) {
				blocks[k] = blocks[n];
				blocks[n] = n;
			}
		}
		ndt_put_le32(img + i.mapoff + n * 4,
			     blocks[n] == n && n % 4 == 0 ? 0 : blocks[n] | 0xC0000000u);
	}
	for (n = 0; n < nfree; n++) {
		uint32_t freeblk = blocks[i.external_nlba + n];

		lane = img + i.logoff + (uint64_t)n * NDT_BTT_LANE_SIZE;
		lba = (n * 7) % i.external_nlba;
		switch (n % 3) {
		case 0:		/* initial */
			img_slot(lane, n % i.external_nlba, freeblk, freeblk, 1);
			break;
		case 1:		/* current in the second slot */
			img_slot(lane, lba, blocks[lba], freeblk, 1);
			img_slot(lane + pair * NDT_BTT_SLOT_SIZE, lba, freeblk, blocks[lba], 2);
			break;
		default:	/* current in slot 0 after a wrap */
			img_slot(lane, lba, freeblk, blocks[lba], 1);
			img_slot(lane + pair * NDT_BTT_SLOT_SIZE, lba, blocks[lba], freeblk, 3);
			break;
		}
	}
	free(blocks);
	img_info(img, img + i.info2off, &i);
	return 0;
}

/*
 * A namespace image of @size bytes: its BTT 4 KiB in, @narenas arenas (the last takes the
 * rest). @img is zeroed first. Returns 0, or -1 when the size does not fit.
 */
static inline int btt_image_make(uint8_t *img, uint64_t size, unsigned int narenas,
				 uint32_t lbasize, uint32_t nfree, int pair, uint32_t seed)
{
	uint64_t off = NDT_BTT_V1_START, each, left;
	unsigned int a;

	memset(img, 0, size);
	if (size < off || !narenas)
		return -1;
	left = size - off;
	each = (left / narenas) / IMG_PAGE * IMG_PAGE;
	for (a = 0; a < narenas; a++) {
		uint64_t asize = a + 1 == narenas ? left : each;

		if (img_arena(img + off, asize, a + 1 == narenas ? 0 : asize, lbasize, nfree, pair,
			      seed + a) < 0)
			return -1;
		off += asize;
		left -= asize;
	}
	return 0;
}

#endif /* NDTOOL_TEST_BTT_IMAGE_H */
