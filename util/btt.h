/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Block Translation Table (BTT) of a sector-mode namespace: decoding, checking and the
 * plan of exact repairs, over bytes read through a callback (a file, a buffer, a raw
 * namespace). No I/O of its own and nothing of libndtool. The format is the one the Linux
 * kernel writes (Documentation/driver-api/nvdimm/btt.rst, the UEFI 2.7 BTT layout; field
 * meanings as drivers/nvdimm/btt.h of linux-source-6.1 defines them):
 *
 *   The BTT starts 4 KiB into the namespace (v1.1: label-less namespaces and v1.1 labels)
 *   or at 0 (v2.0: v1.2 labels) and is a chain of arenas of at most 512 GiB each:
 *
 *     arena + 0          info block (4 KiB)
 *     arena + dataoff    data blocks: internal_nlba blocks of internal_lbasize bytes
 *     arena + mapoff     map: external_nlba little-endian u32, premap LBA -> postmap block
 *     arena + logoff     flog: nfree lanes of 64 bytes, 4 slots of 16 bytes each
 *     arena + info2off   the backup of the info block (the arena's last 4 KiB)
 *
 *   info block (little endian)         map entry (u32)
 *      0 u8[16] "BTT_ARENA_INFO\0"       bits 0-29  postmap block
 *     16 u8[16] uuid                     bit 30     error flag   both clear: identity
 *     32 u8[16] parent uuid              bit 31     zero flag    (postmap = premap)
 *     48 u32 flags (bit 0: error)
 *     52 u16 version major, 54 minor     flog slot (16 bytes): u32 lba, old_map, new_map,
 *     56 u32 external_lbasize            seq. A lane uses two slots, (0, 1) or (0, 2) in
 *     60 u32 external_nlba               every lane of the arena; the other two are zero
 *     64 u32 internal_lbasize            (padding). seq cycles 1 -> 2 -> 3 -> 1, 0 = unused:
 *     68 u32 internal_nlba               the newer slot is the current one and its old_map
 *     72 u32 nfree                       is the lane's free block.
 *     76 u32 infosize (4096)
 *     80 u64 nextoff (0: last arena)     Offsets are relative to the arena's start.
 *     88 u64 dataoff, 96 mapoff          checksum: Fletcher-64 over the 4 KiB with the
 *    104 u64 logoff, 112 info2off        checksum field taken as zero.
 *   4088 u64 checksum
 *
 * A consistent arena maps every external LBA to one internal block, and the map together
 * with the lanes' free blocks covers every internal block exactly once. A lane whose
 * current entry moved lba from old_map to new_map while the map still holds old_map is a
 * write the kernel completes when it loads the arena; the check counts it as completed.
 *
 * Everything read is untrusted: sizes and offsets are checked before they are used, and
 * memory use is bounded by the arena's block count (one bit per internal block).
 */
#ifndef NDTOOL_UTIL_BTT_H
#define NDTOOL_UTIL_BTT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	NDT_BTT_INFO_SIZE = 4096,
	NDT_BTT_SIG_LEN = 16,
	NDT_BTT_LANE_SIZE = 64,		/* a flog lane: 4 slots of 16 bytes */
	NDT_BTT_SLOT_SIZE = 16,
	NDT_BTT_V1_START = 4096,	/* v1.1: the BTT starts 4 KiB into the namespace */
};

#define NDT_BTT_SIG "BTT_ARENA_INFO\0"
#define NDT_BTT_ARENA_MIN (1ULL << 24)		/* 16 MiB */
#define NDT_BTT_ARENA_MAX (1ULL << 39)		/* 512 GiB */
#define NDT_BTT_MAP_ERROR (1U << 30)
#define NDT_BTT_MAP_ZERO (1U << 31)
#define NDT_BTT_MAP_LBA_MASK (~(NDT_BTT_MAP_ERROR | NDT_BTT_MAP_ZERO))

/* Read @len bytes at byte @off of the namespace into @buf: 0 or -errno. */
typedef int (*ndt_btt_read_fn)(void *priv, void *buf, size_t len, uint64_t off);

/* An info block, decoded (offsets as stored: relative to the arena). */
struct ndt_btt_info {
	uint8_t uuid[16], parent_uuid[16];
	uint32_t flags;
	uint16_t major, minor;
	uint32_t external_lbasize, external_nlba, internal_lbasize, internal_nlba, nfree;
	uint32_t infosize;
	uint64_t nextoff, dataoff, mapoff, logoff, info2off, checksum;
};

/* Where a problem is, so that the message and the repair can name it. */
enum ndt_btt_part {
	NDT_BTT_PART_NONE,		/* the BTT as a whole */
	NDT_BTT_PART_INFO,		/* the primary info block */
	NDT_BTT_PART_INFO2,		/* the backup info block */
	NDT_BTT_PART_MAP,
	NDT_BTT_PART_FLOG,
	NDT_BTT_PART_BLOCKS,		/* the map and flog together (block coverage) */
};

struct ndt_btt_problem {
	int arena;			/* -1: before any arena was found */
	enum ndt_btt_part part;
	uint64_t offset;		/* namespace byte offset of the bad bytes */
	bool repairable;		/* the repair plan restores it exactly */
	const char *msg;		/* one sentence, without the arena and offset */
};

/* Called once per problem found; the problem is only valid during the call. */
typedef void (*ndt_btt_problem_fn)(void *priv, const struct ndt_btt_problem *p);

/* What to check and how to report. */
struct ndt_btt_source {
	ndt_btt_read_fn read;
	void *priv;
	uint64_t size;			/* the namespace's size in bytes */
	const uint8_t *parent_uuid;	/* the namespace's uuid, NULL when it has none */
	ndt_btt_problem_fn problem;	/* may be NULL */
	void *problem_priv;
	unsigned int max_reports;	/* per arena and part; 0: 8; the rest are counted */
	bool rewrite_log;		/* plan a regenerated flog (--rewrite-log) */
};

/* One write of the repair plan: @len bytes of @data at namespace offset @offset. */
struct ndt_btt_write {
	uint64_t offset;
	uint32_t len;
	enum ndt_btt_part part;
	int arena;
	uint8_t *data;
};

struct ndt_btt_arena {
	uint64_t start;			/* namespace offset of its info block */
	uint64_t size;
	struct ndt_btt_info info;	/* the valid copy used for the checks */
	bool info_ok, info2_ok;		/* each copy is valid on its own */
	int log_index[2];		/* the slot pair of its lanes, {-1, -1} unknown */
	uint64_t problems;
};

struct ndt_btt_result {
	enum {
		NDT_BTT_NONE,		/* no BTT: no info block, neither copy */
		NDT_BTT_FOUND,		/* arenas found and checked */
	} state;
	uint64_t start;			/* namespace offset of the first arena */
	/*
	 * NDT_BTT_NONE with a valid backup info block at this offset (else 0): the first info
	 * block is not a damaged copy of it but @first_block, so the backup is left from an
	 * earlier sector mode and is not restored.
	 */
	uint64_t stale_backup;
	enum {
		NDT_BTT_FIRST_DATA,	/* other data */
		NDT_BTT_FIRST_ZERO,	/* zeros (raw mode) */
		NDT_BTT_FIRST_PFN,	/* a pfn info block (fsdax mode) */
		NDT_BTT_FIRST_DAX,	/* a dax info block (devdax mode) */
	} first_block;
	unsigned int narenas;
	struct ndt_btt_arena *arenas;
	uint64_t problems;		/* all problems found */
	uint64_t unrepairable;		/* problems the plan does not fix */
	/* the repair plan, in the order it must be written (see ndt_btt_check()) */
	size_t nwrites;
	struct ndt_btt_write *writes;
};

/* Fletcher-64 of an info block with its checksum field taken as zero. */
uint64_t ndt_btt_info_checksum(const uint8_t *blk);

/* Decode the 4096 bytes of @blk. */
void ndt_btt_info_decode(const uint8_t *blk, struct ndt_btt_info *info);

/*
 * Check the BTT of @src: info blocks, arena chain, map, flog and block coverage. Problems
 * go to @src->problem. An info block that is missing is restored from its backup only
 * when it is a damaged copy of it (the BTT signature, or few bytes differ), never
 * over another mode's info block or data. The result holds the arenas found and a repair plan: writes that
 * restore exactly what can be restored, ordered so that an interruption after any of them
 * leaves the BTT no worse:
 *  - a bad info block is rewritten from the valid other copy (only the bad copy is
 *    written, so a valid copy exists at every moment; the kernel reads the primary);
 *  - two valid copies that differ: the backup takes the primary's bytes;
 *  - with @src->rewrite_log, the flog of each arena whose map and free blocks are
 *    consistent is regenerated: every lane gets one entry (slot 0, sequence 1) holding its
 *    current free block, the other slots zero; the info blocks come first.
 * Returns: 0 (problems or not), -ENOMEM, or the -errno of a failed read.
 */
int ndt_btt_check(const struct ndt_btt_source *src, struct ndt_btt_result *res);

/* Free what ndt_btt_check() allocated in @res. */
void ndt_btt_result_free(struct ndt_btt_result *res);

/* "info block", "backup info block", "map", "flog", "blocks" */
const char *ndt_btt_part_name(enum ndt_btt_part part);

#endif /* NDTOOL_UTIL_BTT_H */
