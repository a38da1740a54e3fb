// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The BTT checker without libFuzzer, for `make check`:
 *  - a BTT the kernel made (a 1 GiB label-less namespace with 4 KiB sectors after 8 MiB of
 *    writes, captured raw: its first 8 KiB and its map, flog and backup info block) must
 *    check clean with the kernel's geometry, and each corruption the VM tests make must be
 *    found where it is, repaired when it can be, and the repair must check clean;
 *  - generated images (btt-image.h: several sector sizes, lane counts, both slot pairs,
 *    one or two arenas) must check clean, then go through the fuzz entry point with a fixed
 *    series of mutations: byte flips, info block fields rewritten with the checksum
 *    recomputed so that the map and flog checks run, map entries and flog slots
 *    overwritten, truncations. The sequence is deterministic (fixed-seed xorshift); a
 *    finding aborts, which fails the test.
 * With --corpus DIR, writes the generated images there as a libFuzzer seed corpus.
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "test/unit/tap.h"
#include "test/fuzz/btt-image.h"
#include "util/btt.h"
#include "util/endian.h"

#define MUTATIONS 60
#define diag(...) (printf("# "), printf(__VA_ARGS__), printf("\n"))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* A namespace of @size bytes that holds @head at 0 and @tail at @tail_off, zeros between. */
struct sparse {
	uint64_t size, tail_off;
	uint8_t *head, *tail;
	size_t head_len, tail_len;
};

static int read_sparse(void *priv, void *buf, size_t len, uint64_t off)
{
	const struct sparse *s = priv;
	uint8_t *b = buf;
	size_t k;

	for (k = 0; k < len; k++) {
		uint64_t o = off + k;

		if (o < s->head_len)
			b[k] = s->head[o];
		else if (o >= s->tail_off && o - s->tail_off < s->tail_len)
			b[k] = s->tail[o - s->tail_off];
		else
			b[k] = 0;
	}
	return 0;
}

static int write_sparse(struct sparse *s, const struct ndt_btt_write *w)
{
	if (w->offset + w->len <= s->head_len) {
		memcpy(s->head + w->offset, w->data, w->len);
		return 0;
	}
	if (w->offset >= s->tail_off && w->offset + w->len <= s->tail_off + s->tail_len) {
		memcpy(s->tail + (w->offset - s->tail_off), w->data, w->len);
		return 0;
	}
	return -ERANGE;
}

static uint8_t *load_xz(const char *name, size_t *len)
{
	char cmd[512];
	uint8_t *buf = NULL;
	size_t cap = 0, n;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "xz -dc '%s/%s'", BTT_DATA, name);
	f = popen(cmd, "r");
	if (!f)
		return NULL;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			uint8_t *nb = realloc(buf, cap ? cap * 2 : 65536);

			if (!nb)
				break;
			buf = nb;
			cap = cap ? cap * 2 : 65536;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		if (!n)
			break;
		*len += n;
	}
	if (pclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct seen {
	unsigned int n;
	enum ndt_btt_part part[8];
	uint64_t offset[8];
	bool repairable[8];
};

static void note(void *priv, const struct ndt_btt_problem *p)
{
	struct seen *s = priv;

	if (s->n < 8) {
		s->part[s->n] = p->part;
		s->offset[s->n] = p->offset;
		s->repairable[s->n] = p->repairable;
	}
	s->n++;
}

static int check_sparse(struct sparse *s, struct seen *seen, struct ndt_btt_result *res,
			bool rewrite)
{
	struct ndt_btt_source src = { read_sparse, s, s->size, NULL, note, seen, 0, rewrite };

	memset(seen, 0, sizeof(*seen));
	return ndt_btt_check(&src, res);
}

/* Apply the plan to @s and check again: clean. */
static bool repaired_clean(struct sparse *s, struct ndt_btt_result *res)
{
	struct ndt_btt_result again;
	struct seen seen;
	size_t i;
	bool ok;

	for (i = 0; i < res->nwrites; i++)
		if (write_sparse(s, &res->writes[i]) < 0)
			return false;
	if (check_sparse(s, &seen, &again, false) < 0)
		return false;
	ok = again.problems == 0 && again.nwrites == 0;
	ndt_btt_result_free(&again);
	return ok;
}

/* One corruption of the kernel's BTT: found at @want_off in @part, repaired or not. */
static void corrupt_case(struct sparse *orig, const char *what, uint64_t off, const void *bytes,
			 size_t len, enum ndt_btt_part part, uint64_t want_off, bool repairable)
{
	struct sparse s = *orig;
	struct ndt_btt_result res;
	struct seen seen;
	char name[160];
	uint8_t *target;

	s.head = malloc(s.head_len);
	s.tail = malloc(s.tail_len);
	if (!s.head || !s.tail)
		abort();
	memcpy(s.head, orig->head, s.head_len);
	memcpy(s.tail, orig->tail, s.tail_len);
	target = off < s.head_len ? s.head + off : s.tail + (off - s.tail_off);
	memcpy(target, bytes, len);
	is_int(check_sparse(&s, &seen, &res, false), 0, what);
	snprintf(name, sizeof(name), "  %s: one problem, in the %s at %#llx", what,
		 ndt_btt_part_name(part), (unsigned long long)want_off);
	ok(seen.n >= 1 && seen.part[0] == part && seen.offset[0] == want_off, name);
	if (seen.n >= 1 && (seen.part[0] != part || seen.offset[0] != want_off))
		diag("got %u problems, the first in the %s at %#llx", seen.n,
		     ndt_btt_part_name(seen.part[0]), (unsigned long long)seen.offset[0]);
	ok(repairable ? res.unrepairable == 0 && res.nwrites > 0 : res.unrepairable > 0,
	   repairable ? "  repairable" : "  not repairable");
	if (repairable)
		ok(repaired_clean(&s, &res), "  the repair checks clean");
	ndt_btt_result_free(&res);
	free(s.head);
	free(s.tail);
}

/* The first info block replaced by a pfn info block, then by data: no BTT, no repair. */
static void stale_case(struct sparse *orig, uint64_t info2)
{
	struct sparse s = *orig;
	struct ndt_btt_result res;
	struct seen seen;
	int k;

	s.head = malloc(s.head_len);
	if (!s.head)
		abort();
	for (k = 0; k < 2; k++) {
		memcpy(s.head, orig->head, s.head_len);
		memset(s.head + 4096, k ? 0x5a : 0, 4096);
		if (!k)
			memcpy(s.head + 4096, "NVDIMM_PFN_INFO\0", 16);
		check_sparse(&s, &seen, &res, false);
		ok(res.state == NDT_BTT_NONE && res.stale_backup == info2 && !res.problems &&
		   !res.nwrites && res.first_block == (k ? NDT_BTT_FIRST_DATA : NDT_BTT_FIRST_PFN),
		   k ? "data over the info block: no BTT, the backup is not restored over it"
		     : "a pfn info block over the BTT's: no BTT, the backup is not restored");
		ndt_btt_result_free(&res);
	}
	free(s.head);
}

static void kernel_fixture(void)
{
	struct sparse s = { .size = 1ULL << 30 };
	struct ndt_btt_result res;
	struct ndt_btt_arena *a;
	struct seen seen;
	uint8_t bad[16];
	uint64_t mapoff, logoff, info2;

	s.head = load_xz("kernel-1g-4k.head.xz", &s.head_len);
	s.tail = load_xz("kernel-1g-4k.tail.xz", &s.tail_len);
	if (!s.head || !s.tail || s.head_len < 8192) {
		ok(0, "the kernel's BTT fixture loads");
		return;
	}
	s.tail_off = s.size - s.tail_len;
	is_int(check_sparse(&s, &seen, &res, false), 0, "the kernel's BTT checks");
	ok(res.state == NDT_BTT_FOUND && res.narenas == 1 && res.start == 4096, "  one arena, 4 KiB in");
	is_int((int)res.problems, 0, "  no problems");
	is_int((int)res.nwrites, 0, "  nothing to repair");
	a = res.arenas;
	ok(a && a->info.external_lbasize == 4096 && a->info.external_nlba == 261624 &&
	   a->info.internal_nlba == 261880 && a->info.nfree == 256 && a->info.major == 1 &&
	   a->info.minor == 1, "  the kernel's geometry");
	mapoff = 4096 + a->info.mapoff;
	logoff = 4096 + a->info.logoff;
	info2 = 4096 + a->info.info2off;
	ok(s.tail_off <= mapoff && info2 + 4096 == s.size, "  the tail holds map, flog, backup");
	ndt_btt_result_free(&res);
	is_int(check_sparse(&s, &seen, &res, true), 0, "the kernel's BTT with a flog rewrite");
	is_int((int)res.nwrites, 2 * 256, "  every lane rewritten, padding first");
	ok(repaired_clean(&s, &res), "  the rewritten flog checks clean");
	ndt_btt_result_free(&res);
	s.head = realloc(s.head, s.head_len);

	memset(bad, 0x55, sizeof(bad));
	corrupt_case(&s, "a byte of the info block", 4096 + 104, bad, 1, NDT_BTT_PART_INFO, 4096,
		     true);
	corrupt_case(&s, "the info block's signature", 4096, "X", 1, NDT_BTT_PART_INFO, 4096,
		     true);
	stale_case(&s, info2);
	corrupt_case(&s, "a byte of the backup info block", info2 + 100, bad, 1,
		     NDT_BTT_PART_INFO2, info2, true);
	ndt_put_le32(bad, 0xC0000000u | 7);
	corrupt_case(&s, "a map entry pointing at a used block", mapoff + 8, bad, 4,
		     NDT_BTT_PART_MAP, mapoff + 8, false);
	ndt_put_le32(bad, 0xC0000000u | 261880);
	corrupt_case(&s, "a map entry past the last block", mapoff + 40, bad, 4,
		     NDT_BTT_PART_MAP, mapoff + 40, false);
	ndt_put_le32(bad, 0);
	corrupt_case(&s, "a flog sequence number", logoff + 64 * 5 + 12, bad, 4,
		     NDT_BTT_PART_FLOG, logoff + 64 * 5 + 12, true);
	ndt_put_le32(bad, 1);
	corrupt_case(&s, "a flog padding slot", logoff + 64 + 40, bad, 4, NDT_BTT_PART_FLOG,
		     logoff + 64 + 32, true);
	free(s.head);
	free(s.tail);
}

static void clean_images(void)
{
	static const struct {
		uint64_t size;
		unsigned int arenas;
		uint32_t lbasize, nfree;
		int pair;
	} cfg[] = {
		{ 256 << 10, 1, 512, 4, 1 },
		{ 512 << 10, 1, 4096, 8, 2 },
		{ 1 << 20, 2, 520, 16, 1 },
		{ 3 << 20, 3, 4160, 7, 2 },
		{ 2 << 20, 1, 512, 256, 1 },
	};
	struct ndt_btt_result res;
	struct seen seen;
	size_t k;
	int i, m;

	for (k = 0; k < sizeof(cfg) / sizeof(cfg[0]); k++) {
		uint8_t *img = malloc(cfg[k].size), *b = malloc(cfg[k].size);
		struct sparse s = { cfg[k].size, cfg[k].size, img, NULL, cfg[k].size, 0 };
		char name[128];

		if (!img || !b || btt_image_make(img, cfg[k].size, cfg[k].arenas, cfg[k].lbasize,
						 cfg[k].nfree, cfg[k].pair, (uint32_t)k) < 0)
			abort();
		snprintf(name, sizeof(name), "a generated BTT (%u arenas, %u-byte sectors, %u "
			 "lanes, slots (0, %d)) checks clean", cfg[k].arenas, cfg[k].lbasize,
			 cfg[k].nfree, cfg[k].pair);
		check_sparse(&s, &seen, &res, false);
		ok(res.state == NDT_BTT_FOUND && res.narenas == cfg[k].arenas && !res.problems &&
		   !res.nwrites, name);
		if (res.problems)
			diag("%u problems, the first in the %s at %#llx", seen.n,
			     ndt_btt_part_name(seen.part[0]), (unsigned long long)seen.offset[0]);
		ndt_btt_result_free(&res);
		LLVMFuzzerTestOneInput(img, cfg[k].size);
		for (i = 0; i < MUTATIONS; i++) {
			uint64_t a0 = NDT_BTT_V1_START, size = cfg[k].size;
			struct ndt_btt_info inf;

			memcpy(b, img, size);
			ndt_btt_info_decode(b + a0, &inf);
			switch (i % 6) {
			case 0:		/* byte flips anywhere in the metadata */
				for (m = 0; m < 1 + i % 4; m++)
					b[a0 + inf.mapoff + next_rand() % (size - a0 - inf.mapoff)] ^=
						(uint8_t)(1 << (next_rand() % 8));
				break;
			case 1:		/* an info field, checksum recomputed */
				ndt_put_le32(b + a0 + 48 + (next_rand() % 18) * 4,
					     next_rand() & 1 ? next_rand() : next_rand() % 64);
				ndt_put_le64(b + a0 + 4088, ndt_btt_info_checksum(b + a0));
				break;
			case 2:		/* map entries */
				for (m = 0; m < 1 + i % 3; m++)
					ndt_put_le32(b + a0 + inf.mapoff +
						     (next_rand() % inf.external_nlba) * 4,
						     next_rand() & 1 ? next_rand()
								     : next_rand() % inf.internal_nlba);
				break;
			case 3:		/* a flog field */
				ndt_put_le32(b + a0 + inf.logoff +
					     (next_rand() % (inf.nfree * 16)) * 4,
					     next_rand() % 5);
				break;
			case 4:		/* a truncation */
				size = next_rand() % (size + 1);
				break;
			default:	/* both info blocks broken the same way */
				b[a0 + next_rand() % 4096] ^= 0x10;
				memcpy(b + a0 + inf.info2off, b + a0, 4096);
				break;
			}
			LLVMFuzzerTestOneInput(b, size);
		}
		snprintf(name, sizeof(name), "  and %d mutations through the fuzz target",
			 MUTATIONS);
		ok(1, name);
		free(img);
		free(b);
	}
}

/* Inputs the fuzzer found a problem with, kept as regression tests. */
static void findings(void)
{
	static const char *const names[] = {
		/* a broken lane decided the arena's slot pair; its repair changed the others */
		"finding-lane-pair.img.xz",
		/* the lanes rewritten were the only ones on slots (0, 2), which others used */
		"finding-rewrite-vote.img.xz",
	};
	char name[160];
	size_t k, len;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		uint8_t *img = load_xz(names[k], &len);

		snprintf(name, sizeof(name), "fuzz finding %s", names[k]);
		if (img)
			LLVMFuzzerTestOneInput(img, len);
		ok(img != NULL, name);
		free(img);
	}
}

/* Write the generated images as a seed corpus. */
static int write_corpus(const char *dir)
{
	uint32_t k;

	for (k = 0; k < 6; k++) {
		uint64_t size = (64u << 10) << (k % 3);
		uint8_t *img = malloc(size);
		char path[512];
		FILE *f;

		if (!img || btt_image_make(img, size, 1 + k / 3, k & 1 ? 512 : 4096, 4 + k,
					   1 + (k & 1), k) < 0) {
			free(img);
			continue;
		}
		snprintf(path, sizeof(path), "%s/generated-%u.img", dir, k);
		f = fopen(path, "wb");
		if (!f || fwrite(img, 1, size, f) != size || fclose(f) != 0)
			return 1;
		free(img);
	}
	return 0;
}

static void print_problem(void *priv, const struct ndt_btt_problem *p)
{
	printf("%s: arena %d, %s at %#llx%s: %s\n", (const char *)priv, p->arena,
	       ndt_btt_part_name(p->part), (unsigned long long)p->offset,
	       p->repairable ? " (repairable)" : "", p->msg);
}

/* Check an image file, apply the plan, check again, saying everything (for findings). */
static int explain(const char *path, bool rewrite)
{
	struct sparse s = { 0 };
	struct ndt_btt_source src = { read_sparse, &s, 0, NULL, print_problem, "before", 0,
				      rewrite };
	struct ndt_btt_result res;
	FILE *f = fopen(path, "rb");
	size_t i;

	if (!f)
		return 1;
	s.head = malloc(64 << 20);
	s.head_len = fread(s.head, 1, 64 << 20, f);
	fclose(f);
	s.size = s.tail_off = s.head_len;
	src.size = s.size;
	if (s.size && (s.head[s.size - 1] & 1))
		printf("(the fuzz target compares parent uuids with 01..10 here)\n");
	ndt_btt_check(&src, &res);
	printf("state %d, %u arenas, %llu problems, %llu unrepairable, %zu writes\n", res.state,
	       res.narenas, (unsigned long long)res.problems,
	       (unsigned long long)res.unrepairable, res.nwrites);
	for (i = 0; i < res.nwrites; i++) {
		printf("write %u bytes at %#llx (%s)\n", res.writes[i].len,
		       (unsigned long long)res.writes[i].offset,
		       ndt_btt_part_name(res.writes[i].part));
		write_sparse(&s, &res.writes[i]);
	}
	ndt_btt_result_free(&res);
	src.problem_priv = "after";
	src.rewrite_log = false;
	ndt_btt_check(&src, &res);
	printf("after: %llu problems, %zu writes\n", (unsigned long long)res.problems,
	       res.nwrites);
	ndt_btt_result_free(&res);
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t small[256];
	size_t i, n;

	if (argc == 3 && strcmp(argv[1], "--corpus") == 0)
		return write_corpus(argv[2]);
	if (argc == 3 && strncmp(argv[1], "--explain", 9) == 0)
		return explain(argv[2], strcmp(argv[1], "--explain-rewrite") == 0);
	kernel_fixture();
	clean_images();
	findings();
	for (n = 0; n < 100; n++) {
		for (i = 0; i < sizeof(small); i++)
			small[i] = (uint8_t)next_rand();
		LLVMFuzzerTestOneInput(small, n * 2 % sizeof(small));
	}
	ok(1, "100 short random inputs through the fuzz target");
	return done();
}
