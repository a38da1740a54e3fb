// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the BTT checker: the input is a namespace image. It is checked
 * with and without a flog rewrite; the repair plan is applied to a copy and the copy
 * checked again, which must then need no repair (the plan restores everything it claims
 * to, and only writes inside the image). The last input byte picks whether the namespace
 * has a uuid to compare parent uuids with. Any crash, sanitizer report or abort() is a
 * finding.
 *
 * Built with clang by `make fuzz` (util/btt.mk); without clang, `make check` runs the same
 * entry point over fixtures and mutations of them (btt-replay.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/btt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct image {
	const uint8_t *data;
	size_t size;
};

static int read_image(void *priv, void *buf, size_t len, uint64_t off)
{
	const struct image *img = priv;

	if (off > img->size || len > img->size - off)
		abort();	/* the checker reads only inside the namespace */
	memcpy(buf, img->data + off, len);
	return 0;
}

static void count(void *priv, const struct ndt_btt_problem *p)
{
	uint64_t *n = priv;

	if (!p->msg[0] || p->arena < -1)
		abort();
	(*n)++;
}

static void check_once(const uint8_t *data, size_t size, bool rewrite, const uint8_t *uuid)
{
	struct image img = { data, size }, img2;
	struct ndt_btt_source src = { read_image, &img, size, uuid, count, NULL, 4, rewrite };
	struct ndt_btt_result res, res2;
	uint64_t reported = 0;
	uint8_t *copy;
	size_t i;

	src.problem_priv = &reported;
	if (ndt_btt_check(&src, &res) < 0)
		return;
	if (res.unrepairable > res.problems || (res.problems && !reported) ||
	    (res.state == NDT_BTT_NONE && (res.problems || res.nwrites)))
		abort();
	if (!res.nwrites) {
		ndt_btt_result_free(&res);
		return;
	}
	copy = malloc(size);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	for (i = 0; i < res.nwrites; i++) {
		const struct ndt_btt_write *w = &res.writes[i];

		if (w->offset > size || w->len > size - w->offset)
			abort();
		memcpy(copy + w->offset, w->data, w->len);
	}
	img2.data = copy;
	img2.size = size;
	src.priv = &img2;
	src.rewrite_log = false;
	if (ndt_btt_check(&src, &res2) == 0) {
		/* what the plan repaired is gone; what it could not is all that is left */
		if (res2.nwrites || res2.problems > res.unrepairable)
			abort();
		ndt_btt_result_free(&res2);
	}
	free(copy);
	ndt_btt_result_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	const uint8_t *u = size && (data[size - 1] & 1) ? uuid : NULL;

	check_once(data, size, false, u);
	check_once(data, size, true, u);
	return 0;
}
