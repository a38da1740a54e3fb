// SPDX-License-Identifier: GPL-2.0-or-later
/* Cache-line flush loops and non-temporal copy/fill kernels, chosen at run time */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "bench/persist.h"

#define LINE 64UL

#if defined(__x86_64__)
#include <immintrin.h>

static void flush_clflush(const void *addr, size_t len)
{
	uintptr_t p = (uintptr_t)addr & ~(LINE - 1), end = (uintptr_t)addr + len;

	for (; p < end; p += LINE)
		_mm_clflush((const void *)p);
}

__attribute__((target("clflushopt"))) static void flush_clflushopt(const void *addr, size_t len)
{
	uintptr_t p = (uintptr_t)addr & ~(LINE - 1), end = (uintptr_t)addr + len;

	for (; p < end; p += LINE)
		_mm_clflushopt((void *)p);
}

__attribute__((target("clwb"))) static void flush_clwb(const void *addr, size_t len)
{
	uintptr_t p = (uintptr_t)addr & ~(LINE - 1), end = (uintptr_t)addr + len;

	for (; p < end; p += LINE)
		_mm_clwb((void *)p);
}

void persist_fence(void)
{
	_mm_sfence();
}

void persist_full_fence(void)
{
	_mm_mfence();
	_mm_lfence();
}

static persist_flush_fn edge_flush = flush_clflush;

/*
 * Store [d, d + len), which lies within one cache line, with non-temporal stores of 16,
 * 8 and 4 bytes where the address is aligned for them; bytes that are not 4-byte aligned
 * are stored normally and their line is written back. Reads @len bytes at @s, or
 * repeats @c when @s is NULL.
 */
static inline __attribute__((always_inline)) void nt_piece(char *d, const char *s, int c, size_t len)
{
	unsigned char fill[16];
	bool flush = false;
	char *line = d;

	if (!s)
		memset(fill, c, sizeof(fill));
	while (len) {
		uintptr_t a = (uintptr_t)d;
		const void *from = s ? (const void *)s : (const void *)fill;
		size_t n;

		if (!(a & 15) && len >= 16) {
			_mm_stream_si128((__m128i *)d, _mm_loadu_si128((const __m128i *)from));
			n = 16;
		} else if (!(a & 7) && len >= 8) {
			long long v;

			memcpy(&v, from, 8);
			_mm_stream_si64((long long *)d, v);
			n = 8;
		} else if (!(a & 3) && len >= 4) {
			int v;

			memcpy(&v, from, 4);
			_mm_stream_si32((int *)d, v);
			n = 4;
		} else {
			n = 4 - (a & 3);
			if (n > len)
				n = len;
			memcpy(d, from, n);
			flush = true;
		}
		d += n;
		if (s)
			s += n;
		len -= n;
	}
	if (flush)
		edge_flush(line, 1);
}

/*
 * Split [dst, dst + len) into an unaligned head, whole lines and a tail; the head and
 * tail are stored here, copied from *src or (src NULL) filled with @c. Returns the
 * number of whole lines and advances dst (and *src) past the head.
 */
static inline __attribute__((always_inline)) size_t store_edges(char **dst, const char **src,
							       int c, size_t *len)
{
	size_t head = (LINE - ((uintptr_t)*dst & (LINE - 1))) & (LINE - 1);
	size_t lines, tail;

	if (head) {
		if (head > *len)
			head = *len;
		nt_piece(*dst, src ? *src : NULL, c, head);
		*dst += head;
		if (src)
			*src += head;
		*len -= head;
	}
	lines = *len / LINE;
	tail = *len & (LINE - 1);
	if (tail)
		nt_piece(*dst + lines * LINE, src ? *src + lines * LINE : NULL, c, tail);
	return lines;
}

static void copy_nt_sse2(void *d, const void *s, size_t len)
{
	char *dst = d;
	const char *src = s;
	size_t n = store_edges(&dst, &src, 0, &len);

	for (; n; n--, dst += LINE, src += LINE) {
		__m128i a = _mm_loadu_si128((const __m128i *)src);
		__m128i b = _mm_loadu_si128((const __m128i *)(src + 16));
		__m128i c = _mm_loadu_si128((const __m128i *)(src + 32));
		__m128i e = _mm_loadu_si128((const __m128i *)(src + 48));

		_mm_stream_si128((__m128i *)dst, a);
		_mm_stream_si128((__m128i *)(dst + 16), b);
		_mm_stream_si128((__m128i *)(dst + 32), c);
		_mm_stream_si128((__m128i *)(dst + 48), e);
	}
}

__attribute__((target("avx2"))) static void copy_nt_avx2(void *d, const void *s, size_t len)
{
	char *dst = d;
	const char *src = s;
	size_t n = store_edges(&dst, &src, 0, &len);

	/* 4 lines per iteration: 8 loads, then 8 streaming stores, all in registers */
	for (; n >= 4; n -= 4, dst += 4 * LINE, src += 4 * LINE) {
#define LD(i) __m256i r##i = _mm256_loadu_si256((const __m256i *)(src + 32 * i))
#define ST(i) _mm256_stream_si256((__m256i *)(dst + 32 * i), r##i)
		LD(0); LD(1); LD(2); LD(3); LD(4); LD(5); LD(6); LD(7);
		ST(0); ST(1); ST(2); ST(3); ST(4); ST(5); ST(6); ST(7);
#undef LD
#undef ST
	}
	for (; n; n--, dst += LINE, src += LINE) {
		__m256i a = _mm256_loadu_si256((const __m256i *)src);
		__m256i b = _mm256_loadu_si256((const __m256i *)(src + 32));

		_mm256_stream_si256((__m256i *)dst, a);
		_mm256_stream_si256((__m256i *)(dst + 32), b);
	}
}

__attribute__((target("avx512f"))) static void copy_nt_avx512(void *d, const void *s, size_t len)
{
	char *dst = d;
	const char *src = s;
	size_t n = store_edges(&dst, &src, 0, &len);

	/*
	 * 1 KiB per iteration, all loads before the stores: 16 loads in flight hide the
	 * source's latency, and the stores fill whole write-combining lines back to back
	 */
	for (; n >= 16; n -= 16, dst += 16 * LINE, src += 16 * LINE) {
#define LD(i) __m512i r##i = _mm512_loadu_si512((const void *)(src + LINE * i))
#define ST(i) _mm512_stream_si512((void *)(dst + LINE * i), r##i)
		LD(0); LD(1); LD(2); LD(3); LD(4); LD(5); LD(6); LD(7);
		LD(8); LD(9); LD(10); LD(11); LD(12); LD(13); LD(14); LD(15);
		ST(0); ST(1); ST(2); ST(3); ST(4); ST(5); ST(6); ST(7);
		ST(8); ST(9); ST(10); ST(11); ST(12); ST(13); ST(14); ST(15);
#undef LD
#undef ST
	}
	for (; n >= 4; n -= 4, dst += 4 * LINE, src += 4 * LINE) {
		__m512i a = _mm512_loadu_si512((const void *)src);
		__m512i b = _mm512_loadu_si512((const void *)(src + LINE));
		__m512i c = _mm512_loadu_si512((const void *)(src + 2 * LINE));
		__m512i e = _mm512_loadu_si512((const void *)(src + 3 * LINE));

		_mm512_stream_si512((void *)dst, a);
		_mm512_stream_si512((void *)(dst + LINE), b);
		_mm512_stream_si512((void *)(dst + 2 * LINE), c);
		_mm512_stream_si512((void *)(dst + 3 * LINE), e);
	}
	for (; n; n--, dst += LINE, src += LINE)
		_mm512_stream_si512((void *)dst, _mm512_loadu_si512((const void *)src));
}

__attribute__((target("movdir64b"))) static void copy_movdir64b(void *d, const void *s, size_t len)
{
	char *dst = d;
	const char *src = s;
	size_t n = store_edges(&dst, &src, 0, &len);

	for (; n; n--, dst += LINE, src += LINE)
		_movdir64b(dst, src);
}

static void fill_nt_sse2(void *d, int c, size_t len)
{
	char *dst = d;
	size_t n = store_edges(&dst, NULL, c, &len);
	__m128i v = _mm_set1_epi8((char)c);

	for (; n; n--, dst += LINE) {
		_mm_stream_si128((__m128i *)dst, v);
		_mm_stream_si128((__m128i *)(dst + 16), v);
		_mm_stream_si128((__m128i *)(dst + 32), v);
		_mm_stream_si128((__m128i *)(dst + 48), v);
	}
}

__attribute__((target("avx2"))) static void fill_nt_avx2(void *d, int c, size_t len)
{
	char *dst = d;
	size_t n = store_edges(&dst, NULL, c, &len);
	__m256i v = _mm256_set1_epi8((char)c);

	for (; n; n--, dst += LINE) {
		_mm256_stream_si256((__m256i *)dst, v);
		_mm256_stream_si256((__m256i *)(dst + 32), v);
	}
}

__attribute__((target("avx512f"))) static void fill_nt_avx512(void *d, int c, size_t len)
{
	char *dst = d;
	size_t n = store_edges(&dst, NULL, c, &len);
	__m512i v = _mm512_set1_epi32((int)(0x01010101u * (unsigned char)c));

	for (; n >= 4; n -= 4, dst += 4 * LINE) {
		_mm512_stream_si512((void *)dst, v);
		_mm512_stream_si512((void *)(dst + LINE), v);
		_mm512_stream_si512((void *)(dst + 2 * LINE), v);
		_mm512_stream_si512((void *)(dst + 3 * LINE), v);
	}
	for (; n; n--, dst += LINE)
		_mm512_stream_si512((void *)dst, v);
}

__attribute__((target("movdir64b"))) static void fill_movdir64b(void *d, int c, size_t len)
{
	char *dst = d;
	size_t n = store_edges(&dst, NULL, c, &len);
	char line[LINE] __attribute__((aligned(64)));

	memset(line, c, sizeof(line));
	for (; n; n--, dst += LINE)
		_movdir64b(dst, line);
}

static const persist_flush_fn flush_fns[FLUSH_NR] = {
	[FLUSH_CLFLUSH] = flush_clflush,
	[FLUSH_CLFLUSHOPT] = flush_clflushopt,
	[FLUSH_CLWB] = flush_clwb,
};

static const persist_copy_fn copy_fns[NT_NR] = {
	[NT_SSE2] = copy_nt_sse2,
	[NT_AVX2] = copy_nt_avx2,
	[NT_AVX512] = copy_nt_avx512,
	[NT_MOVDIR64B] = copy_movdir64b,
};

static const persist_fill_fn fill_fns[NT_NR] = {
	[NT_SSE2] = fill_nt_sse2,
	[NT_AVX2] = fill_nt_avx2,
	[NT_AVX512] = fill_nt_avx512,
	[NT_MOVDIR64B] = fill_movdir64b,
};

persist_flush_fn persist_get_flush(enum flush_kind kind)
{
	if (kind <= FLUSH_NONE || kind >= FLUSH_NR)
		return NULL;
	return flush_fns[kind];
}

persist_copy_fn persist_get_copy_nt(enum nt_kind kind)
{
	if (kind <= NT_NONE || kind >= NT_NR)
		return NULL;
	return copy_fns[kind];
}

persist_fill_fn persist_get_fill_nt(enum nt_kind kind)
{
	if (kind <= NT_NONE || kind >= NT_NR)
		return NULL;
	return fill_fns[kind];
}

void persist_set_edge_flush(enum flush_kind kind)
{
	if (persist_get_flush(kind))
		edge_flush = persist_get_flush(kind);
}
#else
persist_flush_fn persist_get_flush(enum flush_kind kind)
{
	(void)kind;
	return NULL;
}

persist_copy_fn persist_get_copy_nt(enum nt_kind kind)
{
	(void)kind;
	return NULL;
}

persist_fill_fn persist_get_fill_nt(enum nt_kind kind)
{
	(void)kind;
	return NULL;
}

void persist_set_edge_flush(enum flush_kind kind)
{
	(void)kind;
}

void persist_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void persist_full_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
#endif
