// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Device-dax state changes: create and destroy devices in a dynamic region (its
 * dax_region/create and dax_region/delete attributes, each device's size and align),
 * enable and disable them (the device_dax driver of the dax bus), and the check that
 * keeps a device in use (online as memory, mapped by a program) from being taken away.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "private.h"

#define SYSFS_DAX_DRIVERS "/sys/bus/dax/drivers"
#define THP_PMD_SIZE "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"

/* An exact size in the largest of GiB, MiB, KiB that divides it, else in bytes. */
static const char *size_str(uint64_t v, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB" };
	int i = 0;

	while (i < 3 && v && v % 1024 == 0) {
		v /= 1024;
		i++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)v, unit[i]);
	return buf;
}

static int region_attr_path(struct ndt_dax_region *region, const char *attr, char *buf,
			    size_t len)
{
	int n = snprintf(buf, len, "%s/dax_region/%s", region->path, attr);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

NDT_EXPORT bool ndt_dax_region_is_dynamic(struct ndt_dax_region *region)
{
	char path[PATH_MAX];

	return region_attr_path(region, "create", path, sizeof(path)) == 0 &&
	       access(path, F_OK) == 0;
}

NDT_EXPORT void ndt_dax_region_refresh(struct ndt_dax_region *region)
{
	ndt_dax_region_devs_free(region);
}

NDT_EXPORT int ndt_dax_get_alignments(struct ndt_ctx *ctx, uint64_t *aligns, int max)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t pmd = 0;
	char buf[32];
	int n = 0;

	if (max < 1)
		return 0;
	aligns[n++] = page > 0 ? (uint64_t)page : 4096;
	/* has_transparent_hugepage(): the kernel then offers the PMD size */
	if (ndt_sysfs_read(ctx, THP_PMD_SIZE, buf, sizeof(buf)) < 0 ||
	    ndt_parse_u64(buf, &pmd) < 0 || pmd <= aligns[0])
		return n;
	if (n < max)
		aligns[n++] = pmd;
#if defined(__x86_64__)
	/* CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD: PUD-sized mappings (1 GiB) */
	if (n < max)
		aligns[n++] = pmd * (aligns[0] / sizeof(uint64_t));
#endif
	return n;
}

static bool align_supported(struct ndt_ctx *ctx, uint64_t align)
{
	uint64_t v[4];
	int i, n = ndt_dax_get_alignments(ctx, v, 4);

	for (i = 0; i < n; i++)
		if (v[i] == align)
			return true;
	return false;
}

static struct ndt_dax_dev *find_dev(struct ndt_dax_region *region, const char *name)
{
	struct ndt_dax_dev *dev;

	ndt_dax_dev_foreach(region, dev)
		if (strcmp(dev->obj.devname, name) == 0)
			return dev;
	return NULL;
}

static int kernel_refused(struct ndt_ctx *ctx, const char *name, const char *step, int rc)
{
	return ndt_fail(ctx, rc, NDT_REASON_KERNEL, name, "%s: the kernel refused to %s: %s",
			name, step, strerror(-rc));
}

/* Load the device_dax module when its driver is not registered yet (built in: nothing). */
static void load_device_dax(struct ndt_ctx *ctx)
{
	if (access(SYSFS_DAX_DRIVERS "/device_dax", F_OK) < 0)
		ndt_kmod_load(ctx, "device_dax");
}

/* Bind @dev to device_dax; 0 only when it is bound afterwards. */
static int bind_devdax(struct ndt_dax_dev *dev)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	int rc;

	load_device_dax(ctx);
	rc = ndt_sysfs_write(ctx, SYSFS_DAX_DRIVERS "/device_dax/bind", dev->obj.devname);
	if (rc == 0 && !ndt_obj_is_enabled(&dev->obj))
		rc = -ENXIO;
	return rc;
}

static int read_devt(struct ndt_dax_dev *dev, dev_t *devt)
{
	char buf[32];
	unsigned int maj, min;

	if (ndt_obj_read(&dev->obj, "dev", buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%u:%u", &maj, &min) != 2)
		return -ENOENT;
	*devt = makedev(maj, min);
	return 0;
}

static bool is_chardev(const char *path, dev_t devt)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == devt;
}

/* Whether process @pid has the character device @devt open or mapped. */
static bool pid_uses(const char *pid, dev_t devt)
{
	char path[PATH_MAX], line[PATH_MAX + 128];
	struct dirent *de;
	bool hit = false;
	FILE *maps;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	d = opendir(path);
	if (d) {
		while (!hit && (de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid, de->d_name);
			hit = is_chardev(path, devt);
		}
		closedir(d);
	}
	if (hit)
		return true;
	/* a mapping outlives the descriptor it was made with */
	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	maps = fopen(path, "re");
	if (!maps)
		return false;
	while (!hit && fgets(line, sizeof(line), maps)) {
		char *file = strchr(line, '/');

		if (!file)
			continue;
		file[strcspn(file, "\n")] = '\0';
		hit = is_chardev(file, devt);
	}
	fclose(maps);
	return hit;
}

/* The first process (other than this one) using @dev's character device: "comm (pid N)". */
static bool dev_user(struct ndt_dax_dev *dev, char *who, size_t len)
{
	char self[32], comm[64], path[PATH_MAX];
	struct dirent *de;
	bool hit = false;
	dev_t devt;
	DIR *d;

	if (read_devt(dev, &devt) < 0)
		return false;
	d = opendir("/proc");
	if (!d)
		return false;
	snprintf(self, sizeof(self), "%d", (int)getpid());
	while (!hit && (de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9' || strcmp(de->d_name, self) == 0)
			continue;
		if (!pid_uses(de->d_name, devt))
			continue;
		hit = true;
		snprintf(path, sizeof(path), "/proc/%s/comm", de->d_name);
		if (ndt_sysfs_read(dev->obj.ctx, path, comm, sizeof(comm)) < 0)
			snprintf(comm, sizeof(comm), "?");
		snprintf(who, len, "%.32s (pid %d)", comm, atoi(de->d_name));
	}
	closedir(d);
	return hit;
}

int ndt_dax_dev_check_user(struct ndt_dax_dev *dev)
{
	const char *name = dev->obj.devname;
	char who[128];

	if (ndt_obj_is_enabled(&dev->obj) && dev_user(dev, who, sizeof(who)))
		return ndt_fail(dev->obj.ctx, -EBUSY, NDT_REASON_DAX_IN_USE, who,
				"%s: /dev/%s is open or mapped by %s", name, name, who);
	return 0;
}

static int check_idle(struct ndt_dax_dev *dev)
{
	const char *name = dev->obj.devname;

	if (ndt_dax_dev_get_mode(dev) == NDT_DAX_MODE_SYSTEM_RAM)
		return ndt_fail(dev->obj.ctx, -EBUSY, NDT_REASON_SYSTEM_RAM, name,
				"%s is online as system RAM", name);
	return ndt_dax_dev_check_user(dev);
}

NDT_EXPORT int ndt_dax_dev_check_idle(struct ndt_dax_dev *dev)
{
	ndt_failure_clear(dev->obj.ctx);
	return check_idle(dev);
}

NDT_EXPORT int ndt_dax_dev_enable(struct ndt_dax_dev *dev)
{
	struct ndt_ctx *ctx = dev->obj.ctx;
	uint64_t size = 0;
	int rc;

	ndt_failure_clear(ctx);
	if (ndt_obj_is_enabled(&dev->obj))
		return 0;
	if (ndt_dax_dev_get_size(dev, &size) == 0 && size == 0)
		return ndt_fail(ctx, -ENXIO, NDT_REASON_SEED, dev->obj.devname,
				"%s has size 0: it has no capacity to enable", dev->obj.devname);
	rc = bind_devdax(dev);
	if (rc < 0)
		return kernel_refused(ctx, dev->obj.devname, "enable it", rc);
	return 0;
}

NDT_EXPORT int ndt_dax_dev_disable(struct ndt_dax_dev *dev)
{
	int rc;

	ndt_failure_clear(dev->obj.ctx);
	if (!ndt_obj_is_enabled(&dev->obj))
		return 0;
	rc = check_idle(dev);
	if (rc < 0)
		return rc;
	rc = ndt_obj_unbind(&dev->obj);
	if (rc < 0)
		return kernel_refused(dev->obj.ctx, dev->obj.devname, "disable it", rc);
	return 0;
}

/* The device the next create uses: the region's idle seed, or a new one ("create"). */
static int claim_seed(struct ndt_dax_region *region, char *name, size_t len, bool *made)
{
	struct ndt_ctx *ctx = region->ctx;
	struct ndt_dax_dev *seed;
	char path[PATH_MAX];
	uint64_t size;
	int rc;

	*made = false;
	if (ndt_sysfs_read_at(ctx, region->path, "dax_region/seed", name, len) > 0) {
		seed = find_dev(region, name);
		if (seed && !ndt_obj_is_enabled(&seed->obj) &&
		    ndt_dax_dev_get_size(seed, &size) == 0 && size == 0)
			return 0;
	}
	rc = region_attr_path(region, "create", path, sizeof(path));
	if (rc == 0)
		rc = ndt_sysfs_write(ctx, path, "1");
	if (rc < 0)
		return rc;
	*made = true;
	/* reading create names the youngest device: the one just made */
	rc = ndt_sysfs_read_at(ctx, region->path, "dax_region/create", name, len);
	if (rc <= 0)
		return rc < 0 ? rc : -ENODEV;
	return 0;
}

/* Give @dev's capacity back and delete it unless it is device 0 or was there before. */
static int release_dev(struct ndt_dax_region *region, struct ndt_dax_dev *dev, bool delete)
{
	char path[PATH_MAX];
	int rc;

	rc = ndt_obj_write(&dev->obj, "size", "0");
	if (rc < 0 || !delete || dev->obj.id == 0)
		return rc;
	rc = region_attr_path(region, "delete", path, sizeof(path));
	return rc < 0 ? rc : ndt_sysfs_write(region->ctx, path, dev->obj.devname);
}

static int create_checks(struct ndt_dax_region *region, uint64_t *size, uint64_t *align)
{
	struct ndt_ctx *ctx = region->ctx;
	uint64_t avail = 0, ralign = 0, unit;
	char r[32], a[32], b[32];

	snprintf(r, sizeof(r), "region%u", region->id);
	if (!ndt_dax_region_is_dynamic(region))
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, r,
				"dax %s is static: its one device is fixed by its provider", r);
	if (ndt_dax_region_get_align(region, &ralign) < 0 || ralign == 0)
		ralign = 1;
	if (*align == 0)
		*align = ralign;
	if (!align_supported(ctx, *align))
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, r,
				"%s: the kernel cannot map device-dax with an alignment of %s", r,
				size_str(*align, a, sizeof(a)));
	unit = *align > ralign ? *align : ralign;
	if (ndt_dax_region_get_available_size(region, &avail) < 0)
		avail = 0;
	if (*size == 0)
		*size = avail - avail % unit;
	if (*size == 0)
		return ndt_fail(ctx, -ENOSPC, NDT_REASON_NO_SPACE, r,
				"%s has %s available, less than one %s unit", r,
				size_str(avail, a, sizeof(a)), size_str(unit, b, sizeof(b)));
	if (*size % unit)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_MISALIGNED, r,
				"%s: a size of %s is not a multiple of the alignment %s", r,
				size_str(*size, a, sizeof(a)), size_str(unit, b, sizeof(b)));
	if (*size > avail)
		return ndt_fail(ctx, -ENOSPC, NDT_REASON_NO_SPACE, r,
				"%s has %s available, less than the %s asked for", r,
				size_str(avail, a, sizeof(a)), size_str(*size, b, sizeof(b)));
	return 0;
}

NDT_EXPORT int ndt_dax_region_create_dev(struct ndt_dax_region *region, uint64_t size,
					 uint64_t align, struct ndt_dax_dev **out)
{
	struct ndt_ctx *ctx = region->ctx;
	struct ndt_dax_dev *dev;
	char name[32], val[32];
	uint64_t cur = 0;
	bool made;
	int rc;

	ndt_failure_clear(ctx);
	if (out)
		*out = NULL;
	rc = create_checks(region, &size, &align);
	if (rc < 0)
		return rc;
	rc = claim_seed(region, name, sizeof(name), &made);
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_KERNEL, NULL,
				"region%u: the kernel refused to make a new device: %s",
				region->id, strerror(-rc));
	ndt_dax_region_refresh(region);
	dev = find_dev(region, name);
	if (!dev)
		return ndt_fail(ctx, -ENODEV, NDT_REASON_KERNEL, name,
				"region%u: the new device %s did not appear", region->id, name);
	if (ndt_dax_dev_get_align(dev, &cur) < 0 || cur != align) {
		snprintf(val, sizeof(val), "%llu", (unsigned long long)align);
		rc = ndt_obj_write(&dev->obj, "align", val);
		if (rc < 0) {
			kernel_refused(ctx, name, "set its alignment", rc);
			goto undo;
		}
	}
	snprintf(val, sizeof(val), "%llu", (unsigned long long)size);
	rc = ndt_obj_write(&dev->obj, "size", val);
	if (rc < 0) {
		kernel_refused(ctx, name, "set its size", rc);
		goto undo;
	}
	rc = bind_devdax(dev);
	if (rc < 0) {
		kernel_refused(ctx, name, "enable it", rc);
		goto undo;
	}
	if (out)
		*out = dev;
	return 0;
undo:
	if (release_dev(region, dev, made) < 0)
		ndt_fail_append(ctx, "; returning %s to the region failed too", name);
	ndt_dax_region_refresh(region);
	return rc;
}

NDT_EXPORT int ndt_dax_dev_destroy(struct ndt_dax_dev *dev, bool force)
{
	struct ndt_dax_region *region = dev->region;
	struct ndt_ctx *ctx = dev->obj.ctx;
	bool was_enabled = ndt_obj_is_enabled(&dev->obj);
	char name[32], val[32];
	uint64_t size = 0;
	int rc;

	ndt_failure_clear(ctx);
	snprintf(name, sizeof(name), "%s", dev->obj.devname);
	if (!ndt_dax_region_is_dynamic(region))
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, name,
				"%s is the one device of static dax region%u: it goes with its "
				"provider", name, region->id);
	rc = check_idle(dev);
	if (rc < 0)
		return rc;
	if (was_enabled && !force)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_ACTIVE, name, "%s is enabled", name);
	ndt_dax_dev_get_size(dev, &size);
	if (was_enabled) {
		rc = ndt_obj_unbind(&dev->obj);
		if (rc < 0)
			return kernel_refused(ctx, name, "disable it", rc);
	}
	rc = release_dev(region, dev, true);
	if (rc < 0) {
		kernel_refused(ctx, name, "release its capacity", rc);
		/* put the capacity back where the kernel finds room: its old place when free */
		snprintf(val, sizeof(val), "%llu", (unsigned long long)size);
		if ((size && ndt_obj_write(&dev->obj, "size", val) < 0) ||
		    (was_enabled && bind_devdax(dev) < 0))
			ndt_fail_append(ctx, "; restoring %s failed too", name);
		return rc;
	}
	ndt_dax_region_refresh(region);
	return 0;
}
