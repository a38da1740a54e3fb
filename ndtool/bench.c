// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool bench: prove direct access to persistent memory and measure what persisting costs */
#include <errno.h>
#include <syslog.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"
#include "bench/bench.h"
#include "util/json.h"
#include "util/size.h"

#define DEFAULT_MAP_SIZE (64ULL << 20)
#define MISALIGNED_SIZE 4104ULL		/* 4 KiB + 8, stored at offset 8 of a line */
#define MAX_SIZES 64
#define MAX_THREADS 16

enum {
	OPT_SAMPLES = 256,
	OPT_BATCH_MS,
	OPT_FLUSH,
	OPT_NT,
	OPT_VS_LIBPMEM,
};

static const struct ndt_option bench_options[] = {
	{ 'c', 'c', "check", NULL,
	  "only check the target: direct access or not, and a data round trip" },
	{ 'j', 'j', "json", NULL, "print JSON lines instead of a table" },
	{ 's', 's', "size", "<size>", "bytes to map (default 64M; a new file gets this size)" },
	{ 'S', 'S', "sizes", "<list>", "op sizes, comma-separated, or 'all' (default)" },
	{ 'p', 'p', "patterns", "<list>", "seq, rand, hot or all (default seq)" },
	{ 't', 't', "threads", "<list>", "thread counts, comma-separated (default 1)" },
	{ 'V', 'V', "variants", "<list>", "variants to measure (default: all the CPU can run)" },
	{ 'r', 'r', "rounds", "<n>", "interleaved rounds per measurement (default 9)" },
	{ OPT_SAMPLES, 0, "samples", "<n>", "latency samples per variant (default 10000)" },
	{ OPT_BATCH_MS, 0, "batch-ms", "<ms>", "duration of one timed batch (default 2)" },
	{ OPT_FLUSH, 0, "flush", "<insn>", "clwb, clflushopt or clflush (default: the best)" },
	{ OPT_NT, 0, "nt", "<kernel>", "avx512, avx2, sse2 or movdir64b (default: the best)" },
	{ OPT_VS_LIBPMEM, 0, "vs-libpmem", NULL,
	  "also measure libpmem (loaded at run time) on the same mapping" },
	{ 'q', 'q', "quick", NULL, "a short run: 5 sizes, 3 rounds, 1000 samples" },
	{ 'f', 'f', "force", NULL, "overwrite an existing file or a device-dax device" },
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" },
	{ 0 },
};

const struct ndt_cmd_info bench_info = {
	.prog = "ndtool bench",
	.usage = "[<options>] <path>",
	.opts = bench_options,
};

struct bench_opts {
	bool check, json, quick, force, verbose, vs_libpmem;
	uint64_t map_size;
	uint64_t sizes[MAX_SIZES];
	unsigned int nsizes;
	unsigned int threads[MAX_THREADS];
	unsigned int nthreads;
	unsigned int patterns, variants, rounds, samples;
	bool rounds_set, samples_set;
	double batch_ms;
	int flush, nt;
};

static int parse_uint(const char *what, const char *arg, unsigned int min, unsigned int max,
		      unsigned int *val)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		fprintf(stderr, "invalid %s '%s': expected a number from %u to %u\n", what, arg,
			min, max);
		return -1;
	}
	*val = (unsigned int)v;
	return 0;
}

static void default_sizes(struct bench_opts *o)
{
	uint64_t s;

	o->nsizes = 0;
	for (s = 64; s <= (2ULL << 20); s <<= 1) {
		o->sizes[o->nsizes++] = s;
		if (s == 4096)
			o->sizes[o->nsizes++] = MISALIGNED_SIZE;
	}
}

/* Call @fn for each comma-separated item of @arg; stops at the first that fails (-1). */
static int each_item(const char *arg, int (*fn)(void *priv, const char *item), void *priv)
{
	char *copy = strdup(arg), *tok, *save;
	int rc = copy ? 0 : -1;

	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok && rc == 0;
	     tok = strtok_r(NULL, ",", &save))
		rc = fn(priv, tok);
	free(copy);
	return rc;
}

static int size_item(void *priv, const char *item)
{
	struct bench_opts *o = priv;
	uint64_t v;

	if (ndt_parse_size(item, &v) < 0 || v == 0 || v > (1ULL << 30)) {
		fprintf(stderr, "invalid size '%s' in --sizes: expected 1 byte to 1G, "
			"e.g. 64,4K,2M\n", item);
		return -1;
	}
	if (o->nsizes == MAX_SIZES) {
		fprintf(stderr, "--sizes: at most %d sizes\n", MAX_SIZES);
		return -1;
	}
	o->sizes[o->nsizes++] = v;
	return 0;
}

static int parse_sizes(struct bench_opts *o, const char *arg)
{
	o->nsizes = 0;
	if (strcmp(arg, "all") == 0) {
		default_sizes(o);
		return 0;
	}
	return each_item(arg, size_item, o);
}

static int thread_item(void *priv, const char *item)
{
	struct bench_opts *o = priv;

	if (o->nthreads == MAX_THREADS) {
		fprintf(stderr, "--threads: at most %d counts\n", MAX_THREADS);
		return -1;
	}
	return parse_uint("thread count", item, 1, 256, &o->threads[o->nthreads++]);
}

/* A list of names from a fixed set (variants, patterns) into a bit mask. */
struct name_set {
	const char *what;
	const char *(*name)(unsigned int i);
	unsigned int n;
	unsigned int mask;
};

static const char *variant_name(unsigned int i)
{
	return bench_variants[i].name;
}

static const char *pattern_name(unsigned int i)
{
	return bench_pattern_names[i];
}

static int name_item(void *priv, const char *item)
{
	struct name_set *set = priv;
	unsigned int i;

	if (strcmp(item, "all") == 0) {
		set->mask |= (1u << set->n) - 1;
		return 0;
	}
	for (i = 0; i < set->n; i++)
		if (strcmp(item, set->name(i)) == 0) {
			set->mask |= 1u << i;
			return 0;
		}
	fprintf(stderr, "unknown %s '%s' (", set->what, item);
	for (i = 0; i < set->n; i++)
		fprintf(stderr, "%s%s", i ? ", " : "", set->name(i));
	fprintf(stderr, ")\n");
	return -1;
}

static int parse_names(const char *what, const char *(*name)(unsigned int), unsigned int n,
		       const char *arg, unsigned int *mask)
{
	struct name_set set = { what, name, n, 0 };
	int rc = each_item(arg, name_item, &set);

	*mask = set.mask;
	return rc;
}

static int bench_opt(void *priv, int id, const char *arg)
{
	struct bench_opts *o = priv;
	unsigned int ms;

	switch (id) {
	case 'c':
		o->check = true;
		break;
	case 'j':
		o->json = true;
		break;
	case 'q':
		o->quick = true;
		break;
	case 'f':
		o->force = true;
		break;
	case 'v':
		o->verbose = true;
		break;
	case OPT_VS_LIBPMEM:
		o->vs_libpmem = true;
		break;
	case 's':
		if (ndt_parse_size(arg, &o->map_size) < 0 || o->map_size < 4096) {
			fprintf(stderr, "invalid --size '%s': expected at least 4K, e.g. 64M\n", arg);
			return -1;
		}
		break;
	case 'S':
		return parse_sizes(o, arg);
	case 't':
		o->nthreads = 0;
		return each_item(arg, thread_item, o);
	case 'p':
		return parse_names("pattern", pattern_name, P_NR, arg, &o->patterns);
	case 'V':
		return parse_names("variant", variant_name, V_NR, arg, &o->variants);
	case 'r':
		o->rounds_set = true;
		return parse_uint("rounds", arg, 1, BENCH_MAX_ROUNDS, &o->rounds);
	case OPT_SAMPLES:
		o->samples_set = true;
		return parse_uint("samples", arg, 0, 10000000, &o->samples);
	case OPT_BATCH_MS:
		if (parse_uint("batch-ms", arg, 1, 10000, &ms) < 0)
			return -1;
		o->batch_ms = ms;
		break;
	case OPT_FLUSH:
		o->flush = flush_kind_parse(arg);
		if (o->flush < 0) {
			fprintf(stderr, "unknown flush instruction '%s' (clwb, clflushopt, clflush)\n",
				arg);
			return -1;
		}
		break;
	case OPT_NT:
		o->nt = nt_kind_parse(arg);
		if (o->nt < 0) {
			fprintf(stderr, "unknown non-temporal kernel '%s' (avx512, avx2, sse2, "
				"movdir64b)\n", arg);
			return -1;
		}
		break;
	}
	return 0;
}

/* Results collected for the closing summary. */
struct report {
	struct bench_opts *o;
	struct bench_target *t;
	struct bench_result *all;
	unsigned int n, cap;
	double timer_ns;
	bool header_done;
};

/* One JSON line (compact, '/' unescaped); consumes @o. */
static void emit_line(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void fmt_ns(char *buf, size_t len, double ns)
{
	if (ns >= 1e6)
		snprintf(buf, len, "%.2fms", ns / 1e6);
	else if (ns >= 1e4)
		snprintf(buf, len, "%.1fus", ns / 1e3);
	else
		snprintf(buf, len, "%.0f", ns);
}

static void print_rows(struct report *rp, const struct bench_result *res, unsigned int n)
{
	char sz[24], a[16], b[16], c[16], p50[16], p90[16], p99[16], p999[16];
	unsigned int i;

	if (!rp->header_done) {
		printf("\nper op: median (min-max) over %u rounds in ns; GB/s = 10^9 bytes/s, all "
		       "threads; latency percentiles from fenced single ops, %.0f ns timer overhead "
		       "subtracted\n", res[0].rounds, rp->timer_ns);
		rp->header_done = true;
	}
	ndt_size_str(res[0].size, sz, sizeof(sz));
	printf("\n%s%s, %s, %u thread%s\n", sz, res[0].offset ? " at offset 8" : "",
	       bench_pattern_names[res[0].pattern], res[0].threads, res[0].threads > 1 ? "s" : "");
	printf("  %-23s %-10s %8s %19s %7s %7s %7s %7s %7s%s\n", "variant", "kernel", "ns/op",
	       "(min-max)", "GB/s", "p50", "p90", "p99", "p99.9",
	       rp->o->vs_libpmem ? "  vs libpmem" : "");
	for (i = 0; i < n; i++) {
		const struct bench_result *r = &res[i];
		char range[40];

		fmt_ns(a, sizeof(a), r->ns);
		fmt_ns(b, sizeof(b), r->ns_min);
		fmt_ns(c, sizeof(c), r->ns_max);
		snprintf(range, sizeof(range), "(%s-%s)", b, c);
		fmt_ns(p50, sizeof(p50), r->p50);
		fmt_ns(p90, sizeof(p90), r->p90);
		fmt_ns(p99, sizeof(p99), r->p99);
		fmt_ns(p999, sizeof(p999), r->p999);
		if (!r->samples) {
			strcpy(p50, "-");
			strcpy(p90, "-");
			strcpy(p99, "-");
			strcpy(p999, "-");
		}
		printf("  %-23s %-10s %8s %19s %7.2f %7s %7s %7s %7s", bench_variants[r->variant].name,
		       r->kernel, a, range, r->gbps, p50, p90, p99, p999);
		if (r->vs_libpmem > 0)
			printf("  %6.2fx", r->vs_libpmem);
		printf("%s\n", bench_variants[r->variant].persistent ? "" : "  (not persistent)");
	}
	fflush(stdout);
}

static void json_rows(struct report *rp, const struct bench_result *res, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct bench_result *r = &res[i];
		struct json_object *o = json_object_new_object();

		if (!o)
			return;
		ndt_json_add_string(o, "type", "result");
		ndt_json_add_string(o, "variant", bench_variants[r->variant].name);
		ndt_json_add_string(o, "kernel", r->kernel);
		ndt_json_add_bool(o, "persistent", bench_variants[r->variant].persistent);
		ndt_json_add(o, "size", ndt_json_u64(r->size));
		ndt_json_add_int(o, "offset", r->offset);
		ndt_json_add_string(o, "pattern", bench_pattern_names[r->pattern]);
		ndt_json_add_int(o, "threads", r->threads);
		ndt_json_add_string(o, "target", bench_kind_name(rp->t->kind));
		ndt_json_add(o, "ops", ndt_json_u64(r->ops));
		ndt_json_add_int(o, "rounds", r->rounds);
		ndt_json_add(o, "ns_per_op", json_object_new_double(r->ns));
		ndt_json_add(o, "ns_per_op_min", json_object_new_double(r->ns_min));
		ndt_json_add(o, "ns_per_op_max", json_object_new_double(r->ns_max));
		ndt_json_add(o, "gbps", json_object_new_double(r->gbps));
		ndt_json_add_int(o, "samples", r->samples);
		ndt_json_add(o, "p50_ns", json_object_new_double(r->p50));
		ndt_json_add(o, "p90_ns", json_object_new_double(r->p90));
		ndt_json_add(o, "p99_ns", json_object_new_double(r->p99));
		ndt_json_add(o, "p999_ns", json_object_new_double(r->p999));
		ndt_json_add(o, "timer_overhead_ns", json_object_new_double(rp->timer_ns));
		if (r->vs_libpmem > 0)
			ndt_json_add(o, "vs_libpmem", json_object_new_double(r->vs_libpmem));
		emit_line(o);
	}
	fflush(stdout);
}

static void report_group(void *priv, const struct bench_result *res, unsigned int n)
{
	struct report *rp = priv;

	if (rp->n + n > rp->cap) {
		unsigned int cap = (rp->cap + n) * 2;
		struct bench_result *all = realloc(rp->all, cap * sizeof(*all));

		if (all) {
			rp->all = all;
			rp->cap = cap;
		}
	}
	if (rp->n + n <= rp->cap) {
		memcpy(rp->all + rp->n, res, n * sizeof(*res));
		rp->n += n;
	}
	if (rp->o->json)
		json_rows(rp, res, n);
	else
		print_rows(rp, res, n);
}

static const struct bench_result *find(const struct report *rp, const struct bench_result *like,
				       enum bench_variant v)
{
	unsigned int i;

	for (i = 0; i < rp->n; i++) {
		const struct bench_result *r = &rp->all[i];

		if (r->variant == v && r->size == like->size && r->pattern == like->pattern &&
		    r->threads == like->threads)
			return r;
	}
	return NULL;
}

/*
 * Per group: the fastest persistent copy against pmem_memcpy_persist, and the
 * persistent fill against the raw non-temporal fill of the same mapping.
 */
static void summarize(struct report *rp)
{
	unsigned int i, v;
	bool any = false;

	for (i = 0; i < rp->n; i++) {
		const struct bench_result *r = &rp->all[i], *best = NULL, *lp, *fill, *raw;
		struct json_object *o;
		char sz[24];

		if (i && rp->all[i - 1].size == r->size && rp->all[i - 1].pattern == r->pattern &&
		    rp->all[i - 1].threads == r->threads)
			continue;
		for (v = 0; v < V_NR; v++) {
			const struct bench_result *c = find(rp, r, v);

			if (!c || !bench_variants[v].persistent || bench_variants[v].fill ||
			    v == V_FLUSH || v == V_LP_MEMCPY)
				continue;
			if (!best || c->ns < best->ns)
				best = c;
		}
		lp = find(rp, r, V_LP_MEMCPY);
		fill = find(rp, r, V_NT_FILL);
		raw = find(rp, r, V_NT_FILL_RAW);
		if (!(best && lp) && !(fill && raw))
			continue;
		if (rp->o->json) {
			o = json_object_new_object();
			if (!o)
				return;
			ndt_json_add_string(o, "type", "summary");
			ndt_json_add(o, "size", ndt_json_u64(r->size));
			ndt_json_add_string(o, "pattern", bench_pattern_names[r->pattern]);
			ndt_json_add_int(o, "threads", r->threads);
			if (best && lp) {
				ndt_json_add_string(o, "best_variant",
						    bench_variants[best->variant].name);
				ndt_json_add(o, "best_vs_libpmem_memcpy_persist",
					     json_object_new_double(best->vs_libpmem));
			}
			if (fill && raw)
				ndt_json_add(o, "fill_vs_raw_nt_fill",
					     json_object_new_double(fill->vs_raw));
			emit_line(o);
			continue;
		}
		if (!any) {
			printf("\nsummary (speed ratios, > 1 is faster)\n");
			printf("  %-8s %-4s %3s  %-12s %-28s %s\n", "size", "pat", "thr", "best persist",
			       "vs pmem_memcpy_persist", "nt_fill vs nt_fill_raw");
			any = true;
		}
		ndt_size_str(r->size, sz, sizeof(sz));
		printf("  %-8s %-4s %3u  %-12s ", sz, bench_pattern_names[r->pattern], r->threads,
		       best ? bench_variants[best->variant].name : "-");
		if (best && lp)
			printf("%-28.2f ", best->vs_libpmem);
		else
			printf("%-28s ", "-");
		if (fill && raw)
			printf("%.2f\n", fill->vs_raw);
		else
			printf("-\n");
	}
}

/* Drop the variants this CPU or this run cannot do, saying why. */
static unsigned int usable_variants(struct bench_opts *o, struct bench_target *t,
				    const struct libpmem *lp, bool explicit,
				    struct json_object *skipped)
{
	unsigned int mask = o->variants, v;
	unsigned int f = t->cpu.features;

	for (v = 0; v < V_NR; v++) {
		const char *why = NULL;

		if (!(mask & (1u << v)))
			continue;
		switch (v) {
		case V_CLWB:
			why = cpu_has_flush(f, FLUSH_CLWB) ? NULL : "the CPU lacks CLWB";
			break;
		case V_CLFLUSHOPT:
			why = cpu_has_flush(f, FLUSH_CLFLUSHOPT) ? NULL : "the CPU lacks CLFLUSHOPT";
			break;
		case V_CLFLUSH:
			why = cpu_has_flush(f, FLUSH_CLFLUSH) ? NULL : "the CPU lacks CLFLUSH";
			break;
		case V_MOVDIR64B:
			why = cpu_has_nt(f, NT_MOVDIR64B) ? NULL : "the CPU lacks MOVDIR64B";
			break;
		case V_NT:
		case V_NT_FILL:
		case V_NT_FILL_RAW:
			why = t->nt != NT_NONE ? NULL : "no non-temporal store kernel for this CPU";
			break;
		case V_FLUSH:
			why = t->flush != FLUSH_NONE ? NULL : "no cache flush instruction";
			break;
		case V_LP_MEMCPY:
		case V_LP_MEMSET:
			if (!lp->handle)
				why = o->vs_libpmem || explicit ? "libpmem is not loaded" : "";
			break;
		}
		if (!why)
			continue;
		mask &= ~(1u << v);
		if (!*why)
			continue;
		if (skipped) {
			struct json_object *s = json_object_new_object();

			if (s) {
				ndt_json_add_string(s, "variant", bench_variants[v].name);
				ndt_json_add_string(s, "reason", why);
				json_object_array_add(skipped, s);
			}
		}
		if (!o->json)
			fprintf(stderr, "ndtool bench: skipping %s: %s\n", bench_variants[v].name,
				why);
	}
	return mask;
}

static int apply_overrides(struct bench_opts *o, struct bench_target *t)
{
	if (o->flush >= 0) {
		if (!cpu_has_flush(t->cpu.features, o->flush)) {
			fprintf(stderr, "ndtool bench: --flush %s: this CPU does not have it\n",
				flush_kind_name(o->flush));
			return -1;
		}
		t->flush = o->flush;
	}
	if (o->nt >= 0) {
		if (!cpu_has_nt(t->cpu.features, o->nt)) {
			fprintf(stderr, "ndtool bench: --nt %s: this CPU cannot run it\n",
				nt_kind_name(o->nt));
			return -1;
		}
		t->nt = o->nt;
	}
	return 0;
}

/* Every op size must fit each thread's share of the mapping, twice over. */
static int check_fit(const struct bench_opts *o, const struct bench_target *t)
{
	unsigned int i, j;

	for (i = 0; i < o->nthreads; i++)
		for (j = 0; j < o->nsizes; j++) {
			uint64_t share = t->size / o->threads[i];

			if (o->sizes[j] + 128 <= share / 2)
				continue;
			fprintf(stderr, "ndtool bench: %llu-byte ops with %u thread%s need more than "
				"the %llu bytes mapped; give a larger --size or smaller --sizes\n",
				(unsigned long long)o->sizes[j], o->threads[i],
				o->threads[i] > 1 ? "s" : "", (unsigned long long)t->size);
			return -1;
		}
	return 0;
}

static void defaults(struct bench_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->flush = -1;
	o->nt = -1;
	o->map_size = DEFAULT_MAP_SIZE;
	o->rounds = 9;
	o->samples = 10000;
	o->batch_ms = 2;
}

static void apply_quick(struct bench_opts *o)
{
	static const uint64_t quick[] = { 64, 256, 4096, 65536, 2 << 20 };
	unsigned int i;

	if (!o->nsizes) {
		for (i = 0; i < sizeof(quick) / sizeof(quick[0]); i++)
			o->sizes[i] = quick[i];
		o->nsizes = i;
	}
	if (!o->rounds_set)
		o->rounds = 3;
	if (!o->samples_set)
		o->samples = 1000;
}

/*
 * A terminal that can clear a line gets one progress line redrawn in place; anything
 * else (a file, a pipe, a dumb terminal, or debug messages interleaved with -v) gets
 * each step as a line of its own.
 */
static enum bench_progress progress_mode(const struct bench_opts *o)
{
	const char *term = getenv("TERM");

	if (!isatty(STDERR_FILENO) || o->verbose || !term || !*term || !strcmp(term, "dumb"))
		return BENCH_PROGRESS_LINES;
	return BENCH_PROGRESS_TTY;
}

/* Measure; returns an exit code. */
static int measure(struct bench_opts *o, struct bench_target *t, const struct libpmem *lp)
{
	struct report rp = { .o = o, .t = t };
	struct bench_params p = {
		.sizes = o->sizes,
		.nsizes = o->nsizes,
		.patterns = o->patterns,
		.threads = o->threads,
		.nthreads = o->nthreads,
		.variants = o->variants,
		.rounds = o->rounds,
		.samples = o->samples,
		.batch_ms = o->batch_ms,
		.progress = progress_mode(o),
	};
	int rc;

	if (!p.variants) {
		fprintf(stderr, "ndtool bench: no variant left to measure\n");
		return NDT_EXIT_FAIL;
	}
	rc = bench_run(t, lp, &p, report_group, &rp, &rp.timer_ns);
	if (rc == 0)
		summarize(&rp);
	free(rp.all);
	if (rc < 0) {
		fprintf(stderr, "ndtool bench: %s\n", strerror(-rc));
		return NDT_EXIT_FAIL;
	}
	return NDT_EXIT_OK;
}

static int run_bench(struct bench_opts *o, struct ndt_ctx *ctx, const char *path)
{
	bool explicit_variants = o->variants != 0;
	struct json_object *check, *skipped = NULL;
	struct bench_integrity integ;
	struct bench_target t;
	struct libpmem lp = { 0 };
	char err[512];
	int rc, ex = NDT_EXIT_FAIL;

	rc = bench_target_open(ctx, &t, path, o->map_size);
	if (rc == -EMEDIUMTYPE)
		ex = NDT_EXIT_USAGE;
	if (rc < 0)
		goto out;
	if (apply_overrides(o, &t) < 0) {
		ex = NDT_EXIT_USAGE;
		goto out;
	}
	if (!o->check && !t.created && !o->force) {
		fprintf(stderr, "ndtool bench: measuring overwrites %s%s; give --force to allow it, "
			"or a directory (a temporary file is made there)\n",
			t.chardev ? "the whole device " : "the contents of ", path);
		ex = NDT_EXIT_USAGE;
		goto out;
	}
	if (!o->check && check_fit(o, &t) < 0) {
		ex = NDT_EXIT_USAGE;
		goto out;
	}
	if (o->vs_libpmem || (o->variants & ((1u << V_LP_MEMCPY) | (1u << V_LP_MEMSET)))) {
		if (libpmem_load(&lp, err, sizeof(err)) < 0) {
			fprintf(stderr, "ndtool bench: --vs-libpmem: cannot load libpmem: %s\n", err);
			goto out;
		}
	}
	if (!o->variants) {
		o->variants = (1u << V_NR) - 1;
		o->variants &= ~((1u << V_LP_MEMCPY) | (1u << V_LP_MEMSET));
	}
	/* the reference runs with whatever else was chosen */
	if (o->vs_libpmem)
		o->variants |= (1u << V_LP_MEMCPY) | (1u << V_LP_MEMSET);
	rc = bench_integrity(&t, &integ);
	if (rc < 0) {
		fprintf(stderr, "ndtool bench: integrity check: %s\n", strerror(-rc));
		goto out;
	}
	if (!o->check) {
		skipped = o->json ? json_object_new_array() : NULL;
		o->variants = usable_variants(o, &t, &lp, explicit_variants, skipped);
	}
	if (o->json) {
		check = bench_check_json(&t, &integ, &lp);
		if (check && skipped)
			ndt_json_add(check, "skipped", skipped);
		else
			json_object_put(skipped);
		if (check)
			emit_line(check);
	} else {
		bench_check_print(&t, &integ, lp.handle ? &lp : NULL);
	}
	fflush(stdout);
	if (!bench_integrity_ok(&integ)) {
		fprintf(stderr, "ndtool bench: %s: data written through the mapping did not read back "
			"intact\n", t.file);
		goto out;
	}
	if (o->check) {
		ex = t.kind == BENCH_PAGECACHE ? NDT_EXIT_NOT_DAX : NDT_EXIT_OK;
		goto out;
	}
	if (t.kind == BENCH_PAGECACHE && !o->json)
		printf("note:         %s is not direct access: these are DRAM (page cache) numbers, "
		       "not persistent memory\n", t.file);
	ex = measure(o, &t, &lp);
out:
	bench_target_close(&t);
	libpmem_unload(&lp);
	return ex;
}

int cmd_bench(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct bench_opts o;
	int first, ex;

	defaults(&o);
	first = ndt_opts_parse(&bench_info, argc, argv, bench_opt, &o);
	ex = ndtool_opts_exit("bench", first);
	if (ex >= 0)
		return ex;
	if (argc - first != 1) {
		fprintf(stderr, "ndtool bench: expected one path: a directory or file on a DAX file "
			"system, or a /dev/daxX.Y device\n");
		ndt_opts_usage(stderr, &bench_info);
		return NDT_EXIT_USAGE;
	}
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (o.quick)
		apply_quick(&o);
	if (!o.nsizes)
		default_sizes(&o);
	if (!o.patterns)
		o.patterns = 1u << P_SEQ;
	if (!o.nthreads) {
		o.threads[0] = 1;
		o.nthreads = 1;
	}
	return run_bench(&o, ctx, argv[first]);
}
