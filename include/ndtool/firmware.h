/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: updating DIMM firmware (the Intel family's update functions 12 to 16 through
 * ND_CMD_CALL) and activating staged firmware at run time (the kernel's firmware/
 * attributes of DIMMs and buses). Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_FIRMWARE_H
#define NDTOOL_FIRMWARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_bus;
struct ndt_dimm;

/* What a DIMM's "Get Firmware Info" function reports. */
struct ndt_fw_info {
	size_t struct_size;		/* sizeof(struct ndt_fw_info), set by the caller */
	uint32_t storage_size;		/* bytes the DIMM can stage */
	uint32_t max_send_len;		/* largest chunk of one "Send Data" call */
	uint32_t query_interval_us;	/* how often to poll "Finish Update Query" */
	uint32_t max_query_time_us;	/* how long verification may take */
	uint8_t update_cap;		/* update capability bits */
	uint32_t fis_version;		/* firmware interface specification version */
	uint64_t run_version;		/* the running firmware */
	uint64_t updated_version;	/* the staged firmware, 0 when none */
};

/**
 * ndt_dimm_get_fw_info() - the firmware update parameters and versions of a DIMM
 * @dimm: a DIMM
 * @info: receives them; @info->struct_size must be set
 *
 * Issues the Intel family's "Get Firmware Info" function.
 * Returns: 0; -EINVAL when @info->struct_size is too small; -EOPNOTSUPP when the DIMM
 * does not implement the function; -EIO when the answer is short; the firmware's status as
 * -errno; another -errno from /dev/nmemN or the ioctl.
 */
int ndt_dimm_get_fw_info(struct ndt_dimm *dimm, struct ndt_fw_info *info);

/*
 * Progress of ndt_dimm_fw_update(): @sent of @total bytes of the image sent; called after
 * each chunk, the last time (@sent == @total) before the DIMM verifies the image.
 */
typedef void (*ndt_fw_progress_fn)(struct ndt_dimm *dimm, uint64_t sent, uint64_t total,
				   void *arg);

/**
 * ndt_dimm_fw_update() - send a firmware image to a DIMM and stage it
 * @dimm: a DIMM that supports firmware update (ndt_dimm_fw_update_supported())
 * @image: the image
 * @size: its size in bytes
 * @progress: called as the transfer goes on (may be NULL)
 * @arg: passed to @progress
 *
 * Starts an update, sends the image in chunks of the DIMM's largest transfer, finishes
 * the update and polls until the DIMM has verified and staged the image. A failure
 * after the start aborts the update; the recorded failure says what the DIMM is left
 * with (its running and staged versions).
 * Returns: 0; -EOPNOTSUPP when the DIMM cannot update firmware (NDT_REASON_UNSUPPORTED);
 * -EINVAL when @size is 0 or larger than the DIMM's storage (NDT_REASON_INVALID); -EBUSY
 * when the DIMM is busy with another update or has one staged that waits for activation;
 * -ETIMEDOUT when the DIMM is still verifying after its maximum query time; -EIO when it
 * rejects the image; another -errno from the ioctl (NDT_REASON_KERNEL).
 */
int ndt_dimm_fw_update(struct ndt_dimm *dimm, const void *image, size_t size,
		       ndt_fw_progress_fn progress, void *arg);

/**
 * ndt_dimm_get_fw_activate_state() - whether a DIMM is armed for firmware activation
 * @dimm: a DIMM
 * @state: receives the kernel's firmware/activate state: "idle", "armed" or "busy"
 * @len: size of @state
 *
 * Returns: 0; -ENOENT when the DIMM (or its bus) cannot activate firmware at run time;
 * -EINVAL when @len is 0; another -errno from reading the attribute.
 */
int ndt_dimm_get_fw_activate_state(struct ndt_dimm *dimm, char *state, size_t len);

/**
 * ndt_dimm_get_fw_activate_result() - the result of the last firmware activation
 * @dimm: a DIMM
 * @result: receives the kernel's firmware/result: "none", "success", "fail",
 *          "not_staged" or "need_reset"
 * @len: size of @result
 *
 * Returns: 0; -ENOENT when the DIMM cannot activate firmware at run time; -EINVAL when
 * @len is 0; another -errno from reading the attribute.
 */
int ndt_dimm_get_fw_activate_result(struct ndt_dimm *dimm, char *result, size_t len);

/**
 * ndt_dimm_fw_arm() - arm a DIMM for the next firmware activation of its bus
 * @dimm: a DIMM
 * @force: keep the DIMM armed even when the bus's activation would then take longer than
 *         the platform allows (its activate_state "overflow")
 *
 * Without @force, a DIMM whose arming trips the bus into "overflow" is disarmed again.
 * Returns: 0; -ENOENT when the DIMM cannot activate firmware at run time
 * (NDT_REASON_UNSUPPORTED); -EOVERFLOW when arming tripped the overflow and the DIMM was
 * disarmed again (NDT_REASON_INVALID; the sentence says if disarming failed); another
 * -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_dimm_fw_arm(struct ndt_dimm *dimm, bool force);

/**
 * ndt_dimm_fw_disarm() - take a DIMM out of the next firmware activation
 * @dimm: a DIMM
 *
 * Returns: 0; -ENOENT when the DIMM cannot activate firmware at run time
 * (NDT_REASON_UNSUPPORTED); another -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_dimm_fw_disarm(struct ndt_dimm *dimm);

/**
 * ndt_bus_get_fw_activate_noidle() - whether the platform leaves idling devices to the OS
 * @bus: an ACPI NFIT bus
 * @noidle: receives true when the platform does not force devices idle over an activation
 *
 * Returns: 0; -ENOENT when the bus has no such setting; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_bus_get_fw_activate_noidle(struct ndt_bus *bus, bool *noidle);

/**
 * ndt_bus_set_fw_activate_noidle() - let the platform force devices idle, or not
 * @bus: an ACPI NFIT bus
 * @noidle: true: the platform trusts the OS to have idled devices
 *
 * Returns: 0; -ENOENT when the bus has no such setting (NDT_REASON_UNSUPPORTED); another
 * -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_bus_set_fw_activate_noidle(struct ndt_bus *bus, bool noidle);

/**
 * ndt_bus_fw_activate() - activate the firmware staged on the armed DIMMs of a bus
 * @bus: a bus
 * @live: true: activate while the system runs; false: within a quiesce of the whole
 *        system (the kernel freezes processes and suspends devices around it)
 *
 * Returns: 0; -ENOENT when the bus cannot activate firmware at run time
 * (NDT_REASON_UNSUPPORTED); -ENXIO when no DIMM of the bus is armed; -EBUSY while an
 * activation is still settling; another -errno when the kernel refused (all
 * NDT_REASON_KERNEL but the first).
 */
int ndt_bus_fw_activate(struct ndt_bus *bus, bool live);

#ifdef __cplusplus
}
#endif

#endif
