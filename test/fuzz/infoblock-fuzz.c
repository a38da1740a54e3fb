// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the info block code: arbitrary bytes are decoded as a block (the
 * input padded with zeros or cut to 4 KiB, and at every 4 KiB step of a longer input),
 * verified with and without a namespace uuid and rendered as the read-infoblock JSON
 * (plain and -u); the first input bytes also pick write-infoblock parameters whose block,
 * when the generator accepts them, must decode back to those parameters with a good
 * checksum. Any crash, sanitizer report or abort() is a finding.
 *
 * Built with clang by `make fuzz` (see util/infoblock.mk); without clang, `make check`
 * runs the same entry point over the fixtures and mutations of them (infoblock-replay.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/infoblock.h"
#include "json/infoblock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void dump(const struct ndt_infoblock *ib, bool human)
{
	struct json_object *j = ndt_infoblock_to_json("file", "fuzz", ib, human);

	if (!j) {
		if (ib->type != NDT_IB_NONE)
			abort();
		return;
	}
	if (!json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN))
		abort();
	json_object_put(j);
}

static void decode(const uint8_t *block)
{
	static const uint8_t ns_uuid[16] = { 1, 2, 3, 4 };
	struct ndt_infoblock ib;
	char why[128];
	bool good;

	if (ndt_infoblock_parse(block, &ib) != 0)
		abort();
	if (ib.checksum_ok != (ib.checksum == ndt_infoblock_checksum(block)))
		abort();
	if (strlen(ib.signature) > NDT_IB_SIG_LEN)
		abort();
	good = ndt_infoblock_verify(&ib, NULL, why, sizeof(why));
	if (good != (ib.type != NDT_IB_NONE && ib.checksum_ok))
		abort();
	if (!good && !why[0])
		abort();
	if (ndt_infoblock_verify(&ib, ns_uuid, why, sizeof(why)) && !good)
		abort();
	dump(&ib, false);
	dump(&ib, true);
}

static uint64_t take(const uint8_t **p, size_t *left, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes && *left; i++, (*p)++, (*left)--)
		v |= (uint64_t)**p << (8 * i);
	return v;
}

/* Parameters from the input; an accepted block must decode back to them. */
static void build_roundtrip(const uint8_t *data, size_t size)
{
	struct ndt_infoblock_params p;
	struct ndt_infoblock ib;
	uint8_t block[NDT_IB_SIZE];
	uint64_t flags;

	memset(&p, 0, sizeof(p));
	flags = take(&data, &size, 1);
	p.devdax = flags & 1;
	p.map_mem = flags & 2;
	/* sizes either small and exact or large and round; alignments mostly powers of two */
	p.size = flags & 4 ? take(&data, &size, 8) : take(&data, &size, 4) << 12;
	p.align = flags & 8 ? take(&data, &size, 8) : 1ULL << (12 + take(&data, &size, 1) % 24);
	p.offset = flags & 16 ? take(&data, &size, 8) : take(&data, &size, 3) << 12;
	memcpy(p.uuid, data, size < 16 ? size : 16);
	if (ndt_infoblock_build(&p, block) != 0)
		return;
	if (ndt_infoblock_parse(block, &ib) != 0 || !ib.checksum_ok ||
	    ib.type != (p.devdax ? NDT_IB_DAX : NDT_IB_PFN) || ib.major != 1 || ib.minor != 4)
		abort();
	if (ib.mode != (p.map_mem ? 1u : 2u) || ib.align != p.align || ib.dataoff >= p.size ||
	    ib.dataoff < 8192 || memcmp(ib.uuid, p.uuid, 16) != 0)
		abort();
	/* without --offset the layout is exact: the pages fit between dataoff and the end */
	if (p.offset == 0 && (ib.start_pad || ib.dataoff + ib.npfns * 4096 > p.size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t block[NDT_IB_SIZE];
	size_t off;

	memset(block, 0, sizeof(block));
	memcpy(block, data, size < sizeof(block) ? size : sizeof(block));
	decode(block);
	for (off = NDT_IB_SIZE; off + NDT_IB_SIZE <= size; off += NDT_IB_SIZE)
		decode(data + off);
	build_roundtrip(data, size);
	return 0;
}
