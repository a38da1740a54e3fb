// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool bench: open and map the target, and find out what it is */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "bench/bench.h"

#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif
#ifndef STATX_ATTR_DAX
#define STATX_ATTR_DAX 0x00200000
#endif

const char *bench_kind_name(enum bench_kind kind)
{
	switch (kind) {
	case BENCH_DEVDAX:
		return "devdax";
	case BENCH_FSDAX:
		return "fsdax";
	default:
		return "pagecache";
	}
}

/* Whether the comma-separated list @list holds the option @opt of @n bytes. */
static bool has_option(const char *list, const char *opt, size_t n)
{
	while (*list) {
		size_t m = strcspn(list, ",");

		if (m == n && strncmp(list, opt, n) == 0)
			return true;
		list += m + (list[m] == ',');
	}
	return false;
}

/* Undo octal escapes of /proc/self/mountinfo ("\040" is a space). */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] && s[3]) {
			*d = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d = *s;
		}
	}
	*d = '\0';
}

/*
 * @a and then @b, comma-separated lists of mount options, into @buf with each option
 * once, in order: "rw,relatime" and "rw,dax=always" give "rw,relatime,dax=always".
 */
void bench_join_options(char *buf, size_t len, const char *a, const char *b)
{
	const char *lists[] = { a, b };
	size_t used = 0, i;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < 2; i++) {
		const char *p = lists[i];

		while (*p) {
			size_t n = strcspn(p, ",");

			if (n && !has_option(buf, p, n) && used + !!used + n < len) {
				used += snprintf(buf + used, len - used, "%s%.*s", used ? "," : "",
						 (int)n, p);
			}
			p += n + (p[n] == ',');
		}
	}
}

/* The mount holding @file: same device, longest mount point that prefixes its path. */
static void find_mount(struct bench_target *t)
{
	char real[PATH_MAX], line[8192];
	size_t best = 0;
	FILE *f;

	if (!realpath(t->file, real))
		snprintf(real, sizeof(real), "%s", t->file);
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char mnt[PATH_MAX], opts[256], fstype[32], src[PATH_MAX], sopts[256];
		unsigned int maj, min;
		char *sep;
		size_t n;

		if (sscanf(line, "%*u %*u %u:%u %*s %4095s %255s", &maj, &min, mnt, opts) != 4)
			continue;
		sep = strstr(line, " - ");
		if (!sep || sscanf(sep, " - %31s %4095s %255s", fstype, src, sopts) != 3)
			continue;
		if (makedev(maj, min) != t->dev)
			continue;
		unescape(mnt);
		n = strlen(mnt);
		if (strncmp(real, mnt, n) != 0 || (real[n] != '/' && real[n] && n > 1))
			continue;
		if (n < best)
			continue;
		best = n;
		snprintf(t->mount_point, sizeof(t->mount_point), "%s", mnt);
		snprintf(t->fstype, sizeof(t->fstype), "%s", fstype);
		unescape(src);
		snprintf(t->mount_source, sizeof(t->mount_source), "%s", src);
		bench_join_options(t->mount_opts, sizeof(t->mount_opts), opts, sopts);
	}
	fclose(f);
}

static const char *domain_name(enum ndt_persistence_domain d)
{
	switch (d) {
	case NDT_PERSISTENCE_CPU_CACHE:
		return "cpu_cache";
	case NDT_PERSISTENCE_MEMCTRL:
		return "memory_controller";
	case NDT_PERSISTENCE_NONE:
		return "none";
	default:
		return "unknown";
	}
}

static const char *mode_name(enum ndt_namespace_mode m)
{
	static const char *const names[] = { "raw", "sector", "fsdax", "devdax", "unknown" };

	return names[m <= NDT_NS_MODE_UNKNOWN ? m : NDT_NS_MODE_UNKNOWN];
}

static void find_namespace(struct ndt_ctx *ctx, struct bench_target *t)
{
	struct ndt_namespace *ns = ndt_namespace_from_devnum(ctx, t->dev, t->chardev);
	struct ndt_region *region;
	struct ndt_claim *claim;

	t->deep_flush = -ENOENT;
	if (!ns)
		return;
	region = ndt_namespace_get_region(ns);
	snprintf(t->ns_name, sizeof(t->ns_name), "%s", ndt_namespace_get_devname(ns));
	snprintf(t->ns_mode, sizeof(t->ns_mode), "%s", mode_name(ndt_namespace_get_mode(ns)));
	snprintf(t->region_name, sizeof(t->region_name), "%s", ndt_region_get_devname(region));
	t->persistence_domain = domain_name(ndt_region_get_persistence_domain(region));
	t->deep_flush = ndt_region_get_deep_flush(region);
	claim = ndt_namespace_get_claim(ns);
	if (!claim || ndt_claim_get_block_device(claim, t->blockdev, sizeof(t->blockdev)) < 0)
		if (ndt_namespace_get_block_device(ns, t->blockdev, sizeof(t->blockdev)) < 0)
			t->blockdev[0] = '\0';
}

/* Map with MAP_SYNC when the file system allows it, else a plain shared mapping. */
static int map_target(struct bench_target *t)
{
	void *p;

	p = mmap(NULL, t->size, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | MAP_SYNC, t->fd, 0);
	if (p != MAP_FAILED) {
		t->map_sync_errno = 0;
		t->map_flags = MAP_SHARED_VALIDATE | MAP_SYNC;
	} else {
		t->map_sync_errno = errno;
		t->map_flags = MAP_SHARED;
		p = mmap(NULL, t->size, PROT_READ | PROT_WRITE, MAP_SHARED, t->fd, 0);
		if (p == MAP_FAILED) {
			int rc = -errno;

			fprintf(stderr, "ndtool bench: cannot map %s: %s\n", t->file,
				strerror(errno));
			return rc;
		}
	}
	t->map = p;
	return 0;
}

int bench_target_remap(struct bench_target *t)
{
	void *p;

	if (t->map)
		munmap(t->map, t->size);
	t->map = NULL;
	p = mmap(NULL, t->size, PROT_READ | PROT_WRITE, t->map_flags, t->fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	t->map = p;
	return 0;
}

static int statx_dax(int fd)
{
	struct statx stx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx) < 0)
		return -1;
	if (!(stx.stx_attributes_mask & STATX_ATTR_DAX))
		return -1;
	return !!(stx.stx_attributes & STATX_ATTR_DAX);
}

/* A new file: give it blocks now so that page faults do not allocate while timing. */
static int size_new_file(struct bench_target *t)
{
	int rc = posix_fallocate(t->fd, 0, (off_t)t->size);

	if (rc == EOPNOTSUPP || rc == EINVAL)
		rc = ftruncate(t->fd, (off_t)t->size) < 0 ? errno : 0;
	if (rc) {
		fprintf(stderr, "ndtool bench: cannot allocate %llu bytes for %s: %s\n",
			(unsigned long long)t->size, t->file, strerror(rc));
		return -rc;
	}
	return 0;
}

int bench_reopen(const char *path, int pathfd, int flags)
{
	struct stat was, now;
	char proc[32];
	int fd;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pathfd);
	fd = open(proc, flags | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0)
		return fd;
	if (errno != ENOENT)
		return -errno;
	/* no /proc: the path again, as long as it still leads to the same inode */
	fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(pathfd, &was) == 0 && fstat(fd, &now) == 0 && was.st_dev == now.st_dev &&
	    was.st_ino == now.st_ino)
		return fd;
	close(fd);
	return -ESTALE;
}

static int open_failed(const struct bench_target *t, const char *what, int rc)
{
	fprintf(stderr, "ndtool bench: cannot %s %s: %s\n", what, t->path,
		rc == -ESTALE ? "it changed while it was being opened" : strerror(-rc));
	return rc;
}

/* A path that does not exist: a new file there, removed at exit. */
static int create_file(struct bench_target *t)
{
	snprintf(t->file, sizeof(t->file), "%s", t->path);
	t->fd = open(t->file, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (t->fd < 0)
		return open_failed(t, "create", -errno);
	t->remove_at_exit = t->created = true;
	return 0;
}

/* A temporary file in the directory @dirfd, unlinked at once: nothing is left behind. */
static int create_temp(struct bench_target *t, int dirfd)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789";
	char name[] = ".ndtool-bench.XXXXXX", *x = strchr(name, 'X');
	uint64_t r;
	unsigned int tries, i;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r))
		r = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	for (tries = 0; tries < 100; tries++) {
		for (i = 0; x[i]; i++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			x[i] = set[(r >> 33) % (sizeof(set) - 1)];
		}
		t->fd = openat(dirfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			       0600);
		if (t->fd >= 0 || errno != EEXIST)
			break;
	}
	if (t->fd < 0)
		return open_failed(t, "create a file in", -errno);
	unlinkat(dirfd, name, 0);
	t->created = true;
	snprintf(t->file, sizeof(t->file), "%s/%s", t->path, name);
	return 0;
}

/* Size the mapping of the file open in @t->fd: a new one gets @size bytes. */
static int size_file(struct bench_target *t, uint64_t size)
{
	struct stat st;

	if (fstat(t->fd, &st) < 0)
		return open_failed(t, "examine", -errno);
	t->dev = st.st_dev;
	if (t->created) {
		t->size = size;
		if (size_new_file(t) < 0)
			return -ENOSPC;
	} else {
		if (st.st_size <= 0) {
			fprintf(stderr, "ndtool bench: %s is empty: give a directory (a temporary file "
				"is made there) or a file of at least the benchmark size\n", t->file);
			return -EINVAL;
		}
		t->size = (uint64_t)st.st_size < size ? (uint64_t)st.st_size : size;
	}
	t->align = (uint64_t)sysconf(_SC_PAGESIZE);
	t->size &= ~(t->align - 1);
	if (!t->size) {
		fprintf(stderr, "ndtool bench: %s is smaller than a page\n", t->file);
		return -EINVAL;
	}
	return 0;
}

/* @pathfd is a character device: device-dax as the library knows it, or refused. */
static int open_devdax(struct ndt_ctx *ctx, struct bench_target *t, int pathfd,
		       const struct stat *st, uint64_t size)
{
	uint64_t dsize;
	int fd;

	t->chardev = true;
	t->dev = st->st_rdev;
	snprintf(t->file, sizeof(t->file), "%s", t->path);
	if (ndt_devnum_get_dax_info(ctx, st->st_rdev, &dsize, &t->align) < 0) {
		fprintf(stderr, "ndtool bench: %s (char %u:%u) is not a device-dax device\n",
			t->path, major(st->st_rdev), minor(st->st_rdev));
		return -EMEDIUMTYPE;
	}
	t->size = dsize < size ? dsize : size;
	t->size -= t->size % t->align;
	if (!t->size) {
		fprintf(stderr, "ndtool bench: %s is smaller than its alignment (%llu bytes)\n",
			t->path, (unsigned long long)t->align);
		return -EINVAL;
	}
	fd = bench_reopen(t->path, pathfd, O_RDWR);
	if (fd < 0)
		return open_failed(t, "open", fd);
	t->fd = fd;
	return 0;
}

/* An existing file: the very one @pathfd holds. */
static int open_regular(struct bench_target *t, int pathfd)
{
	int fd;

	snprintf(t->file, sizeof(t->file), "%s", t->path);
	fd = bench_reopen(t->path, pathfd, O_RDWR);
	if (fd < 0)
		return open_failed(t, "open", fd);
	t->fd = fd;
	return 0;
}

static const char *type_name(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "FIFO";
	if (S_ISSOCK(mode))
		return "socket";
	return "special file";
}

/*
 * Open what @t->path names, then decide what it is from the descriptor: the path is
 * opened once, with O_PATH (no device's open() runs), and everything after works on
 * that inode, whatever happens to the path meanwhile.
 */
static int open_target(struct ndt_ctx *ctx, struct bench_target *t, uint64_t size)
{
	struct stat st;
	int pathfd, rc;

	pathfd = open(t->path, O_PATH | O_CLOEXEC);
	if (pathfd < 0 && errno == ENOENT) {
		rc = create_file(t);
		return rc < 0 ? rc : size_file(t, size);
	}
	if (pathfd < 0) {
		rc = -errno;
		fprintf(stderr, "ndtool bench: %s: %s\n", t->path, strerror(-rc));
		return rc;
	}
	if (fstat(pathfd, &st) < 0) {
		rc = open_failed(t, "examine", -errno);
	} else if (S_ISCHR(st.st_mode)) {
		rc = open_devdax(ctx, t, pathfd, &st, size);
	} else if (S_ISDIR(st.st_mode)) {
		rc = create_temp(t, pathfd);
	} else if (S_ISREG(st.st_mode)) {
		rc = open_regular(t, pathfd);
	} else if (S_ISBLK(st.st_mode)) {
		fprintf(stderr, "ndtool bench: %s is a block device: mount a file system on it "
			"with -o dax and give a directory there, or give a /dev/daxX.Y device\n",
			t->path);
		rc = -EMEDIUMTYPE;
	} else {
		fprintf(stderr, "ndtool bench: %s is a %s: give a directory or a file on a DAX "
			"file system, or a /dev/daxX.Y device\n", t->path, type_name(st.st_mode));
		rc = -EMEDIUMTYPE;
	}
	close(pathfd);
	if (rc < 0)
		return rc;
	return t->chardev ? 0 : size_file(t, size);
}

int bench_target_open(struct ndt_ctx *ctx, struct bench_target *t, const char *path,
		      uint64_t size)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->path = path;
	t->statx_dax = -1;
	t->deep_flush = -ENOENT;
	rc = open_target(ctx, t, size);
	if (rc < 0)
		return rc;
	rc = map_target(t);
	if (rc < 0)
		return rc;
	if (!t->chardev) {
		t->statx_dax = statx_dax(t->fd);
		find_mount(t);
	}
	if (t->chardev)
		t->kind = BENCH_DEVDAX;
	else if (t->map_sync_errno == 0)
		t->kind = BENCH_FSDAX;
	else
		t->kind = BENCH_PAGECACHE;
	find_namespace(ctx, t);
	cpu_detect(&t->cpu);
	t->flush = cpu_choose_flush(t->cpu.features);
	t->nt = cpu_choose_nt(t->cpu.features);
	return 0;
}

void bench_target_close(struct bench_target *t)
{
	if (t->map)
		munmap(t->map, t->size);
	t->map = NULL;
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	if (t->remove_at_exit)
		unlink(t->file);
	t->remove_at_exit = false;
}
