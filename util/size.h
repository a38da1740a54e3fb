/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_SIZE_H
#define NDTOOL_UTIL_SIZE_H

#include <stdint.h>

/*
 * Parse a size: a decimal or 0x-prefixed number with an optional binary suffix
 * K, M, G, T (or k, m, g, t; an optional trailing "iB"/"B" is accepted: "2MiB", "2MB").
 * Returns 0, or -EINVAL for malformed input, -ERANGE when it does not fit 64 bits.
 */
int ndt_parse_size(const char *s, uint64_t *bytes);

#endif
