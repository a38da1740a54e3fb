// SPDX-License-Identifier: GPL-2.0-or-later
/* CPU-feature selection, and every store kernel this CPU can run against memcpy/memset */
#include <stdlib.h>
#include "tap.h"
#include "bench/cpu.h"
#include "bench/persist.h"

#define ALL (CPU_CLFLUSH | CPU_CLFLUSHOPT | CPU_CLWB | CPU_SSE2 | CPU_AVX2 | CPU_AVX512F | \
	     CPU_MOVDIR64B)

static void selection(void)
{
	char buf[128];

	is_int(cpu_choose_flush(ALL), FLUSH_CLWB, "CLWB is preferred when present");
	is_int(cpu_choose_flush(CPU_CLFLUSH | CPU_CLFLUSHOPT), FLUSH_CLFLUSHOPT,
	       "CLFLUSHOPT without CLWB");
	is_int(cpu_choose_flush(CPU_CLFLUSH | CPU_SSE2), FLUSH_CLFLUSH, "CLFLUSH only");
	is_int(cpu_choose_flush(CPU_CLWB), FLUSH_CLWB, "CLWB alone");
	is_int(cpu_choose_flush(0), FLUSH_NONE, "no flush instruction");

	is_int(cpu_choose_nt(ALL), NT_AVX512, "AVX-512 is preferred");
	is_int(cpu_choose_nt(ALL & ~CPU_AVX512F), NT_AVX2, "AVX2 without AVX-512");
	is_int(cpu_choose_nt(CPU_CLFLUSH | CPU_SSE2), NT_SSE2, "SSE2 is the floor");
	is_int(cpu_choose_nt(CPU_CLFLUSH | CPU_SSE2 | CPU_MOVDIR64B), NT_SSE2,
	       "MOVDIR64B is never chosen automatically");
	is_int(cpu_choose_nt(CPU_SSE2 | CPU_AVX2), NT_NONE,
	       "no NT kernel without a flush for unaligned edges");
	is_int(cpu_choose_nt(0), NT_NONE, "nothing without SSE2");

	ok(cpu_has_nt(ALL, NT_MOVDIR64B), "MOVDIR64B usable when present");
	ok(!cpu_has_nt(ALL & ~CPU_MOVDIR64B, NT_MOVDIR64B), "MOVDIR64B absent");
	ok(!cpu_has_flush(CPU_CLFLUSH, FLUSH_CLWB), "CLWB absent");
	ok(!cpu_has_flush(ALL, FLUSH_NONE) && !cpu_has_flush(ALL, FLUSH_NR), "out of range");

	is_str(flush_kind_name(FLUSH_CLFLUSHOPT), "clflushopt", "flush name");
	is_str(nt_kind_name(NT_AVX512), "avx512", "nt name");
	is_str(nt_kind_name(NT_NONE), "none", "none name");
	is_int(flush_kind_parse("clwb"), FLUSH_CLWB, "parse clwb");
	is_int(nt_kind_parse("movdir64b"), NT_MOVDIR64B, "parse movdir64b");
	is_int(nt_kind_parse("avx1024"), -1, "parse unknown");

	cpu_features_str(CPU_CLWB | CPU_AVX2, buf, sizeof(buf));
	is_str(buf, "clwb avx2", "feature string");
	cpu_features_str(0, buf, sizeof(buf));
	is_str(buf, "", "no features");
	cpu_features_str(ALL, buf, 10);
	ok(strlen(buf) < 10, "feature string truncates safely");
}

/* Every offset 0..64 and lengths around line boundaries, guard bytes intact. */
static int kernel_ok(persist_copy_fn copy, persist_fill_fn fill)
{
	static const size_t lens[] = { 0, 1, 7, 8, 63, 64, 65, 127, 128, 129, 255, 256, 257,
				       511, 512, 513, 1000, 4096, 4104, 8191 };
	unsigned char *dst = aligned_alloc(64, 16384), *want = aligned_alloc(64, 16384);
	unsigned char *src = aligned_alloc(64, 16384);
	size_t off, i, j;
	int good = 1;

	for (j = 0; j < 16384; j++)
		src[j] = (unsigned char)(j * 7 + 3);
	for (off = 0; off <= 64 && good; off++) {
		for (i = 0; i < sizeof(lens) / sizeof(lens[0]) && good; i++) {
			memset(dst, 0xee, 16384);
			memset(want, 0xee, 16384);
			if (copy) {
				copy(dst + 64 + off, src + off, lens[i]);
				memcpy(want + 64 + off, src + off, lens[i]);
			} else {
				fill(dst + 64 + off, 0x5a, lens[i]);
				memset(want + 64 + off, 0x5a, lens[i]);
			}
			persist_fence();
			if (memcmp(dst, want, 16384)) {
				printf("#   offset %zu length %zu differs\n", off, lens[i]);
				good = 0;
			}
		}
	}
	free(dst);
	free(want);
	free(src);
	return good;
}

static void kernels(void)
{
	struct cpu_info cpu;
	char name[64];
	int k;

	cpu_detect(&cpu);
	printf("# this CPU: %s (features 0x%x)\n", cpu.model, cpu.features);
	persist_set_edge_flush(cpu_choose_flush(cpu.features));
	for (k = 0; k < NT_NR; k++) {
		if (!cpu_has_nt(cpu.features, k)) {
			printf("ok %d - # skip %s: not supported by this CPU\n", ++tap_n,
			       nt_kind_name(k));
			printf("ok %d - # skip %s fill: not supported by this CPU\n", ++tap_n,
			       nt_kind_name(k));
			continue;
		}
		snprintf(name, sizeof(name), "%s copy equals memcpy at every alignment",
			 nt_kind_name(k));
		ok(kernel_ok(persist_get_copy_nt(k), NULL), name);
		snprintf(name, sizeof(name), "%s fill equals memset at every alignment",
			 nt_kind_name(k));
		ok(kernel_ok(NULL, persist_get_fill_nt(k)), name);
	}
	for (k = 0; k < FLUSH_NR; k++) {
		unsigned char buf[256] __attribute__((aligned(64)));

		if (!cpu_has_flush(cpu.features, k)) {
			printf("ok %d - # skip %s: not supported by this CPU\n", ++tap_n,
			       flush_kind_name(k));
			continue;
		}
		memset(buf, 0x11, sizeof(buf));
		persist_get_flush(k)(buf + 3, 200);
		persist_fence();
		snprintf(name, sizeof(name), "%s keeps the data it writes back", flush_kind_name(k));
		ok(buf[0] == 0x11 && buf[255] == 0x11, name);
	}
	ok(persist_get_copy_nt(NT_NONE) == NULL && persist_get_flush(FLUSH_NR) == NULL,
	   "no kernel for out-of-range kinds");
}

int main(void)
{
	selection();
	kernels();
	return done();
}
