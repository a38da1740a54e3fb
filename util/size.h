/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_SIZE_H
#define NDTOOL_UTIL_SIZE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a size: a decimal or 0x-prefixed number with an optional binary suffix
 * K, M, G, T (or k, m, g, t; an optional trailing "iB"/"B" is accepted: "2MiB", "2MB").
 * Returns 0, or -EINVAL for malformed input, -ERANGE when it does not fit 64 bits.
 */
int ndt_parse_size(const char *s, uint64_t *bytes);

/*
 * Format an exact size the way ndtool's messages and tables write sizes: in the largest
 * of KiB, MiB, GiB, TiB that divides it ("4 KiB", "2 MiB"), else in bytes ("4104 B").
 * Returns @buf.
 */
const char *ndt_size_str(uint64_t bytes, char *buf, size_t len);

#endif
