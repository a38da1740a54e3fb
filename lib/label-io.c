// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading and writing a DIMM's label storage area with ND_CMD_GET_CONFIG_SIZE,
 * GET_CONFIG_DATA and SET_CONFIG_DATA, in chunks of the kernel's maximum transfer.
 */
#include <errno.h>
#include <linux/ndctl.h>
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

/* Check [offset, offset + len) against the area; returns the transfer size or -errno. */
static int label_range(struct ndt_dimm *dimm, uint64_t offset, size_t len, uint32_t *xfer)
{
	uint32_t size;
	int rc = ndt_dimm_get_label_size(dimm, &size, xfer);

	if (rc < 0)
		return rc;
	if (offset > size || len > size - offset)
		return -ERANGE;
	return 0;
}

NDT_EXPORT int ndt_dimm_read_labels(struct ndt_dimm *dimm, void *buf, uint64_t offset, size_t len)
{
	struct nd_cmd_get_config_data_hdr *cmd;
	uint32_t xfer;
	size_t done = 0;
	int rc, fd;

	if (!ndt_dimm_is_cmd_supported(dimm, ND_CMD_GET_CONFIG_DATA))
		return -EOPNOTSUPP;
	rc = label_range(dimm, offset, len, &xfer);
	if (rc < 0)
		return rc;
	fd = dimm_fd(dimm);
	if (fd < 0)
		return fd;
	cmd = calloc(1, sizeof(*cmd) + xfer);
	if (!cmd)
		return -ENOMEM;
	while (done < len) {
		uint32_t n = len - done < xfer ? (uint32_t)(len - done) : xfer;

		cmd->in_offset = (uint32_t)(offset + done);
		cmd->in_length = n;
		cmd->status = 0;
		if (ioctl(fd, ND_IOCTL_GET_CONFIG_DATA, cmd) < 0) {
			rc = -errno;
			break;
		}
		if (cmd->status) {
			rc = -EIO;
			break;
		}
		memcpy((uint8_t *)buf + done, cmd->out_buf, n);
		done += n;
	}
	if (rc < 0)
		err(dimm->obj.ctx, "%s: reading labels at %zu failed: %s", dimm->obj.devname,
		    (size_t)offset + done, strerror(-rc));
	free(cmd);
	return rc;
}

NDT_EXPORT int ndt_dimm_write_labels(struct ndt_dimm *dimm, const void *buf, uint64_t offset,
				     size_t len)
{
	struct nd_cmd_set_config_hdr *cmd;
	uint32_t xfer, status;
	size_t done = 0;
	int rc, fd;

	if (!ndt_dimm_is_cmd_supported(dimm, ND_CMD_SET_CONFIG_DATA))
		return -EOPNOTSUPP;
	if (ndt_dimm_is_active(dimm))
		return -EBUSY;
	rc = label_range(dimm, offset, len, &xfer);
	if (rc < 0)
		return rc;
	fd = dimm_fd(dimm);
	if (fd < 0)
		return fd;
	/* the firmware status follows the data */
	cmd = calloc(1, sizeof(*cmd) + xfer + sizeof(status));
	if (!cmd)
		return -ENOMEM;
	while (done < len) {
		uint32_t n = len - done < xfer ? (uint32_t)(len - done) : xfer;

		cmd->in_offset = (uint32_t)(offset + done);
		cmd->in_length = n;
		memcpy(cmd->in_buf, (const uint8_t *)buf + done, n);
		memset(cmd->in_buf + n, 0, sizeof(status));
		if (ioctl(fd, ND_IOCTL_SET_CONFIG_DATA, cmd) < 0) {
			rc = -errno;
			break;
		}
		memcpy(&status, cmd->in_buf + n, sizeof(status));
		if (status) {
			rc = -EIO;
			break;
		}
		done += n;
	}
	if (rc < 0)
		err(dimm->obj.ctx, "%s: writing labels at %zu failed: %s", dimm->obj.devname,
		    (size_t)offset + done, strerror(-rc));
	free(cmd);
	return rc;
}

NDT_EXPORT int ndt_dimm_reload_labels(struct ndt_dimm *dimm)
{
	int rc;

	if (!ndt_dimm_is_enabled(dimm))
		return 0;
	if (dimm->fd >= 0) {
		close(dimm->fd);
		dimm->fd = -1;
	}
	rc = ndt_obj_unbind(&dimm->obj);
	if (rc < 0)
		return rc;
	return ndt_obj_bind(&dimm->obj);
}
