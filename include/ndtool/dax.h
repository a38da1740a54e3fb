/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: device-dax regions and devices (/sys/bus/dax, or the older /sys/class/dax),
 * all of them (ndt_dax_region_get_first()) or the one a dax claim provides
 * (ndt_claim_get_dax_region()). Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_DAX_H
#define NDTOOL_DAX_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;
struct ndt_dax_region;
struct ndt_dax_dev;

/**
 * ndt_dax_region_get_first() - the first dax region of the system
 * @ctx: a context
 *
 * Every region with a device on the dax bus (or class), whatever provides it: a devdax
 * namespace, a soft-reserved memory range (dax_hmem), CXL. The list is read once per
 * context; ndt_ctx_refresh() reads it again.
 * Returns: the region with the lowest id, or NULL when there is none (or no dax bus).
 */
struct ndt_dax_region *ndt_dax_region_get_first(struct ndt_ctx *ctx);

/**
 * ndt_dax_region_get_next() - the next dax region of the system
 * @region: a region from ndt_dax_region_get_first() or ndt_dax_region_get_next()
 *
 * Returns: the region after @region in increasing id, or NULL after the last (and for a
 * region reached through a claim, which is not in the system's list).
 */
struct ndt_dax_region *ndt_dax_region_get_next(struct ndt_dax_region *region);

/* Iterate @region over every dax region of the system. */
#define ndt_dax_region_foreach(ctx, region) \
	for (region = ndt_dax_region_get_first(ctx); region; \
	     region = ndt_dax_region_get_next(region))

/**
 * ndt_dax_region_get_ctx() - the context a dax region belongs to
 * @region: a dax region
 *
 * Returns: the context.
 */
struct ndt_ctx *ndt_dax_region_get_ctx(struct ndt_dax_region *region);

/**
 * ndt_dax_dev_get_region() - the region of a device-dax device
 * @dev: a device-dax device
 *
 * Returns: the region that provides @dev.
 */
struct ndt_dax_region *ndt_dax_dev_get_region(struct ndt_dax_dev *dev);

/**
 * ndt_dax_region_get_id() - the dax region's number
 * @region: a dax region
 *
 * Returns: R of its devices' names daxR.N.
 */
unsigned int ndt_dax_region_get_id(struct ndt_dax_region *region);

/**
 * ndt_dax_region_get_path() - the sysfs directory of the region's provider
 * @region: a dax region
 *
 * Returns: the directory of the device that provides the region, which holds its
 * dax_region/ attributes and its devices: for a region of the system's list
 * (ndt_dax_region_get_first()) its real path under /sys/devices, for a claim's region the
 * claim's directory.
 */
const char *ndt_dax_region_get_path(struct ndt_dax_region *region);

/**
 * ndt_dax_region_get_devpath() - the region's provider, relative to /sys/devices
 * @region: a dax region of the system's list (ndt_dax_region_get_first())
 *
 * Returns: the tail of ndt_dax_region_get_path() after "/sys/devices", starting with "/"
 * ("/platform/hmem.0"), as daxctl names regions; NULL when the path is not under
 * /sys/devices (a claim's region).
 */
const char *ndt_dax_region_get_devpath(struct ndt_dax_region *region);

/**
 * ndt_dax_region_get_size() - the dax region's capacity
 * @region: a dax region
 * @size: receives the size in bytes
 *
 * Returns: 0; -ENOENT when the kernel does not report it; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_dax_region_get_size(struct ndt_dax_region *region, uint64_t *size);

/**
 * ndt_dax_region_get_align() - the dax region's mapping alignment
 * @region: a dax region
 * @align: receives the alignment in bytes
 *
 * Returns: 0; -EACCES for a caller without CAP_SYS_ADMIN (the attribute is root-only);
 * -ENOENT when the kernel does not report it; -EIO when it does not parse; another -errno
 * from reading it.
 */
int ndt_dax_region_get_align(struct ndt_dax_region *region, uint64_t *align);

/**
 * ndt_dax_region_get_available_size() - the dax region's capacity not given to a device
 * @region: a dax region
 * @size: receives the size in bytes
 *
 * Returns: 0; -ENOENT for a static region (pmem backed: its one device has all of it, and
 * the region has no allocator); -EIO when it does not parse; another -errno from reading
 * it.
 */
int ndt_dax_region_get_available_size(struct ndt_dax_region *region, uint64_t *size);

/**
 * ndt_dax_dev_get_first() - the first device of a dax region
 * @region: a dax region
 *
 * Enumerates the region's devices on first use.
 * Returns: the device with the lowest N, or NULL when the region has none.
 */
struct ndt_dax_dev *ndt_dax_dev_get_first(struct ndt_dax_region *region);

/**
 * ndt_dax_dev_get_next() - the next device of the same dax region
 * @dev: a device-dax device
 *
 * Returns: the device after @dev in increasing N, or NULL after the last.
 */
struct ndt_dax_dev *ndt_dax_dev_get_next(struct ndt_dax_dev *dev);

/* Iterate @dev over the devices of the dax region @region. */
#define ndt_dax_dev_foreach(region, dev) \
	for (dev = ndt_dax_dev_get_first(region); dev; dev = ndt_dax_dev_get_next(dev))

/**
 * ndt_dax_dev_get_devname() - the device's name
 * @dev: a device-dax device
 *
 * Returns: "daxR.N", also the name of its character device in /dev.
 */
const char *ndt_dax_dev_get_devname(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_get_sysfs_path() - the device's sysfs directory
 * @dev: a device-dax device
 *
 * Returns: the directory (".../dax1.0/dax1.0").
 */
const char *ndt_dax_dev_get_sysfs_path(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_is_enabled() - whether the device is enabled
 * @dev: a device-dax device
 *
 * Returns: true when a driver (device_dax or kmem) is bound to it.
 */
bool ndt_dax_dev_is_enabled(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_get_size() - the device's capacity
 * @dev: a device-dax device
 * @size: receives the size in bytes
 *
 * Returns: 0; -ENOENT when the kernel does not report it; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_dax_dev_get_size(struct ndt_dax_dev *dev, uint64_t *size);

/**
 * ndt_dax_dev_get_align() - the device's mapping alignment
 * @dev: a device-dax device
 * @align: receives the alignment in bytes
 *
 * Returns: 0; -ENOENT when the kernel does not report it (before 5.10); -EIO when it does
 * not parse; another -errno from reading it.
 */
int ndt_dax_dev_get_align(struct ndt_dax_dev *dev, uint64_t *align);

/**
 * ndt_dax_dev_get_target_node() - the NUMA node the device's memory is online as
 * @dev: a device-dax device
 * @node: receives the node
 *
 * Returns: 0; -ENOENT when the platform names none; -EIO when it does not parse; another
 * -errno from reading it.
 */
int ndt_dax_dev_get_target_node(struct ndt_dax_dev *dev, int *node);

enum ndt_dax_mode {
	NDT_DAX_MODE_DEVDAX,		/* bound to device_dax: a character device */
	NDT_DAX_MODE_SYSTEM_RAM,	/* bound to kmem: hot-plugged memory */
	NDT_DAX_MODE_UNKNOWN,		/* no driver bound */
};

/**
 * ndt_dax_dev_get_mode() - what the device is used as
 * @dev: a device-dax device
 *
 * Returns: NDT_DAX_MODE_SYSTEM_RAM when kmem is bound; NDT_DAX_MODE_DEVDAX when another
 * driver (device_dax) is; NDT_DAX_MODE_UNKNOWN when none is.
 */
enum ndt_dax_mode ndt_dax_dev_get_mode(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_get_mapping() - a physical range of the device
 * @dev: a device-dax device
 * @idx: which range, from 0 (its mapping@idx directory)
 * @page_offset: receives the range's offset in the device, in pages
 * @start: receives its first system physical address
 * @end: receives its last system physical address (inclusive)
 *
 * Returns: 0; -ENOENT after the last range (or on kernels before 5.10, which have no
 * mappings); -EACCES for a caller without CAP_SYS_ADMIN (the attributes are root-only);
 * -EIO when they do not parse; another -errno from reading them.
 */
int ndt_dax_dev_get_mapping(struct ndt_dax_dev *dev, unsigned int idx, uint64_t *page_offset,
			    uint64_t *start, uint64_t *end);

/**
 * ndt_dax_dev_get_memblocks() - the memory blocks of a system-ram device
 * @dev: a device-dax device bound to kmem
 * @online: receives how many of them are online
 * @total: receives how many blocks of /sys/devices/system/memory cover the device's ranges
 * @movable: receives whether an online one is in ZONE_MOVABLE
 *
 * The ranges are those of ndt_dax_dev_get_mapping(): the count stops at the first it
 * cannot read (all of them for a caller without CAP_SYS_ADMIN, leaving 0 blocks).
 * Returns: 0; -ENXIO when the device is not in system-ram mode; -EIO when the memory block
 * size does not parse; another -errno from reading it.
 */
int ndt_dax_dev_get_memblocks(struct ndt_dax_dev *dev, unsigned int *online,
			      unsigned int *total, bool *movable);

/**
 * ndt_dax_region_is_dynamic() - whether devices can be created in the dax region
 * @region: a dax region
 *
 * A dynamic region (soft-reserved memory through dax_hmem, CXL) hands out its capacity
 * to devices it creates and deletes on request; a static one (a devdax namespace) has
 * one device that spans it, fixed by its provider.
 * Returns: true when the region has the kernel's create and delete attributes.
 */
bool ndt_dax_region_is_dynamic(struct ndt_dax_region *region);

/**
 * ndt_dax_region_refresh() - forget the dax region's devices
 * @region: a dax region
 *
 * The next ndt_dax_dev_get_first() enumerates them again. Device objects of @region
 * obtained before are freed.
 */
void ndt_dax_region_refresh(struct ndt_dax_region *region);

/**
 * ndt_dax_get_alignments() - the mapping alignments device-dax devices can have here
 * @ctx: a context
 * @aligns: receives the alignments in bytes, ascending
 * @max: room in @aligns
 *
 * The kernel accepts the page size, the transparent huge page size when transparent huge
 * pages are available, and on x86-64 1 GiB.
 * Returns: how many were stored (at least 1).
 */
int ndt_dax_get_alignments(struct ndt_ctx *ctx, uint64_t *aligns, int max);

/**
 * ndt_dax_region_create_dev() - create a device-dax device in a dynamic region
 * @region: a dynamic dax region (ndt_dax_region_is_dynamic())
 * @size: its size in bytes; 0 for all the region's available capacity
 * @align: its mapping alignment in bytes; 0 for the region's
 * @dev: receives the new device, enabled in devdax mode (may be NULL)
 *
 * Checks everything before the first write: the region is dynamic, @align is one of
 * ndt_dax_get_alignments(), @size is a multiple of @align (and of the region's
 * alignment) and not more than the available capacity. Then takes an idle seed device
 * of the region or asks the kernel for a new one, gives it its alignment and size and
 * binds it to device_dax. When the kernel refuses a step, the device is returned to the
 * region (size 0, deleted when it was made for this call). The region's devices are
 * enumerated again afterwards (ndt_dax_region_refresh()).
 * Returns: 0; -EOPNOTSUPP for a static region; -EINVAL for an alignment the kernel
 * cannot do or a misaligned size; -ENOSPC when the region has less available capacity;
 * another -errno from the kernel. The reason is recorded (ndt_ctx_get_failure()).
 */
int ndt_dax_region_create_dev(struct ndt_dax_region *region, uint64_t size, uint64_t align,
			      struct ndt_dax_dev **dev);

/**
 * ndt_dax_dev_check_idle() - whether a device-dax device may be disabled or destroyed
 * @dev: a device-dax device
 *
 * Disabling a device revokes what it provides: memory the kernel has online (kmem), or
 * the mappings of the programs that opened /dev/daxR.N, which get SIGBUS. The kernel
 * does not refuse it, this check does.
 * Returns: 0 when nothing uses @dev; -EBUSY when it is online as system RAM
 * (NDT_REASON_SYSTEM_RAM) or a process has its character device open or mapped
 * (NDT_REASON_DAX_IN_USE, the process as "comm (pid N)" in the failure's object). The
 * reason is recorded.
 */
int ndt_dax_dev_check_idle(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_enable() - enable a device-dax device in devdax mode
 * @dev: a device-dax device
 *
 * Binds it to the device_dax driver (loading the module when needed). Nothing to do
 * when a driver is bound already.
 * Returns: 0; -ENXIO when it has size 0 (NDT_REASON_SEED); another -errno when the kernel
 * refuses. The reason is recorded (ndt_ctx_get_failure()).
 */
int ndt_dax_dev_enable(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_disable() - disable a device-dax device
 * @dev: a device-dax device
 *
 * Unbinds its driver after ndt_dax_dev_check_idle(). Nothing to do when it is disabled.
 * Returns: 0; -EBUSY when it is in use (see ndt_dax_dev_check_idle()); another -errno
 * when the kernel refuses. The reason is recorded (ndt_ctx_get_failure()).
 */
int ndt_dax_dev_disable(struct ndt_dax_dev *dev);

/**
 * ndt_dax_dev_destroy() - give a device's capacity back to its dynamic region
 * @dev: a device of a dynamic dax region
 * @force: disable it first when it is enabled
 *
 * Disables it (with @force), sets its size to 0 and deletes it. The kernel never deletes
 * device 0 of a region (it keeps the region visible on the dax bus): that one stays as an
 * idle device of size 0, which counts as destroyed. When the kernel refuses a step the
 * earlier ones are undone. @dev is freed on success (the region's devices are enumerated
 * again).
 * Returns: 0; -EOPNOTSUPP for a device of a static region; -EBUSY when it is enabled
 * without @force (NDT_REASON_ACTIVE) or in use (see ndt_dax_dev_check_idle()); another
 * -errno when the kernel refuses. The reason is recorded (ndt_ctx_get_failure()).
 */
int ndt_dax_dev_destroy(struct ndt_dax_dev *dev, bool force);

/**
 * ndt_devnum_get_dax_info() - size and alignment of a device-dax character device
 * @ctx: a context
 * @devt: the character device's number
 * @size: receives its size in bytes
 * @align: receives its mapping alignment (2 MiB on kernels before 5.10, which do not
 *         report it)
 *
 * Works for any device-dax device, on a namespace or not.
 * Returns: 0; -ENODEV when @devt is not a device-dax device; -EIO when its size does not
 * parse; another -errno from reading it.
 */
int ndt_devnum_get_dax_info(struct ndt_ctx *ctx, dev_t devt, uint64_t *size, uint64_t *align);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_DAX_H */
