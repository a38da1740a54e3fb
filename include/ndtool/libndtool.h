/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: an object model over the kernel's libnvdimm (sysfs under /sys/bus/nd
 * and the ioctls of <linux/ndctl.h>).
 *
 * Conventions:
 * - Every object is owned by its struct ndt_ctx; only the ctx is reference counted.
 *   Object pointers stay valid until ndt_ctx_refresh() or the last ndt_ctx_unref().
 * - Children are enumerated lazily, on the first call that needs them.
 * - Functions that can fail return a negative errno; getters of optional text return
 *   NULL when the kernel does not provide the attribute.
 * - The library never prints to stdout; diagnostics go through the log callback.
 */
#ifndef NDTOOL_LIBNDTOOL_H
#define NDTOOL_LIBNDTOOL_H

#include <stdarg.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;
struct ndt_bus;

/**
 * ndt_ctx_new() - create a library context
 * @ctx: receives the new context (reference count 1)
 *
 * The log priority starts at LOG_ERR, or at the value of the NDTOOL_LOG
 * environment variable: a syslog number (0-7) or one of "err", "warning",
 * "notice", "info", "debug".
 *
 * Returns 0, or -ENOMEM.
 */
int ndt_ctx_new(struct ndt_ctx **ctx);

/**
 * ndt_ctx_ref() - take a reference on @ctx
 *
 * Returns @ctx (NULL when @ctx is NULL).
 */
struct ndt_ctx *ndt_ctx_ref(struct ndt_ctx *ctx);

/**
 * ndt_ctx_unref() - drop a reference; the last one frees the context and every
 * object enumerated through it.
 *
 * Returns NULL when the context was freed, else @ctx.
 */
struct ndt_ctx *ndt_ctx_unref(struct ndt_ctx *ctx);

/**
 * ndt_ctx_refresh() - forget every enumerated object so that the next
 * iteration rescans sysfs. Pointers to buses (and their children) obtained
 * before this call become invalid.
 */
void ndt_ctx_refresh(struct ndt_ctx *ctx);

/**
 * ndt_log_fn - log sink
 * @ctx: the context logging
 * @priority: syslog priority (LOG_ERR ... LOG_DEBUG)
 * @file, @line, @fn: where in libndtool the message comes from
 * @format, @args: the message, without a trailing newline
 */
typedef void (*ndt_log_fn)(struct ndt_ctx *ctx, int priority, const char *file, int line,
			   const char *fn, const char *format, va_list args);

/**
 * ndt_set_log_fn() - replace the log sink (the default writes
 * "libndtool: <function>: <message>" to stderr). NULL restores the default.
 */
void ndt_set_log_fn(struct ndt_ctx *ctx, ndt_log_fn fn);

/** ndt_get_log_priority() - the highest syslog priority that is logged */
int ndt_get_log_priority(struct ndt_ctx *ctx);

/** ndt_set_log_priority() - log messages up to @priority (LOG_ERR ... LOG_DEBUG) */
void ndt_set_log_priority(struct ndt_ctx *ctx, int priority);

/** ndt_set_userdata() - attach caller data to @ctx */
void ndt_set_userdata(struct ndt_ctx *ctx, void *userdata);

/** ndt_get_userdata() - the pointer given to ndt_set_userdata(), or NULL */
void *ndt_get_userdata(struct ndt_ctx *ctx);

/**
 * ndt_log_priority_from_string() - parse a log level
 * @s: a number 0-7 or "err", "warning", "notice", "info", "debug"
 *
 * Returns the syslog priority, or -EINVAL.
 */
int ndt_log_priority_from_string(const char *s);

/*
 * Buses: one per /sys/bus/nd/devices/ndbusN, in increasing N.
 */

/**
 * ndt_bus_get_first() - the first bus (enumerating them on first use)
 *
 * Returns NULL when the system has no NVDIMM bus (libnvdimm not loaded, or no
 * provider registered) or when enumeration failed (logged).
 */
struct ndt_bus *ndt_bus_get_first(struct ndt_ctx *ctx);

/** ndt_bus_get_next() - the bus after @bus, or NULL */
struct ndt_bus *ndt_bus_get_next(struct ndt_bus *bus);

#define ndt_bus_foreach(ctx, bus) \
	for (bus = ndt_bus_get_first(ctx); bus; bus = ndt_bus_get_next(bus))

/** ndt_bus_get_ctx() - the context that owns @bus */
struct ndt_ctx *ndt_bus_get_ctx(struct ndt_bus *bus);

/** ndt_bus_get_id() - N of ndbusN */
unsigned int ndt_bus_get_id(struct ndt_bus *bus);

/** ndt_bus_get_devname() - "ndbusN" */
const char *ndt_bus_get_devname(struct ndt_bus *bus);

/**
 * ndt_bus_get_provider() - the bus provider ("ACPI.NFIT", "nfit_test.0", "e820", ...)
 *
 * Returns "" when the kernel did not report one.
 */
const char *ndt_bus_get_provider(struct ndt_bus *bus);

/** ndt_bus_get_sysfs_path() - the bus device's sysfs directory */
const char *ndt_bus_get_sysfs_path(struct ndt_bus *bus);

/**
 * ndt_bus_get_scrub_state() - state of the bus's address range scrub (ARS)
 *
 * Reads the bus's nfit/scrub attribute (re-read on every call).
 * Returns 1 when a scrub is running, 0 when idle, -ENOENT when the bus has no
 * scrub support (not an ACPI NFIT bus), another negative errno on failure.
 */
int ndt_bus_get_scrub_state(struct ndt_bus *bus);

/**
 * ndt_bus_get_scrub_count() - number of completed address range scrubs
 *
 * Returns the count (>= 0) or a negative errno as ndt_bus_get_scrub_state().
 */
long long ndt_bus_get_scrub_count(struct ndt_bus *bus);

/**
 * ndt_bus_find() - look a bus up by name
 * @ident: "ndbusN", "N", or a provider name such as "nfit_test.0"
 *
 * Returns the first matching bus or NULL.
 */
struct ndt_bus *ndt_bus_find(struct ndt_ctx *ctx, const char *ident);

/**
 * ndt_bus_matches() - whether @bus is named by @ident, as for ndt_bus_find()
 * ("all" matches every bus)
 */
bool ndt_bus_matches(struct ndt_bus *bus, const char *ident);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_LIBNDTOOL_H */
