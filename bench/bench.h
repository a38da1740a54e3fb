/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_BENCH_H
#define NDTOOL_BENCH_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <ndtool/libndtool.h>
#include "bench/cpu.h"
#include "bench/libpmem.h"

/* Most --rounds accepted. */
#define BENCH_MAX_ROUNDS 1000

/* Exit status of --check when the target works but is not direct access. */
#define NDT_EXIT_NOT_DAX 3

enum bench_kind {
	BENCH_DEVDAX,		/* /dev/daxX.Y */
	BENCH_FSDAX,		/* a file on a DAX file system, MAP_SYNC works */
	BENCH_PAGECACHE,	/* anything else: stores land in the page cache */
};

/* What is mapped, and everything known about it. */
struct bench_target {
	const char *path;		/* as given */
	char file[PATH_MAX];		/* the file mapped (a new temporary one in a directory) */
	bool created;			/* made by ndtool, already unlinked or removed at exit */
	bool remove_at_exit;		/* created under a name the user gave */
	bool chardev;
	int fd;
	dev_t dev;			/* st_rdev of a device, st_dev of a file */
	enum bench_kind kind;
	uint64_t size;			/* bytes mapped */
	uint64_t align;			/* device-dax alignment, else the page size */
	char *map;
	int map_flags;			/* flags of the mapping in use */
	int map_sync_errno;		/* 0: MAP_SHARED_VALIDATE|MAP_SYNC succeeded */
	int statx_dax;			/* 1/0, -1 when the kernel does not say */

	/* the namespace underneath, when there is one */
	char ns_name[32], ns_mode[16], region_name[32], blockdev[32];
	const char *persistence_domain;
	int deep_flush;			/* 1, 0 or -errno */

	/* the file system of a file target */
	char fstype[32], mount_point[PATH_MAX], mount_source[PATH_MAX], mount_opts[512];

	struct cpu_info cpu;
	enum flush_kind flush;		/* chosen (or forced) flush instruction */
	enum nt_kind nt;		/* chosen (or forced) non-temporal kernel */
};

struct bench_integrity {
	uint64_t bytes;
	bool mapping_ok, pread_ok, blockdev_ok;
	bool pread_done, blockdev_done;
	char note[256];			/* why a read-back was skipped, or what mismatched */
};

/* target.c */
/*
 * Open and map @path: a directory (a temporary file is made there), a file (one that
 * does not exist is created, and removed by bench_target_close()) or a device-dax
 * device. What it is comes from the open descriptor, not from an earlier look at the
 * path. Returns 0, -EMEDIUMTYPE when it is none of those (a block device, another
 * character device, a FIFO...; nothing was written), or another -errno. Says why on
 * stderr.
 */
int bench_target_open(struct ndt_ctx *ctx, struct bench_target *t, const char *path,
		      uint64_t size);
/*
 * Open the inode behind @pathfd (an O_PATH descriptor of @path) again with @flags:
 * through /proc/self/fd, so that it is that inode whatever happened to @path since;
 * without /proc, @path itself, as long as it still leads to the same inode (else
 * -ESTALE). Returns a descriptor (close-on-exec) or -errno.
 */
int bench_reopen(const char *path, int pathfd, int flags);
int bench_target_remap(struct bench_target *t);
void bench_target_close(struct bench_target *t);
const char *bench_kind_name(enum bench_kind kind);
/* Mount options @a then @b into @buf, each option once, in order. */
void bench_join_options(char *buf, size_t len, const char *a, const char *b);

/* check.c */
int bench_integrity(struct bench_target *t, struct bench_integrity *res);
bool bench_integrity_ok(const struct bench_integrity *res);
void bench_check_print(const struct bench_target *t, const struct bench_integrity *res,
		       const struct libpmem *lp);
struct json_object;
struct json_object *bench_check_json(const struct bench_target *t,
				     const struct bench_integrity *res, const struct libpmem *lp);

/* run.c: the measurement */
enum bench_variant {
	V_MEMCPY,		/* plain stores, no flush: the upper bound, not persistent */
	V_CLWB,			/* memcpy + CLWB + SFENCE */
	V_CLFLUSHOPT,		/* memcpy + CLFLUSHOPT + SFENCE */
	V_CLFLUSH,		/* memcpy + CLFLUSH (+ SFENCE as the completion point) */
	V_NT,			/* non-temporal copy (the kernel chosen at run time) + SFENCE */
	V_MOVDIR64B,		/* MOVDIR64B copy + SFENCE */
	V_NT_FILL,		/* non-temporal fill + SFENCE: write-only, persistent */
	V_NT_FILL_RAW,		/* non-temporal fill, one SFENCE per batch: the physical limit */
	V_FLUSH,		/* flush + SFENCE of an already dirty range, timed alone */
	V_MSYNC,		/* memcpy + msync(MS_SYNC) */
	V_LP_MEMCPY,		/* libpmem pmem_memcpy_persist */
	V_LP_MEMSET,		/* libpmem pmem_memset_persist */
	V_NR,
};

enum bench_pattern { P_SEQ, P_RAND, P_HOT, P_NR };

struct bench_variant_desc {
	const char *name;
	bool persistent;	/* the data is persistent when an op returns */
	bool fill;		/* writes a constant, compared against memset-style references */
};
extern const struct bench_variant_desc bench_variants[V_NR];
extern const char *const bench_pattern_names[P_NR];

struct bench_result {
	enum bench_variant variant;
	const char *kernel;		/* instruction or library behind the variant */
	uint64_t size;
	unsigned int offset;		/* destination offset within a cache line */
	enum bench_pattern pattern;
	unsigned int threads;
	unsigned long ops;		/* per thread and round */
	unsigned int rounds;
	double ns, ns_min, ns_max;	/* per op: median, min and max over the rounds */
	double gbps;			/* all threads, at the median (10^9 bytes/s) */
	double p50, p90, p99, p999;	/* per-op latency from fenced samples, overhead removed */
	unsigned int samples;
	/*
	 * Speed ratios, each the median over the rounds of a pair measured in the same round
	 * (> 1: this variant is faster; 0 when not measured): against libpmem (copies against
	 * pmem_memcpy_persist, fills against pmem_memset_persist), and nt_fill's against
	 * nt_fill_raw (how close persisting comes to the mapping's raw write bandwidth).
	 */
	double vs_libpmem;
	double vs_raw;
};

/* Progress of a run on stderr. */
enum bench_progress {
	BENCH_PROGRESS_NONE,
	BENCH_PROGRESS_LINES,	/* each step a whole line: for files, pipes and logs */
	BENCH_PROGRESS_TTY,	/* one line redrawn in place, erased before results print */
};

struct bench_params {
	const uint64_t *sizes;
	unsigned int nsizes;
	unsigned int patterns;		/* 1 << P_* */
	const unsigned int *threads;
	unsigned int nthreads;
	unsigned int variants;		/* 1 << V_* */
	unsigned int rounds;
	unsigned int samples;
	double batch_ms;		/* target duration of one timed batch */
	enum bench_progress progress;	/* how progress reaches stderr */
};

/* Called with each finished group of results (same size, pattern and threads). */
typedef void (*bench_report_fn)(void *priv, const struct bench_result *res, unsigned int n);

/*
 * Run every (size, pattern, threads) group with the variants in @p on the mapping of @t.
 * Returns 0 or -errno; the timer overhead that was subtracted lands in @timer_ns.
 */
int bench_run(struct bench_target *t, const struct libpmem *lp, const struct bench_params *p,
	      bench_report_fn report, void *priv, double *timer_ns);

#endif
