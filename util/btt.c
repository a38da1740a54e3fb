// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The BTT of a sector-mode namespace: arenas, info blocks, map, flog and the blocks they
 * cover, checked over bytes read through a callback; a plan of exact repairs. See btt.h
 * for the layout.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/btt.h"
#include "util/endian.h"
#include "util/label.h"

#define MAP_CHUNK 16384		/* map entries read at a time */
#define LOG_SEQ_INIT 1
#define ALIGN_META 512		/* the kernel keeps metadata offsets 512-byte aligned */

/* One flog lane, decoded. */
struct lane {
	uint32_t slot[4][4];	/* lba, old_map, new_map, seq of each slot */
	bool zero[4];		/* the slot is all zero (padding or unused) */
	int cur;		/* the current slot, -1 when the sequence numbers tell none */
	bool bad;		/* its entries are broken: rewritten when its free block is known */
	bool inflight;		/* its current entry is a write the kernel completes */
	int other;		/* the second slot of its pair */
	/* its problems, reported once the plan knows whether it repairs them */
	unsigned int padding;	/* bit s: padding slot s is not zero */
	bool mixed, noentry, badseq;
	int range;		/* the slot of an out-of-range current entry, or -1 */
};

struct checker {
	const struct ndt_btt_source *src;
	struct ndt_btt_result *res;
	unsigned int max_reports;
	char msg[256];
};

static void report(struct checker *c, int arena, enum ndt_btt_part part, uint64_t off,
		   bool repairable, uint64_t *counts, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/*
 * Count a problem and hand it to the caller, up to max_reports per arena and part (@counts
 * is the arena's tally, NULL to always report).
 */
static void report(struct checker *c, int arena, enum ndt_btt_part part, uint64_t off,
		   bool repairable, uint64_t *counts, const char *fmt, ...)
{
	struct ndt_btt_problem p = { arena, part, off, repairable, c->msg };
	uint64_t *n = counts ? &counts[part] : NULL;
	va_list ap;

	c->res->problems++;
	if (!repairable)
		c->res->unrepairable++;
	if (arena >= 0 && (unsigned int)arena < c->res->narenas)
		c->res->arenas[arena].problems++;
	if (n && ++*n > c->max_reports)
		return;
	if (!c->src->problem)
		return;
	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	c->src->problem(c->src->problem_priv, &p);
}

/* Report how many problems of @part were counted but not reported one by one. */
static void report_rest(struct checker *c, int arena, enum ndt_btt_part part, uint64_t off,
			const uint64_t *counts)
{
	struct ndt_btt_problem p = { arena, part, off, false, c->msg };

	if (counts[part] <= c->max_reports || !c->src->problem)
		return;
	snprintf(c->msg, sizeof(c->msg), "%" PRIu64 " more %s problems like these",
		 counts[part] - c->max_reports, ndt_btt_part_name(part));
	c->src->problem(c->src->problem_priv, &p);
}

const char *ndt_btt_part_name(enum ndt_btt_part part)
{
	switch (part) {
	case NDT_BTT_PART_INFO: return "info block";
	case NDT_BTT_PART_INFO2: return "backup info block";
	case NDT_BTT_PART_MAP: return "map";
	case NDT_BTT_PART_FLOG: return "flog";
	case NDT_BTT_PART_BLOCKS: return "block";
	default: return "BTT";
	}
}

uint64_t ndt_btt_info_checksum(const uint8_t *blk)
{
	uint8_t copy[NDT_BTT_INFO_SIZE];

	memcpy(copy, blk, sizeof(copy));
	memset(copy + NDT_BTT_INFO_SIZE - 8, 0, 8);
	return ndt_fletcher64(copy, sizeof(copy));
}

void ndt_btt_info_decode(const uint8_t *b, struct ndt_btt_info *i)
{
	memcpy(i->uuid, b + 16, 16);
	memcpy(i->parent_uuid, b + 32, 16);
	i->flags = ndt_le32(b + 48);
	i->major = ndt_le16(b + 52);
	i->minor = ndt_le16(b + 54);
	i->external_lbasize = ndt_le32(b + 56);
	i->external_nlba = ndt_le32(b + 60);
	i->internal_lbasize = ndt_le32(b + 64);
	i->internal_nlba = ndt_le32(b + 68);
	i->nfree = ndt_le32(b + 72);
	i->infosize = ndt_le32(b + 76);
	i->nextoff = ndt_le64(b + 80);
	i->dataoff = ndt_le64(b + 88);
	i->mapoff = ndt_le64(b + 96);
	i->logoff = ndt_le64(b + 104);
	i->info2off = ndt_le64(b + 112);
	i->checksum = ndt_le64(b + NDT_BTT_INFO_SIZE - 8);
}

static bool has_sig(const uint8_t *blk)
{
	return memcmp(blk, NDT_BTT_SIG, NDT_BTT_SIG_LEN) == 0;
}

static bool is_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/* The arena's size as its info block gives it. */
static uint64_t info_arena_size(const struct ndt_btt_info *i)
{
	return i->nextoff ? i->nextoff : i->info2off + NDT_BTT_INFO_SIZE;
}

/*
 * Whether the info block @blk is valid for an arena at @start (namespace offset) of a BTT
 * starting at @btt_start with @room bytes left to the namespace's end. When it is not,
 * @why says why.
 */
static bool info_valid(const struct ndt_btt_source *src, const uint8_t *blk, uint64_t btt_start,
		       uint64_t room, char *why, size_t wlen)
{
	struct ndt_btt_info i;
	uint64_t sum, size, end;

	if (!has_sig(blk)) {
		snprintf(why, wlen, "no BTT signature");
		return false;
	}
	ndt_btt_info_decode(blk, &i);
	sum = ndt_btt_info_checksum(blk);
	if (sum != i.checksum) {
		snprintf(why, wlen, "checksum %#" PRIx64 " does not match its content (%#" PRIx64
			 ")", i.checksum, sum);
		return false;
	}
	if ((btt_start == NDT_BTT_V1_START && i.major != 1) || (btt_start == 0 && i.major != 2)) {
		snprintf(why, wlen, "version %u.%u, not a version the kernel reads %s", i.major,
			 i.minor, btt_start ? "4 KiB into a namespace (1.x)"
					    : "at the start of a namespace (2.x)");
		return false;
	}
	if (i.infosize != NDT_BTT_INFO_SIZE) {
		snprintf(why, wlen, "info size %u, not 4096", i.infosize);
		return false;
	}
	if (!i.external_lbasize || i.internal_lbasize < i.external_lbasize ||
	    i.internal_lbasize > 65536) {
		snprintf(why, wlen, "sector sizes %u (external) and %u (internal) do not fit",
			 i.external_lbasize, i.internal_lbasize);
		return false;
	}
	if (!i.nfree || !i.external_nlba ||
	    (uint64_t)i.external_nlba + i.nfree != i.internal_nlba) {
		snprintf(why, wlen, "block counts do not add up: %u external + %u free != %u "
			 "internal", i.external_nlba, i.nfree, i.internal_nlba);
		return false;
	}
	if (i.dataoff % ALIGN_META || i.mapoff % ALIGN_META || i.logoff % ALIGN_META ||
	    i.info2off % ALIGN_META || i.nextoff % ALIGN_META) {
		snprintf(why, wlen, "offsets not 512-byte aligned");
		return false;
	}
	if (i.dataoff < NDT_BTT_INFO_SIZE || i.info2off > UINT64_MAX / 2 ||
	    i.dataoff + (uint64_t)i.internal_nlba * i.internal_lbasize > i.mapoff ||
	    i.mapoff + (uint64_t)i.external_nlba * 4 > i.logoff ||
	    i.logoff + (uint64_t)i.nfree * NDT_BTT_LANE_SIZE > i.info2off) {
		snprintf(why, wlen, "layout overlaps: data %#" PRIx64 ", map %#" PRIx64
			 ", flog %#" PRIx64 ", backup %#" PRIx64, i.dataoff, i.mapoff, i.logoff,
			 i.info2off);
		return false;
	}
	size = info_arena_size(&i);
	end = i.info2off + NDT_BTT_INFO_SIZE;
	if (end > size || size > room) {
		snprintf(why, wlen, "arena of %#" PRIx64 " bytes does not fit the %#" PRIx64
			 " bytes left in the namespace", size < end ? end : size, room);
		return false;
	}
	if (src->parent_uuid && !is_zero(i.parent_uuid, 16) &&
	    memcmp(i.parent_uuid, src->parent_uuid, 16) != 0) {
		snprintf(why, wlen, "its parent uuid is not the namespace's uuid");
		return false;
	}
	return true;
}

static int read_at(struct checker *c, void *buf, size_t len, uint64_t off)
{
	if (off > c->src->size || len > c->src->size - off)
		return -ERANGE;
	return c->src->read(c->src->priv, buf, len, off);
}

static int plan_write(struct checker *c, int arena, enum ndt_btt_part part, uint64_t off,
		      const void *data, uint32_t len)
{
	struct ndt_btt_result *r = c->res;
	struct ndt_btt_write *w;

	w = realloc(r->writes, (r->nwrites + 1) * sizeof(*w));
	if (!w)
		return -ENOMEM;
	r->writes = w;
	w = &r->writes[r->nwrites];
	w->data = malloc(len ? len : 1);
	if (!w->data)
		return -ENOMEM;
	memcpy(w->data, data, len);
	w->offset = off;
	w->len = len;
	w->part = part;
	w->arena = arena;
	r->nwrites++;
	return 0;
}

/*
 * Whether @a is a damaged copy of the info block @b: at most 24 of the 120 bytes of fields
 * (signature to info2off) and 256 of the 4096 bytes differ. Another mode's info block
 * differs in most fields, data in most bytes.
 */
static bool similar(const uint8_t *a, const uint8_t *b)
{
	unsigned int k, head = 0, diff = 0;

	for (k = 0; k < NDT_BTT_INFO_SIZE; k++) {
		diff += a[k] != b[k];
		head += k < 120 && a[k] != b[k];
	}
	return head <= 24 && diff <= 256;
}

/*
 * Where the backup info block of an arena at @off would be when the primary cannot tell:
 * the kernel makes arenas of 512 GiB until less is left, and puts the backup in the last
 * 4 KiB of the arena's whole 4 KiB pages.
 */
static uint64_t guess_info2(uint64_t off, uint64_t room)
{
	uint64_t size = room < NDT_BTT_ARENA_MAX ? room : NDT_BTT_ARENA_MAX;

	size -= size % NDT_BTT_INFO_SIZE;
	if (size < 2 * NDT_BTT_INFO_SIZE)
		return UINT64_MAX;
	return off + size - NDT_BTT_INFO_SIZE;
}

/*
 * Find the arena at @off: its info block, or the backup where the kernel would have put it.
 * Returns 1 when found (appended to the result), 0 when neither copy is there, -errno.
 */
static int find_arena(struct checker *c, uint64_t btt_start, uint64_t off, uint8_t *blk,
		      uint8_t *blk2)
{
	const struct ndt_btt_source *src = c->src;
	struct ndt_btt_result *r = c->res;
	uint64_t room = src->size - off, info2;
	char why[160], why2[160];
	struct ndt_btt_arena *a;
	bool ok1, ok2, sig1, sig2;
	int idx = (int)r->narenas, rc;

	rc = read_at(c, blk, NDT_BTT_INFO_SIZE, off);
	if (rc < 0)
		return rc;
	sig1 = has_sig(blk);
	/* a v2.0 BTT (at the namespace's start) is known by its info block alone */
	if (btt_start == 0 && !sig1)
		return 0;
	ok1 = info_valid(src, blk, btt_start, room, why, sizeof(why));
	if (ok1) {
		struct ndt_btt_info i;

		ndt_btt_info_decode(blk, &i);
		info2 = off + i.info2off;
	} else {
		info2 = guess_info2(off, room);
	}
	ok2 = false;
	sig2 = false;
	snprintf(why2, sizeof(why2), "not found");
	if (info2 != UINT64_MAX && info2 + NDT_BTT_INFO_SIZE <= src->size && info2 > off) {
		rc = read_at(c, blk2, NDT_BTT_INFO_SIZE, info2);
		if (rc < 0)
			return rc;
		sig2 = has_sig(blk2);
		ok2 = info_valid(src, blk2, btt_start, room, why2, sizeof(why2));
		if (ok2 && !ok1) {
			struct ndt_btt_info i;

			ndt_btt_info_decode(blk2, &i);
			ok2 = off + i.info2off == info2;
			if (!ok2)
				snprintf(why2, sizeof(why2), "it places itself elsewhere");
		}
	}
	if (!ok1 && !ok2 && !sig1 && !sig2 && idx == 0)
		return 0;
	/*
	 * The first info block is something else than a damaged copy of the valid backup (a
	 * pfn or dax info block, data): the backup is what is left of an earlier sector mode,
	 * and restoring it would overwrite the namespace's current content.
	 */
	if (idx == 0 && !sig1 && ok2 && !similar(blk, blk2)) {
		r->stale_backup = info2;
		r->first_block = memcmp(blk, "NVDIMM_PFN_INFO", 15) == 0   ? NDT_BTT_FIRST_PFN
				 : memcmp(blk, "NVDIMM_DAX_INFO", 15) == 0 ? NDT_BTT_FIRST_DAX
				 : is_zero(blk, NDT_BTT_INFO_SIZE)	   ? NDT_BTT_FIRST_ZERO
									   : NDT_BTT_FIRST_DATA;
		return 0;
	}
	a = realloc(r->arenas, (r->narenas + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	r->arenas = a;
	a = &r->arenas[r->narenas++];
	memset(a, 0, sizeof(*a));
	a->start = off;
	a->info_ok = ok1;
	a->info2_ok = ok2;
	a->log_index[0] = a->log_index[1] = -1;
	if (!ok1 && !ok2) {
		report(c, idx, NDT_BTT_PART_INFO, off, false, NULL,
		       "no valid copy: %s; the backup%s: %s", why,
		       info2 == UINT64_MAX ? "" : " (where the kernel puts it)", why2);
		return 1;
	}
	ndt_btt_info_decode(ok1 ? blk : blk2, &a->info);
	a->size = info_arena_size(&a->info);
	if (!ok1) {
		report(c, idx, NDT_BTT_PART_INFO, off, true, NULL,
		       "%s; the backup at %#" PRIx64 " is valid", why, info2);
		rc = plan_write(c, idx, NDT_BTT_PART_INFO, off, blk2, NDT_BTT_INFO_SIZE);
		return rc < 0 ? rc : 1;
	}
	if (!ok2) {
		report(c, idx, NDT_BTT_PART_INFO2, info2, true, NULL, "%s", why2);
		rc = plan_write(c, idx, NDT_BTT_PART_INFO2, info2, blk, NDT_BTT_INFO_SIZE);
		return rc < 0 ? rc : 1;
	}
	if (memcmp(blk, blk2, NDT_BTT_INFO_SIZE) != 0) {
		report(c, idx, NDT_BTT_PART_INFO2, info2, true, NULL,
		       "valid, but not the same as the primary");
		rc = plan_write(c, idx, NDT_BTT_PART_INFO2, info2, blk, NDT_BTT_INFO_SIZE);
		return rc < 0 ? rc : 1;
	}
	return 1;
}

static uint32_t ent_block(uint32_t e)
{
	return e & NDT_BTT_MAP_LBA_MASK;
}

static bool seq_valid(uint32_t s)
{
	return s >= 1 && s <= 3;
}

/* The sequence number after @s: 1 -> 2 -> 3 -> 1. */
static uint32_t seq_next(uint32_t s)
{
	return s == 3 ? 1 : s + 1;
}

static void decode_lane(const uint8_t *b, struct lane *l)
{
	int s, f;

	for (s = 0; s < 4; s++) {
		for (f = 0; f < 4; f++)
			l->slot[s][f] = ndt_le32(b + s * NDT_BTT_SLOT_SIZE + f * 4);
		l->zero[s] = is_zero(b + s * NDT_BTT_SLOT_SIZE, NDT_BTT_SLOT_SIZE);
	}
	l->cur = -1;
	l->bad = false;
	l->inflight = false;
	l->padding = 0;
	l->mixed = l->noentry = l->badseq = false;
	l->range = -1;
}

/* Whether slot @s holds what can be a log entry (a sequence number), not padding. */
static bool slot_is_entry(const struct lane *l, int s)
{
	return !l->zero[s] && seq_valid(l->slot[s][3]);
}

/* Whether lane @l is a sound lane on slots (0, @p): two entries in sequence, the rest zero. */
static bool lane_votes(const struct lane *l, int p)
{
	int s;

	if (!slot_is_entry(l, 0) || !slot_is_entry(l, p) || l->slot[0][3] == l->slot[p][3])
		return false;
	for (s = 1; s < 4; s++)
		if (s != p && !l->zero[s])
			return false;
	return true;
}

/*
 * The slot pair of the arena's lanes: (0, 1) or (0, 2), from the sound lanes that use a
 * second slot; (0, 1) when none does (a BTT never written to). -1 when lanes disagree.
 * A broken lane has no say, so that rewriting it changes nothing for the others.
 */
static int lane_pair(const struct lane *lanes, uint32_t n)
{
	bool one = false, two = false;
	uint32_t i;

	for (i = 0; i < n; i++) {
		one = one || lane_votes(&lanes[i], 1);
		two = two || lane_votes(&lanes[i], 2);
	}
	if (one && two)
		return -1;
	return two ? 2 : 1;
}

/* Check one lane's slots and find its current entry; its problems are noted in @l. */
static void check_lane(const struct ndt_btt_arena *a, struct lane *l, int pair)
{
	const struct ndt_btt_info *i = &a->info;
	int s;

	l->other = pair;
	if (pair < 0) {
		/* lanes disagree: each is read with its own pair, those on (0, 2) rewritten */
		l->other = slot_is_entry(l, 2) && !slot_is_entry(l, 1) ? 2 : 1;
		l->mixed = l->other == 2;
		l->bad = l->mixed;
	}
	for (s = 1; s < 4; s++)
		if (s != l->other && !l->zero[s])
			l->padding |= 1u << s;
	if (l->zero[0]) {
		l->noentry = true;
		return;
	}
	if (l->zero[l->other] && l->slot[0][3] == LOG_SEQ_INIT)
		l->cur = 0;
	else if (seq_valid(l->slot[0][3]) && seq_valid(l->slot[l->other][3]) &&
		 l->slot[0][3] != l->slot[l->other][3])
		l->cur = seq_next(l->slot[0][3]) == l->slot[l->other][3] ? l->other : 0;
	if (l->cur < 0) {
		l->badseq = true;
		l->bad = true;
		return;
	}
	if (l->slot[l->cur][0] >= i->external_nlba ||
	    ent_block(l->slot[l->cur][1]) >= i->internal_nlba ||
	    ent_block(l->slot[l->cur][2]) >= i->internal_nlba) {
		l->range = l->cur;
		l->bad = true;
		l->cur = -1;
	}
}

/* Report the problems noted in lane @n, repairable when the plan rewrites them. */
static void report_lane(struct checker *c, int idx, const struct ndt_btt_arena *a, uint32_t n,
			const struct lane *l, bool repairable, uint64_t *counts)
{
	uint64_t off = a->start + a->info.logoff + (uint64_t)n * NDT_BTT_LANE_SIZE;
	int s;

	if (l->mixed)
		report(c, idx, NDT_BTT_PART_FLOG, off, repairable, counts,
		       "lane %u: uses slots (0, 2) where other lanes use (0, 1)", n);
	for (s = 1; s < 4; s++)
		if (l->padding & (1u << s))
			report(c, idx, NDT_BTT_PART_FLOG, off + s * NDT_BTT_SLOT_SIZE, repairable,
			       counts, "lane %u: padding slot %d is not zero", n, s);
	if (l->noentry)
		report(c, idx, NDT_BTT_PART_FLOG, off, false, counts, "lane %u: no log entry", n);
	if (l->badseq)
		report(c, idx, NDT_BTT_PART_FLOG, off + 12, repairable, counts,
		       "lane %u: sequence numbers %u and %u are not a valid pair", n,
		       l->slot[0][3], l->slot[l->other][3]);
	if (l->range >= 0)
		report(c, idx, NDT_BTT_PART_FLOG, off + (uint64_t)l->range * NDT_BTT_SLOT_SIZE,
		       repairable, counts, "lane %u: entry (lba %u, old %#x, new %#x) is out of "
		       "range", n, l->slot[l->range][0], l->slot[l->range][1],
		       l->slot[l->range][2]);
}

static bool test_set(uint8_t *bits, uint32_t b)
{
	bool was = bits[b / 8] & (1u << (b % 8));

	bits[b / 8] |= (uint8_t)(1u << (b % 8));
	return was;
}

static bool test_bit(const uint8_t *bits, uint32_t b)
{
	return bits[b / 8] & (1u << (b % 8));
}

/* An interrupted write the kernel completes: map[lba] moves from old to new. */
struct fixup {
	uint32_t lba, old, new, lane;
};

static int fixup_cmp(const void *a, const void *b)
{
	const struct fixup *x = a, *y = b;

	return x->lba < y->lba ? -1 : x->lba > y->lba;
}

/* Blocks used twice, reported in a second pass that names every user. */
struct dupset {
	uint32_t v[1024];
	size_t n;
	uint64_t more;
};

static void dup_add(struct dupset *d, uint32_t b)
{
	if (d->n < sizeof(d->v) / sizeof(d->v[0]))
		d->v[d->n++] = b;
	else
		d->more++;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static bool dup_has(const struct dupset *d, uint32_t b)
{
	return d->n && bsearch(&b, d->v, d->n, sizeof(d->v[0]), u32_cmp);
}

/*
 * Read the map. Pass 1 marks each block it references in @bits, reports entries past the
 * last block and collects blocks used twice in @dups; pass 2 reports every entry that uses
 * a block of @dups (sorted), so that the entry that went wrong is named with the other.
 */
static int check_map(struct checker *c, int idx, struct ndt_btt_arena *a, uint8_t *bits,
		     const struct fixup *fix, size_t nfix, struct lane *lanes,
		     struct dupset *dups, int pass, uint64_t *counts)
{
	const struct ndt_btt_info *i = &a->info;
	uint64_t mapoff = a->start + i->mapoff;
	uint8_t *buf = malloc(MAP_CHUNK * 4);
	uint32_t lba, k, n, e, post;
	size_t f = 0;
	int rc = 0;

	if (!buf)
		return -ENOMEM;
	for (lba = 0; lba < i->external_nlba; lba += n) {
		n = i->external_nlba - lba < MAP_CHUNK ? i->external_nlba - lba : MAP_CHUNK;
		rc = read_at(c, buf, (size_t)n * 4, mapoff + (uint64_t)lba * 4);
		if (rc < 0)
			break;
		for (k = 0; k < n; k++) {
			e = ndt_le32(buf + k * 4);
			post = (e & (NDT_BTT_MAP_ERROR | NDT_BTT_MAP_ZERO)) ? ent_block(e) : lba + k;
			while (f < nfix && fix[f].lba < lba + k)
				f++;
			if (f < nfix && fix[f].lba == lba + k && post == fix[f].old) {
				post = fix[f].new;
				lanes[fix[f].lane].inflight = true;
			}
			if (pass == 2) {
				if (post < i->internal_nlba && dup_has(dups, post))
					report(c, idx, NDT_BTT_PART_MAP,
					       mapoff + (uint64_t)(lba + k) * 4, false, counts,
					       "LBA %u maps to block %u, which another LBA or a "
					       "lane's free block uses too", lba + k, post);
				continue;
			}
			if (post >= i->internal_nlba) {
				report(c, idx, NDT_BTT_PART_MAP, mapoff + (uint64_t)(lba + k) * 4,
				       false, counts, "LBA %u maps to block %u, past the last "
				       "block (%u)", lba + k, post, i->internal_nlba - 1);
				continue;
			}
			if (test_set(bits, post))
				dup_add(dups, post);
		}
	}
	free(buf);
	return rc;
}

/* The lane's free block (its current entry's old map), or UINT32_MAX. */
static uint32_t lane_free(const struct lane *l)
{
	return l->cur < 0 ? UINT32_MAX : ent_block(l->slot[l->cur][1]);
}

/* Plan the lane rewritten in its initial form: the other slots zero first, then slot 0. */
static int plan_lane(struct checker *c, int idx, const struct ndt_btt_arena *a, uint32_t n,
		     const struct lane *l, uint32_t freeblk, uint32_t raw_old)
{
	uint64_t off = a->start + a->info.logoff + (uint64_t)n * NDT_BTT_LANE_SIZE;
	uint8_t zero[3 * NDT_BTT_SLOT_SIZE] = { 0 }, ent[NDT_BTT_SLOT_SIZE];
	uint32_t lba = l->cur >= 0 ? l->slot[l->cur][0] : n % a->info.external_nlba;
	int rc;

	if (raw_old == UINT32_MAX)
		raw_old = freeblk;
	ndt_put_le32(ent, lba);
	ndt_put_le32(ent + 4, raw_old);
	ndt_put_le32(ent + 8, raw_old);
	ndt_put_le32(ent + 12, LOG_SEQ_INIT);
	rc = plan_write(c, idx, NDT_BTT_PART_FLOG, off + NDT_BTT_SLOT_SIZE, zero, sizeof(zero));
	if (rc < 0)
		return rc;
	return plan_write(c, idx, NDT_BTT_PART_FLOG, off, ent, sizeof(ent));
}

/* The one block among lane @l's slots that nothing uses yet, UINT32_MAX for none or several. */
static uint32_t lane_candidate(const struct lane *l, const struct ndt_btt_info *i,
			       const uint8_t *bits)
{
	uint32_t b, cand = UINT32_MAX;
	int s;

	for (s = 0; s < 4; s++) {
		b = ent_block(l->slot[s][1]);
		if (l->zero[s] || b >= i->internal_nlba || test_bit(bits, b) || b == cand)
			continue;
		if (cand != UINT32_MAX)
			return UINT32_MAX;
		cand = b;
	}
	return cand;
}

/* How many times @b is in the sorted @v. */
static int count_sorted(const uint32_t *v, uint32_t n, uint32_t b)
{
	uint32_t lo = 0, hi = n;
	int c = 0;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (v[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < n && v[lo++] == b)
		c++;
	return c;
}

/*
 * The free block of a broken lane is certain when one of its slots names a block that
 * neither the map nor any other lane uses, and no other broken lane names it: assign those,
 * again until nothing changes (an assignment can leave another lane one candidate).
 */
static int deduce_free(const struct lane *lanes, const struct ndt_btt_info *i, uint8_t *bits,
		       uint32_t *freeblk)
{
	uint32_t *named, n, b, k, nnamed;
	bool changed = true;
	int s;

	named = malloc((size_t)i->nfree * 4 * sizeof(*named));
	if (!named)
		return -ENOMEM;
	while (changed) {
		changed = false;
		/* every unused block a broken lane names, to tell the ones two lanes name */
		nnamed = 0;
		for (n = 0; n < i->nfree; n++) {
			if (freeblk[n] != UINT32_MAX || lanes[n].zero[0])
				continue;
			for (s = 0; s < 4; s++) {
				b = ent_block(lanes[n].slot[s][1]);
				if (!lanes[n].zero[s] && b < i->internal_nlba && !test_bit(bits, b))
					named[nnamed++] = b;
			}
		}
		qsort(named, nnamed, sizeof(*named), u32_cmp);
		for (n = 0; n < i->nfree; n++) {
			if (freeblk[n] != UINT32_MAX || lanes[n].zero[0])
				continue;
			b = lane_candidate(&lanes[n], i, bits);
			if (b == UINT32_MAX)
				continue;
			/* named by this lane only (a lane may name it in two slots) */
			s = count_sorted(named, nnamed, b);
			for (k = 0; k < 4; k++)
				s -= !lanes[n].zero[k] && ent_block(lanes[n].slot[k][1]) == b;
			if (s)
				continue;
			test_set(bits, b);
			freeblk[n] = b;
			changed = true;
		}
	}
	free(named);
	return 0;
}

/*
 * Whether the plan rewrites lane @l in its initial form: a broken lane whose free block is
 * known, or for a rewrite of the flog of a consistent arena every sound lane but a write in
 * flight, which the kernel completes from the entry the rewrite would drop.
 */
static bool rewritten(const struct checker *c, const struct lane *l, uint32_t freeblk,
		      bool consistent)
{
	if (l->bad)
		return freeblk != UINT32_MAX;
	return !l->noentry && c->src->rewrite_log && consistent && !l->inflight;
}

/*
 * A lane in its initial form has no say in the arena's slot pair. On (0, 2), when no lane
 * left as it is says so but one of them uses slot 1 or 2, the rewrites would make the others
 * read as (0, 1): then no lane is rewritten.
 */
static bool keeps_pair(const struct checker *c, const struct ndt_btt_arena *a,
		       const struct lane *lanes, const uint32_t *freeblk, bool consistent)
{
	bool vote = false, used = false;
	uint32_t n;

	if (a->log_index[1] != 2)
		return true;
	for (n = 0; n < a->info.nfree; n++) {
		if (rewritten(c, &lanes[n], freeblk[n], consistent))
			continue;
		vote = vote || lane_votes(&lanes[n], 2);
		used = used || !lanes[n].zero[1] || !lanes[n].zero[2];
	}
	return vote || !used;
}

/*
 * Block coverage and the flog's repair: the map's blocks are marked, then the free block
 * of each readable lane. A broken lane's free block is known when exactly one of its
 * slots names a block nothing else uses; the lane is then rewritten (with the others when
 * rewriting the whole flog).
 */
static int check_blocks(struct checker *c, int idx, struct ndt_btt_arena *a, struct lane *lanes,
			uint64_t *counts)
{
	const struct ndt_btt_info *i = &a->info;
	uint64_t logoff = a->start + i->logoff, lost = 0;
	uint32_t n, b, s, *freeblk = NULL;
	struct fixup *fix = NULL;
	struct dupset *dups = NULL;
	size_t nfix = 0;
	uint8_t *bits;
	bool consistent, keep, shared = false;
	int rc;

	bits = calloc(((size_t)i->internal_nlba + 7) / 8, 1);
	fix = calloc(i->nfree, sizeof(*fix));
	freeblk = calloc(i->nfree, sizeof(*freeblk));
	dups = calloc(1, sizeof(*dups));
	if (!bits || !fix || !freeblk || !dups) {
		rc = -ENOMEM;
		goto out;
	}
	for (n = 0; n < i->nfree; n++) {
		const struct lane *l = &lanes[n];

		freeblk[n] = lane_free(l);
		if (l->cur >= 0 && ent_block(l->slot[l->cur][1]) != ent_block(l->slot[l->cur][2]))
			fix[nfix++] = (struct fixup){ l->slot[l->cur][0],
						      ent_block(l->slot[l->cur][1]),
						      ent_block(l->slot[l->cur][2]), n };
	}
	qsort(fix, nfix, sizeof(*fix), fixup_cmp);
	rc = check_map(c, idx, a, bits, fix, nfix, lanes, dups, 1, counts);
	if (rc < 0)
		goto out;
	for (n = 0; n < i->nfree; n++)
		if (freeblk[n] != UINT32_MAX && test_set(bits, freeblk[n]))
			dup_add(dups, freeblk[n]);
	if (dups->n || dups->more) {
		shared = true;
		qsort(dups->v, dups->n, sizeof(dups->v[0]), u32_cmp);
		rc = check_map(c, idx, a, bits, fix, nfix, lanes, dups, 2, counts);
		if (rc < 0)
			goto out;
		for (n = 0; n < i->nfree; n++)
			if (freeblk[n] != UINT32_MAX && dup_has(dups, freeblk[n]))
				report(c, idx, NDT_BTT_PART_FLOG,
				       logoff + (uint64_t)n * NDT_BTT_LANE_SIZE, false, counts,
				       "lane %u: its free block %u is mapped too", n, freeblk[n]);
		if (dups->more)
			report(c, idx, NDT_BTT_PART_BLOCKS, a->start + i->dataoff, false, NULL,
			       "%" PRIu64 " more blocks are used twice", dups->more);
	}
	rc = deduce_free(lanes, i, bits, freeblk);
	if (rc < 0)
		goto out;
	for (b = 0; b < i->internal_nlba; b++)
		if (!test_bit(bits, b))
			lost++;
	if (lost)
		report(c, idx, NDT_BTT_PART_BLOCKS, a->start + i->dataoff, false, NULL,
		       "%" PRIu64 " of %u blocks are neither mapped nor free", lost,
		       i->internal_nlba);
	consistent = !lost && !shared && !counts[NDT_BTT_PART_MAP];
	keep = keeps_pair(c, a, lanes, freeblk, consistent);
	for (n = 0; n < i->nfree; n++) {
		struct lane *l = &lanes[n];
		bool fix_lane = keep && l->bad && freeblk[n] != UINT32_MAX;

		/*
		 * A broken lane whose free block is known is rewritten, and every lane for a
		 * rewrite of the flog of a consistent arena; never a write in flight, which
		 * the kernel completes from the entry the rewrite would drop. Padding of a
		 * sound lane is zeroed; a broken lane without a known free block is left.
		 */
		report_lane(c, idx, a, n, l, fix_lane || (!l->bad && !l->noentry), counts);
		if (fix_lane || (keep && rewritten(c, l, freeblk[n], consistent))) {
			rc = plan_lane(c, idx, a, n, l, freeblk[n],
				       l->cur >= 0 ? l->slot[l->cur][1] : UINT32_MAX);
			if (rc < 0)
				goto out;
			continue;
		}
		if (l->bad || l->noentry)
			continue;
		for (s = 1; s < 4; s++) {
			static const uint8_t zero[NDT_BTT_SLOT_SIZE];

			if (!(l->padding & (1u << s)))
				continue;
			rc = plan_write(c, idx, NDT_BTT_PART_FLOG, logoff + (uint64_t)n *
					NDT_BTT_LANE_SIZE + s * NDT_BTT_SLOT_SIZE, zero,
					sizeof(zero));
			if (rc < 0)
				goto out;
		}
	}
out:
	free(bits);
	free(fix);
	free(freeblk);
	free(dups);
	return rc;
}

/* Check the flog and the map of an arena with a valid info block. */
static int check_arena(struct checker *c, int idx)
{
	struct ndt_btt_arena *a = &c->res->arenas[idx];
	const struct ndt_btt_info *i = &a->info;
	uint64_t counts[NDT_BTT_PART_BLOCKS + 1] = { 0 };
	uint64_t logoff = a->start + i->logoff;
	uint8_t *raw = NULL;
	struct lane *lanes;
	uint32_t n;
	int pair, rc;

	lanes = calloc(i->nfree, sizeof(*lanes));
	raw = malloc((size_t)i->nfree * NDT_BTT_LANE_SIZE);
	if (!lanes || !raw) {
		rc = -ENOMEM;
		goto out;
	}
	rc = read_at(c, raw, (size_t)i->nfree * NDT_BTT_LANE_SIZE, logoff);
	if (rc < 0)
		goto out;
	for (n = 0; n < i->nfree; n++)
		decode_lane(raw + (size_t)n * NDT_BTT_LANE_SIZE, &lanes[n]);
	pair = lane_pair(lanes, i->nfree);
	a->log_index[0] = 0;
	a->log_index[1] = pair < 0 ? 1 : pair;
	for (n = 0; n < i->nfree; n++)
		check_lane(a, &lanes[n], pair);
	rc = check_blocks(c, idx, a, lanes, counts);
	report_rest(c, idx, NDT_BTT_PART_MAP, a->start + i->mapoff, counts);
	report_rest(c, idx, NDT_BTT_PART_FLOG, logoff, counts);
out:
	free(lanes);
	free(raw);
	return rc;
}

int ndt_btt_check(const struct ndt_btt_source *src, struct ndt_btt_result *res)
{
	struct checker c = { .src = src, .res = res };
	uint8_t *blk, *blk2;
	uint64_t btt_start = NDT_BTT_V1_START, off, end;
	unsigned int k;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	c.max_reports = src->max_reports ? src->max_reports : 8;
	blk = malloc(NDT_BTT_INFO_SIZE);
	blk2 = malloc(NDT_BTT_INFO_SIZE);
	if (!blk || !blk2) {
		rc = -ENOMEM;
		goto out;
	}
	if (src->size < NDT_BTT_V1_START + 2 * NDT_BTT_INFO_SIZE)
		goto out;
	/* v1.1 4 KiB in; v2.0 (v1.2 labels) at 0 */
	rc = find_arena(&c, btt_start, btt_start, blk, blk2);
	if (rc == 0 && !res->stale_backup) {
		btt_start = 0;
		rc = find_arena(&c, 0, 0, blk, blk2);
	}
	if (rc <= 0)
		goto out;
	res->state = NDT_BTT_FOUND;
	res->start = btt_start;
	for (;;) {
		struct ndt_btt_arena *a = &res->arenas[res->narenas - 1];

		if (!a->info_ok && !a->info2_ok)
			break;
		if (!a->info.nextoff)
			break;
		off = a->start + a->info.nextoff;
		end = off + 2 * NDT_BTT_INFO_SIZE;
		if (end > src->size || end < off) {
			report(&c, (int)res->narenas - 1, NDT_BTT_PART_INFO, a->start, false, NULL,
			       "the next arena at %#" PRIx64 " is past the namespace's end", off);
			break;
		}
		rc = find_arena(&c, btt_start, off, blk, blk2);
		if (rc < 0)
			goto out;
	}
	for (k = 0; k < res->narenas; k++) {
		if (!res->arenas[k].info_ok && !res->arenas[k].info2_ok)
			continue;
		rc = check_arena(&c, (int)k);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	free(blk);
	free(blk2);
	return rc;
}

void ndt_btt_result_free(struct ndt_btt_result *res)
{
	size_t i;

	for (i = 0; i < res->nwrites; i++)
		free(res->writes[i].data);
	free(res->writes);
	free(res->arenas);
	memset(res, 0, sizeof(*res));
}
