// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Media errors on a bus: address range scrub (the nfit/scrub attribute), the ARS
 * capabilities and Clear Uncorrectable Error commands (ND_IOCTL_ARS_CAP and
 * ND_IOCTL_CLEAR_ERROR on /dev/ndctlN), and the ACPI NFIT error injection functions
 * (ND_CMD_CALL, NFIT bus family: ARS Error Inject 7, Inject Clear 8, Inject Status Query 9).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/ndctl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "private.h"
#include "util/endian.h"

#define NFIT_FUNC_INJECT_SET	7
#define NFIT_FUNC_INJECT_CLEAR	8
#define NFIT_FUNC_INJECT_GET	9
#define INJECT_OPT_NO_NOTIFY	0	/* option bit 0 set: notify the OS */
/* Inject Status Query output: status, count, then {base, length} records */
#define INJ_GET_HEADER		8
#define INJ_GET_RECORD		16
#define INJ_GET_MAX		256	/* records in the 4 KiB a platform returns */

static int no_scrub(struct ndt_bus *bus)
{
	return ndt_fail(bus->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, bus->obj.devname,
			"%s (%s) does not support address range scrub", bus->obj.devname,
			ndt_bus_get_provider(bus));
}

NDT_EXPORT int ndt_bus_start_scrub(struct ndt_bus *bus)
{
	int rc = ndt_bus_get_scrub_state(bus);

	if (rc == -ENOENT)
		return no_scrub(bus);
	if (rc < 0)
		return ndt_fail(bus->obj.ctx, rc, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: reading its scrub state failed: %s", bus->obj.devname,
				strerror(-rc));
	rc = ndt_obj_write(&bus->obj, "nfit/scrub", "1");
	if (rc < 0)
		return ndt_fail(bus->obj.ctx, rc, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: starting a scrub failed: %s", bus->obj.devname,
				strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_bus_wait_scrub(struct ndt_bus *bus, int timeout_ms)
{
	long long deadline = timeout_ms < 0 ? -1 : ndt_now_ms() + timeout_ms;
	char path[PATH_MAX], buf[32];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/nfit/scrub", bus->obj.path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? no_scrub(bus) : -errno;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI | POLLERR };
		long long left;
		ssize_t n;

		/* reading from offset 0 re-arms the notification and says whether it runs */
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0) {
			rc = -errno;
			break;
		}
		buf[n] = '\0';
		if (!strchr(buf, '+')) {
			rc = 0;
			break;
		}
		left = deadline < 0 ? -1 : deadline - ndt_now_ms();
		if (deadline >= 0 && left <= 0) {
			rc = -ETIMEDOUT;
			break;
		}
		/* the kernel notifies at the end of a scrub; re-read every second anyway */
		if (poll(&pfd, 1, left < 0 || left > 1000 ? 1000 : (int)left) < 0 &&
		    errno != EINTR) {
			rc = -errno;
			break;
		}
	}
	close(fd);
	return rc;
}

/* One of the bus's own commands on /dev/ndctlN; -EOPNOTSUPP when the bus lacks it. */
static int bus_ioctl(struct ndt_bus *bus, unsigned long request, void *arg)
{
	int fd = ndt_bus_open_ctl(bus), rc = 0;

	if (fd < 0)
		return fd;
	if (ioctl(fd, request, arg) < 0)
		rc = errno == ENOTTY ? -EOPNOTSUPP : -errno;
	close(fd);
	return rc;
}

NDT_EXPORT int ndt_bus_get_clear_unit(struct ndt_bus *bus, uint64_t spa, uint64_t len,
				      uint32_t *unit)
{
	struct nd_cmd_ars_cap cap = { .address = spa, .length = len };
	int rc = bus_ioctl(bus, ND_IOCTL_ARS_CAP, &cap);

	if (rc < 0)
		return rc;
	/* the low 16 bits are the command's status: 1 not supported, 2 invalid range */
	if ((cap.status & 0xffff) == 1)
		return -EOPNOTSUPP;
	if (cap.status & 0xffff)
		return -EINVAL;
	if (cap.clear_err_unit == 0 || (cap.clear_err_unit & (cap.clear_err_unit - 1)))
		return -EIO;
	*unit = cap.clear_err_unit;
	return 0;
}

NDT_EXPORT int ndt_bus_clear_error(struct ndt_bus *bus, uint64_t spa, uint64_t len,
				   uint64_t *cleared)
{
	struct nd_cmd_clear_error ce = { .address = spa, .length = len };
	int rc = bus_ioctl(bus, ND_IOCTL_CLEAR_ERROR, &ce);

	*cleared = 0;
	if (rc < 0)
		return rc;
	if (ce.status & 0xffff)
		return (ce.status & 0xffff) == 1 ? -EOPNOTSUPP : -EINVAL;
	*cleared = ce.cleared;
	return 0;
}

NDT_EXPORT bool ndt_bus_can_inject_errors(struct ndt_bus *bus)
{
	return ndt_bus_func_supported(bus, NFIT_FUNC_INJECT_SET) &&
	       ndt_bus_func_supported(bus, NFIT_FUNC_INJECT_CLEAR) &&
	       ndt_bus_func_supported(bus, NFIT_FUNC_INJECT_GET);
}

static void put_range(uint8_t *p, uint64_t spa, uint64_t len)
{
	for (int i = 0; i < 8; i++) {
		p[i] = (uint8_t)(spa >> (8 * i));
		p[8 + i] = (uint8_t)(len >> (8 * i));
	}
}

/* Inject (@set) or clear an injected error over [@spa, @spa + @len). */
static int inject(struct ndt_bus *bus, bool set, uint64_t spa, uint64_t len, bool notify)
{
	uint8_t in[17] = { 0 }, out[4] = { 0 };
	uint32_t status;
	int rc;

	if (!ndt_bus_can_inject_errors(bus))
		return ndt_fail(bus->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
				bus->obj.devname, "%s (%s) does not support error injection",
				bus->obj.devname, ndt_bus_get_provider(bus));
	if (len == 0)
		return -EINVAL;
	put_range(in, spa, len);
	if (set)
		in[16] = notify ? 1u << INJECT_OPT_NO_NOTIFY : 0;
	rc = ndt_bus_call(bus, set ? NFIT_FUNC_INJECT_SET : NFIT_FUNC_INJECT_CLEAR, in,
			  set ? 17 : 16, out, sizeof(out));
	status = ndt_le32(out);
	if (rc == 0 && (status & 0xffff))
		rc = (status & 0xffff) == 1 ? -EOPNOTSUPP : -EINVAL;
	if (rc < 0)
		return ndt_fail(bus->obj.ctx, rc, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: %s the error at %#llx (%llu bytes) failed: %s",
				bus->obj.devname, set ? "injecting" : "un-injecting",
				(unsigned long long)spa, (unsigned long long)len, strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_bus_inject_error(struct ndt_bus *bus, uint64_t spa, uint64_t len, bool notify)
{
	return inject(bus, true, spa, len, notify);
}

NDT_EXPORT int ndt_bus_uninject_error(struct ndt_bus *bus, uint64_t spa, uint64_t len)
{
	return inject(bus, false, spa, len, false);
}

NDT_EXPORT int ndt_bus_get_injected_errors(struct ndt_bus *bus, struct ndt_spa_range **ranges)
{
	uint32_t size = INJ_GET_HEADER + (INJ_GET_MAX + 1) * INJ_GET_RECORD, count, i;
	struct ndt_spa_range *r;
	uint8_t *out;
	int rc;

	*ranges = NULL;
	if (!ndt_bus_can_inject_errors(bus))
		return ndt_fail(bus->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
				bus->obj.devname, "%s (%s) does not support error injection",
				bus->obj.devname, ndt_bus_get_provider(bus));
	out = calloc(1, size);
	if (!out)
		return -ENOMEM;
	rc = ndt_bus_call(bus, NFIT_FUNC_INJECT_GET, NULL, 0, out, size);
	if (rc == 0 && (ndt_le32(out) & 0xffff))
		rc = -EIO;
	if (rc < 0) {
		free(out);
		return ndt_fail(bus->obj.ctx, rc, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: querying the injected errors failed: %s", bus->obj.devname,
				strerror(-rc));
	}
	count = ndt_le32(out + 4);
	if (count > INJ_GET_MAX + 1)
		count = INJ_GET_MAX + 1;
	r = calloc(count ? count : 1, sizeof(*r));
	if (!r) {
		free(out);
		return -ENOMEM;
	}
	for (i = 0; i < count; i++) {
		const uint8_t *rec = out + INJ_GET_HEADER + i * INJ_GET_RECORD;

		r[i].spa = ndt_le64(rec);
		r[i].length = ndt_le64(rec + 8);
	}
	free(out);
	if (count == 0) {
		free(r);
		r = NULL;
	}
	*ranges = r;
	return (int)count;
}
