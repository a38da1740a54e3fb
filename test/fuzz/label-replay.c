// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The label fuzz target without libFuzzer, for `make check`: every fixture, then a fixed
 * series of mutations of it (byte flips, overwritten index fields with the index checksum
 * recomputed so that deeper checks run, truncations) and a few short random inputs, all
 * through LLVMFuzzerTestOneInput(). The sequence is deterministic (fixed-seed xorshift).
 * A finding aborts the program, which fails the test.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "test/unit/tap.h"
#include "test/unit/label-fixture.h"
#include "util/label.h"
#include "util/endian.h"

#define MUTATIONS 80

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Overwrite a header field of index block 0 or 1 and fix the block's checksum. */
static void mutate_index(uint8_t *b, size_t len)
{
	static const uint32_t edge[] = { 0, 1, 2, 3, 255, 256, 510, 511, 1020, 0x7fffffff,
					 0x80000000, 0xffffffff };
	size_t block = (next_rand() & 1) * 256;
	size_t off = 16 + (next_rand() % 12) * 4;	/* flags .. minor */
	uint32_t v = next_rand() & 1 ? edge[next_rand() % 12] : next_rand();

	if (len < block + 256)
		return;
	ndt_put_le32(b + block + off, v);
	ndt_put_le64(b + block + 64, 0);
	ndt_put_le64(b + block + 64, ndt_fletcher64(b + block, 256));
}

static void run_mutations(const uint8_t *orig, size_t len)
{
	size_t span = len < 2048 ? len : 2048;
	uint8_t *b = malloc(len);
	int i, k;

	if (!b)
		return;
	for (i = 0; i < MUTATIONS; i++) {
		size_t cut = len;

		memcpy(b, orig, len);
		switch (i % 4) {
		case 0:		/* a few byte flips in the index blocks and first labels */
			for (k = 0; k < 1 + i % 5; k++)
				b[next_rand() % span] ^= 1 << (next_rand() % 8);
			break;
		case 1:
			mutate_index(b, len);
			break;
		case 2:		/* truncation, sometimes below the minimum */
			cut = next_rand() % (len + 1);
			if (i % 8 == 2)
				cut %= 2048;
			break;
		default:	/* index field + a flip anywhere */
			mutate_index(b, len);
			b[next_rand() % len] ^= 0xff;
			break;
		}
		LLVMFuzzerTestOneInput(b, cut);
	}
	free(b);
}

int main(void)
{
	uint8_t small[64];
	char name[96];
	size_t i, len, n;

	for (i = 0; i < FIXTURE_COUNT; i++) {
		uint8_t *area = fixture_area(fixture_names[i], &len);

		snprintf(name, sizeof(name), "%s and %d mutations through the fuzz target",
			 fixture_names[i], MUTATIONS);
		if (!area) {
			ok(0, name);
			continue;
		}
		LLVMFuzzerTestOneInput(area, len);
		run_mutations(area, len);
		free(area);
		ok(1, name);
	}
	for (n = 0; n < 100; n++) {
		for (i = 0; i < sizeof(small); i++)
			small[i] = (uint8_t)next_rand();
		LLVMFuzzerTestOneInput(small, n % sizeof(small));
	}
	ok(1, "100 short random inputs through the fuzz target");
	return done();
}
