// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * LD_PRELOAD fault injection for the VM tests: make chosen system calls of a command fail
 * on a real kernel, to exercise the paths that clean up after a kernel that refuses.
 *
 *   FAILINJECT="PATTERN:N:ERRNO[,PATTERN:N:ERRNO...]"
 *	the N-th write() or pwrite() (counting from 1) to a file whose path matches the
 *	fnmatch() PATTERN fails with ERRNO (a number or a name: EIO, EBUSY, ENOSPC, ENXIO,
 *	EINVAL, EPERM, ENOMEM); the other writes go through.
 *   FAILINJECT_MEMALIGN=N
 *	the N-th posix_memalign() fails with ENOMEM.
 *
 * Each injected failure is reported on stderr as "failinject: ..." so that a test can
 * tell that its failure really happened.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_RULES 8
#define MAX_FDS 1024

struct rule {
	char pattern[256];
	unsigned int nth, seen;
	int err;
};

static struct rule rules[MAX_RULES];
static unsigned int nrules;
static char *fd_path[MAX_FDS];
static unsigned int memalign_nth, memalign_seen;
static int loaded;

static int errno_of(const char *s)
{
	static const struct {
		const char *name;
		int err;
	} names[] = {
		{ "EIO", EIO },	      { "EBUSY", EBUSY },   { "ENOSPC", ENOSPC }, { "ENXIO", ENXIO },
		{ "EINVAL", EINVAL }, { "EPERM", EPERM },   { "ENOMEM", ENOMEM },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].err;
	return atoi(s) > 0 ? atoi(s) : EIO;
}

static void load(void)
{
	const char *env = getenv("FAILINJECT"), *m = getenv("FAILINJECT_MEMALIGN");
	char *copy, *item, *save = NULL;

	loaded = 1;
	if (m)
		memalign_nth = (unsigned int)atoi(m);
	if (!env)
		return;
	copy = strdup(env);
	for (item = strtok_r(copy, ",", &save); item && nrules < MAX_RULES;
	     item = strtok_r(NULL, ",", &save)) {
		char *c2 = strrchr(item, ':'), *c1;

		if (!c2)
			continue;
		*c2 = '\0';
		c1 = strrchr(item, ':');
		if (!c1)
			continue;
		*c1 = '\0';
		snprintf(rules[nrules].pattern, sizeof(rules[nrules].pattern), "%s", item);
		rules[nrules].nth = (unsigned int)atoi(c1 + 1);
		rules[nrules].err = errno_of(c2 + 1);
		nrules++;
	}
	free(copy);
}

static void remember(int fd, const char *path)
{
	if (fd < 0 || fd >= MAX_FDS)
		return;
	free(fd_path[fd]);
	fd_path[fd] = strdup(path);
}

/* Whether this write to @fd is one to fail; sets errno then. */
static int inject(int fd)
{
	unsigned int i;

	if (!loaded)
		load();
	if (fd < 0 || fd >= MAX_FDS || !fd_path[fd])
		return 0;
	for (i = 0; i < nrules; i++) {
		if (fnmatch(rules[i].pattern, fd_path[fd], 0) != 0)
			continue;
		if (++rules[i].seen != rules[i].nth)
			continue;
		fprintf(stderr, "failinject: write %u to %s fails with %s\n", rules[i].nth,
			fd_path[fd], strerror(rules[i].err));
		errno = rules[i].err;
		return 1;
	}
	return 0;
}

int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;
	int fd;

	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	fd = real(path, flags, mode);
	remember(fd, path);
	return fd;
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

int close(int fd)
{
	static int (*real)(int);

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < MAX_FDS) {
		free(fd_path[fd]);
		fd_path[fd] = NULL;
	}
	return real(fd);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (inject(fd))
		return -1;
	return real(fd, buf, len);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (!real)
		real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	if (inject(fd))
		return -1;
	return real(fd, buf, len, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off_t off) __attribute__((alias("pwrite")));

int posix_memalign(void **p, size_t align, size_t size)
{
	static int (*real)(void **, size_t, size_t);

	if (!real)
		real = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
	if (!loaded)
		load();
	if (memalign_nth && ++memalign_seen == memalign_nth) {
		fprintf(stderr, "failinject: posix_memalign %u fails with ENOMEM\n", memalign_nth);
		return ENOMEM;
	}
	return real(p, align, size);
}
