/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_BENCH_PERSIST_H
#define NDTOOL_BENCH_PERSIST_H

#include <stddef.h>
#include "bench/cpu.h"

/*
 * Store kernels for persistent memory. None of them fences: the caller ends every
 * persist with persist_fence() (SFENCE), the completion point of CLWB, CLFLUSHOPT and
 * non-temporal stores (CLFLUSH is ordered on its own; the fence costs nothing extra).
 */
typedef void (*persist_flush_fn)(const void *addr, size_t len);
typedef void (*persist_copy_fn)(void *dst, const void *src, size_t len);
typedef void (*persist_fill_fn)(void *dst, int c, size_t len);

/* Write back (or flush) every cache line of [addr, addr + len). */
persist_flush_fn persist_get_flush(enum flush_kind kind);

/*
 * Non-temporal copy/fill: whole 64-byte lines with the vector stores of @kind; a partial
 * line at either end with 16-, 8- and 4-byte non-temporal stores where aligned, and the
 * few bytes that are not 4-byte aligned stored normally and written back with the
 * flush set by persist_set_edge_flush().
 */
persist_copy_fn persist_get_copy_nt(enum nt_kind kind);
persist_fill_fn persist_get_fill_nt(enum nt_kind kind);
void persist_set_edge_flush(enum flush_kind kind);

void persist_fence(void);
/* MFENCE + LFENCE: nothing before it is pending when a timestamp follows. */
void persist_full_fence(void);

#endif
