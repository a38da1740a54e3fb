/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: an object model over the kernel's libnvdimm (sysfs under /sys/bus/nd
 * and the ioctls of <linux/ndctl.h>). This is the header to include; it declares the
 * whole API through one header per object, installed alongside:
 *
 *   <ndtool/ctx.h>        the context, logging, why an operation failed
 *   <ndtool/bus.h>        buses
 *   <ndtool/dimm.h>       DIMMs, their firmware and label areas
 *   <ndtool/firmware.h>   updating DIMM firmware, activating it at run time
 *   <ndtool/health.h>     SMART health of a DIMM
 *   <ndtool/region.h>     regions and their mappings onto DIMMs
 *   <ndtool/claim.h>      btt, pfn and dax claims of a region's namespaces
 *   <ndtool/namespace.h>  namespaces, and creating them
 *   <ndtool/dax.h>        device-dax regions and devices
 *
 * Conventions:
 * - Every object is owned by its struct ndt_ctx; only the ctx is reference counted.
 *   Object pointers stay valid until ndt_ctx_refresh() or the last ndt_ctx_unref();
 *   namespace and claim pointers also until their region is rescanned (see
 *   ndt_region_refresh()).
 * - Objects below a bus are enumerated lazily, on the first call that needs them, in
 *   ascending id order. Pointer arguments must be valid objects: functions do not check
 *   for NULL unless their documentation says so.
 * - Functions that can fail return a negative errno. Getters of attributes the kernel may
 *   not provide return 0 with the value in an out parameter, or -errno: -ENOENT when the
 *   attribute is absent, -EIO when its content does not parse, another -errno from
 *   reading it. Text getters into a caller's buffer truncate to its size less one (the
 *   block device getters fail instead).
 * - Operations that change state record why they fail: ndt_ctx_get_failure().
 * - The library never prints to stdout; diagnostics go through the log callback.
 */
#ifndef NDTOOL_LIBNDTOOL_H
#define NDTOOL_LIBNDTOOL_H

#include <ndtool/ctx.h>
#include <ndtool/bus.h>
#include <ndtool/dimm.h>
#include <ndtool/security.h>
#include <ndtool/firmware.h>
#include <ndtool/health.h>
#include <ndtool/region.h>
#include <ndtool/claim.h>
#include <ndtool/namespace.h>
#include <ndtool/dax.h>
#include <ndtool/memblock.h>

#endif /* NDTOOL_LIBNDTOOL_H */
