/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_BENCH_CPU_H
#define NDTOOL_BENCH_CPU_H

#include <stdbool.h>

/* CPU features that matter for persisting stores (x86-64). */
enum {
	CPU_CLFLUSH = 1 << 0,
	CPU_CLFLUSHOPT = 1 << 1,
	CPU_CLWB = 1 << 2,
	CPU_SSE2 = 1 << 3,
	CPU_AVX2 = 1 << 4,	/* CPUID bit and the OS saves the ymm state */
	CPU_AVX512F = 1 << 5,	/* CPUID bit and the OS saves the zmm state */
	CPU_MOVDIR64B = 1 << 6,
};

/* Cache-line write-back/flush instructions, in order of preference (best last). */
enum flush_kind {
	FLUSH_NONE = -1,
	FLUSH_CLFLUSH,
	FLUSH_CLFLUSHOPT,
	FLUSH_CLWB,
	FLUSH_NR,
};

/* Non-temporal store kernels; MOVDIR64B is never chosen automatically. */
enum nt_kind {
	NT_NONE = -1,
	NT_SSE2,
	NT_AVX2,
	NT_AVX512,
	NT_MOVDIR64B,
	NT_NR,
};

struct cpu_info {
	unsigned int features;	/* CPU_* */
	char vendor[13];
	char model[49];
};

/* Read CPUID (and XCR0 for the vector state) of this CPU. */
void cpu_detect(struct cpu_info *cpu);

/* The best flush instruction / NT kernel available in @features (FLUSH_NONE / NT_NONE). */
enum flush_kind cpu_choose_flush(unsigned int features);
enum nt_kind cpu_choose_nt(unsigned int features);

/* Whether @features can run @kind. */
bool cpu_has_flush(unsigned int features, enum flush_kind kind);
bool cpu_has_nt(unsigned int features, enum nt_kind kind);

const char *flush_kind_name(enum flush_kind kind);
const char *nt_kind_name(enum nt_kind kind);
/* Parse a name as printed; -1 when unknown. */
int flush_kind_parse(const char *name);
int nt_kind_parse(const char *name);

/* "clflush clflushopt clwb sse2 avx2 avx512f movdir64b" for the bits set, into @buf. */
void cpu_features_str(unsigned int features, char *buf, unsigned int len);

#endif
