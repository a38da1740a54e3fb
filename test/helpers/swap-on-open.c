// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * LD_PRELOAD helper for the VM tests: replaces a file at the moment a program first opens
 * it, as another process could at any time. Just before the first open() or openat() of
 * the path $SWAP_PATH (compared as given), $SWAP_WITH is renamed over it; the program then
 * opens whatever is there. A program that looked at the path before opening it (stat,
 * then open) sees one object and opens another; one that opens first sees only the new
 * object. Built by 'make check', used by test/bats/bench-a.bats.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef int (*openat_fn)(int dfd, const char *path, int flags, ...);

static void swap(const char *path)
{
	static int done;
	const char *target = getenv("SWAP_PATH"), *with = getenv("SWAP_WITH");

	if (done || !path || !target || !with || strcmp(path, target) != 0)
		return;
	done = 1;
	if (rename(with, target) < 0)
		perror("swap-on-open: rename");
}

static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, mode_t) : 0;
}

/* Every open below goes through the real openat(), after the swap. */
static int swap_and_open(int dfd, const char *path, int flags, mode_t mode)
{
	static openat_fn real;

	if (!real)
		real = (openat_fn)dlsym(RTLD_NEXT, "openat");
	swap(path);
	return real(dfd, path, flags, mode);
}

/* One wrapper per entry point: @params is its parameter list, @at the directory fd. */
#define WRAP(name, params, at)                                                         \
	int name params                                                                 \
	{                                                                              \
		va_list ap;                                                            \
		mode_t mode;                                                           \
                                                                                       \
		va_start(ap, flags);                                                   \
		mode = mode_arg(flags, ap);                                            \
		va_end(ap);                                                            \
		return swap_and_open(at, path, flags, mode);                           \
	}

WRAP(open, (const char *path, int flags, ...), AT_FDCWD)
WRAP(open64, (const char *path, int flags, ...), AT_FDCWD)
WRAP(openat, (int dfd, const char *path, int flags, ...), dfd)
WRAP(openat64, (int dfd, const char *path, int flags, ...), dfd)
