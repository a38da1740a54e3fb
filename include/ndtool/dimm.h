/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: DIMMs (/sys/bus/nd/devices/nmemN below a bus), their firmware, enabling and
 * disabling them, and their label storage area. Their SMART health is in
 * <ndtool/health.h>. Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_DIMM_H
#define NDTOOL_DIMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_bus;
struct ndt_dimm;

/**
 * ndt_dimm_get_first() - the first DIMM of a bus
 * @bus: a bus
 *
 * Enumerates the bus's DIMMs and regions on first use.
 * Returns: the DIMM with the lowest N, or NULL when the bus has none.
 */
struct ndt_dimm *ndt_dimm_get_first(struct ndt_bus *bus);

/**
 * ndt_dimm_get_next() - the next DIMM of the same bus
 * @dimm: a DIMM
 *
 * Returns: the DIMM after @dimm in increasing N, or NULL after the last.
 */
struct ndt_dimm *ndt_dimm_get_next(struct ndt_dimm *dimm);

/* Iterate @dimm over the DIMMs of @bus. */
#define ndt_dimm_foreach(bus, dimm) \
	for (dimm = ndt_dimm_get_first(bus); dimm; dimm = ndt_dimm_get_next(dimm))

/**
 * ndt_dimm_get_bus() - the bus of a DIMM
 * @dimm: a DIMM
 *
 * Returns: the bus @dimm was enumerated on.
 */
struct ndt_bus *ndt_dimm_get_bus(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_id() - the DIMM's number
 * @dimm: a DIMM
 *
 * Returns: N of nmemN.
 */
unsigned int ndt_dimm_get_id(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_devname() - the DIMM's device name
 * @dimm: a DIMM
 *
 * Returns: "nmemN".
 */
const char *ndt_dimm_get_devname(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_sysfs_path() - the DIMM device's sysfs directory
 * @dimm: a DIMM
 *
 * Returns: the directory (".../ndbus0/nmem0").
 */
const char *ndt_dimm_get_sysfs_path(struct ndt_dimm *dimm);

/**
 * ndt_dimm_is_enabled() - whether the DIMM is enabled
 * @dimm: a DIMM
 *
 * Returns: true when the nvdimm driver is bound to it.
 */
bool ndt_dimm_is_enabled(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_unique_id() - the unique id the DIMM's firmware reports
 * @dimm: a DIMM
 * @buf: receives the id ("8089-a2-1751-000004c9"), truncated to @len - 1 bytes
 * @len: the size of @buf
 *
 * Reads nfit/id or papr/id.
 * Returns: 0; -ENOENT when the DIMM has no firmware interface attributes (neither nfit/
 * nor papr/) or reports no id; -EINVAL when @len is 0; another -errno from reading it.
 */
int ndt_dimm_get_unique_id(struct ndt_dimm *dimm, char *buf, size_t len);

/**
 * ndt_dimm_get_handle() - the DIMM's NFIT device handle
 * @dimm: a DIMM
 * @handle: receives the handle
 *
 * Returns: 0; -ENOENT when the DIMM has no firmware interface attributes or reports no
 * handle (papr DIMMs); -EIO when it does not parse; another -errno from reading it.
 */
int ndt_dimm_get_handle(struct ndt_dimm *dimm, uint64_t *handle);

/**
 * ndt_dimm_get_phys_id() - the DIMM's SMBIOS physical id
 * @dimm: a DIMM
 * @phys_id: receives the id (the SMBIOS Memory Device handle)
 *
 * Returns: 0; -ENOENT when the DIMM has no firmware interface attributes or reports no
 * physical id; -EIO when it does not parse; another -errno from reading it.
 */
int ndt_dimm_get_phys_id(struct ndt_dimm *dimm, uint64_t *phys_id);

/* ndt_dimm_get_flags() bits: health and state flags reported by the firmware */
enum {
	NDT_DIMM_FLAG_SAVE_FAIL = 1 << 0,	/* last save to media failed */
	NDT_DIMM_FLAG_RESTORE_FAIL = 1 << 1,	/* last restore from media failed */
	NDT_DIMM_FLAG_FLUSH_FAIL = 1 << 2,	/* platform flush failed */
	NDT_DIMM_FLAG_NOT_ARMED = 1 << 3,	/* cannot save data on power loss */
	NDT_DIMM_FLAG_SMART_EVENT = 1 << 4,	/* a SMART event was observed */
	NDT_DIMM_FLAG_MAP_FAIL = 1 << 5,	/* memory mapping failed */
	NDT_DIMM_FLAG_SMART_NOTIFY = 1 << 6,	/* the firmware sends health notifications */
};

/**
 * ndt_dimm_get_flags() - the state flags the DIMM's firmware reports
 * @dimm: a DIMM
 *
 * Reads nfit/flags or papr/flags, again on every call; words the library does not know
 * are ignored.
 * Returns: the NDT_DIMM_FLAG_* bits; 0 when the DIMM reports none or has no flags
 * attribute.
 */
unsigned int ndt_dimm_get_flags(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_security() - the DIMM's security state
 * @dimm: a DIMM
 * @buf: receives "disabled", "unlocked", "locked" or "overwrite" (an overwrite runs)
 * @len: the size of @buf
 *
 * Returns: 0; -EOPNOTSUPP when the DIMM has no security support (no or an empty security
 * attribute); -EINVAL when @len is 0; another -errno from reading it.
 */
int ndt_dimm_get_security(struct ndt_dimm *dimm, char *buf, size_t len);

/**
 * ndt_dimm_is_security_frozen() - whether security changes are frozen until reboot
 * @dimm: a DIMM
 *
 * Returns: true when the DIMM's frozen attribute is set; false when it is clear, absent or
 * unreadable.
 */
bool ndt_dimm_is_security_frozen(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_family() - the DIMM's command family
 * @dimm: a DIMM
 *
 * Read once, at enumeration, from nfit/family (papr DIMMs: NVDIMM_FAMILY_PAPR).
 * Returns: the NVDIMM_FAMILY_* number of <linux/ndctl.h>, or -1 when unknown.
 */
int ndt_dimm_get_family(struct ndt_dimm *dimm);

/**
 * ndt_dimm_is_cmd_supported() - whether the kernel accepts a command for the DIMM
 * @dimm: a DIMM
 * @cmd: an ND_CMD_* number of <linux/ndctl.h> (ND_CMD_SMART ... ND_CMD_CALL)
 *
 * The DIMM's commands attribute is read once.
 * Returns: true when the attribute lists @cmd; false otherwise, for any other number, and
 * when the attribute cannot be read.
 */
bool ndt_dimm_is_cmd_supported(struct ndt_dimm *dimm, int cmd);

/**
 * ndt_dimm_get_dsm_mask() - which functions of its family the DIMM implements
 * @dimm: a DIMM
 *
 * Read once, from nfit/dsm_mask.
 * Returns: the function mask (bit N: function N); 0 when unknown (no such attribute, as on
 * papr DIMMs, or it does not parse).
 */
uint64_t ndt_dimm_get_dsm_mask(struct ndt_dimm *dimm);

/**
 * ndt_dimm_fw_update_supported() - whether the DIMM implements firmware update
 * @dimm: a DIMM
 *
 * Returns: true for a DIMM of the Intel family that offers ND_CMD_CALL and implements every
 * firmware update function (12 to 16); false otherwise.
 */
bool ndt_dimm_fw_update_supported(struct ndt_dimm *dimm);

/**
 * ndt_dimm_get_fw_version() - the running and the staged firmware version
 * @dimm: a DIMM
 * @current: receives the running version
 * @next: receives the version staged for the next activation, 0 when none
 *
 * Issues the Intel family's "Get Firmware Info" function.
 * Returns: 0; -EOPNOTSUPP when the DIMM's family has no firmware info function (or the
 * DIMM does not implement it); -EIO when the answer is short; the firmware's status as
 * -errno (-EOPNOTSUPP, -ENODEV, -EINVAL, -EAGAIN, -EBUSY, -EIO); -ENOMEM; another -errno
 * from opening /dev/nmemN (-ENXIO: not the device sysfs reports) or from the ioctl.
 */
int ndt_dimm_get_fw_version(struct ndt_dimm *dimm, uint64_t *current, uint64_t *next);

/*
 * Changing state: enable, disable, label I/O. These operations record why they fail
 * (ndt_ctx_get_failure()).
 */

/**
 * ndt_dimm_is_active() - whether an enabled region uses the DIMM (its labels are live)
 * @dimm: a DIMM
 *
 * Returns: true when an enabled region maps onto @dimm.
 */
bool ndt_dimm_is_active(struct ndt_dimm *dimm);

/**
 * ndt_dimm_enable() - bind the DIMM to its driver
 * @dimm: a DIMM
 *
 * Returns: 0; -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_dimm_enable(struct ndt_dimm *dimm);

/**
 * ndt_dimm_disable() - unbind the DIMM from its driver
 * @dimm: a DIMM
 *
 * Returns: 0; -EBUSY while an enabled region uses it (NDT_REASON_REGION_ACTIVE, the region
 * in the failure's object); another -errno when the kernel refused (NDT_REASON_KERNEL).
 */
int ndt_dimm_disable(struct ndt_dimm *dimm);

/*
 * Label storage area I/O (ND_CMD_GET_CONFIG_SIZE / GET_CONFIG_DATA / SET_CONFIG_DATA).
 * The bytes are the label area format of the UEFI specification.
 */

/**
 * ndt_dimm_get_label_size() - the size of the DIMM's label area
 * @dimm: a DIMM
 * @size: receives the size in bytes
 * @max_xfer: receives the kernel's largest transfer (may be NULL)
 *
 * Returns: 0; -EOPNOTSUPP when the DIMM has no label commands; -ENXIO when it reports an
 * empty area, or when /dev/nmemN is not the device sysfs reports; -EIO when the firmware
 * failed the command; another -errno from opening /dev/nmemN or from the ioctl.
 */
int ndt_dimm_get_label_size(struct ndt_dimm *dimm, uint32_t *size, uint32_t *max_xfer);

/**
 * ndt_dimm_read_labels() - read part of the DIMM's label area
 * @dimm: a DIMM
 * @buf: receives @len bytes
 * @offset: where to start in the area
 * @len: how many bytes
 *
 * Returns: 0; -EOPNOTSUPP when the DIMM has no label area (NDT_REASON_UNSUPPORTED);
 * -ERANGE when the range reaches past the area (NDT_REASON_INVALID); -EIO or another
 * -errno when a transfer failed (NDT_REASON_KERNEL). The failure is recorded.
 */
int ndt_dimm_read_labels(struct ndt_dimm *dimm, void *buf, uint64_t offset, size_t len);

/**
 * ndt_dimm_write_labels() - write part of the DIMM's label area
 * @dimm: a DIMM
 * @buf: the @len bytes to write
 * @offset: where to start in the area
 * @len: how many bytes
 *
 * Returns: 0; -EBUSY (nothing written) while an enabled region uses the DIMM
 * (NDT_REASON_REGION_ACTIVE, the region in the failure's object); the errors of
 * ndt_dimm_read_labels() otherwise. The failure is recorded.
 */
int ndt_dimm_write_labels(struct ndt_dimm *dimm, const void *buf, uint64_t offset, size_t len);

/**
 * ndt_dimm_reload_labels() - make the kernel read the DIMM's labels again
 * @dimm: a DIMM
 *
 * Disables and enables an enabled DIMM; a disabled one is left alone.
 * Returns: 0; -errno when the kernel refused a step (NDT_REASON_KERNEL).
 */
int ndt_dimm_reload_labels(struct ndt_dimm *dimm);

/**
 * ndt_dimm_open_health_notify() - open the DIMM's health notification attribute
 * @dimm: a DIMM of a family that reports health events (nfit or papr)
 *
 * The kernel notifies the returned descriptor (EPOLLPRI and EPOLLERR, or an exceptional
 * condition for poll() and select()) when the DIMM's firmware signals a health event. The
 * attribute has been read once, so the descriptor is armed; after each notification
 * call ndt_health_notify_rearm() before waiting again. Close it with close(2).
 * Returns: a file descriptor (O_CLOEXEC); -ENOENT when the DIMM has no such attribute,
 * or -errno of open(2).
 */
int ndt_dimm_open_health_notify(struct ndt_dimm *dimm);

/**
 * ndt_health_notify_rearm() - acknowledge a health notification
 * @fd: a descriptor of ndt_dimm_open_health_notify()
 *
 * Reads the attribute again, which arms the descriptor for the next notification.
 * Returns: 0; -errno of pread(2) (-ENODEV once the DIMM is gone).
 */
int ndt_health_notify_rearm(int fd);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_DIMM_H */
