/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Binary and text fixtures of the unit tests, under $srcdir/test/unit/data/<dir>. Binary
 * ones are stored xz-compressed and decompressed by running `xz -dc` (xz-utils is on every
 * Debian system; configure does not look for liblzma, so the tests do not link it). The
 * child is started with fork/exec, not through a shell, so the source path needs no
 * quoting.
 */
#ifndef NDTOOL_TEST_FIXTURE_H
#define NDTOOL_TEST_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static inline void fixture_path_in(char *buf, size_t len, const char *dir, const char *file)
{
	const char *src = getenv("srcdir");

	snprintf(buf, len, "%s/test/unit/data/%s/%s", src ? src : ".", dir, file);
}

/* Read a whole stream into a new buffer; NULL on error. */
static inline uint8_t *fixture_slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, got;
	uint8_t *buf = malloc(cap), *bigger;

	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n < cap)
			continue;
		bigger = realloc(buf, cap * 2);
		if (!bigger) {
			free(buf);
			return NULL;
		}
		buf = bigger;
		cap *= 2;
	}
	if (buf && ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The decompressed @dir/@name.bin.xz; NULL on error (reported on stderr). */
static inline uint8_t *fixture_xz_in(const char *dir, const char *name, size_t *len)
{
	char path[4096], file[256];
	uint8_t *buf;
	int fd[2], status;
	pid_t pid;
	FILE *f;

	snprintf(file, sizeof(file), "%s.bin.xz", name);
	fixture_path_in(path, sizeof(path), dir, file);
	if (pipe(fd) < 0)
		return NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (pid == 0) {
		close(fd[0]);
		if (dup2(fd[1], STDOUT_FILENO) < 0)
			_exit(127);
		close(fd[1]);
		execlp("xz", "xz", "-dc", "--", path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	buf = f ? fixture_slurp(f, len) : NULL;
	if (f)
		fclose(f);
	else
		close(fd[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "xz -dc %s failed\n", path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* The text fixture @dir/@file, NUL-terminated; NULL on error. */
static inline char *fixture_text_in(const char *dir, const char *file)
{
	char path[4096];
	size_t len;
	uint8_t *buf, *text;
	FILE *f;

	fixture_path_in(path, sizeof(path), dir, file);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	buf = fixture_slurp(f, &len);
	fclose(f);
	if (!buf)
		return NULL;
	text = realloc(buf, len + 1);
	if (!text) {
		free(buf);
		return NULL;
	}
	text[len] = '\0';
	return (char *)text;
}

#endif
