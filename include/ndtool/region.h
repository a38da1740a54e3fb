/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: regions (/sys/bus/nd/devices/regionN below a bus), their mappings onto DIMMs,
 * their seeds, enabling and disabling them. Part of <ndtool/libndtool.h>, the header to
 * include.
 */
#ifndef NDTOOL_REGION_H
#define NDTOOL_REGION_H

#include <stdbool.h>
#include <stdint.h>
#include <ndtool/claim.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_bus;
struct ndt_dimm;
struct ndt_region;
struct ndt_mapping;
struct ndt_namespace;
struct ndt_claim;

/**
 * ndt_region_get_first() - the first region of a bus
 * @bus: a bus
 *
 * Enumerates the bus's DIMMs and regions on first use.
 * Returns: the region with the lowest N, or NULL when the bus has none.
 */
struct ndt_region *ndt_region_get_first(struct ndt_bus *bus);

/**
 * ndt_region_get_next() - the next region of the same bus
 * @region: a region
 *
 * Returns: the region after @region in increasing N, or NULL after the last.
 */
struct ndt_region *ndt_region_get_next(struct ndt_region *region);

/* Iterate @region over the regions of @bus. */
#define ndt_region_foreach(bus, region) \
	for (region = ndt_region_get_first(bus); region; region = ndt_region_get_next(region))

/**
 * ndt_region_get_bus() - the bus of a region
 * @region: a region
 *
 * Returns: the bus @region was enumerated on.
 */
struct ndt_bus *ndt_region_get_bus(struct ndt_region *region);

/**
 * ndt_region_get_id() - the region's number
 * @region: a region
 *
 * Returns: N of regionN.
 */
unsigned int ndt_region_get_id(struct ndt_region *region);

/**
 * ndt_region_get_devname() - the region's device name
 * @region: a region
 *
 * Returns: "regionN".
 */
const char *ndt_region_get_devname(struct ndt_region *region);

/**
 * ndt_region_get_sysfs_path() - the region device's sysfs directory
 * @region: a region
 *
 * Returns: the directory (".../ndbus0/region1").
 */
const char *ndt_region_get_sysfs_path(struct ndt_region *region);

/**
 * ndt_region_is_enabled() - whether the region is enabled
 * @region: a region
 *
 * Returns: true when its driver is bound.
 */
bool ndt_region_is_enabled(struct ndt_region *region);

enum ndt_region_type {
	NDT_REGION_UNKNOWN,
	NDT_REGION_PMEM,	/* persistent memory, with labels or label-less */
	NDT_REGION_BLK,		/* block-window apertures (older kernels) */
};

/**
 * ndt_region_get_type() - the kind of a region
 * @region: a region
 *
 * From the kernel's nstype, read at enumeration and by ndt_region_refresh().
 * Returns: NDT_REGION_PMEM (label-less regions included), NDT_REGION_BLK, or
 * NDT_REGION_UNKNOWN when nstype is missing or unknown.
 */
enum ndt_region_type ndt_region_get_type(struct ndt_region *region);

/**
 * ndt_region_get_size() - the region's capacity
 * @region: a region
 * @size: receives the size in bytes
 *
 * Returns: 0; -ENOENT when the kernel does not report it; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_region_get_size(struct ndt_region *region, uint64_t *size);

/**
 * ndt_region_get_align() - the alignment of namespace sizes in the region
 * @region: a region
 * @align: receives the alignment in bytes
 *
 * Returns: 0; -ENOENT when the kernel does not report it (older kernels); -EIO when it
 * does not parse; another -errno from reading it.
 */
int ndt_region_get_align(struct ndt_region *region, uint64_t *align);

/**
 * ndt_region_get_available_size() - the region's free capacity
 * @region: a region
 * @size: receives the free bytes, in all free extents together
 *
 * The available capacity of a label-less region is 0: it holds one namespace spanning the
 * region until labels are initialized.
 * Returns: 0; -ENOENT when the kernel does not report it (not a pmem region); -EIO when
 * it does not parse; another -errno from reading it.
 */
int ndt_region_get_available_size(struct ndt_region *region, uint64_t *size);

/**
 * ndt_region_get_max_available_extent() - the region's largest free extent
 * @region: a region
 * @size: receives its size in bytes: the largest namespace that can be created
 *
 * 0 for a label-less region, as ndt_region_get_available_size().
 * Returns: 0; -ENOENT when the kernel does not report it; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_region_get_max_available_extent(struct ndt_region *region, uint64_t *size);

/**
 * ndt_region_get_iset_id() - the interleave set cookie, which validates labels
 * @region: a region
 * @iset_id: receives the cookie
 *
 * Returns: 0; -ENXIO for a label-less region (or from the kernel, for a region without an
 * interleave set); -ENOENT when the kernel does not report it; -EIO when it does not
 * parse; another -errno from reading it.
 */
int ndt_region_get_iset_id(struct ndt_region *region, uint64_t *iset_id);

/**
 * ndt_region_get_numa_node() - the NUMA node closest to the region's memory
 * @region: a region
 * @node: receives the node, -1 when the platform names none
 *
 * Returns: 0; -ENOENT when the kernel does not report it (built without NUMA); -EIO when
 * it does not parse; another -errno from reading it.
 */
int ndt_region_get_numa_node(struct ndt_region *region, int *node);

/**
 * ndt_region_get_target_node() - the NUMA node the region's memory would be online as
 * @region: a region
 * @node: receives the node
 *
 * Returns: 0; -ENOENT when the platform names none or the kernel is built without NUMA;
 * -EIO when it does not parse; another -errno from reading it.
 */
int ndt_region_get_target_node(struct ndt_region *region, int *node);

/**
 * ndt_region_is_read_only() - whether the region is read-only
 * @region: a region
 *
 * Returns: true when its read_only attribute is set; false when it is clear or unreadable.
 */
bool ndt_region_is_read_only(struct ndt_region *region);

enum ndt_persistence_domain {
	NDT_PERSISTENCE_UNKNOWN,	/* the attribute is missing, empty or unknown */
	NDT_PERSISTENCE_NONE,		/* "none" */
	NDT_PERSISTENCE_MEMCTRL,	/* "memory_controller": flush CPU caches */
	NDT_PERSISTENCE_CPU_CACHE,	/* "cpu_cache": stores are persistent when visible */
};

/**
 * ndt_region_get_persistence_domain() - what a store must reach to be persistent
 * @region: a region
 *
 * Returns: the NDT_PERSISTENCE_* of the region's persistence_domain attribute, which the
 * kernel hides when the platform says nothing (NDT_PERSISTENCE_UNKNOWN).
 */
enum ndt_persistence_domain ndt_region_get_persistence_domain(struct ndt_region *region);

/**
 * ndt_region_get_deep_flush() - whether the region offers a deep flush
 * @region: a region
 *
 * Writing the region's deep_flush attribute flushes the memory controllers' write queues
 * to media.
 * Returns: 1 when the DIMMs have flush hints to write; 0 when there is nothing to flush;
 * -ENOENT when the kernel does not offer the attribute; -EIO when it does not parse;
 * another -errno from reading it.
 */
int ndt_region_get_deep_flush(struct ndt_region *region);

/* A range of media errors, in 512-byte sectors. */
struct ndt_badblock {
	uint64_t offset;
	uint64_t length;
};

/**
 * ndt_region_get_badblocks() - the region's known media errors
 * @region: a region
 * @ranges: receives a malloc'ed array of ranges, their offsets from the region start, to
 *          free(); NULL when there are none or on error
 *
 * Lines of the badblocks attribute that do not parse are skipped (logged at debug
 * priority).
 * Returns: the number of ranges (>= 0); -ENXIO when the region is disabled; -ENOENT when
 * the kernel does not report media errors (not a pmem region); -ENOMEM; another -errno
 * from reading it.
 */
int ndt_region_get_badblocks(struct ndt_region *region, struct ndt_badblock **ranges);

/**
 * ndt_region_open_badblocks_notify() - open the region's media error list for notifications
 * @region: an enabled pmem region
 *
 * The kernel notifies the returned descriptor (EPOLLPRI and EPOLLERR, or an exceptional
 * condition for poll() and select()) when it repopulates the region's list of media
 * errors after a scrub and when errors are cleared. The attribute has been read once, so
 * the descriptor is armed; after each notification call ndt_region_badblocks_rearm()
 * before waiting again, then read the list with ndt_region_get_badblocks(). Close it with
 * close(2).
 * Returns: a file descriptor (O_CLOEXEC); -ENOENT when the region has no such list (not a
 * pmem region); -ENXIO when the region is disabled; another -errno of open(2) or read(2).
 */
int ndt_region_open_badblocks_notify(struct ndt_region *region);

/**
 * ndt_region_badblocks_rearm() - acknowledge a media error list notification
 * @fd: a descriptor of ndt_region_open_badblocks_notify()
 *
 * Reads the attribute again, which arms the descriptor for the next notification.
 * Returns: 0; -errno of pread(2) (-ENXIO once the region is disabled, -ENODEV once it is
 * gone).
 */
int ndt_region_badblocks_rearm(int fd);

/**
 * ndt_region_get_resource() - the region's starting system physical address
 * @region: a region
 * @start: receives the address
 *
 * Returns: 0; -EACCES for a caller without CAP_SYS_ADMIN (the attribute is root-only);
 * -ENOENT when the kernel does not report it; -EIO when it does not parse; another -errno
 * from reading it.
 */
int ndt_region_get_resource(struct ndt_region *region, uint64_t *start);

/**
 * ndt_region_get_supported() - what the region's seeds accept
 * @region: a region
 * @which: "sector" (the btt seed's sector sizes), "fsdax" (the pfn seed's alignments) or
 *         "devdax" (the dax seed's alignments)
 * @vals: receives up to @max values, in the kernel's order
 * @max: the size of @vals
 *
 * Returns: the number of values stored; -EINVAL for another @which; -ENOENT when the
 * region has no such seed; -EIO when the list does not parse; another -errno from reading
 * the attributes.
 */
int ndt_region_get_supported(struct ndt_region *region, const char *which, uint64_t *vals,
			     int max);

/*
 * Mappings: the DIMM ranges that make up a region (its mappingN attributes), read once per
 * region. A mapping that cannot be read or parsed is left out.
 */

/**
 * ndt_mapping_get_first() - the first mapping of a region
 * @region: a region
 *
 * Returns: the first mapping, or NULL when the region has none.
 */
struct ndt_mapping *ndt_mapping_get_first(struct ndt_region *region);

/**
 * ndt_mapping_get_next() - the next mapping of the same region
 * @mapping: a mapping
 *
 * Returns: the mapping after @mapping, or NULL after the last.
 */
struct ndt_mapping *ndt_mapping_get_next(struct ndt_mapping *mapping);

/* Iterate @mapping over the mappings of @region. */
#define ndt_mapping_foreach(region, mapping) \
	for (mapping = ndt_mapping_get_first(region); mapping; \
	     mapping = ndt_mapping_get_next(mapping))

/**
 * ndt_mapping_get_dimm() - the DIMM of a mapping
 * @mapping: a mapping
 *
 * Returns: the DIMM, or NULL when it is not on the region's bus.
 */
struct ndt_dimm *ndt_mapping_get_dimm(struct ndt_mapping *mapping);

/**
 * ndt_mapping_get_offset() - where the mapping starts in its DIMM
 * @mapping: a mapping
 *
 * Returns: the DIMM physical address (DPA) of its first byte.
 */
uint64_t ndt_mapping_get_offset(struct ndt_mapping *mapping);

/**
 * ndt_mapping_get_length() - the size of a mapping
 * @mapping: a mapping
 *
 * Returns: its length in bytes.
 */
uint64_t ndt_mapping_get_length(struct ndt_mapping *mapping);

/**
 * ndt_mapping_get_position() - the DIMM's position in the region's interleave set
 * @mapping: a mapping
 *
 * Returns: the position (>= 0); -1 when the kernel does not report it (before 4.15).
 */
int ndt_mapping_get_position(struct ndt_mapping *mapping);

/*
 * Changing state. These operations record why they fail (ndt_ctx_get_failure()). An
 * operation on a region rescans its children: namespace and claim pointers obtained from
 * that region before become invalid (look them up again by name).
 */

/**
 * ndt_region_refresh() - forget the region's namespaces and claims
 * @region: a region
 *
 * The next iteration rescans sysfs; pointers to the region's namespaces and claims
 * obtained before become invalid.
 */
void ndt_region_refresh(struct ndt_region *region);

/**
 * ndt_region_get_namespace_seed() - the idle namespace the kernel offers for a create
 * @region: a region
 *
 * Returns: the seed (a namespace of size 0), or NULL when the region has none.
 */
struct ndt_namespace *ndt_region_get_namespace_seed(struct ndt_region *region);

/**
 * ndt_region_get_claim_seed() - the idle btt, pfn or dax device for the next claim
 * @region: a region
 * @type: which kind of claim
 *
 * Returns: the seed, or NULL when the region has none of that type.
 */
struct ndt_claim *ndt_region_get_claim_seed(struct ndt_region *region, enum ndt_claim_type type);

/**
 * ndt_region_enable() - bind the region to its driver, loading the driver's module
 * @region: a region
 *
 * The kernel then reads the region's labels and enables its configured namespaces.
 * Returns: 0; -errno when the kernel refused (failure recorded, NDT_REASON_KERNEL).
 */
int ndt_region_enable(struct ndt_region *region);

/**
 * ndt_region_disable() - disable every namespace of the region, then the region
 * @region: a region
 *
 * Nothing is changed when a namespace is in use (mounted, stacked on, held open
 * exclusively, online as system RAM). When the kernel refuses a later step, the
 * namespaces disabled before are enabled again (those that stay disabled are added to
 * the failure).
 * Returns: 0; -EBUSY when a namespace is in use (the reason of
 * ndt_namespace_check_idle()); another -errno when the kernel refused a step
 * (NDT_REASON_KERNEL).
 */
int ndt_region_disable(struct ndt_region *region);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_REGION_H */
