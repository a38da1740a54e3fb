// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Bus-level firmware commands on /dev/ndctlN (ND_CMD_CALL, NFIT bus family): the call
 * itself and Translate SPA (the error commands are in bus-ars.c).
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "private.h"
#include "util/endian.h"

#define NFIT_FUNC_TRANSLATE_SPA	5
#define TS_MAX_DIMMS		16
/* output of Translate SPA: status, flags + 3 reserved, length, count, {handle, rsvd, dpa}[] */
#define TS_STATUS		0
#define TS_COUNT		16
#define TS_DEVICES		20
#define TS_DEVICE_SIZE		16
#define TS_OUT_SIZE		(TS_DEVICES + TS_MAX_DIMMS * TS_DEVICE_SIZE)

static bool bus_func_supported(struct ndt_bus *bus, unsigned int func)
{
	uint64_t mask;
	char buf[64];

	if (ndt_obj_read(&bus->obj, "nfit/dsm_mask", buf, sizeof(buf)) < 0 ||
	    ndt_parse_u64(buf, &mask) < 0)
		return false;
	return func < 64 && (mask & (1ull << func));
}

bool ndt_bus_func_supported(struct ndt_bus *bus, unsigned int func)
{
	return bus_func_supported(bus, func);
}

/* The bus's control device /dev/ndctlN, opened read-write; a file descriptor or -errno. */
int ndt_bus_open_ctl(struct ndt_bus *bus)
{
	struct ndt_obj ctl = { .ctx = bus->obj.ctx };
	int fd;

	snprintf(ctl.devname, sizeof(ctl.devname), "ndctl%u", bus->obj.id);
	if (asprintf(&ctl.path, "%s/nd/%s", bus->obj.path, ctl.devname) < 0)
		return -ENOMEM;
	fd = ndt_obj_open_dev(&ctl);
	free(ctl.path);
	return fd;
}

/* ND_CMD_CALL on the bus's control device /dev/ndctlN. */
int ndt_bus_call(struct ndt_bus *bus, unsigned int func, const void *in, uint32_t in_size,
		 void *out, uint32_t out_size)
{
	struct nd_cmd_pkg *pkg;
	int fd = ndt_bus_open_ctl(bus), rc;

	if (fd < 0)
		return fd;
	pkg = calloc(1, sizeof(*pkg) + in_size + out_size);
	if (!pkg) {
		close(fd);
		return -ENOMEM;
	}
	pkg->nd_family = NVDIMM_BUS_FAMILY_NFIT;
	pkg->nd_command = func;
	pkg->nd_size_in = in_size;
	pkg->nd_size_out = out_size;
	if (in_size)
		memcpy(pkg->nd_payload, in, in_size);
	rc = ioctl(fd, ND_IOCTL_CALL, pkg);
	if (rc < 0) {
		rc = -errno;
		dbg(bus->obj.ctx, "%s: bus function %u: %s", bus->obj.devname, func, strerror(errno));
	} else {
		memcpy(out, pkg->nd_payload + in_size, out_size);
	}
	free(pkg);
	close(fd);
	return rc;
}

static struct ndt_dimm *dimm_by_handle(struct ndt_bus *bus, uint32_t handle)
{
	struct ndt_dimm *dimm;
	uint64_t h;

	ndt_dimm_foreach(bus, dimm)
		if (ndt_dimm_get_handle(dimm, &h) == 0 && h == handle)
			return dimm;
	return NULL;
}

NDT_EXPORT int ndt_bus_translate_spa(struct ndt_bus *bus, uint64_t spa, struct ndt_dimm **dimms,
				     int max)
{
	uint8_t in[8], out[TS_OUT_SIZE];
	uint32_t status, count, i;
	int rc, n = 0;

	if (!bus_func_supported(bus, NFIT_FUNC_TRANSLATE_SPA))
		return -EOPNOTSUPP;
	for (i = 0; i < 8; i++)
		in[i] = (uint8_t)(spa >> (8 * i));
	memset(out, 0, sizeof(out));
	rc = ndt_bus_call(bus, NFIT_FUNC_TRANSLATE_SPA, in, sizeof(in), out, sizeof(out));
	if (rc < 0)
		return rc;
	status = ndt_le32(out + TS_STATUS);
	if (status & 0xffff)
		return -ENXIO;
	count = ndt_le32(out + TS_COUNT);
	for (i = 0; i < count && i < TS_MAX_DIMMS && n < max; i++) {
		struct ndt_dimm *dimm =
			dimm_by_handle(bus, ndt_le32(out + TS_DEVICES + i * TS_DEVICE_SIZE));

		if (dimm)
			dimms[n++] = dimm;
	}
	return n;
}
