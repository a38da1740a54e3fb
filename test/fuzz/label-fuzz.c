// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the namespace label area code: arbitrary bytes go through the
 * parser, every slot decoder, check-labels and the read-labels JSON (both plain and -u),
 * and the first input bytes pick the size and version of an init-labels image that must
 * parse back valid and clean. Any crash, sanitizer report or abort() is a finding.
 *
 * Built with clang by `make fuzz` (see lib/label.mk); without clang, `make check` runs
 * the same entry point over the fixtures and mutations of them (label-replay.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/label.h"
#include "json/label.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_problem(void *priv, const char *problem)
{
	size_t *chars = priv;

	*chars += strlen(problem);
}

static void dump(const struct ndt_label_area *a, bool human)
{
	struct json_object *j = ndt_label_area_to_json("nmem0", a, human);

	if (!j)
		return;
	if (!json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN))
		abort();
	json_object_put(j);
}

static void parse_any(const uint8_t *data, size_t size)
{
	struct ndt_label_area *a;
	struct ndt_label l;
	size_t chars = 0;
	uint32_t pos;
	int problems;

	if (ndt_label_area_parse(data, size, &a) != 0)
		return;
	if (a->current >= 0 && !a->index[a->current].valid)
		abort();
	if (a->label_base + (uint64_t)a->nslot_fit * a->label_size > a->size)
		abort();
	for (pos = 0; pos < a->nslot_fit; pos++)
		if (ndt_label_area_get(a, pos, &l) != 0 || l.pos != pos)
			abort();
	if (ndt_label_area_get(a, a->nslot_fit, &l) == 0)
		abort();
	problems = ndt_label_area_check(a, count_problem, &chars);
	if (problems < 0 || (a->current < 0 && problems == 0) || (problems > 0 && chars == 0))
		abort();
	if (ndt_label_area_dump_count(a) > a->nslot_fit)
		abort();
	dump(a, false);
	dump(a, true);
	ndt_label_area_free(a);
}

/* init-labels output of an input-chosen size (768 .. ~64 KiB) must parse back clean. */
static void init_roundtrip(const uint8_t *data, size_t size)
{
	struct ndt_label_area *a;
	size_t asize;
	uint8_t *buf;
	int minor;

	if (size < 3)
		return;
	asize = NDT_LABEL_MIN_AREA + (size_t)((data[0] | data[1] << 8) & 0x3fff) * 4;
	minor = 1 + (data[2] & 1);
	buf = malloc(asize);
	if (!buf)
		return;
	if (ndt_label_area_init(buf, asize, minor) == 0) {
		if (ndt_label_area_parse(buf, asize, &a) != 0)
			abort();
		if (a->current != 0 || a->label_size != (minor == 1 ? 128u : 256u) ||
		    ndt_label_area_check(a, NULL, NULL) != 0 || ndt_label_area_dump_count(a) != 1)
			abort();
		ndt_label_area_free(a);
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_any(data, size);
	init_roundtrip(data, size);
	return 0;
}
