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
