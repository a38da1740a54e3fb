// SPDX-License-Identifier: GPL-2.0-or-later
/* CPU features for persisting stores, and the choice among them */
#include <stdio.h>
#include <string.h>
#include "bench/cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long xgetbv0(void)
{
	unsigned int lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return ((unsigned long long)hi << 32) | lo;
}

void cpu_detect(struct cpu_info *cpu)
{
	unsigned int a, b, c, d, max, i;
	unsigned long long xcr0 = 0;

	memset(cpu, 0, sizeof(*cpu));
	max = __get_cpuid_max(0, (unsigned int *)&b);
	if (max < 1)
		return;
	__cpuid(0, a, b, c, d);
	memcpy(cpu->vendor, &b, 4);
	memcpy(cpu->vendor + 4, &d, 4);
	memcpy(cpu->vendor + 8, &c, 4);

	__cpuid(1, a, b, c, d);
	if (d & (1u << 19))
		cpu->features |= CPU_CLFLUSH;
	if (d & (1u << 26))
		cpu->features |= CPU_SSE2;
	/* OSXSAVE: XCR0 tells which register state the kernel saves */
	if (c & (1u << 27))
		xcr0 = xgetbv0();
	if (max >= 7) {
		__cpuid_count(7, 0, a, b, c, d);
		if (b & (1u << 23))
			cpu->features |= CPU_CLFLUSHOPT;
		if (b & (1u << 24))
			cpu->features |= CPU_CLWB;
		/* ymm: XCR0 bits 1-2; zmm: also bits 5-7 */
		if ((b & (1u << 5)) && (xcr0 & 0x6) == 0x6)
			cpu->features |= CPU_AVX2;
		if ((b & (1u << 16)) && (xcr0 & 0xe6) == 0xe6)
			cpu->features |= CPU_AVX512F;
		if (c & (1u << 28))
			cpu->features |= CPU_MOVDIR64B;
	}

	if (__get_cpuid_max(0x80000000, NULL) >= 0x80000004) {
		unsigned int *p = (unsigned int *)cpu->model;

		for (i = 0; i < 3; i++)
			__cpuid(0x80000002 + i, p[4 * i], p[4 * i + 1], p[4 * i + 2], p[4 * i + 3]);
		cpu->model[48] = '\0';
		/* the brand string is padded with spaces, at either end */
		for (i = (unsigned int)strlen(cpu->model); i && cpu->model[i - 1] == ' '; i--)
			cpu->model[i - 1] = '\0';
		for (i = 0; cpu->model[i] == ' '; i++)
			;
		memmove(cpu->model, cpu->model + i, strlen(cpu->model + i) + 1);
	}
}
#else
void cpu_detect(struct cpu_info *cpu)
{
	memset(cpu, 0, sizeof(*cpu));
}
#endif

static const unsigned int flush_needs[FLUSH_NR] = {
	[FLUSH_CLFLUSH] = CPU_CLFLUSH,
	[FLUSH_CLFLUSHOPT] = CPU_CLFLUSHOPT,
	[FLUSH_CLWB] = CPU_CLWB,
};

/* NT stores only need a fence to complete; SSE2 is the x86-64 baseline. */
static const unsigned int nt_needs[NT_NR] = {
	[NT_SSE2] = CPU_SSE2,
	[NT_AVX2] = CPU_AVX2,
	[NT_AVX512] = CPU_AVX512F,
	[NT_MOVDIR64B] = CPU_MOVDIR64B,
};

static const char *const flush_names[FLUSH_NR] = { "clflush", "clflushopt", "clwb" };
static const char *const nt_names[NT_NR] = { "sse2", "avx2", "avx512", "movdir64b" };

bool cpu_has_flush(unsigned int features, enum flush_kind kind)
{
	if (kind <= FLUSH_NONE || kind >= FLUSH_NR)
		return false;
	return (features & flush_needs[kind]) == flush_needs[kind];
}

bool cpu_has_nt(unsigned int features, enum nt_kind kind)
{
	if (kind <= NT_NONE || kind >= NT_NR)
		return false;
	/* every NT kernel finishes unaligned heads and tails with a cache-line flush */
	if (cpu_choose_flush(features) == FLUSH_NONE)
		return false;
	return (features & nt_needs[kind]) == nt_needs[kind];
}

enum flush_kind cpu_choose_flush(unsigned int features)
{
	int k;

	for (k = FLUSH_NR - 1; k >= 0; k--)
		if (features & flush_needs[k])
			return k;
	return FLUSH_NONE;
}

enum nt_kind cpu_choose_nt(unsigned int features)
{
	int k;

	/* MOVDIR64B is opt-in: it is not faster than vector NT stores where measured */
	for (k = NT_AVX512; k >= 0; k--)
		if (cpu_has_nt(features, k))
			return k;
	return NT_NONE;
}

const char *flush_kind_name(enum flush_kind kind)
{
	if (kind <= FLUSH_NONE || kind >= FLUSH_NR)
		return "none";
	return flush_names[kind];
}

const char *nt_kind_name(enum nt_kind kind)
{
	if (kind <= NT_NONE || kind >= NT_NR)
		return "none";
	return nt_names[kind];
}

int flush_kind_parse(const char *name)
{
	int k;

	for (k = 0; k < FLUSH_NR; k++)
		if (strcmp(name, flush_names[k]) == 0)
			return k;
	return -1;
}

int nt_kind_parse(const char *name)
{
	int k;

	for (k = 0; k < NT_NR; k++)
		if (strcmp(name, nt_names[k]) == 0)
			return k;
	return -1;
}

void cpu_features_str(unsigned int features, char *buf, unsigned int len)
{
	static const char *const names[] = {
		"clflush", "clflushopt", "clwb", "sse2", "avx2", "avx512f", "movdir64b",
	};
	unsigned int i, off = 0;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int n;

		if (!(features & (1u << i)))
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off ? " " : "", names[i]);
		if (n < 0 || (unsigned int)n >= len - off)
			return;
		off += n;
	}
}
