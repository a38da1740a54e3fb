// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace label storage area: Fletcher-64, geometry, parsing, validation and the
 * `ndctl init-labels` image. The layout is described in label.h. Fields are read by byte
 * offset with ndt_le16/32/64, never by casting a struct over the buffer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/endian.h"
#include "util/label.h"

/* index block offsets */
#define IX_SIG			0
#define IX_FLAGS		16
#define IX_LABELSIZE		19
#define IX_SEQ			20
#define IX_MYOFF		24
#define IX_MYSIZE		32
#define IX_OTHEROFF		40
#define IX_LABELOFF		48
#define IX_NSLOT		56
#define IX_MAJOR		60
#define IX_MINOR		62
#define IX_CHECKSUM		64
#define IX_FREE			72

/* label offsets */
#define LB_UUID			0
#define LB_NAME			16
#define LB_FLAGS		80
#define LB_NLABEL		84
#define LB_POSITION		86
#define LB_ISETCOOKIE		88
#define LB_LBASIZE		96
#define LB_DPA			104
#define LB_RAWSIZE		112
#define LB_SLOT			120
#define LB_ALIGN		124
#define LB_TYPE_GUID		128
#define LB_ABSTRACTION_GUID	144
#define LB_CHECKSUM		248

/* what `ndctl init-labels` writes */
#define INIT_SEQ0		3
#define INIT_SEQ1		2

static const uint8_t index_signature[NDT_LABEL_SIG_LEN] = "NAMESPACE_INDEX";

#define NO_SKIP			SIZE_MAX

/* Fletcher-64 with the u64 checksum field at @skip counted as zero (NO_SKIP: none). */
static uint64_t fletcher64_skip(const uint8_t *b, size_t len, size_t skip)
{
	uint32_t sum = 0, sum2 = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		if (skip == NO_SKIP || i < skip || i >= skip + 8)
			sum += ndt_le32(b + i);
		sum2 += sum;
	}
	return (uint64_t)sum2 << 32 | sum;
}

uint64_t ndt_fletcher64(const void *buf, size_t len)
{
	return fletcher64_skip(buf, len, NO_SKIP);
}

/* Bytes of an index block that tracks @nslot slots: header + bitmap, rounded up to 256. */
static uint64_t index_bytes(uint64_t nslot)
{
	uint64_t raw = NDT_LABEL_INDEX_HDR + (nslot + 7) / 8;

	return (raw + NDT_LABEL_INDEX_ALIGN - 1) / NDT_LABEL_INDEX_ALIGN * NDT_LABEL_INDEX_ALIGN;
}

int ndt_label_geometry(size_t size, unsigned int label_size, uint32_t *nslot,
		       uint64_t *index_size)
{
	uint64_t reserve, n, isize;

	if (label_size != NDT_LABEL_V11_SIZE && label_size != NDT_LABEL_V12_SIZE)
		return -EINVAL;
	if (size > NDT_LABEL_MAX_AREA)
		return -EINVAL;
	/*
	 * First size the index blocks for as many slots as the whole area could hold, then
	 * count the slots that fit after two such blocks; the blocks finally only need to
	 * track that many slots (which may make them smaller than the reservation).
	 */
	reserve = 2 * index_bytes(size / label_size);
	if (reserve > size)
		return -ENOSPC;
	n = (size - reserve) / label_size;
	isize = index_bytes(n);
	if (n < 2 || 2 * isize + n * label_size > size)
		return -ENOSPC;
	*nslot = (uint32_t)n;
	*index_size = isize;
	return 0;
}

/* Sequence numbers cycle 1 -> 2 -> 3 -> 1; 0 is never valid. */
static uint32_t seq_next(uint32_t seq)
{
	return (seq & 3) == 3 ? 1 : (seq & 3) + 1;
}

/* Decode the raw fields of index block @nr at @offset (the header must fit). */
static void index_decode(const struct ndt_label_area *a, unsigned int nr, uint64_t offset,
			 uint64_t isize, struct ndt_label_index *ix)
{
	const uint8_t *b = a->data + offset;

	memset(ix, 0, sizeof(*ix));
	ix->nr = nr;
	ix->offset = offset;
	memcpy(ix->sig, b + IX_SIG, sizeof(ix->sig));
	memcpy(ix->flags, b + IX_FLAGS, sizeof(ix->flags));
	ix->labelsize = b[IX_LABELSIZE];
	ix->seq = ndt_le32(b + IX_SEQ);
	ix->myoff = ndt_le64(b + IX_MYOFF);
	ix->mysize = ndt_le64(b + IX_MYSIZE);
	ix->otheroff = ndt_le64(b + IX_OTHEROFF);
	ix->labeloff = ndt_le64(b + IX_LABELOFF);
	ix->nslot = ndt_le32(b + IX_NSLOT);
	ix->major = ndt_le16(b + IX_MAJOR);
	ix->minor = ndt_le16(b + IX_MINOR);
	ix->checksum = ndt_le64(b + IX_CHECKSUM);
	ix->checksum_calc = fletcher64_skip(b, isize, IX_CHECKSUM);
	/* isize stays below 5 MiB for areas up to 4 GiB: the bit count fits */
	ix->free_bits = (uint32_t)((isize - IX_FREE) * 8);
}

/* The label size an index block claims: version 1.2 and later say it, older ones are 128. */
static uint64_t index_label_size(const struct ndt_label_index *ix)
{
	if (ix->major * 100u + ix->minor < 102)
		return NDT_LABEL_V11_SIZE;
	if (ix->labelsize > 1)
		return 0;
	return (uint64_t)NDT_LABEL_V11_SIZE << ix->labelsize;
}

static bool index_invalid(struct ndt_label_index *ix, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool index_invalid(struct ndt_label_index *ix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ix->reason, sizeof(ix->reason), fmt, ap);
	va_end(ap);
	ix->valid = false;
	return false;
}

/*
 * The kernel's checks of one index block against the geometry of @label_size-byte labels
 * with @isize-byte index blocks, in the kernel's order; the first failure is the reason.
 */
static bool index_validate(const struct ndt_label_area *a, struct ndt_label_index *ix,
			   uint32_t label_size, uint64_t isize)
{
	uint64_t lsize;

	if (memcmp(ix->sig, index_signature, sizeof(index_signature)) != 0)
		return index_invalid(ix, "signature mismatch");
	lsize = index_label_size(ix);
	if (!lsize)
		return index_invalid(ix, "unsupported labelsize %u", ix->labelsize);
	if (lsize != label_size)
		return index_invalid(ix, "labelsize %llu does not match the layout (%u)",
				     (unsigned long long)lsize, label_size);
	if (ix->checksum != ix->checksum_calc)
		return index_invalid(ix, "bad checksum");
	if ((ix->seq & 3) == 0)
		return index_invalid(ix, "invalid sequence number %#x", ix->seq);
	if (ix->myoff != ix->nr * isize)
		return index_invalid(ix, "myoff %#llx, expected %#llx",
				     (unsigned long long)ix->myoff,
				     (unsigned long long)(ix->nr * isize));
	if (ix->otheroff != !ix->nr * isize)
		return index_invalid(ix, "otheroff %#llx, expected %#llx",
				     (unsigned long long)ix->otheroff,
				     (unsigned long long)(!ix->nr * isize));
	if (ix->labeloff != 2 * isize)
		return index_invalid(ix, "labeloff %#llx, expected %#llx",
				     (unsigned long long)ix->labeloff,
				     (unsigned long long)(2 * isize));
	if (ix->mysize > isize || ix->mysize < NDT_LABEL_INDEX_HDR)
		return index_invalid(ix, "mysize %#llx out of range",
				     (unsigned long long)ix->mysize);
	if ((uint64_t)ix->nslot * label_size + 2 * isize > a->size)
		return index_invalid(ix, "nslot %u exceeds the area", ix->nslot);
	ix->valid = true;
	ix->reason[0] = '\0';
	return true;
}

/* Lay the area out for @label_size-byte labels and judge both index blocks. */
static int area_layout(struct ndt_label_area *a, uint32_t label_size)
{
	uint64_t isize;
	uint32_t nslot;
	unsigned int i;
	int rc;

	rc = ndt_label_geometry(a->size, label_size, &nslot, &isize);
	if (rc)
		return rc;
	a->label_size = label_size;
	a->index_size = isize;
	a->label_base = 2 * isize;
	a->nslot_fit = (uint32_t)((a->size - a->label_base) / label_size);
	for (i = 0; i < 2; i++) {
		index_decode(a, i, i * isize, isize, &a->index[i]);
		index_validate(a, &a->index[i], label_size, isize);
	}
	if (a->index[0].valid && a->index[1].valid) {
		uint32_t s0 = a->index[0].seq & 3, s1 = a->index[1].seq & 3;

		a->current = s0 == s1 || seq_next(s0) == s1 ? 1 : 0;
	} else if (a->index[0].valid) {
		a->current = 0;
	} else if (a->index[1].valid) {
		a->current = 1;
	} else {
		a->current = -1;
	}
	return 0;
}

int ndt_label_area_parse(const void *buf, size_t size, struct ndt_label_area **out)
{
	static const uint32_t probe[] = { NDT_LABEL_V11_SIZE, NDT_LABEL_V12_SIZE };
	struct ndt_label_area *a;
	size_t i;

	if (!buf || !out || size < NDT_LABEL_MIN_AREA || size > NDT_LABEL_MAX_AREA)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->data = malloc(size);
	if (!a->data) {
		free(a);
		return -ENOMEM;
	}
	memcpy(a->data, buf, size);
	a->size = size;
	a->current = -1;

	/* like the kernel: 128-byte labels first, then 256; the first with a valid index wins */
	for (i = 0; i < sizeof(probe) / sizeof(probe[0]); i++) {
		if (area_layout(a, probe[i]) == 0 && a->current >= 0) {
			*out = a;
			return 0;
		}
	}

	/*
	 * Nothing valid: lay the area out for the label size block 0 claims when its
	 * signature is intact (so a damaged v1.2 area is still dumped as v1.2), else 128.
	 */
	if (area_layout(a, NDT_LABEL_V11_SIZE) != 0) {
		ndt_label_area_free(a);
		return -EINVAL;
	}
	/* (a failed layout leaves the previous one in place) */
	if (memcmp(a->index[0].sig, index_signature, sizeof(index_signature)) == 0 &&
	    index_label_size(&a->index[0]) == NDT_LABEL_V12_SIZE)
		area_layout(a, NDT_LABEL_V12_SIZE);
	*out = a;
	return 0;
}

void ndt_label_area_free(struct ndt_label_area *area)
{
	if (!area)
		return;
	free(area->data);
	free(area);
}

int ndt_label_index_slot_free(const struct ndt_label_area *area, unsigned int idx,
			      uint32_t slot)
{
	const struct ndt_label_index *ix;

	if (idx > 1)
		return -ERANGE;
	ix = &area->index[idx];
	if (slot >= ix->free_bits)
		return -ERANGE;
	return (area->data[ix->offset + IX_FREE + slot / 8] >> (slot % 8)) & 1;
}

bool ndt_label_slot_in_use(const struct ndt_label_area *area, uint32_t pos)
{
	if (area->current < 0 || pos >= area->index[area->current].nslot)
		return false;
	return ndt_label_index_slot_free(area, (unsigned int)area->current, pos) == 0;
}

int ndt_label_area_get(const struct ndt_label_area *area, uint32_t pos, struct ndt_label *label)
{
	uint32_t lsize = area->label_size;
	const uint8_t *b;
	size_t i, n;

	if (pos >= area->nslot_fit)
		return -ERANGE;
	memset(label, 0, sizeof(*label));
	label->pos = pos;
	label->offset = area->label_base + (uint64_t)pos * lsize;
	b = area->data + label->offset;

	memcpy(label->uuid, b + LB_UUID, sizeof(label->uuid));
	for (n = 0; n < NDT_LABEL_NAME_LEN && b[LB_NAME + n]; n++)
		;
	memcpy(label->name, b + LB_NAME, n);
	label->name[n] = '\0';
	label->name_terminated = n < NDT_LABEL_NAME_LEN;
	label->flags = ndt_le32(b + LB_FLAGS);
	label->nlabel = ndt_le16(b + LB_NLABEL);
	label->position = ndt_le16(b + LB_POSITION);
	label->isetcookie = ndt_le64(b + LB_ISETCOOKIE);
	label->lbasize = ndt_le64(b + LB_LBASIZE);
	label->dpa = ndt_le64(b + LB_DPA);
	label->rawsize = ndt_le64(b + LB_RAWSIZE);
	label->slot = ndt_le32(b + LB_SLOT);
	label->checksum_ok = true;
	if (lsize >= NDT_LABEL_V12_SIZE) {
		label->v12 = true;
		label->align = b[LB_ALIGN];
		memcpy(label->type_guid, b + LB_TYPE_GUID, sizeof(label->type_guid));
		memcpy(label->abstraction_guid, b + LB_ABSTRACTION_GUID,
		       sizeof(label->abstraction_guid));
		label->checksum = ndt_le64(b + LB_CHECKSUM);
		label->checksum_ok = label->checksum == fletcher64_skip(b, lsize, LB_CHECKSUM);
	}
	label->empty = true;
	for (i = 0; i < lsize; i++) {
		if (b[i]) {
			label->empty = false;
			break;
		}
	}
	label->in_use = ndt_label_slot_in_use(area, pos);
	return 0;
}

uint32_t ndt_label_area_dump_count(const struct ndt_label_area *area)
{
	uint32_t pos;

	for (pos = 0; pos < area->nslot_fit; pos++) {
		const uint8_t *b = area->data + area->label_base + (uint64_t)pos * area->label_size;

		if (ndt_le32(b + LB_SLOT) != pos)
			break;
	}
	return pos;
}

static void index_write(uint8_t *b, unsigned int nr, uint32_t seq, uint64_t isize,
			uint32_t nslot, int minor)
{
	memcpy(b + IX_SIG, index_signature, sizeof(index_signature));
	b[IX_LABELSIZE] = minor >= 2 ? 1 : 0;
	ndt_put_le32(b + IX_SEQ, seq);
	ndt_put_le64(b + IX_MYOFF, nr * isize);
	ndt_put_le64(b + IX_MYSIZE, isize);
	ndt_put_le64(b + IX_OTHEROFF, !nr * isize);
	ndt_put_le64(b + IX_LABELOFF, 2 * isize);
	ndt_put_le32(b + IX_NSLOT, nslot);
	ndt_put_le16(b + IX_MAJOR, 1);
	ndt_put_le16(b + IX_MINOR, (uint16_t)minor);
	/* every slot free, whole u64 words of bits (the spare bits end up set too) */
	memset(b + IX_FREE, 0xff, ((uint64_t)nslot + 63) / 64 * 8);
	ndt_put_le64(b + IX_CHECKSUM, fletcher64_skip(b, isize, IX_CHECKSUM));
}

int ndt_label_area_init(void *area, size_t size, int minor)
{
	uint32_t label_size, nslot;
	uint64_t isize;
	uint8_t *b = area;
	int rc;

	if (!area || (minor != 1 && minor != 2))
		return -EINVAL;
	label_size = minor == 1 ? NDT_LABEL_V11_SIZE : NDT_LABEL_V12_SIZE;
	rc = ndt_label_geometry(size, label_size, &nslot, &isize);
	if (rc)
		return rc;
	memset(b, 0, size);
	index_write(b, 0, INIT_SEQ0, isize, nslot, minor);
	index_write(b + isize, 1, INIT_SEQ1, isize, nslot, minor);
	return 0;
}

/* check-labels reporting */
struct check_ctx {
	ndt_label_problem_fn fn;
	void *priv;
	int count;
};

static void problem(struct check_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct check_ctx *c, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	c->count++;
	if (!c->fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->fn(c->priv, msg);
}

static bool uuid_is_null(const uint8_t *u)
{
	size_t i;

	for (i = 0; i < NDT_LABEL_UUID_LEN; i++)
		if (u[i])
			return false;
	return true;
}

static void check_label(struct check_ctx *c, const struct ndt_label *l)
{
	if (l->slot != l->pos)
		problem(c, "label slot %u: slot field is %u", l->pos, l->slot);
	if (!l->checksum_ok)
		problem(c, "label slot %u: bad checksum", l->pos);
	if (uuid_is_null(l->uuid))
		problem(c, "label slot %u: in use with a null uuid", l->pos);
	if (l->position >= l->nlabel)
		problem(c, "label slot %u: position %u outside nlabel %u", l->pos, l->position,
			l->nlabel);
	if (!l->name_terminated)
		problem(c, "label slot %u: name not NUL-terminated", l->pos);
	if (l->dpa + l->rawsize < l->dpa)
		problem(c, "label slot %u: dpa + rawsize overflows", l->pos);
}

static void check_index_pair(struct check_ctx *c, const struct ndt_label_area *a)
{
	const struct ndt_label_index *i0 = &a->index[0], *i1 = &a->index[1];

	if (i0->nslot != i1->nslot)
		problem(c, "index blocks disagree on nslot (%u vs %u)", i0->nslot, i1->nslot);
	if (i0->major != i1->major || i0->minor != i1->minor)
		problem(c, "index blocks disagree on version (%u.%u vs %u.%u)", i0->major,
			i0->minor, i1->major, i1->minor);
	if ((i0->seq & 3) == (i1->seq & 3))
		problem(c, "index blocks have the same sequence number %u", i0->seq & 3);
}

int ndt_label_area_check(const struct ndt_label_area *area, ndt_label_problem_fn fn, void *priv)
{
	struct check_ctx c = { .fn = fn, .priv = priv };
	const struct ndt_label_index *cur;
	struct ndt_label l;
	uint32_t pos, nslot;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const struct ndt_label_index *ix = &area->index[i];

		if (!ix->valid) {
			problem(&c, "index%u: %s", i, ix->reason);
			continue;
		}
		if (ix->major != 1 || ix->minor < 1 || ix->minor > 2)
			problem(&c, "index%u: unknown version %u.%u", i, ix->major, ix->minor);
		if (ix->nslot > ix->free_bits)
			problem(&c, "index%u: nslot %u does not fit its free bitmap", i, ix->nslot);
	}
	if (area->current < 0) {
		problem(&c, "both index blocks invalid");
		return c.count;
	}
	if (area->index[0].valid && area->index[1].valid)
		check_index_pair(&c, area);

	cur = &area->index[area->current];
	nslot = cur->nslot < area->nslot_fit ? cur->nslot : area->nslot_fit;
	for (pos = 0; pos < nslot; pos++) {
		if (!ndt_label_slot_in_use(area, pos) || ndt_label_area_get(area, pos, &l))
			continue;
		check_label(&c, &l);
	}
	/* written labels the current index cannot reach */
	for (pos = nslot; pos < area->nslot_fit; pos++) {
		if (ndt_label_area_get(area, pos, &l) || l.empty || l.slot != pos)
			continue;
		problem(&c, "label slot %u: lies beyond nslot %u", pos, cur->nslot);
	}
	return c.count;
}

/* The sequence number before @seq in the 1, 2, 3, 1 cycle. */
static uint32_t seq_prev(uint32_t seq)
{
	return seq == 1 ? 3 : seq - 1;
}

/*
 * Rebuild an invalid index block from the valid one: the same free bitmap and
 * geometry, its own offsets, the previous sequence number (so the valid block stays
 * current), a fresh checksum. Returns 1 when repaired, 0 when both are valid, -EINVAL
 * when neither is (nothing to copy from) or the geometry does not fit @size.
 */
int ndt_label_index_repair(void *buf, size_t size)
{
	struct ndt_label_area *area;
	const struct ndt_label_index *good, *bad;
	uint8_t *b = buf, *dst;
	int rc;

	rc = ndt_label_area_parse(buf, size, &area);
	if (rc < 0)
		return rc;
	if (area->index[0].valid == area->index[1].valid) {
		rc = area->index[0].valid ? 0 : -EINVAL;
		goto out;
	}
	good = &area->index[area->index[0].valid ? 0 : 1];
	bad = &area->index[area->index[0].valid ? 1 : 0];
	if (good->otheroff + good->mysize > size || good->myoff + good->mysize > size ||
	    good->otheroff != bad->offset) {
		rc = -EINVAL;
		goto out;
	}
	dst = b + good->otheroff;
	memcpy(dst, b + good->myoff, good->mysize);
	ndt_put_le32(dst + IX_SEQ, seq_prev(good->seq));
	ndt_put_le64(dst + IX_MYOFF, good->otheroff);
	ndt_put_le64(dst + IX_OTHEROFF, good->myoff);
	ndt_put_le64(dst + IX_CHECKSUM, fletcher64_skip(dst, good->mysize, IX_CHECKSUM));
	rc = 1;
out:
	ndt_label_area_free(area);
	return rc;
}
