/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The namespace label storage area of an NVDIMM: pure decoding, validation and generation
 * of the bytes, no I/O (libndtool reads and writes the area: ndt_dimm_read_labels()). Used
 * by the label commands and their JSON; not part of libndtool's ABI. The format is UEFI 2.7
 * "Label Storage Area Description" as the Linux kernel uses it (ABI facts checked against
 * drivers/nvdimm/label.h and label.c of linux-source-6.1):
 *
 *   offset 0            index block 0   (index_size bytes, a multiple of 256)
 *   offset index_size   index block 1
 *   offset 2*index_size label slot 0, slot 1, ... (label_size bytes each: 128 for v1.1,
 *                       256 for v1.2)
 *
 *   index block (little endian)          label (little endian)
 *     0 u8[16] "NAMESPACE_INDEX\0"          0 u8[16] uuid
 *    16 u8[3]  flags                       16 u8[64] name (NUL-terminated)
 *    19 u8     labelsize (log2(size) - 7)  80 u32 flags (NDT_LABEL_FLAG_*)
 *    20 u32    seq (1, 2, 3, 1, ...)       84 u16 nlabel
 *    24 u64    myoff                       86 u16 position
 *    32 u64    mysize                      88 u64 isetcookie
 *    40 u64    otheroff                    96 u64 lbasize
 *    48 u64    labeloff                   104 u64 dpa
 *    56 u32    nslot                      112 u64 rawsize
 *    60 u16    major                      120 u32 slot
 *    62 u16    minor                      v1.2 only (256-byte labels):
 *    64 u64    checksum                   124 u8  align
 *    72 u8[]   free bitmap (bit set =     128 u8[16] type_guid
 *              free slot), to the end     144 u8[16] abstraction_guid
 *              of the block               248 u64 checksum
 *
 * Checksums are Fletcher-64 over the whole block or label with the checksum field taken
 * as zero. v1.1 labels have no checksum.
 *
 * How the kernel reads an area (and so do we): the geometry follows from the area size and
 * the label size alone (ndt_label_geometry()); an index block is valid when its signature,
 * label size, checksum, sequence number, offsets, mysize and nslot all agree with that
 * geometry; 128-byte labels are tried first, then 256-byte ones. With two valid blocks the
 * current one is the newer by sequence number (1 -> 2 -> 3 -> 1; equal numbers pick block
 * 1). A label slot is in use when the current block's free bit for it is clear.
 *
 * Everything in the buffer is untrusted: every offset and size is bounds-checked and
 * nothing is read outside the area.
 */
#ifndef NDTOOL_UTIL_LABEL_H
#define NDTOOL_UTIL_LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	NDT_LABEL_SIG_LEN = 16,
	NDT_LABEL_INDEX_HDR = 72,	/* index block bytes before the free bitmap */
	NDT_LABEL_INDEX_ALIGN = 256,	/* index blocks are a multiple of this */
	NDT_LABEL_V11_SIZE = 128,
	NDT_LABEL_V12_SIZE = 256,
	NDT_LABEL_UUID_LEN = 16,
	NDT_LABEL_NAME_LEN = 64,
	NDT_LABEL_MIN_AREA = 768,	/* 2 index blocks + 2 v1.1 labels */
};

/* Largest area accepted: the kernel reports the label area size as a u32. */
#define NDT_LABEL_MAX_AREA ((size_t)UINT32_MAX)

/* struct ndt_label.flags */
enum {
	NDT_LABEL_FLAG_ROLABEL = 1 << 0,	/* read-only label */
	NDT_LABEL_FLAG_LOCAL = 1 << 1,		/* DIMM-local (blk) namespace */
	NDT_LABEL_FLAG_BTT = 1 << 2,		/* namespace holds a BTT */
	NDT_LABEL_FLAG_UPDATING = 1 << 3,	/* label being updated */
};

/* One index block as found in the area, valid or not. */
struct ndt_label_index {
	unsigned int nr;		/* 0 or 1 */
	uint64_t offset;		/* where the block sits in the area */
	bool valid;			/* passes every check the kernel makes */
	char reason[64];		/* why it is invalid, "" when valid */
	uint8_t sig[NDT_LABEL_SIG_LEN];	/* raw signature bytes */
	uint8_t flags[3];
	uint8_t labelsize;		/* raw field: log2(label size) - 7 */
	uint32_t seq;
	uint64_t myoff, mysize, otheroff, labeloff;
	uint32_t nslot;
	uint16_t major, minor;
	uint64_t checksum;		/* as stored */
	uint64_t checksum_calc;		/* computed over the block with the field as zero */
	uint32_t free_bits;		/* capacity of the free bitmap inside the block */
};

/* A parsed label area. Owns a private copy of the bytes. */
struct ndt_label_area {
	uint8_t *data;
	size_t size;
	uint32_t label_size;		/* 128 or 256: from the valid index, else a best guess */
	uint64_t index_size;		/* bytes per index block for that label size */
	uint64_t label_base;		/* offset of slot 0 (2 * index_size) */
	uint32_t nslot_fit;		/* label slots that fit between label_base and the end */
	int current;			/* the index block in use (0, 1), -1 when none is valid */
	struct ndt_label_index index[2];
};

/* One label slot, decoded. */
struct ndt_label {
	uint32_t pos;			/* slot position this label was read from */
	uint64_t offset;		/* its offset in the area */
	uint8_t uuid[NDT_LABEL_UUID_LEN];
	char name[NDT_LABEL_NAME_LEN + 1];	/* up to the first NUL, always terminated */
	bool name_terminated;		/* the 64 bytes hold a NUL */
	uint32_t flags;			/* NDT_LABEL_FLAG_* */
	uint16_t nlabel, position;
	uint64_t isetcookie, lbasize, dpa, rawsize;
	uint32_t slot;			/* the label's own slot field */
	bool v12;			/* 256-byte label: the fields below are present */
	uint8_t align;
	uint8_t type_guid[16], abstraction_guid[16];	/* raw bytes */
	uint64_t checksum;		/* as stored (v1.2) */
	bool checksum_ok;		/* the checksum matches; always true for v1.1 labels */
	bool empty;			/* every byte is zero */
	bool in_use;			/* below nslot, free bit clear in the current index */
};

/*
 * Fletcher-64 as the label format defines it: over the little-endian u32 words of @buf
 * (a trailing partial word is ignored), low half the running sum, high half the sum of
 * sums, both modulo 2^32.
 */
uint64_t ndt_fletcher64(const void *buf, size_t len);

/*
 * The geometry the kernel derives for an area of @size bytes holding @label_size-byte
 * labels (128 or 256): the number of label slots and the size of one index block.
 * Returns 0, -EINVAL (bad label size or @size above NDT_LABEL_MAX_AREA) or -ENOSPC (the
 * area cannot hold two index blocks and two labels).
 */
int ndt_label_geometry(size_t size, unsigned int label_size, uint32_t *nslot,
		       uint64_t *index_size);

/*
 * Parse the @size bytes at @buf (copied; @buf may be freed afterwards). Invalid index
 * blocks are not an error: they are reported in index[].valid/.reason and current is -1
 * when neither is valid. Returns 0 and a new area in *@out, -EINVAL when @buf is NULL or
 * @size is outside [NDT_LABEL_MIN_AREA, NDT_LABEL_MAX_AREA], or -ENOMEM.
 */
int ndt_label_area_parse(const void *buf, size_t size, struct ndt_label_area **out);

/* Free an area from ndt_label_area_parse(); NULL is fine. */
void ndt_label_area_free(struct ndt_label_area *area);

/*
 * Decode the label in slot @pos (0 <= @pos < area->nslot_fit) into @label.
 * Returns 0 or -ERANGE.
 */
int ndt_label_area_get(const struct ndt_label_area *area, uint32_t pos, struct ndt_label *label);

/*
 * The free bit of slot @slot in index block @idx: 1 free, 0 in use, -ERANGE when @idx is
 * not 0 or 1 or the bit lies outside the block's bitmap.
 */
int ndt_label_index_slot_free(const struct ndt_label_area *area, unsigned int idx,
			      uint32_t slot);

/* Whether slot @pos is in use: below the current index's nslot with its free bit clear. */
bool ndt_label_slot_in_use(const struct ndt_label_area *area, uint32_t pos);

/*
 * How many label slots `ndctl read-labels -j` prints: it walks the slots from 0 and stops
 * at the first one whose stored slot field differs from its position (or at the end of
 * the area). That is why a freshly initialized area (all-zero labels) shows slot 0: an
 * all-zero label claims slot 0. The free bitmap is not consulted.
 */
uint32_t ndt_label_area_dump_count(const struct ndt_label_area *area);

/*
 * Write a fresh label area of @size bytes into @area the way `ndctl init-labels` does:
 * everything zeroed, then index block 0 with seq 3 and block 1 with seq 2, every slot free
 * (the free bitmap's bytes are all 0xff up to a whole number of u64 words, including the
 * bits beyond nslot, as ndctl 76.1 leaves them), version 1.@minor. @minor 1 gives 128-byte
 * labels, 2 gives 256-byte labels. Returns 0, -EINVAL (NULL @area, other @minor, @size
 * above NDT_LABEL_MAX_AREA) or -ENOSPC (area too small: below 768 bytes for v1.1, 1024
 * for v1.2).
 */
int ndt_label_area_init(void *area, size_t size, int minor);

/*
 * check-labels: look for problems in @area and call @fn(@priv, message) once for each, in
 * a stable order (@fn may be NULL to only count). Messages are short, human-readable and
 * name the object first, for example:
 *   "index0: bad checksum", "index1: signature mismatch", "both index blocks invalid",
 *   "index blocks disagree on nslot (510 vs 509)", "label slot 3: bad checksum",
 *   "label slot 4: slot field is 7", "label slot 9: lies beyond nslot 8".
 * Labels are judged only through a valid current index (slots in use per its bitmap, and
 * non-empty slots beyond its nslot). Returns the number of problems (0: the area is sound).
 */
typedef void (*ndt_label_problem_fn)(void *priv, const char *problem);
int ndt_label_area_check(const struct ndt_label_area *area, ndt_label_problem_fn fn, void *priv);

/**
 * ndt_label_index_repair() - rebuild the one invalid index block of an area in @buf
 * from the valid one (same free bitmap, previous sequence number so the valid one stays
 * current). Returns 1 when repaired, 0 when both were valid, -EINVAL when neither is.
 */
int ndt_label_index_repair(void *buf, size_t size);

#endif
