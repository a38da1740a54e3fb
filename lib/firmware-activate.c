// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Run-time firmware activation: a DIMM's firmware/activate (arm, disarm) and
 * firmware/result, a bus's firmware/activate (live, quiesce) and, on ACPI NFIT buses,
 * nfit/firmware_activate_noidle. The kernel shows these attributes only when the platform
 * can activate firmware without a reboot.
 */
#include <errno.h>
#include <string.h>
#include "private.h"

static int read_text(const struct ndt_obj *obj, const char *attr, char *buf, size_t len)
{
	int rc;

	if (len == 0)
		return -EINVAL;
	rc = ndt_obj_read(obj, attr, buf, len);
	return rc < 0 ? rc : 0;
}

NDT_EXPORT int ndt_dimm_get_fw_activate_state(struct ndt_dimm *dimm, char *state, size_t len)
{
	return read_text(&dimm->obj, "firmware/activate", state, len);
}

NDT_EXPORT int ndt_dimm_get_fw_activate_result(struct ndt_dimm *dimm, char *result, size_t len)
{
	return read_text(&dimm->obj, "firmware/result", result, len);
}

static int no_activation(struct ndt_ctx *ctx, const char *dev)
{
	return ndt_fail(ctx, -ENOENT, NDT_REASON_UNSUPPORTED, dev,
			"%s cannot activate firmware at run time (the platform or the kernel "
			"offers no activation): new firmware becomes active at the next power "
			"cycle", dev);
}

static int write_arm(struct ndt_dimm *dimm, const char *what)
{
	char state[32];
	int rc;

	rc = ndt_dimm_get_fw_activate_state(dimm, state, sizeof(state));
	if (rc == -ENOENT)
		return no_activation(dimm->obj.ctx, dimm->obj.devname);
	rc = ndt_obj_write(&dimm->obj, "firmware/activate", what);
	if (rc < 0)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, dimm->obj.devname,
				"%s: the kernel refused to %s it for firmware activation: %s",
				dimm->obj.devname, what, strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_dimm_fw_arm(struct ndt_dimm *dimm, bool force)
{
	char method[32], state[32];
	int rc;

	ndt_failure_clear(dimm->obj.ctx);
	rc = write_arm(dimm, "arm");
	if (rc < 0 || force)
		return rc;
	/* the platform recomputes the activation time with this DIMM in it */
	rc = ndt_bus_get_fw_activate(dimm->bus, method, sizeof(method), state, sizeof(state));
	if (rc < 0 || strcmp(state, "overflow") != 0)
		return 0;
	rc = ndt_obj_write(&dimm->obj, "firmware/activate", "disarm");
	ndt_fail(dimm->obj.ctx, -EOVERFLOW, NDT_REASON_INVALID, dimm->obj.devname,
		 "%s: arming it would make the activation of %s take longer than the platform "
		 "allows (activate_state overflow)", dimm->obj.devname, dimm->bus->obj.devname);
	if (rc < 0)
		ndt_fail_append(dimm->obj.ctx, "; disarming it again failed (%s): it stays armed",
				strerror(-rc));
	else
		ndt_fail_append(dimm->obj.ctx, "; it was disarmed again");
	return -EOVERFLOW;
}

NDT_EXPORT int ndt_dimm_fw_disarm(struct ndt_dimm *dimm)
{
	ndt_failure_clear(dimm->obj.ctx);
	return write_arm(dimm, "disarm");
}

NDT_EXPORT int ndt_bus_get_fw_activate_noidle(struct ndt_bus *bus, bool *noidle)
{
	char buf[16];
	int rc = ndt_obj_read(&bus->obj, "nfit/firmware_activate_noidle", buf, sizeof(buf));

	if (rc < 0)
		return rc;
	if (strcmp(buf, "Y") == 0 || strcmp(buf, "1") == 0)
		*noidle = true;
	else if (strcmp(buf, "N") == 0 || strcmp(buf, "0") == 0)
		*noidle = false;
	else
		return -EIO;
	return 0;
}

NDT_EXPORT int ndt_bus_set_fw_activate_noidle(struct ndt_bus *bus, bool noidle)
{
	bool cur;
	int rc;

	ndt_failure_clear(bus->obj.ctx);
	rc = ndt_bus_get_fw_activate_noidle(bus, &cur);
	if (rc == -ENOENT)
		return ndt_fail(bus->obj.ctx, rc, NDT_REASON_UNSUPPORTED, bus->obj.devname,
				"%s has no setting for idling devices over an activation",
				bus->obj.devname);
	rc = ndt_obj_write(&bus->obj, "nfit/firmware_activate_noidle", noidle ? "1" : "0");
	if (rc < 0)
		return ndt_fail(bus->obj.ctx, rc, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: the kernel refused to %s the platform's idling of devices: %s",
				bus->obj.devname, noidle ? "turn off" : "turn on", strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_bus_fw_activate(struct ndt_bus *bus, bool live)
{
	struct ndt_ctx *ctx = bus->obj.ctx;
	char method[32], state[32];
	int rc;

	ndt_failure_clear(ctx);
	rc = ndt_bus_get_fw_activate(bus, method, sizeof(method), state, sizeof(state));
	if (rc == -ENOENT)
		return no_activation(ctx, bus->obj.devname);
	if (rc == 0 && strcmp(state, "idle") == 0)
		return ndt_fail(ctx, -ENXIO, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: no DIMM is armed for activation", bus->obj.devname);
	if (rc == 0 && strcmp(state, "busy") == 0)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: the last activation is still settling", bus->obj.devname);
	rc = ndt_obj_write(&bus->obj, "firmware/activate", live ? "live" : "quiesce");
	if (rc < 0)
		return ndt_fail(ctx, rc, NDT_REASON_KERNEL, bus->obj.devname,
				"%s: the kernel refused the %s activation: %s", bus->obj.devname,
				live ? "live" : "quiesced", strerror(-rc));
	return 0;
}
