// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace state changes: enable, disable, destroy, and the checks that keep them from
 * touching a namespace in use (mounted, held open exclusively, online as system RAM).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "private.h"

#define INFO_BLOCK_BYTES 8192	/* pfn, dax and btt info blocks live in the first 8 KiB */

/* The block device of @ns's data: the claim's when claimed, else the namespace's. */
static int ns_block_device(struct ndt_namespace *ns, char *buf, size_t len)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);

	if (claim && ndt_claim_get_type(claim) != NDT_CLAIM_DAX)
		return ndt_claim_get_block_device(claim, buf, len);
	return ndt_namespace_get_block_device(ns, buf, len);
}

/* "major:minor" of /sys/block/<dev>/dev */
static int block_devno(struct ndt_ctx *ctx, const char *dev, unsigned int *maj, unsigned int *min)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), "/sys/block/%s/dev", dev);
	if (ndt_sysfs_read(ctx, path, buf, sizeof(buf)) < 0)
		return -ENODEV;
	return sscanf(buf, "%u:%u", maj, min) == 2 ? 0 : -EIO;
}

/* The mount point of a device with this number (or of a partition of @dev), if any. */
static bool find_mount(struct ndt_ctx *ctx, const char *dev, char *where, size_t len)
{
	unsigned int maj, min, m1, m2;
	char line[4096], mnt[2048];
	bool found = false;
	FILE *f;

	if (block_devno(ctx, dev, &maj, &min) < 0)
		return false;
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		/* id parent major:minor root mountpoint ... */
		if (sscanf(line, "%*u %*u %u:%u %*s %2047s", &m1, &m2, mnt) != 3)
			continue;
		/* partitions of pmem devices take minors right after the disk's */
		if (m1 == maj && (m2 == min || (m2 > min && m2 < min + 16))) {
			snprintf(where, len, "%s", mnt);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* A device-mapper or md device stacked on @dev (/sys/block/<dev>/holders/). */
static bool find_holder(const char *dev, char *who, size_t len)
{
	char path[128];
	struct dirent *de;
	bool found = false;
	DIR *d;

	snprintf(path, sizeof(path), "/sys/block/%s/holders", dev);
	d = opendir(path);
	if (!d)
		return false;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(who, len, "%s", de->d_name);
			found = true;
			break;
		}
	closedir(d);
	return found;
}

NDT_EXPORT int ndt_namespace_check_idle(struct ndt_namespace *ns, char *why, size_t len)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	const char *name = ns->obj.devname;
	char dev[64], what[2048], node[80];
	int fd;

	if (claim && ndt_claim_get_type(claim) == NDT_CLAIM_DAX) {
		struct ndt_dax_region *dr = ndt_claim_get_dax_region(claim);
		struct ndt_dax_dev *dd;

		if (!dr)
			return 0;
		ndt_dax_dev_foreach(dr, dd)
			if (ndt_dax_dev_get_mode(dd) == NDT_DAX_MODE_SYSTEM_RAM) {
				snprintf(why, len, "%s: %s is online as system RAM: reconfigure it to "
					 "devdax first ('ndtool dax reconfigure-device -m devdax %s')",
					 name, ndt_dax_dev_get_devname(dd), ndt_dax_dev_get_devname(dd));
				return -EBUSY;
			}
		return 0;
	}
	if (ns_block_device(ns, dev, sizeof(dev)) < 0)
		return 0;
	if (find_mount(ns->obj.ctx, dev, what, sizeof(what))) {
		snprintf(why, len, "%s: /dev/%s is mounted on %s: unmount it first", name, dev, what);
		return -EBUSY;
	}
	if (find_holder(dev, what, sizeof(what))) {
		snprintf(why, len, "%s: /dev/%s is in use by %s: remove %s first", name, dev, what,
			 what);
		return -EBUSY;
	}
	snprintf(node, sizeof(node), "/dev/%s", dev);
	fd = open(node, O_RDONLY | O_EXCL | O_CLOEXEC);
	if (fd < 0 && errno == EBUSY) {
		snprintf(why, len, "%s: /dev/%s is open exclusively by another program", name, dev);
		return -EBUSY;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

/* Unbind a claim and release its namespace ("" in its namespace attribute). */
static int claim_release(struct ndt_claim *claim)
{
	int rc = ndt_obj_unbind(&claim->obj);

	if (rc < 0)
		return rc;
	return ndt_obj_write(&claim->obj, "namespace", "");
}

NDT_EXPORT int ndt_namespace_disable(struct ndt_namespace *ns, bool check, char *why, size_t len)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	int rc;

	if (check) {
		rc = ndt_namespace_check_idle(ns, why, len);
		if (rc < 0)
			return rc;
	}
	if (claim && ndt_claim_is_enabled(claim)) {
		rc = claim_release(claim);
		if (rc < 0) {
			snprintf(why, len, "%s: the kernel refused to disable %s: %s",
				 ns->obj.devname, claim->obj.devname, strerror(-rc));
			return rc;
		}
	}
	rc = ndt_obj_unbind(&ns->obj);
	if (rc < 0)
		snprintf(why, len, "%s: the kernel refused to disable it: %s", ns->obj.devname,
			 strerror(-rc));
	return rc;
}

NDT_EXPORT int ndt_namespace_enable(struct ndt_namespace *ns, char *why, size_t len)
{
	struct ndt_claim *claim;
	uint64_t size = 0;
	int rc;

	if (ndt_namespace_is_active(ns))
		return 0;
	if (ndt_namespace_get_size(ns, &size) == 0 && size == 0) {
		snprintf(why, len, "%s has size 0: it is a seed for new namespaces, nothing to enable",
			 ns->obj.devname);
		return -ENXIO;
	}
	/* a configured claim (btt, pfn, dax) that was disabled on its own */
	claim = ndt_namespace_get_claim(ns);
	if (claim)
		rc = ndt_obj_bind(&claim->obj);
	else
		rc = ndt_obj_bind(&ns->obj);
	/* the namespace's probe found an info block and handed it to a new claim */
	if (rc == -ENXIO) {
		ndt_region_refresh(ns->region);
		return 1;
	}
	if (rc < 0)
		snprintf(why, len, "%s: the kernel refused to enable it: %s", ns->obj.devname,
			 strerror(-rc));
	return rc;
}

/* Write zeros over the first 8 KiB of @ns through its raw block device. */
static int zero_info_block(struct ndt_namespace *ns, char *why, size_t len)
{
	char dev[64], node[80];
	void *buf;
	ssize_t n;
	int fd, rc;

	rc = ndt_namespace_get_block_device(ns, dev, sizeof(dev));
	if (rc < 0) {
		snprintf(why, len, "%s: no block device to clear its info block", ns->obj.devname);
		return rc;
	}
	snprintf(node, sizeof(node), "/dev/%s", dev);
	fd = open(node, O_RDWR | O_EXCL | O_DIRECT | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(why, len, "%s: cannot open %s to clear its info block: %s", ns->obj.devname,
			 node, strerror(errno));
		return rc;
	}
	if (posix_memalign(&buf, 4096, INFO_BLOCK_BYTES)) {
		close(fd);
		return -ENOMEM;
	}
	memset(buf, 0, INFO_BLOCK_BYTES);
	n = pwrite(fd, buf, INFO_BLOCK_BYTES, 0);
	rc = n == INFO_BLOCK_BYTES ? 0 : n < 0 ? -errno : -EIO;
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (rc < 0)
		snprintf(why, len, "%s: clearing the info block on %s failed: %s", ns->obj.devname,
			 node, strerror(-rc));
	free(buf);
	close(fd);
	return rc;
}

NDT_EXPORT int ndt_namespace_destroy(struct ndt_namespace *ns, bool force, char *why, size_t len)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	uint64_t size = 0;
	int rc;

	if (ndt_namespace_get_size(ns, &size) < 0 || size == 0)
		return 0;		/* an idle seed: nothing to destroy */
	if (ndt_namespace_get_type(ns) == NDT_NS_TYPE_IO) {
		snprintf(why, len, "%s spans label-less region %s: it cannot be destroyed, only "
			 "reconfigured (or the region's labels initialized)",
			 ns->obj.devname, ns->region->obj.devname);
		return -EOPNOTSUPP;
	}
	if (ndt_namespace_is_active(ns) && !force) {
		snprintf(why, len, "%s is active: add --force to destroy it and its data",
			 ns->obj.devname);
		return -EBUSY;
	}
	rc = ndt_namespace_check_idle(ns, why, len);
	if (rc < 0)
		return rc;
	if (claim)
		rc = claim_release(claim);
	else
		rc = ndt_obj_unbind(&ns->obj);
	if (rc < 0)
		goto refused;
	/* enable raw, clear any pfn/dax/btt info block so nothing claims the space again */
	rc = ndt_obj_write(&ns->obj, "holder_class", "");
	if (rc == 0)
		rc = ndt_obj_write(&ns->obj, "force_raw", "1");
	if (rc == 0)
		rc = ndt_obj_bind(&ns->obj);
	if (rc < 0)
		goto refused;
	rc = zero_info_block(ns, why, len);
	ndt_obj_write(&ns->obj, "force_raw", "0");
	if (rc < 0)
		return rc;
	rc = ndt_obj_unbind(&ns->obj);
	if (rc == 0)
		rc = ndt_obj_write(&ns->obj, "alt_name", "");
	if (rc == 0)
		rc = ndt_obj_write(&ns->obj, "size", "0");
	if (rc < 0)
		goto refused;
	return 1;
refused:
	snprintf(why, len, "%s: the kernel refused a step of the destroy: %s", ns->obj.devname,
		 strerror(-rc));
	return rc;
}
