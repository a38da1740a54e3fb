/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: namespaces (namespaceR.N below region R, including idle seeds of size 0),
 * enabling, disabling, destroying and creating them. Part of <ndtool/libndtool.h>, the
 * header to include.
 */
#ifndef NDTOOL_NAMESPACE_H
#define NDTOOL_NAMESPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <ndtool/claim.h>
#include <ndtool/region.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;
struct ndt_region;
struct ndt_namespace;
struct ndt_claim;

/**
 * ndt_namespace_get_first() - the first namespace of a region
 * @region: a region
 *
 * Enumerates the region's namespaces and claims on first use, and again after
 * ndt_region_refresh().
 * Returns: the namespace with the lowest N, or NULL when the region has none.
 */
struct ndt_namespace *ndt_namespace_get_first(struct ndt_region *region);

/**
 * ndt_namespace_get_next() - the next namespace of the same region
 * @ns: a namespace
 *
 * Returns: the namespace after @ns in increasing N, or NULL after the last.
 */
struct ndt_namespace *ndt_namespace_get_next(struct ndt_namespace *ns);

/* Iterate @ns over the namespaces of @region. */
#define ndt_namespace_foreach(region, ns) \
	for (ns = ndt_namespace_get_first(region); ns; ns = ndt_namespace_get_next(ns))

/**
 * ndt_namespace_get_region() - the region of a namespace
 * @ns: a namespace
 *
 * Returns: the region @ns was enumerated in.
 */
struct ndt_region *ndt_namespace_get_region(struct ndt_namespace *ns);

/**
 * ndt_namespace_from_devnum() - the namespace behind a device number
 * @ctx: a context
 * @devt: a device number (st_rdev of the device, or st_dev of a file on it)
 * @chardev: @devt is a character device rather than a block device
 *
 * Matches the block device of a raw, sector or fsdax namespace (partitions included), or a
 * device-dax character device of a devdax namespace, through /sys/dev.
 * Returns: the namespace; NULL when @devt is none of these (a device-mapper device, say, or
 * a disk that is not persistent memory) or sysfs does not know it.
 */
struct ndt_namespace *ndt_namespace_from_devnum(struct ndt_ctx *ctx, dev_t devt, bool chardev);

/**
 * ndt_namespace_get_id() - the namespace's number in its region
 * @ns: a namespace
 *
 * Returns: N of namespaceR.N.
 */
unsigned int ndt_namespace_get_id(struct ndt_namespace *ns);

/**
 * ndt_namespace_get_devname() - the namespace's device name
 * @ns: a namespace
 *
 * Returns: "namespaceR.N".
 */
const char *ndt_namespace_get_devname(struct ndt_namespace *ns);

/**
 * ndt_namespace_get_sysfs_path() - the namespace device's sysfs directory
 * @ns: a namespace
 *
 * Returns: the directory (".../region1/namespace1.0").
 */
const char *ndt_namespace_get_sysfs_path(struct ndt_namespace *ns);

/**
 * ndt_namespace_is_enabled() - whether the namespace device itself has a driver
 * @ns: a namespace
 *
 * Returns: true when a driver is bound to the namespace (an enabled raw namespace); false
 * for a claimed one, whose claim is bound instead (see ndt_namespace_is_active()).
 */
bool ndt_namespace_is_enabled(struct ndt_namespace *ns);

/**
 * ndt_namespace_is_active() - whether the namespace is in service
 * @ns: a namespace
 *
 * Returns: true when it is enabled itself (raw) or through its enabled btt, pfn or dax
 * claim.
 */
bool ndt_namespace_is_active(struct ndt_namespace *ns);

enum ndt_namespace_type {
	NDT_NS_TYPE_UNKNOWN,
	NDT_NS_TYPE_IO,		/* label-less, spans its whole region */
	NDT_NS_TYPE_PMEM,
	NDT_NS_TYPE_BLK,
};

/**
 * ndt_namespace_get_type() - the kind of a namespace
 * @ns: a namespace
 *
 * Returns: the NDT_NS_TYPE_* of the kernel's nstype; NDT_NS_TYPE_UNKNOWN when it is
 * missing or unknown.
 */
enum ndt_namespace_type ndt_namespace_get_type(struct ndt_namespace *ns);

enum ndt_namespace_mode {
	NDT_NS_MODE_RAW,
	NDT_NS_MODE_SECTOR,	/* claimed by a btt */
	NDT_NS_MODE_FSDAX,	/* claimed by a pfn */
	NDT_NS_MODE_DEVDAX,	/* claimed by a dax */
	NDT_NS_MODE_UNKNOWN,
};

/**
 * ndt_namespace_get_mode() - the mode the claiming device gives the namespace
 * @ns: a namespace
 *
 * From the kernel's mode attribute: "raw", "safe" (btt), "memory" (pfn, or a raw
 * namespace the kernel maps with struct pages itself) or "dax".
 * Returns: NDT_NS_MODE_RAW, NDT_NS_MODE_SECTOR, NDT_NS_MODE_FSDAX or NDT_NS_MODE_DEVDAX;
 * NDT_NS_MODE_UNKNOWN when the attribute is missing or holds another word.
 */
enum ndt_namespace_mode ndt_namespace_get_mode(struct ndt_namespace *ns);

/**
 * ndt_namespace_get_claim() - the btt, pfn or dax device claiming the namespace
 * @ns: a namespace
 *
 * Returns: the claim the kernel names as the namespace's holder; NULL for a raw namespace,
 * or when the holder is not a claim of the namespace's region.
 */
struct ndt_claim *ndt_namespace_get_claim(struct ndt_namespace *ns);

/**
 * ndt_namespace_get_size() - the namespace's capacity
 * @ns: a namespace
 * @size: receives the size in bytes; 0 for an idle seed
 *
 * Returns: 0; -ENOENT when the kernel does not report it; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_namespace_get_size(struct ndt_namespace *ns, uint64_t *size);

/**
 * ndt_namespace_get_uuid() - the uuid of the namespace's label
 * @ns: a namespace
 * @uuid: receives the 16 bytes; all zero when it has none (a seed)
 *
 * Returns: 0; -ENOENT for a label-less (io) namespace, which has no uuid; -EIO when it
 * does not parse; another -errno from reading it.
 */
int ndt_namespace_get_uuid(struct ndt_namespace *ns, unsigned char uuid[16]);

/**
 * ndt_namespace_get_alt_name() - the name in the namespace's label
 * @ns: a namespace
 * @buf: receives the name, "" when it has none; truncated to @len - 1 bytes
 * @len: the size of @buf
 *
 * Returns: 0; -ENOENT for a label-less (io) namespace, which has no name; -EINVAL when
 * @len is 0; another -errno from reading it.
 */
int ndt_namespace_get_alt_name(struct ndt_namespace *ns, char *buf, size_t len);

/**
 * ndt_namespace_get_sector_size() - the namespace's logical block size
 * @ns: a namespace
 * @size: receives the size in bytes
 *
 * Returns: 0; -ENOENT when the kernel reports no current size (a label-less namespace has
 * no sector_size attribute) or the attribute cannot be read; -EIO when it does not parse.
 */
int ndt_namespace_get_sector_size(struct ndt_namespace *ns, unsigned int *size);

/**
 * ndt_namespace_get_resource() - the namespace's starting system physical address
 * @ns: a namespace
 * @start: receives the address
 *
 * Returns: 0; -EACCES for a caller without CAP_SYS_ADMIN (the attribute is root-only);
 * -ENOENT when the kernel does not report it; -EIO when it does not parse; another -errno
 * from reading it.
 */
int ndt_namespace_get_resource(struct ndt_namespace *ns, uint64_t *start);

/**
 * ndt_namespace_get_numa_node() - the NUMA node closest to the namespace's memory
 * @ns: a namespace
 * @node: receives the node, -1 when the platform names none
 *
 * Returns: 0; -ENOENT when the kernel does not report it (built without NUMA); -EIO when
 * it does not parse; another -errno from reading it.
 */
int ndt_namespace_get_numa_node(struct ndt_namespace *ns, int *node);

/**
 * ndt_namespace_get_target_node() - the NUMA node the namespace's memory would be online as
 * @ns: a namespace
 * @node: receives the node
 *
 * Returns: 0; -ENOENT when the platform names none or the kernel is built without NUMA;
 * -EIO when it does not parse; another -errno from reading it.
 */
int ndt_namespace_get_target_node(struct ndt_namespace *ns, int *node);

/**
 * ndt_namespace_get_block_device() - the block device of an enabled raw namespace
 * @ns: a namespace
 * @buf: receives the disk's name ("pmem0")
 * @len: the size of @buf
 *
 * A claimed namespace's block device is its claim's (ndt_claim_get_block_device()).
 * Returns: 0; -ENODEV when the namespace has no block device (disabled or claimed) or when
 * @len is too small for its name.
 */
int ndt_namespace_get_block_device(struct ndt_namespace *ns, char *buf, size_t len);

/**
 * ndt_namespace_get_data_range() - the system physical addresses of a namespace's data
 * @ns: a namespace
 * @start: receives the first address: of the data after the info block of an enabled
 *         fsdax or devdax namespace, else of the namespace (raw, sector, disabled)
 * @size: receives the size in bytes; 0 for a namespace of size 0 (an idle seed) or whose
 *        size cannot be read, with @start untouched
 *
 * Returns: 0; the errors of ndt_namespace_get_resource() (-EACCES for a caller without
 * CAP_SYS_ADMIN).
 */
int ndt_namespace_get_data_range(struct ndt_namespace *ns, uint64_t *start, uint64_t *size);

/**
 * ndt_namespace_get_badblocks() - media errors in the namespace's data
 * @ns: a namespace
 * @ranges: receives a malloc'ed array of ranges, their offsets from @base, to free(); NULL
 *          when there are none or on error
 * @base: receives the system physical address that offsets are relative to (the start of
 *        the data of an enabled fsdax or devdax namespace, after its info block, else the
 *        start of the namespace)
 *
 * Returns: the number of ranges (>= 0); 0 for a namespace of size 0 (an idle seed) or
 * whose size cannot be read, with @base untouched; -EIO when the namespace starts before
 * its region; the errors of ndt_namespace_get_resource() (-EACCES for a caller without
 * CAP_SYS_ADMIN), of ndt_region_get_resource() and of ndt_region_get_badblocks().
 */
int ndt_namespace_get_badblocks(struct ndt_namespace *ns, struct ndt_badblock **ranges,
				uint64_t *base);

/*
 * Changing state. These operations record why they fail (ndt_ctx_get_failure()). An
 * operation that rescans the namespace's region makes namespace and claim pointers
 * obtained from that region before invalid (look them up again by name).
 */

/**
 * ndt_namespace_clear_errors() - clear the known media errors in a namespace's data
 * @ns: a raw, fsdax or devdax namespace, enabled or not
 * @cleared: receives the number of bytes cleared (also when it fails part way)
 *
 * The ranges are those of ndt_namespace_get_badblocks(): the data area of an enabled
 * fsdax or devdax namespace, all of another. With a block device (raw, fsdax) zeros are
 * written over them; otherwise the bus's Clear Uncorrectable Error command clears them in
 * the platform's clear unit. Their data is lost. Latent errors, not yet found by a scrub,
 * are not known and not cleared.
 * Returns: 0; -EOPNOTSUPP (recorded) for a sector-mode namespace or a bus that cannot
 * clear errors; -EBUSY (recorded) when the namespace is in use (ndt_namespace_check_idle());
 * another -errno (recorded) when the kernel or platform refused.
 */
int ndt_namespace_clear_errors(struct ndt_namespace *ns, uint64_t *cleared);

/**
 * ndt_namespace_check_idle() - whether something uses the namespace
 * @ns: a namespace
 *
 * Looks for a mount of its block device or of a partition of it (matched by device
 * number through sysfs), a device stacked on it (device mapper, md), an exclusive opener,
 * and a device-dax device of it online as system RAM.
 * Returns: 0 when nothing does; -EBUSY with the failure recorded (NDT_REASON_MOUNTED with
 * the mount point, NDT_REASON_HOLDER with the holder, NDT_REASON_OPEN, or
 * NDT_REASON_SYSTEM_RAM with the dax device) otherwise.
 */
int ndt_namespace_check_idle(struct ndt_namespace *ns);

/**
 * ndt_namespace_enable() - enable the namespace, or its configured claim
 * @ns: a namespace
 *
 * When the kernel finds a btt, pfn or dax info block on a raw namespace it hands the
 * namespace to a new claim device: the region is rescanned then, and @ns is invalid.
 * Returns: 0 when enabled (or already active); 1 when it is active through a new claim;
 * -ENXIO for a seed of size 0 (NDT_REASON_SEED) or when the kernel found metadata but could
 * not enable the claim (NDT_REASON_KERNEL, the claim in the failure's object); -ENODEV when
 * the namespace disappeared during the rescan (NDT_REASON_KERNEL); another -errno when the
 * kernel refused (NDT_REASON_KERNEL).
 */
int ndt_namespace_enable(struct ndt_namespace *ns);

/**
 * ndt_namespace_disable() - unbind the namespace and release its claim
 * @ns: a namespace
 * @check: refuse when the namespace is in use, as ndt_namespace_check_idle() says
 *
 * Returns: 0; -EBUSY when @check finds it in use; another -errno when the kernel refused
 * a step (NDT_REASON_KERNEL).
 */
int ndt_namespace_disable(struct ndt_namespace *ns, bool check);

/**
 * ndt_namespace_destroy() - free the namespace's capacity and delete its labels
 * @ns: a namespace
 * @force: also destroy an active namespace (never one in use)
 *
 * Clears the first 8 KiB (any pfn, dax or btt info block) through the namespace's own
 * block device, opened and checked against its sysfs device number, then the name, then
 * sets the size to 0. When a step fails before the info block is cleared, the namespace
 * is put back as it was; a step of that undo that fails is added to the failure.
 * A label-less (io) namespace keeps its size: a claimed one (sector, fsdax or devdax, or
 * one with a holder class left) is released and its info block cleared, which leaves it
 * raw and disabled; a raw one is only disabled, and counts as nothing destroyed (0), as
 * with ndctl.
 * Returns: 1 when destroyed; 0 for an idle seed or a label-less raw namespace; -EBUSY
 * when active without @force (NDT_REASON_ACTIVE) or in use (the reasons of
 * ndt_namespace_check_idle()); -ENOMEM; another -errno when the kernel refused a step
 * (NDT_REASON_KERNEL).
 */
int ndt_namespace_destroy(struct ndt_namespace *ns, bool force);

/*
 * What to create. Start from NDT_NAMESPACE_PARAMS_INIT (zero fields take the defaults) so
 * that struct_size says which version of the struct the caller was built with: new fields
 * are only ever added at the end. The library accepts a smaller struct (down to
 * NDT_NAMESPACE_PARAMS_SIZE_MIN; the fields it lacks take their defaults) and a larger one
 * whose fields unknown to the library are all zero (else -E2BIG).
 */
struct ndt_namespace_params {
	size_t struct_size;		/* sizeof(struct ndt_namespace_params) */
	enum ndt_namespace_mode mode;	/* NDT_NS_MODE_RAW is 0: set it explicitly */
	uint64_t size;			/* bytes; 0: the largest free extent */
	uint64_t align;			/* fsdax/devdax page alignment; 0: 2 MiB */
	unsigned int sector_size;	/* 0: 4096 (sector mode), 512 (raw) */
	enum ndt_pfn_map map;		/* fsdax/devdax page map; NDT_MAP_NONE: on device */
	const unsigned char *uuid;	/* NULL: a random one */
	const char *name;		/* NULL: none; at most 63 bytes */
};

#define NDT_NAMESPACE_PARAMS_INIT { .struct_size = sizeof(struct ndt_namespace_params) }
/* The smallest struct_size accepted: up to and including mode. */
#define NDT_NAMESPACE_PARAMS_SIZE_MIN \
	(offsetof(struct ndt_namespace_params, mode) + sizeof(enum ndt_namespace_mode))

/**
 * ndt_namespace_create() - create and enable a namespace in @region
 * @region: a region
 * @p: what to create
 * @devname: receives the new namespace's name ("namespace1.0")
 * @dlen: size of @devname
 *
 * Every parameter is checked before anything is written. When the kernel refuses a
 * later step, the steps before are undone: no sized namespace or claimed seed is left
 * behind (an undo step that fails is added to the failure).
 * Returns: 0; -EINVAL for a parameter the region does not accept (NDT_REASON_INVALID,
 * NDT_REASON_MISALIGNED); -E2BIG when @p sets fields unknown to this library; -ENOSPC
 * (NDT_REASON_NO_SPACE, NDT_REASON_FRAGMENTED); -EOPNOTSUPP for a label-less region
 * (NDT_REASON_LABEL_LESS) or one that is not pmem (NDT_REASON_UNSUPPORTED); -ENXIO for a
 * disabled region (NDT_REASON_DISABLED), a region without a namespace seed
 * (NDT_REASON_KERNEL) or without a seed of the claim the mode needs
 * (NDT_REASON_UNSUPPORTED); -EBUSY when the namespace seed is not idle (NDT_REASON_ACTIVE);
 * -EROFS (NDT_REASON_READ_ONLY); another -errno when the kernel refused a step
 * (NDT_REASON_KERNEL, or NDT_REASON_TOO_SMALL when it could not fit a BTT).
 */
int ndt_namespace_create(struct ndt_region *region, const struct ndt_namespace_params *p,
			 char *devname, size_t dlen);

/**
 * ndt_namespace_setup() - create in an unconfigured namespace rather than the seed
 * @ns: a namespace of size 0 that is not active
 * @p: what to create
 *
 * How a destroyed namespace is reconfigured under its own name; otherwise as
 * ndt_namespace_create().
 * Returns: 0; -EBUSY when @ns is configured or active (NDT_REASON_ACTIVE); the errors of
 * ndt_namespace_create() otherwise.
 */
int ndt_namespace_setup(struct ndt_namespace *ns, const struct ndt_namespace_params *p);

/**
 * ndt_namespace_check_reconfigure() - whether @ns, once destroyed, could be set up with @p
 * @ns: a namespace
 * @p: what it would become
 *
 * Runs every check of ndt_namespace_create() with @ns's capacity counted as free, and
 * changes nothing: call it before destroying. For a label-less (io) namespace, runs the
 * checks of ndt_namespace_reconfigure() instead.
 * Returns: 0; the check errors of ndt_namespace_create() or ndt_namespace_reconfigure().
 */
int ndt_namespace_check_reconfigure(struct ndt_namespace *ns,
				    const struct ndt_namespace_params *p);

/**
 * ndt_namespace_reconfigure() - change the mode of a label-less namespace in place
 * @ns: a label-less (io) namespace: legacy pmem, or an NVDIMM region without labels
 * @p: the new mode and its parameters; @p->size 0 or the namespace's size, no uuid, no
 *     name (it has no label to keep them)
 * @force: also reconfigure an active namespace (never one in use)
 *
 * Checks everything first; then disables the namespace, clears its info block (btt, pfn
 * or dax) and sets up the claim of the new mode, or enables it raw. fsdax with the page map
 * in memory is the raw namespace itself where the kernel maps its pages (legacy pmem). The
 * old info block is kept and written back when a later step fails, and the namespace
 * enabled again when it was; an undo step that fails is added to the failure. Object
 * pointers of the region are invalid afterwards.
 * Returns: 0; -EINVAL for a parameter the region does not accept (NDT_REASON_INVALID), or
 * a size, name or uuid (NDT_REASON_LABEL_LESS, the region in the failure's object);
 * -EOPNOTSUPP for a namespace with a label (NDT_REASON_UNSUPPORTED); -E2BIG when @p sets
 * fields unknown to this library; -ENXIO for a disabled region (NDT_REASON_DISABLED) or
 * one without a seed of the claim the mode needs (NDT_REASON_UNSUPPORTED); -EROFS
 * (NDT_REASON_READ_ONLY); -EBUSY when active without @force (NDT_REASON_ACTIVE) or in use
 * (the reasons of ndt_namespace_check_idle()); -ENOMEM; another -errno when the kernel
 * refused a step (NDT_REASON_KERNEL, or NDT_REASON_TOO_SMALL when it could not fit a BTT).
 */
int ndt_namespace_reconfigure(struct ndt_namespace *ns, const struct ndt_namespace_params *p,
			      bool force);

/* Raw access to a disabled namespace (ndt_namespace_raw_open()) */
struct ndt_raw;

/* Flags of ndt_namespace_raw_open(): read-only unless NDT_RAW_WRITE. */
enum ndt_raw_flags {
	NDT_RAW_READ = 0,
	NDT_RAW_WRITE = 1 << 0,
};

/**
 * ndt_namespace_raw_open() - open the bytes of a disabled namespace, under its claim
 * @ns: a disabled namespace, in any mode (raw, sector, fsdax, devdax)
 * @flags: NDT_RAW_READ, or NDT_RAW_WRITE for writing too
 * @out: receives the handle, for ndt_raw_read(), ndt_raw_write() and ndt_raw_close()
 *
 * The kernel exposes the namespace's whole capacity, the btt, pfn or dax info block
 * included, only when the namespace is enabled raw (force_raw) with no claim pointing at
 * it. A disabled claim that points at @ns (its btt, pfn or dax device) is saved and let go
 * of, @ns is enabled raw and its block device opened exclusively. ndt_raw_close() undoes
 * all of it; a step that fails here is undone before returning. The kernel deletes the
 * claim device that let go, so ndt_raw_close() sets the claim up again, with the same uuid
 * and geometry, on the region's claim seed (a new device name); ndt_region_refresh() then
 * re-reads the region's objects.
 * Returns: 0; -EBUSY when @ns is active (NDT_REASON_ACTIVE: disable it first) or in use
 * (the reasons of ndt_namespace_check_idle(), a mount among them); -ENXIO for a seed of
 * size 0 (NDT_REASON_SEED) or a disabled region (NDT_REASON_DISABLED); -EROFS for writing
 * to a read-only region (NDT_REASON_READ_ONLY); -EINVAL for unknown @flags; -ENOMEM;
 * another -errno when the kernel refused a step (NDT_REASON_KERNEL).
 */
int ndt_namespace_raw_open(struct ndt_namespace *ns, int flags, struct ndt_raw **out);

/**
 * ndt_raw_get_size() - the number of bytes of an open namespace
 * @raw: a handle of ndt_namespace_raw_open()
 *
 * Returns: the namespace's capacity in bytes, info blocks included.
 */
uint64_t ndt_raw_get_size(struct ndt_raw *raw);

/**
 * ndt_raw_get_block_device() - the raw block device an open namespace is read through
 * @raw: a handle of ndt_namespace_raw_open()
 *
 * Returns: the disk's name ("pmem0"), valid until ndt_raw_close().
 */
const char *ndt_raw_get_block_device(struct ndt_raw *raw);

/**
 * ndt_raw_read() - read bytes of an open namespace
 * @raw: a handle of ndt_namespace_raw_open()
 * @buf: receives the bytes
 * @len: how many
 * @off: from this byte offset of the namespace
 *
 * Returns: @len; -ERANGE when the range reaches past the end (NDT_REASON_INVALID);
 * another -errno when the read failed (NDT_REASON_KERNEL; -EIO for a media error).
 */
ssize_t ndt_raw_read(struct ndt_raw *raw, void *buf, size_t len, uint64_t off);

/**
 * ndt_raw_write() - write bytes of an open namespace
 * @raw: a handle of ndt_namespace_raw_open() with NDT_RAW_WRITE
 * @buf: the bytes
 * @len: how many
 * @off: at this byte offset of the namespace
 *
 * The bytes reach the media by ndt_raw_sync() or ndt_raw_close().
 * Returns: @len; -EBADF for a read-only handle (NDT_REASON_READ_ONLY); -ERANGE when the
 * range reaches past the end (NDT_REASON_INVALID); another -errno when the write failed
 * (NDT_REASON_KERNEL).
 */
ssize_t ndt_raw_write(struct ndt_raw *raw, const void *buf, size_t len, uint64_t off);

/**
 * ndt_raw_sync() - make the writes so far durable
 * @raw: a handle of ndt_namespace_raw_open()
 *
 * Lets a caller order its writes (one copy of a structure durable before the other is
 * written). Nothing to do for a read-only handle.
 * Returns: 0; -errno when the flush failed (NDT_REASON_KERNEL).
 */
int ndt_raw_sync(struct ndt_raw *raw);

/**
 * ndt_raw_close() - end raw access and give the namespace back as it was
 * @raw: a handle of ndt_namespace_raw_open(), or NULL
 *
 * Flushes the writes, closes the block device, disables the namespace, resets force_raw
 * and the holder class to what they were and sets the saved claim up again (disabled,
 * pointing at the namespace). Enabling the namespace afterwards brings it back in its mode,
 * the kernel reading the info block. Every step is tried; each one that fails is added to
 * the recorded failure. @raw is freed in any case.
 * Returns: 0; the -errno of the first step that failed (NDT_REASON_KERNEL).
 */
int ndt_raw_close(struct ndt_raw *raw);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_NAMESPACE_H */
