/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Info block fixtures for the unit tests and the fuzz replay driver: 8 KiB images written
 * by `ndctl write-infoblock -c` (76.1) with the arguments in test/unit/data/infoblock/
 * NAME.args, stored as NAME.bin.xz (see fixture.h), with what `ndctl read-infoblock -i`
 * prints for them (NAME.ndctl.json with -j, NAME.ndctl-u.json with -u; "file" renamed to
 * NAME), and one btt arena info block read from a sector-mode namespace in the VM.
 */
#ifndef NDTOOL_TEST_INFOBLOCK_FIXTURE_H
#define NDTOOL_TEST_INFOBLOCK_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include "fixture.h"

#define GiB (1ULL << 30)
#define MiB (1ULL << 20)

/* One fixture and, for those ndctl generated, the write-infoblock arguments. */
struct ib_fixture {
	const char *name;
	bool generated;
	bool devdax, map_mem;
	uint64_t size, align, offset;
	const char *uuid, *parent;
};

static const struct ib_fixture ib_fixtures[] = {
	{ "fsdax-1G", true, false, false, GiB, 2 * MiB, 0,
	  "56b11990-66b1-4d91-9cac-ca084c051259", NULL },
	{ "devdax-mem-16M", true, true, true, 16 * MiB, 2 * MiB, 0,
	  "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "01234567-89ab-cdef-0123-456789abcdef" },
	{ "fsdax-offset-4K", true, false, false, GiB, 2 * MiB, 4096,
	  "11111111-2222-3333-4444-555555555555", NULL },
	{ "devdax-align-1G", true, true, false, 3 * GiB, GiB, 0,
	  "22222222-2222-3333-4444-555555555555", NULL },
	{ "fsdax-wrap", true, false, false, GiB, GiB, 4096,
	  "33333333-2222-3333-4444-555555555555", NULL },
	{ "btt-sector", false, false, false, 0, 0, 0, NULL, NULL },
};
#define IB_FIXTURE_COUNT (sizeof(ib_fixtures) / sizeof(ib_fixtures[0]))

/* The 8 KiB image of fixture @name; NULL on error (reported on stderr). */
static inline uint8_t *ib_fixture_image(const char *name, size_t *len)
{
	return fixture_xz_in("infoblock", name, len);
}

#endif
