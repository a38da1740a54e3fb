// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The info block fuzz target without libFuzzer, for `make check`: every fixture image,
 * then a fixed series of mutations of its block (byte flips; fields overwritten with edge
 * values and the checksum recomputed so that the decoders see a block that passes it;
 * signatures swapped between the formats; truncations) and short random inputs, all
 * through LLVMFuzzerTestOneInput(). The sequence is deterministic (fixed-seed xorshift).
 * A finding aborts the program, which fails the test.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "test/unit/tap.h"
#include "test/unit/infoblock-fixture.h"
#include "util/infoblock.h"
#include "util/label.h"
#include "util/endian.h"

#define MUTATIONS 200

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static void resum(uint8_t *b)
{
	ndt_put_le64(b + 4088, 0);
	ndt_put_le64(b + 4088, ndt_fletcher64(b, 4096));
}

/* Overwrite one header field (flags .. info2off) with an edge value, fix the checksum. */
static void mutate_field(uint8_t *b)
{
	static const uint64_t edge[] = { 0, 1, 2, 3, 4095, 4096, 1 << 21, 1u << 31, 0xffffffffu,
					 1ULL << 63, UINT64_MAX };
	size_t off = 48 + (next_rand() % 18) * 4;	/* 48 .. 116 */
	uint64_t v = next_rand() & 1 ? edge[next_rand() % 11] : next_rand();

	if (next_rand() & 1)
		ndt_put_le64(b + off, v);
	else
		ndt_put_le32(b + off, (uint32_t)v);
	resum(b);
}

static void swap_signature(uint8_t *b)
{
	static const char *const sigs[] = { "NVDIMM_PFN_INFO", "NVDIMM_DAX_INFO",
					    "BTT_ARENA_INFO", "NVDIMM_PFN_INFX" };

	memset(b, 0, 16);
	memcpy(b, sigs[next_rand() % 4], 15);
	resum(b);
}

static void run_mutations(const uint8_t *image)
{
	uint8_t img[NDT_IB_IMAGE], *b = img + NDT_IB_OFFSET;
	int i, k;

	for (i = 0; i < MUTATIONS; i++) {
		size_t len = sizeof(img);

		memcpy(img, image, sizeof(img));
		switch (i % 4) {
		case 0:
			for (k = 0; k < 1 + i % 5; k++)
				b[next_rand() % 128] ^= 1 << (next_rand() % 8);
			break;
		case 1:
			mutate_field(b);
			break;
		case 2:
			swap_signature(b);
			mutate_field(b);
			break;
		default:
			len = next_rand() % (sizeof(img) + 1);
			break;
		}
		/* the block alone (as the target decodes its first 4 KiB) and the image */
		LLVMFuzzerTestOneInput(b, len < NDT_IB_SIZE ? len : NDT_IB_SIZE);
		LLVMFuzzerTestOneInput(img, len);
	}
}

int main(void)
{
	uint8_t small[64];
	char name[96];
	size_t i, len, n;

	for (i = 0; i < IB_FIXTURE_COUNT; i++) {
		uint8_t *image = ib_fixture_image(ib_fixtures[i].name, &len);

		snprintf(name, sizeof(name), "%s and %d mutations through the fuzz target",
			 ib_fixtures[i].name, MUTATIONS);
		if (!image || len != NDT_IB_IMAGE) {
			ok(0, name);
			free(image);
			continue;
		}
		LLVMFuzzerTestOneInput(image, len);
		LLVMFuzzerTestOneInput(image + NDT_IB_OFFSET, NDT_IB_SIZE);
		run_mutations(image);
		free(image);
		ok(1, name);
	}
	for (n = 0; n < 200; n++) {
		for (i = 0; i < sizeof(small); i++)
			small[i] = (uint8_t)next_rand();
		LLVMFuzzerTestOneInput(small, n % sizeof(small));
	}
	ok(1, "200 short random inputs through the fuzz target");
	return done();
}
