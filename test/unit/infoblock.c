// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Namespace info blocks: decoding, checksums, verification, the read-infoblock JSON and the
 * write-infoblock generator, against images and JSON captured from ndctl 76.1
 * (test/unit/data/infoblock, see infoblock-fixture.h), plus damaged copies of them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "tap.h"
#include "infoblock-fixture.h"
#include "util/infoblock.h"
#include "util/label.h"
#include "json/infoblock.h"
#include "util/endian.h"

static uint8_t *images[IB_FIXTURE_COUNT];
static size_t image_len[IB_FIXTURE_COUNT];

/* Recompute the checksum of the block at @b, independently of the code under test. */
static void resum(uint8_t *b)
{
	ndt_put_le64(b + 4088, 0);
	ndt_put_le64(b + 4088, ndt_fletcher64(b, 4096));
}

/* The JSON of @ib equals the ndctl capture @file (compared as plain serializations). */
static void json_equals(const char *name, const struct ndt_infoblock *ib, const char *file,
			bool human)
{
	struct json_object *want = NULL, *got = NULL, *j;
	char *text = fixture_text_in("infoblock", file), msg[160];
	bool same = false;

	if (text)
		want = json_tokener_parse(text);
	j = ndt_infoblock_to_json("file", name, ib, human);
	got = json_object_new_array();
	if (want && j && got && json_object_array_add(got, j) == 0) {
		const char *g = json_object_to_json_string_ext(got, JSON_C_TO_STRING_PLAIN);
		const char *w = json_object_to_json_string_ext(want, JSON_C_TO_STRING_PLAIN);

		j = NULL;
		same = strcmp(g, w) == 0;
		if (!same)
			printf("# got  %s\n# want %s\n", g, w);
	}
	snprintf(msg, sizeof(msg), "%s: JSON%s equals %s", name, human ? " (-u)" : "", file);
	ok(same, msg);
	json_object_put(j);
	json_object_put(got);
	json_object_put(want);
	free(text);
}

static void test_fixture(size_t i)
{
	const struct ib_fixture *f = &ib_fixtures[i];
	const uint8_t *img = images[i];
	struct ndt_infoblock ib;
	char msg[160], file[96];
	uint8_t zero[4096] = { 0 };

	snprintf(msg, sizeof(msg), "%s: 8 KiB image, first 4 KiB zero", f->name);
	ok(img && image_len[i] == NDT_IB_IMAGE && memcmp(img, zero, sizeof(zero)) == 0, msg);
	if (!img || image_len[i] != NDT_IB_IMAGE)
		return;
	ndt_infoblock_parse(img + NDT_IB_OFFSET, &ib);
	snprintf(msg, sizeof(msg), "%s: recognised, checksum matches", f->name);
	ok(ib.type != NDT_IB_NONE && ib.checksum_ok, msg);
	snprintf(msg, sizeof(msg), "%s: verifies without a namespace", f->name);
	ok(ndt_infoblock_verify(&ib, NULL, msg, sizeof(msg)), msg);
	snprintf(file, sizeof(file), "%s.ndctl.json", f->name);
	json_equals(f->name, &ib, file, false);
	snprintf(file, sizeof(file), "%s.ndctl-u.json", f->name);
	json_equals(f->name, &ib, file, true);
}

/* write-infoblock's generator reproduces what ndctl wrote, byte for byte. */
static void test_build(size_t i)
{
	const struct ib_fixture *f = &ib_fixtures[i];
	struct ndt_infoblock_params p = {
		.devdax = f->devdax, .map_mem = f->map_mem, .size = f->size, .align = f->align,
		.offset = f->offset,
	};
	uint8_t block[NDT_IB_SIZE];
	char msg[160];
	int rc;

	if (!f->generated || !images[i])
		return;
	uuid_parse(f->uuid, p.uuid);
	if (f->parent)
		uuid_parse(f->parent, p.parent_uuid);
	rc = ndt_infoblock_build(&p, block);
	snprintf(msg, sizeof(msg), "%s: generated block equals ndctl's", f->name);
	ok(rc == 0 && memcmp(block, images[i] + NDT_IB_OFFSET, NDT_IB_SIZE) == 0, msg);
}

static void test_btt(void)
{
	struct ndt_infoblock ib;
	size_t i;

	for (i = 0; i < IB_FIXTURE_COUNT; i++)
		if (strcmp(ib_fixtures[i].name, "btt-sector") == 0)
			break;
	if (i == IB_FIXTURE_COUNT || !images[i])
		return;
	ndt_infoblock_parse(images[i] + NDT_IB_OFFSET, &ib);
	ok(ib.type == NDT_IB_BTT && strcmp(ib.signature, "BTT_ARENA_INFO") == 0,
	   "btt-sector: a btt arena info block");
	ok(ib.checksum_ok, "btt-sector: checksum matches");
	is_str(ndt_infoblock_type_mode(ib.type), "sector", "btt-sector: sector mode");
	ok(ib.external_lbasize && ib.internal_nlba && ib.mapoff > ib.btt_dataoff,
	   "btt-sector: geometry decoded");
}

static void test_damage(void)
{
	uint8_t b[NDT_IB_SIZE], other[16];
	struct ndt_infoblock ib;
	char why[128];

	if (!images[0])
		return;
	memcpy(b, images[0] + NDT_IB_OFFSET, sizeof(b));
	b[100] ^= 1;
	ndt_infoblock_parse(b, &ib);
	ok(ib.type == NDT_IB_PFN && !ib.checksum_ok, "a flipped bit fails the checksum");
	ok(!ndt_infoblock_verify(&ib, NULL, why, sizeof(why)) && strstr(why, "checksum"),
	   "verify names the bad checksum");
	resum(b);
	ndt_infoblock_parse(b, &ib);
	ok(ib.checksum_ok, "padding is covered by the checksum, which is then recomputed");

	memcpy(b, images[0] + NDT_IB_OFFSET, sizeof(b));
	ndt_infoblock_parse(b, &ib);
	memset(other, 0, sizeof(other));
	ok(ndt_infoblock_verify(&ib, other, why, sizeof(why)),
	   "parent uuid zero matches a label-less namespace");
	other[0] = 1;
	ok(!ndt_infoblock_verify(&ib, other, why, sizeof(why)) && strstr(why, "parent"),
	   "another namespace uuid fails the parent check");

	memcpy(b, "NVDIMM_XXX_INFO", 16);
	resum(b);
	ndt_infoblock_parse(b, &ib);
	ok(ib.type == NDT_IB_NONE, "an unknown signature is no info block");
	ok(!ndt_infoblock_verify(&ib, NULL, why, sizeof(why)), "and does not verify");
	ok(ndt_infoblock_to_json("file", "x", &ib, false) == NULL, "and has no JSON");

	memset(b, 0xff, sizeof(b));
	memcpy(b, "NVDIMM_DAX_INFO", 16);
	ndt_infoblock_parse(b, &ib);
	ok(ib.type == NDT_IB_DAX && ib.mode == 0xffffffff && ib.npfns == UINT64_MAX &&
	   ib.page_struct_size == 0xffff && ib.major == 0xffff,
	   "all-ones fields decode to their full width");
	is_int(ndt_infoblock_parse(NULL, &ib), -EINVAL, "parse refuses NULL");
}

static void test_build_edges(void)
{
	struct ndt_infoblock_params p = { .size = GiB, .align = 2 * MiB };
	uint8_t block[NDT_IB_SIZE];
	struct ndt_infoblock ib;

	p.align = 3 * MiB;
	is_int(ndt_infoblock_build(&p, block), -EINVAL, "align not a power of two");
	p.align = 2048;
	is_int(ndt_infoblock_build(&p, block), -EINVAL, "align below 4 KiB");
	p.align = 1ULL << 32;
	is_int(ndt_infoblock_build(&p, block), -EINVAL, "align beyond the u32 field");
	p.align = GiB;
	is_int(ndt_infoblock_build(&p, block), -ENXIO, "1 GiB aligned to 1 GiB leaves no data");
	p.align = 2 * MiB;
	p.size = 2 * MiB;
	is_int(ndt_infoblock_build(&p, block), -ENXIO, "2 MiB leaves no data");
	p.size = 4 * MiB;
	is_int(ndt_infoblock_build(&p, block), 0, "4 MiB holds 2 MiB of data");
	ndt_infoblock_parse(block, &ib);
	ok(ib.dataoff == 2 * MiB && ib.npfns == 512 && ib.checksum_ok, "4 MiB: 512 pages at 2 MiB");
	p.size = 4096;
	is_int(ndt_infoblock_build(&p, block), -ENXIO, "below 8 KiB");
	p.size = UINT64_MAX;
	p.offset = 4096;
	is_int(ndt_infoblock_build(&p, block), -EOVERFLOW, "size + offset beyond 64 bits");
	is_int(ndt_infoblock_build(NULL, block), -EINVAL, "build refuses NULL");
}

int main(void)
{
	size_t i;

	for (i = 0; i < IB_FIXTURE_COUNT; i++)
		images[i] = ib_fixture_image(ib_fixtures[i].name, &image_len[i]);
	for (i = 0; i < IB_FIXTURE_COUNT; i++) {
		test_fixture(i);
		test_build(i);
	}
	test_btt();
	test_damage();
	test_build_edges();
	for (i = 0; i < IB_FIXTURE_COUNT; i++)
		free(images[i]);
	return done();
}
