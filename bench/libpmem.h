/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_BENCH_LIBPMEM_H
#define NDTOOL_BENCH_LIBPMEM_H

#include <stddef.h>

/* libpmem's persist entry points, loaded at run time (no build dependency). */
struct libpmem {
	void *handle;
	void *(*memcpy_persist)(void *dst, const void *src, size_t len);
	void *(*memset_persist)(void *dst, int c, size_t len);
	int (*has_auto_flush)(void);
	char path[256];		/* the file dlopen() resolved, for the report */
};

/*
 * dlopen() libpmem.so.1 (or $NDTOOL_LIBPMEM). Returns 0, or -1 with a reason in
 * @err (what dlerror() said, or the missing symbol).
 */
int libpmem_load(struct libpmem *lp, char *err, size_t len);
void libpmem_unload(struct libpmem *lp);

#endif
