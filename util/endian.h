/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Little-endian loads and stores on byte buffers (no alignment assumed), for firmware
 * payloads and on-media formats whose bytes are untrusted.
 */
#ifndef NDTOOL_UTIL_ENDIAN_H
#define NDTOOL_UTIL_ENDIAN_H

#include <stdint.h>

static inline uint16_t ndt_le16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t ndt_le32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline uint64_t ndt_le64(const void *p)
{
	return (uint64_t)ndt_le32(p) | (uint64_t)ndt_le32((const uint8_t *)p + 4) << 32;
}

static inline void ndt_put_le16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = v & 0xff;
	b[1] = v >> 8;
}

static inline void ndt_put_le32(void *p, uint32_t v)
{
	ndt_put_le16(p, v & 0xffff);
	ndt_put_le16((uint8_t *)p + 2, v >> 16);
}

static inline void ndt_put_le64(void *p, uint64_t v)
{
	ndt_put_le32(p, v & 0xffffffff);
	ndt_put_le32((uint8_t *)p + 4, v >> 32);
}

#endif
