// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Namespace label areas: Fletcher-64, geometry, the init-labels image, parsing, the
 * read-labels JSON and check-labels validation, against label areas and JSON captured
 * from ndctl 76.1 on real kernels (test/unit/data/labels, see label-fixture.h), plus
 * corrupted copies of them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "label-fixture.h"
#include "util/label.h"
#include "json/label.h"

#define AREA_SIZE (128 * 1024)

static uint8_t *fixtures[FIXTURE_COUNT];
static size_t fixture_len[FIXTURE_COUNT];

static const uint8_t *fixture(const char *name, size_t *len)
{
	size_t i;

	for (i = 0; i < FIXTURE_COUNT; i++) {
		if (strcmp(fixture_names[i], name) == 0) {
			*len = fixture_len[i];
			return fixtures[i];
		}
	}
	*len = 0;
	return NULL;
}

/* A private copy of fixture @name to damage. */
static uint8_t *copy_of(const char *name, size_t *len)
{
	const uint8_t *src = fixture(name, len);
	uint8_t *dst = src ? malloc(*len) : NULL;

	if (dst)
		memcpy(dst, src, *len);
	return dst;
}

/* little-endian stores, independent from the library */
static void st32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

static void st64(uint8_t *p, uint64_t v)
{
	st32(p, v & 0xffffffff);
	st32(p + 4, v >> 32);
}

/* Recompute the checksum (u64 at @sum_off) of the @len-byte object at @p. */
static void resum(uint8_t *p, size_t len, size_t sum_off)
{
	st64(p + sum_off, 0);
	st64(p + sum_off, ndt_fletcher64(p, len));
}

#define IDX0 0
#define IDX1 256
#define IDX_SUM 64
#define IDX_SEQ 20
#define IDX_NSLOT 56
#define IDX_LABELOFF 48
#define LBL(n) (512 + (n) * 256)	/* v1.2 labels of a 128 KiB area */
#define V11_LBL(n) (512 + (n) * 128)	/* v1.1 labels */
#define LBL_SLOT 120
#define LBL_SUM 248

/* Collect check-labels problems into one "; "-separated string. */
struct problems {
	char text[2048];
	int n;
};

static void collect(void *priv, const char *msg)
{
	struct problems *p = priv;
	size_t len = strlen(p->text);

	snprintf(p->text + len, sizeof(p->text) - len, "%s%s", p->n ? "; " : "", msg);
	p->n++;
}

/* Parse @buf and return its problems (parse failures become "parse: <errno>"). */
static const char *check(const uint8_t *buf, size_t len, int *count)
{
	static struct problems p;
	struct ndt_label_area *area;
	int rc;

	memset(&p, 0, sizeof(p));
	rc = ndt_label_area_parse(buf, len, &area);
	if (rc) {
		snprintf(p.text, sizeof(p.text), "parse: %d", rc);
		*count = -1;
		return p.text;
	}
	*count = ndt_label_area_check(area, collect, &p);
	if (*count != p.n)
		snprintf(p.text, sizeof(p.text), "count %d != callbacks %d", *count, p.n);
	ndt_label_area_free(area);
	return p.text;
}

static void test_fletcher(void)
{
	static const uint8_t one[] = { 1, 0, 0, 0 }, two[] = { 1, 0, 0, 0, 2, 0, 0, 0 };
	static const uint8_t wrap[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t four[] = { 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0 };
	size_t len;
	const uint8_t *a = fixture("A-v11-init", &len);

	ok(ndt_fletcher64("", 0) == 0, "fletcher64 of nothing is 0");
	ok(ndt_fletcher64(one, 4) == 0x100000001ULL, "fletcher64 of one word");
	ok(ndt_fletcher64(two, 8) == 0x400000003ULL, "fletcher64 of two words");
	ok(ndt_fletcher64(four, 16) == 0x140000000aULL, "fletcher64 of 1,2,3,4");
	ok(ndt_fletcher64("abcd", 4) == 0x6463626164636261ULL, "fletcher64 reads little endian");
	ok(ndt_fletcher64("abcdXYZ", 7) == 0x6463626164636261ULL,
	   "fletcher64 ignores a trailing partial word");
	ok(ndt_fletcher64(wrap, 8) == 0xfffffffdfffffffeULL, "fletcher64 sums wrap at 2^32");
	if (a) {
		uint8_t blk[256];

		memcpy(blk, a, sizeof(blk));
		st64(blk + IDX_SUM, 0);
		ok(ndt_fletcher64(blk, sizeof(blk)) == 0xeb634621d7313e0aULL,
		   "fletcher64 of ndctl's v1.1 index block 0 matches its stored checksum");
	} else {
		ok(0, "fixture A-v11-init loaded");
	}
}

static void test_geometry(void)
{
	uint64_t isize = 0;
	uint32_t nslot = 0;

	is_int(ndt_label_geometry(AREA_SIZE, 128, &nslot, &isize), 0, "128 KiB v1.1 geometry");
	ok(nslot == 1020 && isize == 256, "128 KiB: 1020 slots of 128 bytes, 256-byte index");
	is_int(ndt_label_geometry(AREA_SIZE, 256, &nslot, &isize), 0, "128 KiB v1.2 geometry");
	ok(nslot == 510 && isize == 256, "128 KiB: 510 slots of 256 bytes, 256-byte index");
	is_int(ndt_label_geometry(256 * 1024, 128, &nslot, &isize), 0, "256 KiB v1.1 geometry");
	ok(nslot == 2040 && isize == 512, "256 KiB v1.1: 512-byte index blocks");
	is_int(ndt_label_geometry(768, 128, &nslot, &isize), 0, "768 bytes hold v1.1");
	is_int(nslot, 2, "768 bytes: 2 slots");
	is_int(ndt_label_geometry(767, 128, &nslot, &isize), -ENOSPC, "767 bytes are too small");
	is_int(ndt_label_geometry(1023, 256, &nslot, &isize), -ENOSPC,
	       "1023 bytes are too small for v1.2");
	is_int(ndt_label_geometry(1024, 256, &nslot, &isize), 0, "1024 bytes hold v1.2");
	is_int(ndt_label_geometry(4096, 64, &nslot, &isize), -EINVAL, "label size 64 rejected");
}

static void test_init(void)
{
	static const struct {
		const char *name;
		int minor;
	} ref[] = { { "A-v11-init", 1 }, { "A-v12-init", 2 }, { "B-v12-init", 2 } };
	static const size_t sizes[] = { 768, 1024, 4096, 65536 + 128, 256 * 1024, 1 << 20 };
	uint8_t *buf = malloc(1 << 20);
	char name[128];
	size_t i, len;
	int minor;

	for (i = 0; i < sizeof(ref) / sizeof(ref[0]); i++) {
		const uint8_t *want = fixture(ref[i].name, &len);

		memset(buf, 0x5a, AREA_SIZE);
		snprintf(name, sizeof(name), "init v1.%d is byte-identical to %s", ref[i].minor,
			 ref[i].name);
		ok(want && len == AREA_SIZE &&
		   ndt_label_area_init(buf, AREA_SIZE, ref[i].minor) == 0 &&
		   memcmp(buf, want, AREA_SIZE) == 0, name);
	}
	is_int(ndt_label_area_init(buf, AREA_SIZE, 3), -EINVAL, "init refuses minor 3");
	is_int(ndt_label_area_init(buf, AREA_SIZE, 0), -EINVAL, "init refuses minor 0");
	is_int(ndt_label_area_init(NULL, AREA_SIZE, 1), -EINVAL, "init refuses NULL");
	is_int(ndt_label_area_init(buf, 767, 1), -ENOSPC, "init refuses a 767-byte v1.1 area");
	is_int(ndt_label_area_init(buf, 1000, 2), -ENOSPC, "init refuses a 1000-byte v1.2 area");

	/* other sizes: what init writes parses back valid and clean */
	for (minor = 1; minor <= 2; minor++) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct ndt_label_area *a = NULL;
			int rc = ndt_label_area_init(buf, sizes[i], minor);

			if (rc == -ENOSPC && minor == 2 && sizes[i] < 1024)
				continue;
			snprintf(name, sizeof(name), "init v1.%d of %zu bytes parses clean", minor,
				 sizes[i]);
			ok(rc == 0 && ndt_label_area_parse(buf, sizes[i], &a) == 0 &&
			   a->current == 0 && a->index[0].valid && a->index[1].valid &&
			   a->label_size == (minor == 1 ? 128u : 256u) &&
			   ndt_label_area_check(a, NULL, NULL) == 0 &&
			   ndt_label_area_dump_count(a) == 1, name);
			ndt_label_area_free(a);
		}
	}
	free(buf);
}

static void test_parse(void)
{
	struct ndt_label_area *a;
	struct ndt_label l;
	const uint8_t *buf;
	size_t len;

	buf = fixture("A-v11-init", &len);
	if (!ok(buf && ndt_label_area_parse(buf, len, &a) == 0, "parse A-v11-init"))
		return;
	ok(a->label_size == 128 && a->index_size == 256 && a->label_base == 512 &&
	   a->nslot_fit == 1020, "A-v11-init layout");
	ok(a->index[0].valid && a->index[1].valid && a->current == 0,
	   "A-v11-init: both index blocks valid, block 0 (seq 3) current");
	ok(a->index[0].seq == 3 && a->index[1].seq == 2 && a->index[0].nslot == 1020 &&
	   a->index[0].major == 1 && a->index[0].minor == 1 && a->index[0].mysize == 256 &&
	   a->index[1].myoff == 256 && a->index[1].otheroff == 0 && a->index[0].labeloff == 512,
	   "A-v11-init index fields");
	is_int(ndt_label_index_slot_free(a, 0, 0), 1, "A-v11-init: slot 0 free");
	is_int(ndt_label_index_slot_free(a, 0, 1023), 1, "bitmap bits beyond nslot are set");
	is_int(ndt_label_index_slot_free(a, 0, 184 * 8), -ERANGE, "bitmap ends with the block");
	is_int(ndt_label_index_slot_free(a, 2, 0), -ERANGE, "there is no index block 2");
	ok(ndt_label_area_get(a, 0, &l) == 0 && l.empty && !l.in_use && !l.v12,
	   "A-v11-init: slot 0 empty, free, v1.1");
	is_int(ndt_label_area_get(a, 1020, &l), -ERANGE, "slot 1020 is outside the area");
	is_int(ndt_label_area_dump_count(a), 1, "A-v11-init: ndctl dumps slot 0 only");
	ndt_label_area_free(a);

	buf = fixture("B-v11-ns", &len);
	if (!ok(buf && ndt_label_area_parse(buf, len, &a) == 0, "parse B-v11-ns"))
		return;
	ok(a->current == 0 && a->index[0].seq == 2 && a->index[1].seq == 1,
	   "B-v11-ns: block 0 (seq 2) is newer than block 1 (seq 1)");
	/* the kernel wrote slot 0 (UPDATING) under block 1, then slot 1 under block 0 */
	ok(ndt_label_area_get(a, 0, &l) == 0 && !l.in_use && strcmp(l.name, "labelled-one") == 0 &&
	   l.flags == NDT_LABEL_FLAG_UPDATING && l.nlabel == 2 && l.position == 0 &&
	   l.isetcookie == 4389456576766ULL && l.lbasize == 512 && l.dpa == 0 &&
	   l.rawsize == 16777216 && l.slot == 0 && l.uuid[0] == 0x15 && l.uuid[15] == 0x82 &&
	   l.checksum_ok && l.name_terminated, "B-v11-ns slot 0 decoded");
	ok(ndt_label_area_get(a, 1, &l) == 0 && l.in_use && l.flags == 0 && l.slot == 1,
	   "B-v11-ns slot 1 in use");
	ok(ndt_label_area_get(a, 2, &l) == 0 && !l.in_use && l.empty, "B-v11-ns slot 2 free");
	ok(!ndt_label_slot_in_use(a, 1020) && ndt_label_index_slot_free(a, 1, 1) == 1 &&
	   ndt_label_index_slot_free(a, 1, 0) == 0,
	   "in the older block 1, slot 0 is in use and slot 1 free");
	is_int(ndt_label_area_dump_count(a), 2, "B-v11-ns: ndctl dumps slots 0 and 1");
	ndt_label_area_free(a);

	buf = fixture("B-v12-ns", &len);
	if (!ok(buf && ndt_label_area_parse(buf, len, &a) == 0, "parse B-v12-ns"))
		return;
	ok(a->label_size == 256 && a->nslot_fit == 510 && a->current == 0,
	   "B-v12-ns: 256-byte labels, block 0 current");
	ok(ndt_label_area_get(a, 0, &l) == 0 && l.v12 && l.checksum_ok && !l.in_use &&
	   strcmp(l.name, "v12-one") == 0 && l.isetcookie == 4676476994879183020ULL &&
	   l.type_guid[0] == 0x79 && l.type_guid[15] == 0xdb && l.abstraction_guid[0] == 0xba &&
	   l.abstraction_guid[15] == 0x25 && l.align == 0 && l.checksum == 0x45b6bcd0d66bd67eULL,
	   "B-v12-ns slot 0 decoded with its v1.2 fields");
	is_int(ndt_label_area_dump_count(a), 2, "B-v12-ns: ndctl dumps slots 0 and 1");
	ndt_label_area_free(a);

	buf = fixture("B-zeroed", &len);
	if (!ok(buf && ndt_label_area_parse(buf, len, &a) == 0, "parse B-zeroed"))
		return;
	ok(a->current == -1 && !a->index[0].valid && !a->index[1].valid &&
	   strcmp(a->index[0].reason, "signature mismatch") == 0 && a->label_size == 128,
	   "B-zeroed: no valid index, dumped as v1.1");
	ok(!ndt_label_slot_in_use(a, 0), "B-zeroed: nothing in use");
	ndt_label_area_free(a);

	is_int(ndt_label_area_parse(NULL, 1024, &a), -EINVAL, "parse refuses NULL");
	is_int(ndt_label_area_parse(buf, 0, &a), -EINVAL, "parse refuses an empty area");
	is_int(ndt_label_area_parse(buf, 767, &a), -EINVAL, "parse refuses 767 bytes");
}

/* The JSON of fixture @name equals ndctl's @json file (compared as plain serializations). */
static void test_json_one(const char *name, const char *json, bool human)
{
	struct json_object *want = NULL, *got = NULL, *dimm;
	struct ndt_label_area *a = NULL;
	char *text = fixture_text(json), msg[160];
	const uint8_t *buf;
	size_t len;
	bool same = false;

	buf = fixture(name, &len);
	if (text)
		want = json_tokener_parse(text);
	if (buf && want && ndt_label_area_parse(buf, len, &a) == 0) {
		dimm = ndt_label_area_to_json("nmem0", a, human);
		got = json_object_new_array();
		if (dimm && got && json_object_array_add(got, dimm) == 0) {
			const int flags = JSON_C_TO_STRING_PLAIN;
			const char *g = json_object_to_json_string_ext(got, flags);
			const char *w = json_object_to_json_string_ext(want, flags);

			same = strcmp(g, w) == 0;
			if (!same)
				printf("# got  %s\n# want %s\n", g, w);
		}
	}
	snprintf(msg, sizeof(msg), "JSON of %s%s equals %s", name, human ? " (-u)" : "", json);
	ok(same, msg);
	json_object_put(got);
	json_object_put(want);
	ndt_label_area_free(a);
	free(text);
}

static void test_json(void)
{
	struct ndt_label_area *a;
	struct json_object *j, *idx, *lbl;
	const uint8_t *buf;
	uint8_t *copy;
	size_t len;

	test_json_one("A-v11-init", "A-v11-init.ndctl.json", false);
	test_json_one("A-v12-init", "A-v12-init.ndctl.json", false);
	test_json_one("B-v12-init", "B-v12-init.ndctl.json", false);
	test_json_one("B-v11-ns", "B-v11-ns.ndctl.json", false);
	test_json_one("B-v12-ns", "B-v12-ns.ndctl.json", false);
	test_json_one("B-v12-ns", "B-v12-ns.ndctl-u.json", true);

	/* types: isetcookie stays an unsigned 64-bit number */
	buf = fixture("B-v12-ns", &len);
	if (buf && ndt_label_area_parse(buf, len, &a) == 0) {
		j = ndt_label_area_to_json("nmem1", a, false);
		lbl = json_object_array_get_idx(json_object_object_get(j, "label"), 0);
		ok(json_object_get_type(json_object_object_get(lbl, "isetcookie")) == json_type_int,
		   "isetcookie is a JSON number");
		json_object_put(j);
		ndt_label_area_free(a);
	}

	/* a cookie above INT64_MAX prints unsigned */
	copy = copy_of("B-v12-ns", &len);
	if (copy) {
		st64(copy + LBL(1) + 88, 0xfedcba9876543210ULL);
		resum(copy + LBL(1), 256, LBL_SUM);
	}
	if (ok(copy && ndt_label_area_parse(copy, len, &a) == 0, "parse with a large isetcookie")) {
		j = ndt_label_area_to_json("nmem1", a, false);
		lbl = json_object_array_get_idx(json_object_object_get(j, "label"), 1);
		is_str(json_object_to_json_string(json_object_object_get(lbl, "isetcookie")),
		       "18364758544493064720", "isetcookie above INT64_MAX prints unsigned");
		json_object_put(j);
		ndt_label_area_free(a);
	}
	free(copy);

	/* a zeroed area: both blocks dumped as found, slot 0 dumped as an empty v1.1 label */
	buf = fixture("B-zeroed", &len);
	if (buf && ndt_label_area_parse(buf, len, &a) == 0) {
		j = ndt_label_area_to_json("nmem2", a, false);
		idx = json_object_object_get(j, "index");
		lbl = json_object_object_get(j, "label");
		ok(json_object_array_length(idx) == 2 && json_object_array_length(lbl) == 1,
		   "zeroed area: 2 index entries, 1 label entry");
		is_str(json_object_to_json_string_ext(json_object_array_get_idx(idx, 0),
						      JSON_C_TO_STRING_PLAIN),
		       "{\"signature\":\"\",\"major\":0,\"minor\":0,\"labelsize\":128,\"seq\":0,"
		       "\"nslot\":0}",
		       "zeroed area: index entry dumped raw");
		json_object_put(j);
		ndt_label_area_free(a);
	}
}

static void test_check(void)
{
	uint8_t *b;
	size_t len, i;
	const char *p;
	int n;

	for (i = 0; i < FIXTURE_COUNT; i++) {
		char name[96];

		if (!fixtures[i])
			continue;
		p = check(fixtures[i], fixture_len[i], &n);
		snprintf(name, sizeof(name), "check-labels on %s", fixture_names[i]);
		if (strcmp(fixture_names[i], "B-zeroed") == 0)
			is_str(p, "index0: signature mismatch; index1: signature mismatch; "
				  "both index blocks invalid", name);
		else
			is_str(p, "", name);
	}

	b = copy_of("B-v12-ns", &len);
	if (!b) {
		ok(0, "fixture B-v12-ns loaded");
		return;
	}

	/* a byte flipped in each index block, then both */
	b[IDX0 + 100] ^= 0x01;
	is_str(check(b, len, &n), "index0: bad checksum", "flip in index0");
	b[IDX1 + 100] ^= 0x01;
	is_str(check(b, len, &n),
	       "index0: bad checksum; index1: bad checksum; both index blocks invalid",
	       "flip in both index blocks");
	b[IDX0 + 100] ^= 0x01;
	is_str(check(b, len, &n), "index1: bad checksum", "flip in index1");
	b[IDX1 + 100] ^= 0x01;

	/* which block is current after damage: the survivor */
	{
		struct ndt_label_area *a = NULL;

		b[IDX0 + 3] ^= 0x20;
		ok(ndt_label_area_parse(b, len, &a) == 0 && a->current == 1 &&
		   !a->index[0].valid && a->label_size == 256,
		   "index0 damaged: index1 current, still v1.2");
		ndt_label_area_free(a);
		is_str(check(b, len, &n), "index0: signature mismatch", "signature damaged");
		b[IDX0 + 3] ^= 0x20;
	}

	/* nslot huge, checksum fixed: the kernel's nslot check fires */
	st32(b + IDX0 + IDX_NSLOT, 0xffffffff);
	resum(b + IDX0, 256, IDX_SUM);
	is_str(check(b, len, &n), "index0: nslot 4294967295 exceeds the area", "nslot huge");
	st32(b + IDX0 + IDX_NSLOT, 510);
	resum(b + IDX0, 256, IDX_SUM);

	/* labeloff past the end */
	st64(b + IDX1 + IDX_LABELOFF, 0x100000);
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "index1: labeloff 0x100000, expected 0x200",
	       "labeloff past the end");
	st64(b + IDX1 + IDX_LABELOFF, 512);
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "", "restored copy is clean again");

	/* both valid, different nslot */
	st32(b + IDX1 + IDX_NSLOT, 509);
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "index blocks disagree on nslot (510 vs 509)",
	       "index blocks disagree on nslot");
	st32(b + IDX1 + IDX_NSLOT, 510);
	resum(b + IDX1, 256, IDX_SUM);

	/* a label checksum */
	b[LBL(1) + 20] ^= 0x40;
	is_str(check(b, len, &n), "label slot 1: bad checksum", "label checksum");
	b[LBL(1) + 20] ^= 0x40;

	/* a label claiming another slot (checksum fixed) */
	st32(b + LBL(1) + LBL_SLOT, 7);
	resum(b + LBL(1), 256, LBL_SUM);
	is_str(check(b, len, &n), "label slot 1: slot field is 7", "label slot field");
	st32(b + LBL(1) + LBL_SLOT, 1);
	resum(b + LBL(1), 256, LBL_SUM);

	/* nslot 1 in both blocks: the label in slot 1 is out of reach */
	st32(b + IDX0 + IDX_NSLOT, 1);
	st32(b + IDX1 + IDX_NSLOT, 1);
	resum(b + IDX0, 256, IDX_SUM);
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "label slot 1: lies beyond nslot 1", "label beyond nslot");
	st32(b + IDX0 + IDX_NSLOT, 510);
	st32(b + IDX1 + IDX_NSLOT, 510);
	resum(b + IDX0, 256, IDX_SUM);
	resum(b + IDX1, 256, IDX_SUM);

	/* same sequence number in both blocks: block 1 wins, and it is reported */
	{
		struct ndt_label_area *a = NULL;

		st32(b + IDX1 + IDX_SEQ, 2);
		resum(b + IDX1, 256, IDX_SUM);
		ok(ndt_label_area_parse(b, len, &a) == 0 && a->current == 1,
		   "equal sequence numbers: block 1 is current");
		ndt_label_area_free(a);
		is_str(check(b, len, &n), "index blocks have the same sequence number 2",
		       "equal sequence numbers reported");
		st32(b + IDX1 + IDX_SEQ, 1);
		resum(b + IDX1, 256, IDX_SUM);
		st32(b + IDX1 + IDX_SEQ, 0);
		resum(b + IDX1, 256, IDX_SUM);
		is_str(check(b, len, &n), "index1: invalid sequence number 0",
		       "sequence number 0 is invalid");
		st32(b + IDX1 + IDX_SEQ, 1);
		resum(b + IDX1, 256, IDX_SUM);
	}

	/* truncated areas */
	p = check(b, 65536, &n);
	is_str(p, "index0: nslot 510 exceeds the area; index1: nslot 510 exceeds the area; "
		  "both index blocks invalid", "truncated to 64 KiB");
	p = check(b, len - 1, &n);
	ok(n == 3 && strstr(p, "both index blocks invalid"), "truncated by one byte");
	is_str(check(b, 767, &n), "parse: -22", "truncated below the minimum: EINVAL");
	p = check(b, 768, &n);
	ok(n == 3, "truncated to 768 bytes: both blocks invalid, no crash");
	free(b);

	/* v1.1: labels have no checksum, but their fields are still judged */
	b = copy_of("B-v11-ns", &len);
	if (!b) {
		ok(0, "fixture B-v11-ns loaded");
		return;
	}
	b[V11_LBL(1) + 20] ^= 0x40;
	is_str(check(b, len, &n), "", "v1.1 label byte flip: no checksum to catch it");
	memset(b + V11_LBL(1) + 16, 'x', 64);
	is_str(check(b, len, &n), "label slot 1: name not NUL-terminated", "v1.1 name unbounded");
	memcpy(b + V11_LBL(1), b + V11_LBL(0), 128);
	st32(b + V11_LBL(1) + LBL_SLOT, 1);
	memset(b + V11_LBL(1), 0, 16);
	b[V11_LBL(1) + 86] = 2;		/* position 2 of nlabel 2 */
	st64(b + V11_LBL(1) + 104, ~0ULL);	/* dpa */
	is_str(check(b, len, &n),
	       "label slot 1: in use with a null uuid; label slot 1: position 2 outside nlabel 2; "
	       "label slot 1: dpa + rawsize overflows", "v1.1 label fields");
	memcpy(b + V11_LBL(1), b + V11_LBL(0), 128);
	st32(b + V11_LBL(1) + LBL_SLOT, 1);
	is_str(check(b, len, &n), "", "v1.1 label repaired");
	/* index1 claims v1.2 (labelsize 0: still 128-byte labels) */
	b[IDX1 + 62] = 2;
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "index blocks disagree on version (1.1 vs 1.2)",
	       "index blocks disagree on version");
	b[IDX1 + 19] = 1;		/* ... now with 256-byte labels */
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "index1: labelsize 256 does not match the layout (128)",
	       "index1 claims another label size");
	b[IDX1 + 19] = 9;
	resum(b + IDX1, 256, IDX_SUM);
	is_str(check(b, len, &n), "index1: unsupported labelsize 9", "labelsize 9 unsupported");
	free(b);
}

/* seq of (block 0, block 1) -> which block the kernel treats as current */
static void test_current(void)
{
	static const struct {
		uint32_t s0, s1;
		int cur;
	} cases[] = {
		{ 1, 2, 1 }, { 2, 1, 0 }, { 2, 3, 1 }, { 3, 2, 0 }, { 3, 1, 1 }, { 1, 3, 0 },
		{ 2, 2, 1 }, { 5, 2, 1 }, { 7, 1, 1 },
	};
	uint8_t *b = malloc(4096);
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ndt_label_area *a = NULL;

		ndt_label_area_init(b, 4096, 2);
		st32(b + IDX0 + IDX_SEQ, cases[i].s0);
		st32(b + IDX1 + IDX_SEQ, cases[i].s1);
		resum(b + IDX0, 256, IDX_SUM);
		resum(b + IDX1, 256, IDX_SUM);
		snprintf(name, sizeof(name), "seq %u/%u: block %d is current", cases[i].s0,
			 cases[i].s1, cases[i].cur);
		ok(ndt_label_area_parse(b, 4096, &a) == 0 && a->current == cases[i].cur, name);
		ndt_label_area_free(a);
	}
	free(b);
}

/* Flipping any byte of the index blocks or the first labels never crashes anything. */
static void test_robust(void)
{
	struct ndt_label_area *a;
	struct json_object *j;
	uint8_t *b;
	size_t len, off;
	int bad = 0, runs = 0;

	b = copy_of("B-v12-ns", &len);
	if (!b)
		return;
	for (off = 0; off < 1024; off += 3) {
		b[off] ^= 0xa5;
		if (ndt_label_area_parse(b, len, &a) == 0) {
			ndt_label_area_check(a, NULL, NULL);
			j = ndt_label_area_to_json("nmem0", a, off & 1);
			if (!j)
				bad++;
			json_object_put(j);
			ndt_label_area_free(a);
		} else {
			bad++;
		}
		b[off] ^= 0xa5;
		runs++;
	}
	ok(bad == 0 && runs > 300, "byte flips in the first KiB parse, check and dump");
	for (len = 0; len <= 2048; len += 7) {
		if (ndt_label_area_parse(b, len, &a) == 0) {
			ndt_label_area_check(a, NULL, NULL);
			json_object_put(ndt_label_area_to_json("nmem0", a, true));
			ndt_label_area_free(a);
		}
	}
	ok(1, "truncations up to 2 KiB do not crash");
	free(b);
}

/* check-labels --repair: one broken index block is rebuilt from the other. */
static void test_repair(void)
{
	size_t len;
	const uint8_t *orig = fixture("A-v11-init", &len);
	uint8_t *b = malloc(len);
	struct ndt_label_area *area;

	/* a freshly initialized area: both blocks hold the same bitmap */
	memcpy(b, orig, len);
	is_int(ndt_label_index_repair(b, len), 0, "repair: nothing to do on a valid area");
	b[256 + 64] ^= 0x5a;	/* index1's checksum */
	is_int(ndt_label_index_repair(b, len), 1, "repair: index1 rebuilt");
	ok(memcmp(b, orig, len) == 0, "repair: index1 rebuilt byte for byte (seq 2 before 3)");
	/* an area the kernel wrote: the rebuilt block takes the current block's bitmap */
	orig = fixture("B-v11-ns", &len);
	memcpy(b, orig, len);
	b[0x48] ^= 0x01;	/* a free bit of index0: checksum mismatch */
	is_int(ndt_label_index_repair(b, len), 1, "repair: index0 rebuilt");
	ndt_label_area_parse(b, len, &area);
	ok(area->index[0].valid && area->index[1].valid, "repair: both index blocks valid");
	is_int(area->current, 1, "repair: the surviving block stays current");
	is_int(area->index[0].seq, 3, "repair: rebuilt block gets the previous sequence number");
	ok(memcmp(b + 0x48, b + 256 + 0x48, 8) == 0, "repair: bitmap of the surviving block");
	ndt_label_area_free(area);
	b[64] ^= 1;
	b[256 + 64] ^= 1;
	is_int(ndt_label_index_repair(b, len), -EINVAL, "repair: both invalid cannot be repaired");
	free(b);
}

int main(void)
{
	size_t i;

	for (i = 0; i < FIXTURE_COUNT; i++) {
		fixtures[i] = fixture_area(fixture_names[i], &fixture_len[i]);
		ok(fixtures[i] && fixture_len[i] == AREA_SIZE, fixture_names[i]);
	}
	test_fletcher();
	test_geometry();
	test_init();
	test_parse();
	test_json();
	test_repair();
	test_check();
	test_current();
	test_robust();
	for (i = 0; i < FIXTURE_COUNT; i++)
		free(fixtures[i]);
	return done();
}
