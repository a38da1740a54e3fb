/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: memory blocks (/sys/devices/system/memory/memoryN), the units in which the
 * kernel onlines and offlines hot-plugged memory, and the mode of a device-dax device:
 * devdax (a character device) or system-ram (its memory hot-plugged by the kmem driver).
 * Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_MEMBLOCK_H
#define NDTOOL_MEMBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ndtool/dax.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;
struct ndt_dax_dev;
struct ndt_memblock;

/**
 * ndt_memblock_get_block_size() - the size of every memory block
 * @ctx: a context
 * @size: receives the size in bytes (block_size_bytes)
 *
 * Returns: 0; -ENOENT when the kernel has no memory hotplug; -EIO when it does not
 * parse; another -errno from reading it.
 */
int ndt_memblock_get_block_size(struct ndt_ctx *ctx, uint64_t *size);

enum ndt_online_policy {
	NDT_ONLINE_POLICY_OFFLINE,	/* "offline": added memory stays offline */
	NDT_ONLINE_POLICY_ONLINE,	/* "online": the kernel onlines it, picking the zone */
	NDT_ONLINE_POLICY_KERNEL,	/* "online_kernel": onlined in a kernel zone (Normal) */
	NDT_ONLINE_POLICY_MOVABLE,	/* "online_movable": onlined in ZONE_MOVABLE */
	NDT_ONLINE_POLICY_UNKNOWN,	/* none of these (a newer kernel's) */
};

/**
 * ndt_memblock_get_online_policy() - what the kernel does with memory it adds
 * @ctx: a context
 * @policy: receives the policy of /sys/devices/system/memory/auto_online_blocks
 *
 * The kmem driver adds a device's memory and the kernel then onlines it, or not, by
 * this policy, before anyone else can act.
 * Returns: 0; -ENOENT when the kernel has no memory hotplug; another -errno from
 * reading it.
 */
int ndt_memblock_get_online_policy(struct ndt_ctx *ctx, enum ndt_online_policy *policy);

/**
 * ndt_online_policy_name() - the kernel's name of an online policy
 * @policy: a policy
 *
 * Returns: "offline", "online", "online_kernel", "online_movable" or "unknown".
 */
const char *ndt_online_policy_name(enum ndt_online_policy policy);

/**
 * ndt_dax_dev_get_memblock_first() - the first memory block of a device-dax device
 * @dev: a device-dax device
 *
 * The blocks are those that lie wholly inside the device's ranges
 * (ndt_dax_dev_get_mapping(), or its resource before kernel 5.10) and exist: the kmem
 * driver adds exactly these when the device becomes system-ram, so a devdax device has
 * none. The list is read on first use and again after a mode change.
 * Returns: the block with the lowest number, or NULL when there is none (also for a
 * caller without CAP_SYS_ADMIN, who cannot read the ranges).
 */
struct ndt_memblock *ndt_dax_dev_get_memblock_first(struct ndt_dax_dev *dev);

/**
 * ndt_memblock_get_next() - the next memory block of the same device
 * @mb: a memory block
 *
 * Returns: the block after @mb in increasing number, or NULL after the last.
 */
struct ndt_memblock *ndt_memblock_get_next(struct ndt_memblock *mb);

/* Iterate @mb over the memory blocks of the device-dax device @dev. */
#define ndt_memblock_foreach(dev, mb) \
	for (mb = ndt_dax_dev_get_memblock_first(dev); mb; mb = ndt_memblock_get_next(mb))

/**
 * ndt_memblock_get_id() - the block's number
 * @mb: a memory block
 *
 * Returns: N of memoryN, its physical address divided by the block size.
 */
unsigned long ndt_memblock_get_id(struct ndt_memblock *mb);

/**
 * ndt_memblock_get_devname() - the block's name
 * @mb: a memory block
 *
 * Returns: "memoryN".
 */
const char *ndt_memblock_get_devname(struct ndt_memblock *mb);

/**
 * ndt_memblock_get_phys_index() - the block's first memory section
 * @mb: a memory block
 * @index: receives the section number (phys_index)
 *
 * Returns: 0; -EIO when it does not parse; another -errno from reading it.
 */
int ndt_memblock_get_phys_index(struct ndt_memblock *mb, uint64_t *index);

enum ndt_memblock_state {
	NDT_MEMBLOCK_OFFLINE,
	NDT_MEMBLOCK_ONLINE,
	NDT_MEMBLOCK_GOING_OFFLINE,	/* the kernel is offlining it */
	NDT_MEMBLOCK_STATE_UNKNOWN,	/* gone, or unreadable */
};

/**
 * ndt_memblock_get_state() - whether the block is online
 * @mb: a memory block
 *
 * Read from the kernel at each call.
 * Returns: the state.
 */
enum ndt_memblock_state ndt_memblock_get_state(struct ndt_memblock *mb);

enum ndt_memblock_zone {
	NDT_MEMBLOCK_ZONE_NONE,		/* offline: in no zone */
	NDT_MEMBLOCK_ZONE_NORMAL,	/* a kernel zone: Normal (or DMA, DMA32) */
	NDT_MEMBLOCK_ZONE_MOVABLE,	/* ZONE_MOVABLE */
	NDT_MEMBLOCK_ZONE_UNKNOWN,	/* unreadable, or the kernel names none */
};

/**
 * ndt_memblock_get_zone() - the zone an online block is in
 * @mb: a memory block
 *
 * Read from valid_zones at each call, which for an online block names its zone.
 * Returns: the zone; NDT_MEMBLOCK_ZONE_NONE for a block that is not online.
 */
enum ndt_memblock_zone ndt_memblock_get_zone(struct ndt_memblock *mb);

/**
 * ndt_memblock_get_valid_zones() - the zones the kernel reports for the block
 * @mb: a memory block
 * @buf: receives valid_zones as the kernel words it: the zone of an online block, the
 *       zones an offline block can be onlined to ("Normal Movable"), "None" when the
 *       block spans zones
 * @len: the size of @buf
 *
 * Returns: the length of the text; -errno from reading it.
 */
int ndt_memblock_get_valid_zones(struct ndt_memblock *mb, char *buf, size_t len);

/**
 * ndt_memblock_can_online() - whether an offline block can be onlined to a zone
 * @mb: a memory block
 * @movable: ZONE_MOVABLE when true, a kernel zone (Normal) when false
 *
 * Returns: true when valid_zones offers the zone.
 */
bool ndt_memblock_can_online(struct ndt_memblock *mb, bool movable);

/**
 * ndt_memblock_is_removable() - whether the kernel reports the block removable
 * @mb: a memory block
 *
 * Since 5.9 the kernel always says so (removable is deprecated); whether the block can
 * really be offlined is known only by trying.
 * Returns: 1 when removable says so, 0 when it says not, -errno when it cannot be read.
 */
int ndt_memblock_is_removable(struct ndt_memblock *mb);

/**
 * ndt_memblock_online() - online one memory block
 * @mb: an offline memory block
 * @movable: into ZONE_MOVABLE (online_movable) when true, else into a kernel zone
 *           (online_kernel)
 *
 * Returns: 0 (also when it is online already in the zone asked for); -EEXIST when it is
 * online in the other zone; -EINVAL when valid_zones does not offer the zone; another
 * -errno when the kernel refuses. The reason is recorded in the context.
 */
int ndt_memblock_online(struct ndt_memblock *mb, bool movable);

/**
 * ndt_memblock_offline() - offline one memory block
 * @mb: a memory block
 *
 * Returns: 0 (also when it is offline already); -EBUSY when the kernel cannot migrate
 * the pages on it; another -errno when the kernel refuses. The reason is recorded in
 * the context.
 */
int ndt_memblock_offline(struct ndt_memblock *mb);

/* How many blocks an operation on a device's memory changed, and why it stopped. */
struct ndt_memblock_result {
	unsigned int total;		/* the device's blocks */
	unsigned int changed;		/* onlined or offlined by this call (0 after an undo) */
	unsigned int already;		/* in the state asked for before the call */
	unsigned int busy;		/* offline: how many could not be offlined */
};

/**
 * ndt_dax_dev_online_memory() - online every memory block of a system-ram device
 * @dev: a device-dax device in system-ram mode
 * @movable: into ZONE_MOVABLE when true, else into a kernel zone (Normal)
 * @res: receives the counts (may be NULL)
 *
 * All or nothing: every offline block is checked first (valid_zones must offer the
 * zone); when the kernel refuses one, the blocks this call onlined are offlined again
 * and the failure names the block. Blocks online already stay as they are, in their
 * zone (@res->already counts them).
 * Returns: 0; -ENXIO when @dev is not system-ram (NDT_REASON_NOT_SYSTEM_RAM); -ENOENT
 * when it has no memory block; -EINVAL when a block cannot be onlined to the zone
 * (NDT_REASON_INVALID); another -errno from the kernel (NDT_REASON_KERNEL).
 */
int ndt_dax_dev_online_memory(struct ndt_dax_dev *dev, bool movable,
			      struct ndt_memblock_result *res);

/**
 * ndt_dax_dev_offline_memory() - offline every memory block of a system-ram device
 * @dev: a device-dax device in system-ram mode
 * @res: receives the counts (may be NULL)
 *
 * All or nothing: every online block is tried; when the kernel cannot offline some
 * (their pages are in use and cannot be migrated), every block this call offlined is
 * onlined again into the zone it was in, and the failure names the blocks that could not
 * be offlined (NDT_REASON_MEMORY_BUSY, the first such block in @object).
 * Returns: 0; -ENXIO when @dev is not system-ram; -EBUSY when a block could not be
 * offlined; another -errno from the kernel. The reason is recorded in the context.
 */
int ndt_dax_dev_offline_memory(struct ndt_dax_dev *dev, struct ndt_memblock_result *res);

/* Flags of ndt_dax_dev_set_mode() */
enum {
	NDT_DAX_MODE_NO_ONLINE = 1 << 0,	/* system-ram: leave the memory offline */
	NDT_DAX_MODE_NO_MOVABLE = 1 << 1,	/* system-ram: online into Normal, not Movable */
	NDT_DAX_MODE_FORCE = 1 << 2,		/* devdax: offline online memory first */
};

/**
 * ndt_dax_dev_set_mode() - switch a device-dax device between devdax and system-ram
 * @dev: a device-dax device
 * @mode: NDT_DAX_MODE_DEVDAX or NDT_DAX_MODE_SYSTEM_RAM
 * @flags: NDT_DAX_MODE_* flags
 * @res: receives the counts of the memory blocks onlined or offlined (may be NULL)
 *
 * To system-ram: checks that the device is not mapped or open, that it has a NUMA
 * target node and at least one whole memory block, that each block can be onlined to the
 * zone asked for; unbinds device_dax, loads kmem and binds it, then onlines the blocks
 * (unless NDT_DAX_MODE_NO_ONLINE). When the kernel's auto_online_blocks policy onlined
 * them on its own, the result is brought to what @flags ask for (offline, or the other
 * zone); when that fails everything is undone and the failure names the policy
 * (NDT_REASON_ONLINE_POLICY). A device in system-ram mode already only has its memory
 * onlined as asked (or is left alone).
 *
 * To devdax: online memory is refused (NDT_REASON_SYSTEM_RAM) unless NDT_DAX_MODE_FORCE,
 * which offlines it first, all or nothing (see ndt_dax_dev_offline_memory()); then kmem is
 * unbound (it releases the memory only when every block is offline) and device_dax bound.
 * A step the kernel refuses undoes the steps before it.
 * Returns: 1 when the device changed (mode, or memory onlined), 0 when it was as asked
 * already; -errno on failure, with the reason recorded in the context.
 */
int ndt_dax_dev_set_mode(struct ndt_dax_dev *dev, enum ndt_dax_mode mode, unsigned int flags,
			 struct ndt_memblock_result *res);

/**
 * ndt_dax_dev_resize() - change the size or the alignment of a devdax device
 * @dev: a device-dax device of a dynamic region (soft-reserved memory), in devdax mode
 * @size: the new size in bytes (a multiple of the alignment), or UINT64_MAX to keep it
 * @align: the new alignment (4 KiB, 2 MiB or 1 GiB, what the region supports), or 0 to
 *         keep it
 *
 * Checks everything first (the region is dynamic, the size a multiple of the alignment and
 * at most the device's size plus the region's available capacity, the device idle); the
 * device is disabled, changed and enabled again. When the kernel refuses a step, the
 * size and alignment it had are put back and the device enabled as before.
 * Returns: 1 when the device changed, 0 when it was as asked already; -errno on failure,
 * the reason recorded in the context (NDT_REASON_INVALID, NDT_REASON_MISALIGNED with the
 * device, NDT_REASON_NO_SPACE, NDT_REASON_UNSUPPORTED, NDT_REASON_SYSTEM_RAM,
 * NDT_REASON_DAX_IN_USE, NDT_REASON_KERNEL).
 */
int ndt_dax_dev_resize(struct ndt_dax_dev *dev, uint64_t size, uint64_t align);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_MEMBLOCK_H */
