// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool bench --check: is the target direct access, and does data survive a round trip */
#include <errno.h>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "bench/bench.h"
#include "util/json.h"
#include "util/size.h"
#include "bench/persist.h"

#define CHECK_BYTES (2UL << 20)
#define FIEMAP_EXTENTS 64

static void fill_pattern(unsigned char *buf, size_t len)
{
	uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(buf + i, &x, 8);
	}
	for (; i < len; i++)
		buf[i] = (unsigned char)i;
}

/*
 * Store @len bytes the way the benchmark does: the first half with the non-temporal
 * kernel, the second half with memcpy and the flush instruction, then a fence. Page
 * cache mappings persist with msync().
 */
static void persist_store(struct bench_target *t, const void *src, size_t len)
{
	persist_copy_fn nt = persist_get_copy_nt(t->nt);
	persist_flush_fn flush = persist_get_flush(t->flush);
	size_t half = len / 2;

	if (nt && flush) {
		nt(t->map, src, half);
		memcpy(t->map + half, (const char *)src + half, len - half);
		flush(t->map + half, len - half);
		persist_fence();
	} else {
		memcpy(t->map, src, len);
	}
	if (t->kind == BENCH_PAGECACHE)
		msync(t->map, len, MS_SYNC);
}

static size_t first_mismatch(const unsigned char *a, const unsigned char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return i;
	return len;
}

static bool compare(struct bench_integrity *res, const char *how, const void *got,
		    const void *want, size_t len)
{
	size_t at = first_mismatch(got, want, len);

	if (at == len)
		return true;
	snprintf(res->note, sizeof(res->note), "%s differs at byte %zu", how, at);
	return false;
}

/* Read the file's extents straight from the namespace's block device (O_DIRECT). */
static void check_blockdev(struct bench_target *t, struct bench_integrity *res,
			   const unsigned char *want)
{
	char dev[64], *buf = NULL;
	struct fiemap *fm;
	struct stat st;
	unsigned int i;
	int fd, pathfd;

	if (t->kind != BENCH_FSDAX || !t->blockdev[0]) {
		return;
	}
	snprintf(dev, sizeof(dev), "/dev/%s", t->blockdev);
	/* the device node is checked as opened, and read only once it passed */
	pathfd = open(dev, O_PATH | O_CLOEXEC);
	if (pathfd < 0 || fstat(pathfd, &st) < 0 || !S_ISBLK(st.st_mode) || st.st_rdev != t->dev) {
		snprintf(res->note, sizeof(res->note),
			 "block device read skipped: the file system is not directly on %s", dev);
		if (pathfd >= 0)
			close(pathfd);
		return;
	}
	fd = bench_reopen(dev, pathfd, O_RDONLY | O_DIRECT);
	close(pathfd);
	if (fd < 0) {
		snprintf(res->note, sizeof(res->note), "block device read skipped: %s: %s", dev,
			 strerror(-fd));
		return;
	}
	fm = calloc(1, sizeof(*fm) + FIEMAP_EXTENTS * sizeof(struct fiemap_extent));
	if (!fm) {
		close(fd);
		return;
	}
	fm->fm_start = 0;
	fm->fm_length = res->bytes;
	fm->fm_flags = FIEMAP_FLAG_SYNC;
	fm->fm_extent_count = FIEMAP_EXTENTS;
	if (ioctl(t->fd, FS_IOC_FIEMAP, fm) < 0 ||
	    posix_memalign((void **)&buf, 4096, CHECK_BYTES)) {
		snprintf(res->note, sizeof(res->note), "block device read skipped: %s: %s", dev,
			 strerror(errno));
		goto out;
	}
	res->blockdev_done = true;
	res->blockdev_ok = true;
	for (i = 0; i < fm->fm_mapped_extents && res->blockdev_ok; i++) {
		struct fiemap_extent *e = &fm->fm_extents[i];
		uint64_t lo = e->fe_logical, len = e->fe_length;

		if (lo >= res->bytes)
			break;
		if (lo + len > res->bytes)
			len = res->bytes - lo;
		if (e->fe_flags & (FIEMAP_EXTENT_UNKNOWN | FIEMAP_EXTENT_ENCODED |
				   FIEMAP_EXTENT_DATA_INLINE | FIEMAP_EXTENT_UNWRITTEN)) {
			res->blockdev_ok = false;
			snprintf(res->note, sizeof(res->note),
				 "extent at %llu has no plain location on %s (flags 0x%x)",
				 (unsigned long long)lo, dev, e->fe_flags);
			break;
		}
		if (pread(fd, buf, len, (off_t)e->fe_physical) != (ssize_t)len) {
			res->blockdev_ok = false;
			snprintf(res->note, sizeof(res->note), "reading %s: %s", dev,
				 strerror(errno));
			break;
		}
		res->blockdev_ok = compare(res, dev, buf, want + lo, len);
	}
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	free(fm);
}

int bench_integrity(struct bench_target *t, struct bench_integrity *res)
{
	unsigned char *pat, *save = NULL, *buf;
	sigset_t block, old;
	size_t len;

	memset(res, 0, sizeof(*res));
	len = t->size < CHECK_BYTES ? t->size : CHECK_BYTES;
	res->bytes = len;
	pat = malloc(len);
	buf = malloc(len);
	if (!pat || !buf || (!t->created && !(save = malloc(len)))) {
		free(pat);
		free(buf);
		return -ENOMEM;
	}
	fill_pattern(pat, len);

	/* the old contents come back even if someone presses ^C meanwhile */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (save)
		memcpy(save, t->map, len);
	persist_store(t, pat, len);

	if (bench_target_remap(t) < 0) {
		snprintf(res->note, sizeof(res->note), "cannot map the target again: %s",
			 strerror(errno));
	} else {
		res->mapping_ok = compare(res, "fresh mapping", t->map, pat, len);
	}
	if (t->chardev) {
		snprintf(res->note + strlen(res->note), sizeof(res->note) - strlen(res->note),
			 "%sdevice-dax has no read(): checked through a fresh mapping",
			 res->note[0] ? "; " : "");
	} else if (t->map) {
		res->pread_done = true;
		res->pread_ok = pread(t->fd, buf, len, 0) == (ssize_t)len &&
				compare(res, "pread", buf, pat, len);
		check_blockdev(t, res, pat);
	}
	if (save && t->map)
		persist_store(t, save, len);
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(save);
	free(pat);
	free(buf);
	return 0;
}

bool bench_integrity_ok(const struct bench_integrity *res)
{
	return res->mapping_ok && (!res->pread_done || res->pread_ok) &&
	       (!res->blockdev_done || res->blockdev_ok);
}

static const char *errname(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "?";
}

void bench_check_print(const struct bench_target *t, const struct bench_integrity *res,
		       const struct libpmem *lp)
{
	char feats[128], sz[32];

	printf("target:       %s%s, %s mapped\n", t->file,
	       t->created ? " (temporary file, removed at exit)" : "",
	       ndt_size_str(t->size, sz, sizeof(sz)));
	switch (t->kind) {
	case BENCH_DEVDAX:
		printf("access:       direct access: device-dax, %s pages%s\n",
		       ndt_size_str(t->align, sz, sizeof(sz)),
		       t->map_sync_errno ? "" : ", MAP_SYNC");
		break;
	case BENCH_FSDAX:
		printf("access:       direct access: fsdax file, MAP_SYNC mapping%s\n",
		       t->statx_dax == 1 ? ", statx DAX attribute set" : "");
		break;
	default:
		printf("access:       NOT direct access: MAP_SYNC failed (%s: %s), statx DAX %s; "
		       "stores go to the page cache and persist only through msync()\n",
		       errname(t->map_sync_errno), strerror(t->map_sync_errno),
		       t->statx_dax == 1 ? "set" : t->statx_dax == 0 ? "not set" : "unknown");
	}
	if (t->ns_name[0]) {
		printf("namespace:    %s (%s%s%s) on %s, persistence_domain %s, deep_flush %s\n",
		       t->ns_name, t->ns_mode, t->blockdev[0] ? ", /dev/" : "", t->blockdev,
		       t->region_name, t->persistence_domain,
		       t->deep_flush == 1 ? "1 (flush hints)" :
		       t->deep_flush == 0 ? "0" : "not offered");
	} else {
		printf("namespace:    none (not on persistent memory known to libnvdimm)\n");
	}
	if (t->fstype[0])
		printf("file system:  %s on %s at %s (%s)\n", t->fstype, t->mount_source,
		       t->mount_point, t->mount_opts);
	cpu_features_str(t->cpu.features, feats, sizeof(feats));
	printf("cpu:          %s: %s; flush %s, non-temporal %s\n",
	       t->cpu.model[0] ? t->cpu.model : t->cpu.vendor, feats, flush_kind_name(t->flush),
	       nt_kind_name(t->nt));
	if (lp && lp->handle)
		printf("libpmem:      %s (pmem_has_auto_flush %d)\n", lp->path,
		       lp->has_auto_flush());
	if (!res)
		return;
	printf("integrity:    %s: %s persisted, unmapped and read back through a fresh mapping"
	       "%s%s%s%s%s\n", bench_integrity_ok(res) ? "ok" : "FAILED",
	       ndt_size_str(res->bytes, sz, sizeof(sz)), res->pread_done ? ", pread()" : "",
	       res->blockdev_done ? " and /dev/" : "", res->blockdev_done ? t->blockdev : "",
	       res->note[0] ? "; " : "", res->note);
}

static struct json_object *json_str(const char *s)
{
	return json_object_new_string(s ? s : "");
}

struct json_object *bench_check_json(const struct bench_target *t,
				     const struct bench_integrity *res, const struct libpmem *lp)
{
	struct json_object *o = json_object_new_object(), *cpu, *arr, *j;
	char feats[128], *tok, *save;

	if (!o)
		return NULL;
	ndt_json_add_string(o, "type", "check");
	ndt_json_add_string(o, "path", t->path);
	ndt_json_add_string(o, "file", t->file);
	ndt_json_add_bool(o, "temporary", t->created);
	ndt_json_add_string(o, "kind", bench_kind_name(t->kind));
	ndt_json_add_bool(o, "direct_access", t->kind != BENCH_PAGECACHE);
	ndt_json_add_bool(o, "map_sync", t->map_sync_errno == 0);
	if (t->map_sync_errno)
		ndt_json_add_string(o, "map_sync_error", errname(t->map_sync_errno));
	if (t->statx_dax >= 0)
		ndt_json_add_bool(o, "statx_dax", t->statx_dax == 1);
	ndt_json_add(o, "size", ndt_json_u64(t->size));
	ndt_json_add(o, "align", ndt_json_u64(t->align));
	if (t->ns_name[0]) {
		ndt_json_add_string(o, "namespace", t->ns_name);
		ndt_json_add_string(o, "mode", t->ns_mode);
		ndt_json_add_string(o, "region", t->region_name);
		if (t->blockdev[0])
			ndt_json_add_string(o, "blockdev", t->blockdev);
		ndt_json_add_string(o, "persistence_domain", t->persistence_domain);
		if (t->deep_flush >= 0)
			ndt_json_add_bool(o, "deep_flush", t->deep_flush == 1);
	}
	if (t->fstype[0]) {
		ndt_json_add_string(o, "fstype", t->fstype);
		ndt_json_add_string(o, "mount_point", t->mount_point);
		ndt_json_add_string(o, "mount_source", t->mount_source);
		ndt_json_add_string(o, "mount_options", t->mount_opts);
	}

	cpu = json_object_new_object();
	arr = json_object_new_array();
	if (cpu && arr) {
		ndt_json_add(cpu, "vendor", json_str(t->cpu.vendor));
		ndt_json_add(cpu, "model", json_str(t->cpu.model));
		cpu_features_str(t->cpu.features, feats, sizeof(feats));
		for (tok = strtok_r(feats, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			json_object_array_add(arr, json_object_new_string(tok));
		ndt_json_add(cpu, "features", arr);
		arr = NULL;
		ndt_json_add_string(cpu, "flush", flush_kind_name(t->flush));
		ndt_json_add_string(cpu, "nt", nt_kind_name(t->nt));
		ndt_json_add(o, "cpu", cpu);
		cpu = NULL;
	}
	json_object_put(cpu);
	json_object_put(arr);

	if (lp && lp->handle && (j = json_object_new_object())) {
		ndt_json_add_string(j, "path", lp->path);
		ndt_json_add_bool(j, "auto_flush", lp->has_auto_flush() == 1);
		ndt_json_add(o, "libpmem", j);
	}
	if (res && (j = json_object_new_object())) {
		ndt_json_add_bool(j, "ok", bench_integrity_ok(res));
		ndt_json_add(j, "bytes", ndt_json_u64(res->bytes));
		ndt_json_add_bool(j, "mapping", res->mapping_ok);
		if (res->pread_done)
			ndt_json_add_bool(j, "pread", res->pread_ok);
		if (res->blockdev_done)
			ndt_json_add_bool(j, "blockdev", res->blockdev_ok);
		if (res->note[0])
			ndt_json_add_string(j, "note", res->note);
		ndt_json_add(o, "integrity", j);
	}
	return o;
}
