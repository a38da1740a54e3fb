// SPDX-License-Identifier: LGPL-2.1-or-later
/* ioctls on /dev/nmemN: the device node is checked against sysfs before use. */
#include <errno.h>
#include <fcntl.h>
#include <linux/ndctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "private.h"

/* Open /dev/<devname> read-write after checking it is the char device sysfs describes. */
int ndt_obj_open_dev(const struct ndt_obj *obj)
{
	unsigned int maj, min;
	char buf[32], node[64];
	struct stat st;
	int fd, rc;

	rc = ndt_obj_read(obj, "dev", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	if (sscanf(buf, "%u:%u", &maj, &min) != 2)
		return -EIO;
	snprintf(node, sizeof(node), "/dev/%s", obj->devname);
	fd = open(node, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		err(obj->ctx, "%s: %s", node, strerror(errno));
		return rc;
	}
	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode) || major(st.st_rdev) != maj ||
	    minor(st.st_rdev) != min) {
		err(obj->ctx, "%s is not the character device %u:%u that sysfs reports", node,
		    maj, min);
		close(fd);
		return -ENXIO;
	}
	return fd;
}

/*
 * ND_CMD_CALL on a DIMM: send @in (in_size bytes; NULL: zeros) to function @func of the
 * DIMM's family and receive up to @out_size bytes into @out. Returns the number of output
 * bytes the firmware produced, or -errno from the kernel.
 */
int ndt_dimm_call(struct ndt_dimm *dimm, unsigned int family, unsigned int func,
		  const void *in, uint32_t in_size, void *out, uint32_t out_size)
{
	struct nd_cmd_pkg *pkg;
	size_t len = sizeof(*pkg) + in_size + out_size;
	int fd, rc;

	pkg = calloc(1, len);
	if (!pkg)
		return -ENOMEM;
	pkg->nd_family = family;
	pkg->nd_command = func;
	pkg->nd_size_in = in_size;
	pkg->nd_size_out = out_size;
	if (in && in_size)
		memcpy(pkg->nd_payload, in, in_size);
	/* the DIMM's node stays open for its next commands; closed with the DIMM */
	if (dimm->fd < 0)
		dimm->fd = ndt_obj_open_dev(&dimm->obj);
	fd = dimm->fd;
	if (fd < 0) {
		dimm->fd = -1;
		free(pkg);
		return fd;
	}
	rc = ioctl(fd, ND_IOCTL_CALL, pkg);
	if (rc < 0) {
		rc = -errno;
		dbg(dimm->obj.ctx, "%s: family %u function %u: %s", dimm->obj.devname, family, func,
		    strerror(errno));
	} else {
		uint32_t got = pkg->nd_fw_size < out_size ? pkg->nd_fw_size : out_size;

		memcpy(out, pkg->nd_payload + in_size, out_size);
		rc = (int)(got ? got : out_size);
	}
	free(pkg);
	return rc;
}
