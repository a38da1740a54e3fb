// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool bench: the timed part. Every variant of a (size, pattern, threads) group runs
 * in the same rounds, in an order rotated each round; a batch of ops is timed as a
 * whole and ends at a completion point (a fence). Latency percentiles come from a
 * separate pass of single ops between fenced timestamps.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "bench/bench.h"
#include "bench/persist.h"
#include "bench/stats.h"

#define LINE 64UL
#define SAMPLE_BYTES (64UL << 20)	/* bytes one latency pass may write, per thread */
#define MIN_SAMPLES 32U
#define MIN_OPS 4UL
#define FILL_BYTE 0x5a

const struct bench_variant_desc bench_variants[V_NR] = {
	[V_MEMCPY] = { "memcpy", false, false },
	[V_CLWB] = { "clwb", true, false },
	[V_CLFLUSHOPT] = { "clflushopt", true, false },
	[V_CLFLUSH] = { "clflush", true, false },
	[V_NT] = { "nt", true, false },
	[V_MOVDIR64B] = { "movdir64b", true, false },
	[V_NT_FILL] = { "nt_fill", true, true },
	[V_NT_FILL_RAW] = { "nt_fill_raw", false, true },
	[V_FLUSH] = { "flush", true, false },
	[V_MSYNC] = { "msync", true, false },
	[V_LP_MEMCPY] = { "libpmem_memcpy_persist", true, false },
	[V_LP_MEMSET] = { "libpmem_memset_persist", true, true },
};

const char *const bench_pattern_names[P_NR] = { "seq", "rand", "hot" };

enum job { JOB_BATCH, JOB_SAMPLES, JOB_EXIT };

struct worker;

struct run {
	struct bench_target *t;
	const struct libpmem *lp;
	const struct bench_params *p;
	char *src;			/* DRAM source of the copies */
	persist_copy_fn nt_copy, movdir;
	persist_fill_fn nt_fill;
	persist_flush_fn flush, cold;
	persist_flush_fn flush_of[V_NR];
	double timer_ns;
	pthread_barrier_t start, done;
	struct worker *w;
	unsigned int threads;

	/* the job all threads run next */
	enum job job;
	enum bench_variant v;
	uint64_t size;
	unsigned int offset;
	enum bench_pattern pattern;
	unsigned long ops;
	unsigned int samples;

	bool progress_shown;		/* the terminal's progress line holds text */
};

struct worker {
	struct run *r;
	unsigned int idx;
	pthread_t th;
	char *window;
	size_t window_len;
	uint64_t *offs;			/* destination offsets of the ops of one batch */
	size_t offs_cap;
	uint64_t seed;
	double elapsed;			/* ns of the last batch */
	double *samples;
	size_t samples_cap;
};

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static size_t stride_of(uint64_t size, unsigned int offset)
{
	return (size + offset + LINE - 1) & ~(LINE - 1);
}

/* Offsets of @n ops in the worker's window for the current pattern; returns the span. */
static size_t make_offsets(struct worker *w, unsigned long n, unsigned long first)
{
	struct run *r = w->r;
	size_t stride = stride_of(r->size, r->offset);
	size_t slots = w->window_len / stride, span = 0;
	unsigned long i;

	for (i = 0; i < n; i++) {
		uint64_t slot;

		switch (r->pattern) {
		case P_SEQ:
			slot = (first + i) % slots;
			break;
		case P_RAND:
			slot = xorshift(&w->seed) % slots;
			break;
		default:
			slot = 0;
		}
		w->offs[i] = slot * stride + r->offset;
		if ((slot + 1) * stride > span)
			span = (slot + 1) * stride;
	}
	return span;
}

static int ensure_offsets(struct worker *w, unsigned long n)
{
	uint64_t *o;

	if (n <= w->offs_cap)
		return 0;
	o = realloc(w->offs, n * sizeof(*o));
	if (!o)
		return -ENOMEM;
	w->offs = o;
	w->offs_cap = n;
	return 0;
}

static void do_msync(char *addr, size_t len)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = (uintptr_t)addr & ~(pg - 1);

	msync((void *)a, (uintptr_t)addr + len - a, MS_SYNC);
}

/* One op of variant @v at @d; every persistent variant ends at its completion point. */
static inline void one_op(struct run *r, enum bench_variant v, char *d, const char *s,
			  size_t len)
{
	switch (v) {
	case V_MEMCPY:
		memcpy(d, s, len);
		break;
	case V_CLWB:
	case V_CLFLUSHOPT:
	case V_CLFLUSH:
		memcpy(d, s, len);
		r->flush_of[v](d, len);
		persist_fence();
		break;
	case V_NT:
		r->nt_copy(d, s, len);
		persist_fence();
		break;
	case V_MOVDIR64B:
		r->movdir(d, s, len);
		persist_fence();
		break;
	case V_NT_FILL:
		r->nt_fill(d, FILL_BYTE, len);
		persist_fence();
		break;
	case V_NT_FILL_RAW:
		r->nt_fill(d, FILL_BYTE, len);
		break;
	case V_FLUSH:
		r->flush(d, len);
		persist_fence();
		break;
	case V_MSYNC:
		memcpy(d, s, len);
		do_msync(d, len);
		break;
	case V_LP_MEMCPY:
		r->lp->memcpy_persist(d, s, len);
		break;
	case V_LP_MEMSET:
		r->lp->memset_persist(d, FILL_BYTE, len);
		break;
	default:
		break;
	}
}

/* The batch loops, one per variant so that the loop body is the op and nothing else. */
#define BATCH(v)                                                                   \
	do {                                                                       \
		for (i = 0; i < n; i++)                                            \
			one_op(r, v, base + offs[i], src, len);                    \
	} while (0)

static void run_batch(struct worker *w)
{
	struct run *r = w->r;
	char *base = w->window;
	const char *src = r->src + r->offset;
	const uint64_t *offs = w->offs;
	unsigned long i, n = r->ops;
	size_t len = r->size;
	double t0, t1, acc = 0;

	if (r->v == V_FLUSH) {
		/* dirty the lines untimed, time only the flush */
		for (i = 0; i < n; i++) {
			memset(base + offs[i], (int)i, len);
			persist_full_fence();
			t0 = now_ns();
			one_op(r, V_FLUSH, base + offs[i], src, len);
			persist_full_fence();
			acc += now_ns() - t0 - r->timer_ns;
		}
		w->elapsed = acc > 0 ? acc : 0;
		return;
	}
	persist_full_fence();
	t0 = now_ns();
	switch (r->v) {
	case V_MEMCPY: BATCH(V_MEMCPY); break;
	case V_CLWB: BATCH(V_CLWB); break;
	case V_CLFLUSHOPT: BATCH(V_CLFLUSHOPT); break;
	case V_CLFLUSH: BATCH(V_CLFLUSH); break;
	case V_NT: BATCH(V_NT); break;
	case V_MOVDIR64B: BATCH(V_MOVDIR64B); break;
	case V_NT_FILL: BATCH(V_NT_FILL); break;
	case V_NT_FILL_RAW: BATCH(V_NT_FILL_RAW); break;
	case V_MSYNC: BATCH(V_MSYNC); break;
	case V_LP_MEMCPY: BATCH(V_LP_MEMCPY); break;
	case V_LP_MEMSET: BATCH(V_LP_MEMSET); break;
	default: break;
	}
	/* the batch is done when its last store is: memcpy and raw fill complete here */
	persist_fence();
	t1 = now_ns();
	w->elapsed = t1 - t0;
}

static void run_samples(struct worker *w)
{
	struct run *r = w->r;
	const char *src = r->src + r->offset;
	unsigned int i;

	for (i = 0; i < r->samples; i++) {
		char *d = w->window + w->offs[i];
		double t0, dt;

		if (r->v == V_FLUSH)
			memset(d, (int)i, r->size);
		persist_full_fence();
		t0 = now_ns();
		one_op(r, r->v, d, src, r->size);
		persist_full_fence();
		dt = now_ns() - t0 - r->timer_ns;
		w->samples[i] = dt > 0 ? dt : 0;
	}
}

/*
 * Write back and evict what the coming job touches: every variant starts cold. Not for
 * hot (warm by definition) nor rand, whose offsets spread over the whole share of the
 * mapping, a larger working set than the caches (64 MiB by default).
 */
static void make_cold(struct worker *w, size_t span)
{
	struct run *r = w->r;

	if (r->pattern != P_SEQ || !r->cold)
		return;
	if (span > w->window_len)
		span = w->window_len;
	r->cold(w->window, span);
	persist_fence();
}

/*
 * A write to each page of [p, p + len) (of the byte already there): after msync() has
 * written a DAX or page-cache range back, the kernel write-protects its pages, and the
 * next variant would pay msync's page faults.
 */
static void refault(char *p, size_t len)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), i;
	volatile char *m = p;

	for (i = 0; i < len; i += pg)
		m[i] = m[i];
}

static void worker_job(struct worker *w)
{
	struct run *r = w->r;
	size_t span;

	span = make_offsets(w, r->job == JOB_BATCH ? r->ops : r->samples, 0);
	make_cold(w, span);
	pthread_barrier_wait(&r->start);
	if (r->job == JOB_BATCH)
		run_batch(w);
	else
		run_samples(w);
	if (r->v == V_MSYNC)
		refault(w->window, span < w->window_len ? span : w->window_len);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;

	for (;;) {
		pthread_barrier_wait(&r->start);
		if (r->job == JOB_EXIT)
			break;
		worker_job(w);
		pthread_barrier_wait(&r->done);
	}
	return NULL;
}

/* Run the current job on every thread; thread 0 is the caller. */
static void run_job(struct run *r)
{
	pthread_barrier_wait(&r->start);
	worker_job(&r->w[0]);
	pthread_barrier_wait(&r->done);
}

static void pin(pthread_t th, unsigned int idx)
{
	cpu_set_t all, one;
	unsigned int cpu, seen = 0;

	if (sched_getaffinity(0, sizeof(all), &all) < 0 || CPU_COUNT(&all) < 2)
		return;
	idx %= (unsigned int)CPU_COUNT(&all);
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &all))
			continue;
		if (seen++ == idx) {
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			pthread_setaffinity_np(th, sizeof(one), &one);
			return;
		}
	}
}

static int start_threads(struct run *r, unsigned int n)
{
	size_t win = (r->t->size / n) & ~(LINE - 1);
	unsigned int i;

	r->w = calloc(n, sizeof(*r->w));
	if (!r->w)
		return -ENOMEM;
	r->threads = n;
	pthread_barrier_init(&r->start, NULL, n);
	pthread_barrier_init(&r->done, NULL, n);
	for (i = 0; i < n; i++) {
		struct worker *w = &r->w[i];

		w->r = r;
		w->idx = i;
		w->window = r->t->map + i * win;
		w->window_len = win;
		w->seed = 0x2545f4914f6cdd1dULL * (i + 1);
	}
	r->w[0].th = pthread_self();
	pin(r->w[0].th, 0);
	for (i = 1; i < n; i++) {
		int err = pthread_create(&r->w[i].th, NULL, worker_main, &r->w[i]);

		/* the threads already started wait for all n at a barrier: no way back */
		if (err) {
			fprintf(stderr, "ndtool bench: cannot start thread %u of %u: %s\n", i + 1, n,
				strerror(err));
			exit(1);
		}
		pin(r->w[i].th, i);
	}
	return 0;
}

static void stop_threads(struct run *r)
{
	unsigned int i;

	if (!r->w)
		return;
	if (r->threads > 1) {
		r->job = JOB_EXIT;
		pthread_barrier_wait(&r->start);
		for (i = 1; i < r->threads; i++)
			pthread_join(r->w[i].th, NULL);
	}
	for (i = 0; i < r->threads; i++) {
		free(r->w[i].offs);
		free(r->w[i].samples);
	}
	pthread_barrier_destroy(&r->start);
	pthread_barrier_destroy(&r->done);
	free(r->w);
	r->w = NULL;
}

/* Mean per-op time of the last batch over all threads, and the slowest thread. */
static void batch_times(struct run *r, double *per_op, double *slowest)
{
	double sum = 0, max = 0;
	unsigned int i;

	for (i = 0; i < r->threads; i++) {
		sum += r->w[i].elapsed;
		if (r->w[i].elapsed > max)
			max = r->w[i].elapsed;
	}
	*per_op = sum / r->threads / (double)r->ops;
	*slowest = max;
}

static int set_ops(struct run *r, unsigned long ops)
{
	unsigned int i;

	for (i = 0; i < r->threads; i++)
		if (ensure_offsets(&r->w[i], ops) < 0)
			return -ENOMEM;
	r->ops = ops;
	return 0;
}

/* Pick the batch length so that one batch takes about p->batch_ms. */
static int calibrate(struct run *r, unsigned long *ops)
{
	double per_op, slowest, want = r->p->batch_ms * 1e6;
	unsigned long n = MIN_OPS;

	/* a first batch, not counted: first-call costs and cold code stay out */
	if (set_ops(r, n) < 0)
		return -ENOMEM;
	run_job(r);
	for (;;) {
		if (set_ops(r, n) < 0)
			return -ENOMEM;
		run_job(r);
		batch_times(r, &per_op, &slowest);
		if (slowest >= want / 2 || n >= (1UL << 24))
			break;
		n *= 2;
	}
	per_op = slowest / (double)n;
	n = per_op > 0 ? (unsigned long)(want / per_op) : n;
	*ops = n < MIN_OPS ? MIN_OPS : n;
	return 0;
}

static int sample_pass(struct run *r, struct bench_result *res)
{
	size_t stride = stride_of(r->size, r->offset);
	unsigned int n = r->p->samples, i, k = 0;
	unsigned long cap = SAMPLE_BYTES / stride;
	double *all;

	if (n > cap)
		n = cap < MIN_SAMPLES ? MIN_SAMPLES : (unsigned int)cap;
	if (!n)
		return 0;
	for (i = 0; i < r->threads; i++) {
		struct worker *w = &r->w[i];

		if (ensure_offsets(w, n) < 0)
			return -ENOMEM;
		if (w->samples_cap < n) {
			double *s = realloc(w->samples, n * sizeof(*s));

			if (!s)
				return -ENOMEM;
			w->samples = s;
			w->samples_cap = n;
		}
	}
	r->samples = n;
	r->job = JOB_SAMPLES;
	run_job(r);
	all = malloc((size_t)n * r->threads * sizeof(*all));
	if (!all)
		return -ENOMEM;
	for (i = 0; i < r->threads; i++) {
		memcpy(all + k, r->w[i].samples, n * sizeof(*all));
		k += n;
	}
	stats_sort(all, k);
	res->samples = k;
	res->p50 = stats_percentile(all, k, 50);
	res->p90 = stats_percentile(all, k, 90);
	res->p99 = stats_percentile(all, k, 99);
	res->p999 = stats_percentile(all, k, 99.9);
	free(all);
	return 0;
}

static const char *kernel_of(struct run *r, enum bench_variant v)
{
	switch (v) {
	case V_CLWB:
		return "clwb";
	case V_CLFLUSHOPT:
		return "clflushopt";
	case V_CLFLUSH:
		return "clflush";
	case V_NT:
	case V_NT_FILL:
	case V_NT_FILL_RAW:
		return nt_kind_name(r->t->nt);
	case V_MOVDIR64B:
		return "movdir64b";
	case V_FLUSH:
		return flush_kind_name(r->t->flush);
	case V_MSYNC:
		return "msync";
	case V_LP_MEMCPY:
	case V_LP_MEMSET:
		return "libpmem";
	default:
		return "memcpy";
	}
}

/* One (size, pattern) group of the current thread count. */
struct group {
	uint64_t size;
	enum bench_pattern pattern;
	unsigned long ops[V_NR];	/* calibrated batch length per variant */
	double *times;			/* [variant][round]: ns per op */
};

static void select_group(struct run *r, const struct group *g)
{
	r->size = g->size;
	r->offset = g->size % LINE ? 8 : 0;
	r->pattern = g->pattern;
}

/* Warm-up and calibration: one per variant. */
static int calibrate_group(struct run *r, struct group *g, const enum bench_variant *vs,
			   unsigned int nv)
{
	unsigned int i;
	int rc;

	select_group(r, g);
	r->job = JOB_BATCH;
	for (i = 0; i < nv; i++) {
		r->v = vs[i];
		rc = calibrate(r, &g->ops[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Round @k: every variant once, in an order rotated by the round. */
static int round_group(struct run *r, struct group *g, const enum bench_variant *vs,
		       unsigned int nv, unsigned int k)
{
	unsigned int i;

	select_group(r, g);
	for (i = 0; i < nv; i++) {
		unsigned int j = (i + k) % nv;
		double per_op, slowest;

		r->v = vs[j];
		if (set_ops(r, g->ops[j]) < 0)
			return -ENOMEM;
		r->job = JOB_BATCH;
		run_job(r);
		batch_times(r, &per_op, &slowest);
		g->times[j * r->p->rounds + k] = per_op;
	}
	return 0;
}

/* Statistics over the rounds, then the latency pass of each variant. */
static int finish_group(struct run *r, struct group *g, const enum bench_variant *vs,
			unsigned int nv, struct bench_result *res)
{
	unsigned int rounds = r->p->rounds, i;
	int rc;

	select_group(r, g);
	for (i = 0; i < nv; i++) {
		struct bench_result *o = &res[i];
		struct stats_summary s;

		memset(o, 0, sizeof(*o));
		o->variant = vs[i];
		o->kernel = kernel_of(r, vs[i]);
		o->size = r->size;
		o->offset = r->offset;
		o->pattern = r->pattern;
		o->threads = r->threads;
		o->ops = g->ops[i];
		o->rounds = rounds;
		stats_summarize(g->times + i * rounds, rounds, &s);
		o->ns = s.median;
		o->ns_min = s.min;
		o->ns_max = s.max;
		o->gbps = s.median > 0 ? (double)r->size * r->threads / s.median : 0;
		r->v = vs[i];
		rc = sample_pass(r, o);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * The median over the rounds of ref / variant, each pair from the same round (measured
 * back to back): drifts of the machine's speed cancel out of every pair, which the
 * ratio of two medians does not do.
 */
static double paired_ratio(const struct group *g, unsigned int rounds, int ref, unsigned int i)
{
	double q[BENCH_MAX_ROUNDS];
	struct stats_summary s;
	unsigned int k, n = 0;

	if (ref < 0)
		return 0;
	for (k = 0; k < rounds; k++) {
		double a = g->times[ref * rounds + k], b = g->times[i * rounds + k];

		if (a > 0 && b > 0)
			q[n++] = a / b;
	}
	stats_summarize(q, n, &s);
	return s.median;
}

static void add_ratios(const struct group *g, unsigned int rounds, struct bench_result *res,
		       unsigned int n)
{
	int copy = -1, fill = -1, raw = -1;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (res[i].variant == V_LP_MEMCPY)
			copy = (int)i;
		if (res[i].variant == V_LP_MEMSET)
			fill = (int)i;
		if (res[i].variant == V_NT_FILL_RAW)
			raw = (int)i;
	}
	for (i = 0; i < n; i++) {
		bool is_fill = bench_variants[res[i].variant].fill;

		res[i].vs_libpmem = paired_ratio(g, rounds, is_fill ? fill : copy, i);
		if (res[i].variant == V_NT_FILL)
			res[i].vs_raw = paired_ratio(g, rounds, raw, i);
	}
}

static double timer_overhead(void)
{
	double s[2001];
	unsigned int i;

	for (i = 0; i < 2001; i++) {
		double t0;

		persist_full_fence();
		t0 = now_ns();
		persist_full_fence();
		s[i] = now_ns() - t0;
	}
	stats_sort(s, 2001);
	return stats_percentile(s, 2001, 50);
}

static int setup(struct run *r, const struct bench_params *p, enum bench_variant *vs,
		 unsigned int *nv)
{
	uint64_t max = 0;
	unsigned int i;
	int v;

	r->nt_copy = persist_get_copy_nt(r->t->nt);
	r->nt_fill = persist_get_fill_nt(r->t->nt);
	r->movdir = persist_get_copy_nt(NT_MOVDIR64B);
	r->flush = persist_get_flush(r->t->flush);
	r->cold = persist_get_flush(cpu_has_flush(r->t->cpu.features, FLUSH_CLFLUSHOPT) ?
				    FLUSH_CLFLUSHOPT : r->t->flush);
	r->flush_of[V_CLWB] = persist_get_flush(FLUSH_CLWB);
	r->flush_of[V_CLFLUSHOPT] = persist_get_flush(FLUSH_CLFLUSHOPT);
	r->flush_of[V_CLFLUSH] = persist_get_flush(FLUSH_CLFLUSH);
	persist_set_edge_flush(r->t->flush);

	*nv = 0;
	for (v = 0; v < V_NR; v++)
		if (p->variants & (1u << v))
			vs[(*nv)++] = v;
	for (i = 0; i < p->nsizes; i++)
		if (p->sizes[i] > max)
			max = p->sizes[i];
	if (posix_memalign((void **)&r->src, 4096, max + 2 * LINE))
		return -ENOMEM;
	for (i = 0; i < max + 2 * LINE; i++)
		r->src[i] = (char)(i * 131 + 7);
	return 0;
}

static void progress(struct run *r, const char *what, unsigned int done, unsigned int total)
{
	const char *s = r->threads > 1 ? "s" : "";

	switch (r->p->progress) {
	case BENCH_PROGRESS_LINES:
		fprintf(stderr, "%s %u/%u, %u thread%s\n", what, done, total, r->threads, s);
		break;
	case BENCH_PROGRESS_TTY:
		fprintf(stderr, "\r\033[K%s %u/%u, %u thread%s", what, done, total, r->threads, s);
		r->progress_shown = true;
		break;
	default:
		break;
	}
}

/*
 * The terminal's progress line is done: erased when results follow (they take its
 * place), ended with a newline when the run stopped short, so that its last step stays
 * above the error.
 */
static void progress_end(struct run *r, bool keep)
{
	if (!r->progress_shown)
		return;
	fputs(keep ? "\n" : "\r\033[K", stderr);
	r->progress_shown = false;
}

/*
 * All groups of one thread count. The rounds are the outer loop: a variant's rounds are
 * spread over the whole run, so a burst of noise from elsewhere on the machine costs a
 * round or two of each variant, which the median drops, rather than a whole result.
 */
static int run_threads(struct run *r, struct group *gs, unsigned int ng,
		       const enum bench_variant *vs, unsigned int nv, bench_report_fn report,
		       void *priv)
{
	struct bench_result res[V_NR];
	unsigned int gi, k;
	int rc = 0;

	for (gi = 0; gi < ng && rc == 0; gi++) {
		progress(r, "calibrating", gi + 1, ng);
		rc = calibrate_group(r, &gs[gi], vs, nv);
	}
	for (k = 0; k < r->p->rounds && rc == 0; k++) {
		progress(r, "round", k + 1, r->p->rounds);
		for (gi = 0; gi < ng && rc == 0; gi++)
			rc = round_group(r, &gs[gi], vs, nv, k);
	}
	for (gi = 0; gi < ng && rc == 0; gi++) {
		progress(r, "latency samples", gi + 1, ng);
		rc = finish_group(r, &gs[gi], vs, nv, res);
		if (rc < 0)
			break;
		add_ratios(&gs[gi], r->p->rounds, res, nv);
		progress_end(r, false);
		report(priv, res, nv);
	}
	return rc;
}

int bench_run(struct bench_target *t, const struct libpmem *lp, const struct bench_params *p,
	      bench_report_fn report, void *priv, double *timer_ns)
{
	struct run r = { .t = t, .lp = lp, .p = p };
	enum bench_variant vs[V_NR];
	struct group *gs;
	unsigned int nv, ti, si, pat, ng = 0;
	int rc;

	rc = setup(&r, p, vs, &nv);
	if (rc < 0)
		return rc;
	gs = calloc((size_t)p->nsizes * P_NR, sizeof(*gs));
	if (!gs) {
		free(r.src);
		return -ENOMEM;
	}
	for (si = 0; si < p->nsizes; si++)
		for (pat = 0; pat < P_NR; pat++) {
			if (!(p->patterns & (1u << pat)))
				continue;
			gs[ng].size = p->sizes[si];
			gs[ng].pattern = pat;
			gs[ng].times = calloc((size_t)nv * p->rounds, sizeof(double));
			if (!gs[ng++].times)
				rc = -ENOMEM;
		}
	if (rc == 0) {
		/*
		 * every page fault before timing anything: maps each page writable,
		 * allocates file blocks and, with MAP_SYNC, commits their metadata
		 */
		refault(t->map, t->size);
		r.timer_ns = timer_overhead();
		*timer_ns = r.timer_ns;
	}
	for (ti = 0; ti < p->nthreads && rc == 0; ti++) {
		rc = start_threads(&r, p->threads[ti]);
		if (rc == 0)
			rc = run_threads(&r, gs, ng, vs, nv, report, priv);
		stop_threads(&r);
	}
	progress_end(&r, rc < 0);
	while (ng)
		free(gs[--ng].times);
	free(gs);
	free(r.src);
	return rc;
}
