// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test helper: write and verify a pattern through a shared mapping of a file or a
 * device-dax character device.
 *   pmem-io write  PATH SIZE SEED [sync]   map SIZE bytes (MAP_SYNC with "sync": fails when
 *                                          the file is not on a DAX mount), fill, msync
 *   pmem-io verify PATH SIZE SEED          map again and compare
 * Exit 0 on success, 1 on a mismatch or error (errno printed), 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

int main(int argc, char **argv)
{
	int write_mode, flags = MAP_SHARED, fd;
	uint64_t seed, *p, i, n;
	size_t size;
	void *m;

	if (argc < 5 || (strcmp(argv[1], "write") && strcmp(argv[1], "verify"))) {
		fprintf(stderr, "usage: pmem-io write|verify PATH SIZE SEED [sync]\n");
		return 2;
	}
	write_mode = strcmp(argv[1], "write") == 0;
	size = strtoull(argv[3], NULL, 0);
	seed = strtoull(argv[4], NULL, 0) | 1;
	if (argc > 5 && strcmp(argv[5], "sync") == 0)
		flags = MAP_SHARED_VALIDATE | MAP_SYNC;
	fd = open(argv[2], O_RDWR | O_CREAT, 0644);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	/* a regular file gets its size first: mapping past the end faults */
	if (write_mode && lseek(fd, 0, SEEK_END) < (off_t)size && ftruncate(fd, size) < 0 &&
	    errno != EINVAL) {
		perror("ftruncate");
		return 1;
	}
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);
	if (m == MAP_FAILED) {
		fprintf(stderr, "mmap %s%s: %s\n", argv[2], flags & MAP_SYNC ? " (MAP_SYNC)" : "",
			strerror(errno));
		return 1;
	}
	p = m;
	n = size / sizeof(*p);
	for (i = 0; i < n; i++) {
		uint64_t v = next(&seed);

		if (write_mode) {
			p[i] = v;
		} else if (p[i] != v) {
			fprintf(stderr, "%s: mismatch at byte %llu\n", argv[2],
				(unsigned long long)(i * sizeof(*p)));
			return 1;
		}
	}
	/* device-dax has no page cache to write back: msync is for files */
	if (write_mode && flags == MAP_SHARED && lseek(fd, 0, SEEK_END) > 0 &&
	    msync(m, size, MS_SYNC) < 0) {
		perror("msync");
		return 1;
	}
	munmap(m, size);
	close(fd);
	return 0;
}
