// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading and writing a DIMM's label storage area with ND_CMD_GET_CONFIG_SIZE,
 * GET_CONFIG_DATA and SET_CONFIG_DATA, in chunks of the kernel's maximum transfer.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "private.h"

static int dimm_fd(struct ndt_dimm *dimm)
{
	if (dimm->fd < 0)
		dimm->fd = ndt_obj_open_dev(&dimm->obj);
	if (dimm->fd < 0) {
		int rc = dimm->fd;

		dimm->fd = -1;
		return rc;
	}
	return dimm->fd;
}

NDT_EXPORT int ndt_dimm_get_label_size(struct ndt_dimm *dimm, uint32_t *size, uint32_t *max_xfer)
{
	struct nd_cmd_get_config_size cmd = { 0 };
	int fd;

	if (!ndt_dimm_is_cmd_supported(dimm, ND_CMD_GET_CONFIG_SIZE))
		return -EOPNOTSUPP;
	fd = dimm_fd(dimm);
	if (fd < 0)
		return fd;
	if (ioctl(fd, ND_IOCTL_GET_CONFIG_SIZE, &cmd) < 0)
		return -errno;
	if (cmd.status)
		return -EIO;
	if (cmd.config_size == 0 || cmd.max_xfer == 0)
		return -ENXIO;
	*size = cmd.config_size;
	if (max_xfer)
		*max_xfer = cmd.max_xfer;
	return 0;
}

/*
 * Check that @dimm can transfer [offset, offset + len) of its label area; returns 0 with
 * the kernel's largest transfer in @xfer, or -errno recorded as the failure.
 */
static int label_range(struct ndt_dimm *dimm, int cmd, uint64_t offset, size_t len,
		       uint32_t *xfer)
{
	const char *name = dimm->obj.devname;
	uint32_t size;
	int rc;

	if (!ndt_dimm_is_cmd_supported(dimm, cmd))
		return ndt_fail(dimm->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, name,
				"%s has no label area the kernel can %s", name,
				cmd == ND_CMD_SET_CONFIG_DATA ? "write" : "read");
	rc = ndt_dimm_get_label_size(dimm, &size, xfer);
	if (rc == -EOPNOTSUPP || rc == -ENXIO)
		return ndt_fail(dimm->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, name,
				"%s has no label area", name);
	if (rc < 0)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, name,
				"%s: reading the label area size failed: %s", name, strerror(-rc));
	if (offset > size || len > size - offset)
		return ndt_fail(dimm->obj.ctx, -ERANGE, NDT_REASON_INVALID, name,
				"%s: %zu bytes at offset %llu reach past the %u-byte label area",
				name, len, (unsigned long long)offset, size);
	return 0;
}

/* One GET_CONFIG_DATA or SET_CONFIG_DATA pass over [offset, offset + len). */
static int label_io(struct ndt_dimm *dimm, bool write, void *buf, uint64_t offset, size_t len)
{
	const char *name = dimm->obj.devname;
	/* the two headers share their layout: offset, length, then data (and status) */
	struct nd_cmd_set_config_hdr *cmd;
	uint32_t xfer, status;
	size_t done = 0;
	int rc, fd;

	ndt_failure_clear(dimm->obj.ctx);
	rc = label_range(dimm, write ? ND_CMD_SET_CONFIG_DATA : ND_CMD_GET_CONFIG_DATA, offset,
			 len, &xfer);
	if (rc < 0)
		return rc;
	if (write) {
		struct ndt_region *region = ndt_dimm_active_region(dimm);

		if (region)
			return ndt_fail(dimm->obj.ctx, -EBUSY, NDT_REASON_REGION_ACTIVE,
					region->obj.devname,
					"%s holds the labels of enabled region %s", name,
					region->obj.devname);
	}
	fd = dimm_fd(dimm);
	if (fd < 0)
		return ndt_fail(dimm->obj.ctx, fd, NDT_REASON_KERNEL, name,
				"%s: opening /dev/%s failed: %s", name, name, strerror(-fd));
	/* status after the data (set), or before it (get): room for both */
	cmd = calloc(1, sizeof(*cmd) + xfer + sizeof(status));
	if (!cmd)
		return ndt_fail(dimm->obj.ctx, -ENOMEM, NDT_REASON_KERNEL, name,
				"%s: no memory for a label transfer", name);
	while (done < len) {
		uint32_t n = len - done < xfer ? (uint32_t)(len - done) : xfer;
		struct nd_cmd_get_config_data_hdr *get = (void *)cmd;

		cmd->in_offset = (uint32_t)(offset + done);
		cmd->in_length = n;
		if (write) {
			memcpy(cmd->in_buf, (const uint8_t *)buf + done, n);
			memset(cmd->in_buf + n, 0, sizeof(status));
		} else {
			get->status = 0;
		}
		if (ioctl(fd, write ? ND_IOCTL_SET_CONFIG_DATA : ND_IOCTL_GET_CONFIG_DATA, cmd) <
		    0) {
			rc = -errno;
			break;
		}
		if (write)
			memcpy(&status, cmd->in_buf + n, sizeof(status));
		else
			status = get->status;
		if (status) {
			rc = -EIO;
			break;
		}
		if (!write)
			memcpy((uint8_t *)buf + done, get->out_buf, n);
		done += n;
	}
	free(cmd);
	if (rc < 0)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, name,
				"%s: %s the label area at offset %zu failed: %s", name,
				write ? "writing" : "reading", (size_t)offset + done,
				strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_dimm_read_labels(struct ndt_dimm *dimm, void *buf, uint64_t offset, size_t len)
{
	return label_io(dimm, false, buf, offset, len);
}

NDT_EXPORT int ndt_dimm_write_labels(struct ndt_dimm *dimm, const void *buf, uint64_t offset,
				     size_t len)
{
	return label_io(dimm, true, (void *)buf, offset, len);
}

NDT_EXPORT int ndt_dimm_reload_labels(struct ndt_dimm *dimm)
{
	const char *name = dimm->obj.devname;
	int rc;

	ndt_failure_clear(dimm->obj.ctx);
	if (!ndt_dimm_is_enabled(dimm))
		return 0;
	if (dimm->fd >= 0) {
		close(dimm->fd);
		dimm->fd = -1;
	}
	rc = ndt_obj_unbind(&dimm->obj);
	if (rc < 0)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, name,
				"%s: the kernel refused to disable it to reload its labels: %s",
				name, strerror(-rc));
	rc = ndt_obj_bind(&dimm->obj);
	if (rc == 0 && !ndt_dimm_is_enabled(dimm))
		rc = -ENXIO;
	if (rc < 0)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, name,
				"%s: the kernel refused to enable it again after reloading its "
				"labels: %s", name, strerror(-rc));
	return 0;
}
