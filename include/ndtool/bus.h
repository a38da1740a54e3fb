/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: NVDIMM buses, one per /sys/bus/nd/devices/ndbusN, in increasing N.
 * Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_BUS_H
#define NDTOOL_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;
struct ndt_bus;
struct ndt_dimm;

/**
 * ndt_bus_get_first() - the first bus of a context
 * @ctx: a context
 *
 * Enumerates the buses on first use, and again after ndt_ctx_refresh().
 * Returns: the bus with the lowest N; NULL when there is none (libnvdimm not loaded, or no
 * provider registered) or when /sys/bus/nd/devices cannot be read (logged at debug
 * priority). Out of memory, the enumeration stops early (logged).
 */
struct ndt_bus *ndt_bus_get_first(struct ndt_ctx *ctx);

/**
 * ndt_bus_get_next() - the next bus
 * @bus: a bus
 *
 * Returns: the bus after @bus in increasing N, or NULL after the last.
 */
struct ndt_bus *ndt_bus_get_next(struct ndt_bus *bus);

/* Iterate @bus over the buses of @ctx. */
#define ndt_bus_foreach(ctx, bus) \
	for (bus = ndt_bus_get_first(ctx); bus; bus = ndt_bus_get_next(bus))

/**
 * ndt_bus_get_ctx() - the context that owns a bus
 * @bus: a bus
 *
 * Returns: the context @bus was enumerated through.
 */
struct ndt_ctx *ndt_bus_get_ctx(struct ndt_bus *bus);

/**
 * ndt_bus_get_id() - the bus's number
 * @bus: a bus
 *
 * Returns: N of ndbusN.
 */
unsigned int ndt_bus_get_id(struct ndt_bus *bus);

/**
 * ndt_bus_get_devname() - the bus's device name
 * @bus: a bus
 *
 * Returns: "ndbusN".
 */
const char *ndt_bus_get_devname(struct ndt_bus *bus);

/**
 * ndt_bus_get_provider() - the bus provider
 * @bus: a bus
 *
 * Read once, at enumeration.
 * Returns: the provider's name ("ACPI.NFIT", "nfit_test.0", "e820", ...); "" when the
 * kernel did not report one.
 */
const char *ndt_bus_get_provider(struct ndt_bus *bus);

/**
 * ndt_bus_get_sysfs_path() - the bus device's sysfs directory
 * @bus: a bus
 *
 * Returns: the directory ("/sys/bus/nd/devices/ndbus0").
 */
const char *ndt_bus_get_sysfs_path(struct ndt_bus *bus);

/**
 * ndt_bus_get_scrub_state() - whether an address range scrub (ARS) is running
 * @bus: a bus
 *
 * Reads the bus's nfit/scrub attribute, again on every call.
 * Returns: 1 while a scrub runs; 0 when idle; -ENOENT when the bus has no scrub support
 * (not an ACPI NFIT bus); -EIO when the attribute does not parse (logged); another -errno
 * from reading it.
 */
int ndt_bus_get_scrub_state(struct ndt_bus *bus);

/**
 * ndt_bus_get_scrub_count() - the number of completed address range scrubs
 * @bus: a bus
 *
 * Returns: the count (>= 0); the errors of ndt_bus_get_scrub_state().
 */
long long ndt_bus_get_scrub_count(struct ndt_bus *bus);

/**
 * ndt_bus_start_scrub() - start an address range scrub (ARS) of every region of a bus
 * @bus: an ACPI NFIT bus
 *
 * Asks the kernel (its nfit/scrub attribute) for a long scrub; one that is running
 * already continues. Media errors it finds show in the regions' badblocks.
 * Returns: 0; -EOPNOTSUPP (recorded) when the bus has no scrub support; another -errno
 * (recorded) when the kernel refuses.
 */
int ndt_bus_start_scrub(struct ndt_bus *bus);

/**
 * ndt_bus_wait_scrub() - wait until no address range scrub runs on a bus
 * @bus: an ACPI NFIT bus
 * @timeout_ms: how long to wait at the most; -1 for no limit, 0 to only look
 *
 * Sleeps on the kernel's notification of the end of a scrub (and re-reads the state
 * every second).
 * Returns: 0 when no scrub runs; -ETIMEDOUT when one still runs after @timeout_ms;
 * -EOPNOTSUPP (recorded) when the bus has no scrub support; another -errno from reading
 * the state.
 */
int ndt_bus_wait_scrub(struct ndt_bus *bus, int timeout_ms);

/**
 * ndt_bus_get_clear_unit() - the granule in which the platform clears media errors
 * @bus: an ACPI NFIT bus
 * @spa: start of a system physical address range
 * @len: its length in bytes
 * @unit: receives the clear error unit, in bytes (a power of two)
 *
 * Issues Query ARS Capabilities for the range.
 * Returns: 0; -EOPNOTSUPP when the bus or range does not support it; -EINVAL for a range
 * the platform calls invalid; -EIO for a unit that is not a power of two; another -errno
 * from the ioctl (-EACCES without CAP_SYS_ADMIN).
 */
int ndt_bus_get_clear_unit(struct ndt_bus *bus, uint64_t spa, uint64_t len, uint32_t *unit);

/**
 * ndt_bus_clear_error() - clear media errors in a system physical address range
 * @bus: an ACPI NFIT bus
 * @spa: start of the range, a multiple of the clear unit
 * @len: its length in bytes, a multiple of the clear unit
 * @cleared: receives how many bytes the platform cleared from @spa on
 *
 * Issues Clear Uncorrectable Error; the kernel then forgets the cleared range in its
 * badblocks. The data in the range is lost.
 * Returns: 0 (check @cleared); -EOPNOTSUPP when unsupported; -EINVAL when the platform
 * refuses the range; another -errno from the ioctl.
 */
int ndt_bus_clear_error(struct ndt_bus *bus, uint64_t spa, uint64_t len, uint64_t *cleared);

/**
 * ndt_bus_can_inject_errors() - whether a bus offers the ACPI NFIT error injection functions
 * @bus: a bus
 *
 * Returns: true when ARS Error Inject, Inject Clear and Inject Status Query are all in
 * the bus's function mask.
 */
bool ndt_bus_can_inject_errors(struct ndt_bus *bus);

/**
 * ndt_bus_inject_error() - ask the platform to simulate a media error
 * @bus: a bus that can inject errors
 * @spa: start of the system physical address range
 * @len: its length in bytes (not 0)
 * @notify: have the platform notify the OS, which then adds the range to its badblocks
 *
 * Returns: 0; -EOPNOTSUPP (recorded) when the bus cannot inject errors; -EINVAL for a
 * @len of 0 (not recorded) or a range the platform refuses (recorded); another -errno
 * (recorded) from the command.
 */
int ndt_bus_inject_error(struct ndt_bus *bus, uint64_t spa, uint64_t len, bool notify);

/**
 * ndt_bus_uninject_error() - remove a simulated media error
 * @bus: a bus that can inject errors
 * @spa: start of the system physical address range
 * @len: its length in bytes (not 0)
 *
 * The kernel keeps its badblocks entries for the range; only a write or a clear removes
 * them.
 * Returns: as ndt_bus_inject_error().
 */
int ndt_bus_uninject_error(struct ndt_bus *bus, uint64_t spa, uint64_t len);

/** struct ndt_spa_range - a range of system physical addresses */
struct ndt_spa_range {
	uint64_t spa;		/* start */
	uint64_t length;	/* in bytes */
};

/**
 * ndt_bus_get_injected_errors() - the media errors the platform simulates on a bus
 * @bus: a bus that can inject errors
 * @ranges: receives a malloc'ed array of ranges to free(), in the platform's order; NULL
 *          when there are none or on error
 *
 * Returns: the number of ranges (>= 0); -EOPNOTSUPP (recorded) when the bus cannot
 * inject errors; another -errno (recorded) from the command.
 */
int ndt_bus_get_injected_errors(struct ndt_bus *bus, struct ndt_spa_range **ranges);

/**
 * ndt_bus_get_fw_activate() - how staged DIMM firmware gets activated on a bus
 * @bus: a bus
 * @method: receives "live" (while the system runs) or "suspend" (the system is quiesced);
 *          "reset" when the kernel names a capability unknown to the library
 * @mlen: size of @method
 * @state: receives the kernel's firmware/activate state: "idle", "busy", "armed" or
 *         "overflow"
 * @slen: size of @state
 *
 * A text longer than its buffer is truncated.
 * Returns: 0; -ENOENT when the bus does not support firmware activation; -EINVAL when
 * @slen is 0; another -errno from reading the bus's firmware/ attributes.
 */
int ndt_bus_get_fw_activate(struct ndt_bus *bus, char *method, size_t mlen, char *state,
			    size_t slen);

/**
 * ndt_bus_translate_spa() - which DIMMs hold a system physical address
 * @bus: an ACPI NFIT bus
 * @spa: the system physical address
 * @dimms: receives up to @max DIMMs
 * @max: the size of @dimms
 *
 * Uses the bus's "Translate SPA" firmware function through /dev/ndctlN. DIMMs of the
 * answer that are not on @bus are left out; the answer holds at most 16.
 * Returns: the number of DIMMs stored; -EOPNOTSUPP when the bus lacks the function;
 * -ENXIO when the firmware fails the translation (the address is not on an NVDIMM) or
 * /dev/ndctlN is not the device sysfs reports; -ENOMEM; another -errno from opening
 * /dev/ndctlN or from the ioctl.
 */
int ndt_bus_translate_spa(struct ndt_bus *bus, uint64_t spa, struct ndt_dimm **dimms, int max);

/**
 * ndt_bus_find() - look a bus up by name
 * @ctx: a context
 * @ident: as for ndt_bus_matches()
 *
 * Returns: the first bus that @ident names, or NULL.
 */
struct ndt_bus *ndt_bus_find(struct ndt_ctx *ctx, const char *ident);

/**
 * ndt_bus_matches() - whether a name designates a bus
 * @bus: a bus
 * @ident: "ndbusN", "N" (decimal, without leading zeros), the bus's provider ("nfit_test.0"),
 *         or "all"
 *
 * Returns: true when @ident names @bus ("all" names every bus).
 */
bool ndt_bus_matches(struct ndt_bus *bus, const char *ident);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_BUS_H */
