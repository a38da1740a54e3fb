/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Label area fixtures for the unit tests and the fuzz replay driver, stored xz-compressed
 * under $srcdir/test/unit/data/labels (see fixture.h).
 */
#ifndef NDTOOL_TEST_LABEL_FIXTURE_H
#define NDTOOL_TEST_LABEL_FIXTURE_H

#include "fixture.h"

/* The label area captures, without their .bin.xz suffix. */
static const char *const fixture_names[] = {
	"A-v11-init", "A-v12-init", "B-v12-init", "B-v11-ns", "B-v12-ns", "B-zeroed",
};
#define FIXTURE_COUNT (sizeof(fixture_names) / sizeof(fixture_names[0]))

/* The label area @name ("B-v12-ns") decompressed; NULL on error (reported on stderr). */
static inline uint8_t *fixture_area(const char *name, size_t *len)
{
	return fixture_xz_in("labels", name, len);
}

/* A text fixture ("B-v12-ns.ndctl.json"), NUL-terminated; NULL on error. */
static inline char *fixture_text(const char *file)
{
	return fixture_text_in("labels", file);
}

#endif
