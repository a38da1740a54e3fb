// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The block devices of namespaces: who uses one (mounts, stacked devices, exclusive
 * openers), matched by device number through sysfs parentage, and opening one safely.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "private.h"

/* The device number sysfs reports for /sys/class/block/@name. */
static int sysfs_devnum(struct ndt_ctx *ctx, const char *name, dev_t *devt)
{
	unsigned int maj, min;
	char path[128], buf[32];
	int rc;

	if ((size_t)snprintf(path, sizeof(path), "/sys/class/block/%s/dev", name) >= sizeof(path))
		return -ENAMETOOLONG;
	rc = ndt_sysfs_read(ctx, path, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	if (sscanf(buf, "%u:%u", &maj, &min) != 2)
		return -EIO;
	*devt = makedev(maj, min);
	return 0;
}

/*
 * Whether the block device @devt is @disk or one of its partitions. The kernel gives
 * partitions numbers of their own (often from the shared extended major 259, where NVMe
 * and loop partitions live too), so only sysfs can tell whose partition it is.
 */
static bool devnum_on_disk(dev_t devt, const char *disk)
{
	char name[64];

	return ndt_devnum_name(devt, false, name, sizeof(name)) == 0 && strcmp(name, disk) == 0;
}

/* The mount point of @disk or a partition of it, if one is mounted. */
static bool find_mount(const char *disk, char *where, size_t len)
{
	unsigned int maj, min;
	char line[4096], mnt[2048];
	bool found = false;
	FILE *f;

	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		/* id parent major:minor root mountpoint ... */
		if (sscanf(line, "%*u %*u %u:%u %*s %2047s", &maj, &min, mnt) != 3 || maj == 0)
			continue;
		if (devnum_on_disk(makedev(maj, min), disk)) {
			snprintf(where, len, "%s", mnt);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* The first entry of the sysfs directory @dir that is not . or .., if any. */
static bool first_entry(const char *dir, char *name, size_t len)
{
	struct dirent *de;
	bool found = false;
	DIR *d = opendir(dir);

	if (!d)
		return false;
	while (!found && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(name, len, "%s", de->d_name);
			found = true;
		}
	closedir(d);
	return found;
}

/* A device stacked on @disk or on one of its partitions (holders/ of each). */
static bool find_holder(const char *disk, char *who, size_t len)
{
	char dir[256], path[600], part[256];
	struct dirent *de;
	bool found;
	DIR *d;

	snprintf(dir, sizeof(dir), "/sys/class/block/%s", disk);
	snprintf(path, sizeof(path), "%s/holders", dir);
	if (first_entry(path, who, len))
		return true;
	d = opendir(dir);
	if (!d)
		return false;
	found = false;
	while (!found && (de = readdir(d))) {
		struct stat st;

		/* partitions are subdirectories named after the disk with a partition file */
		if (strncmp(de->d_name, disk, strlen(disk)) != 0)
			continue;
		snprintf(part, sizeof(part), "%s", de->d_name);
		snprintf(path, sizeof(path), "%s/%s/partition", dir, part);
		if (stat(path, &st) < 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s/holders", dir, part);
		found = first_entry(path, who, len);
	}
	closedir(d);
	return found;
}

int ndt_blockdev_open(struct ndt_ctx *ctx, const char *disk, int flags)
{
	char node[80];
	struct stat st;
	dev_t devt;
	int fd, rc;

	rc = sysfs_devnum(ctx, disk, &devt);
	if (rc < 0)
		return rc;
	snprintf(node, sizeof(node), "/dev/%s", disk);
	fd = open(node, flags | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISBLK(st.st_mode) || st.st_rdev != devt) {
		err(ctx, "%s is not the block device %u:%u that sysfs reports", node, major(devt),
		    minor(devt));
		close(fd);
		return -ENXIO;
	}
	return fd;
}

enum ndt_reason ndt_blockdev_user(struct ndt_ctx *ctx, const char *disk, char *who, size_t len)
{
	int fd;

	if (find_mount(disk, who, len))
		return NDT_REASON_MOUNTED;
	if (find_holder(disk, who, len))
		return NDT_REASON_HOLDER;
	fd = ndt_blockdev_open(ctx, disk, O_RDONLY | O_EXCL);
	if (fd == -EBUSY) {
		who[0] = '\0';
		return NDT_REASON_OPEN;
	}
	if (fd >= 0)
		close(fd);
	return NDT_REASON_NONE;
}
