// SPDX-License-Identifier: GPL-2.0-or-later
/* "Did you mean ...?" for mistyped command names. */
#include <stdlib.h>
#include <string.h>
#include "suggest.h"

#define MAX_WORD 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t ndt_edit_distance(const char *a, const char *b)
{
	size_t la = strnlen(a, MAX_WORD), lb = strnlen(b, MAX_WORD);
	size_t d[MAX_WORD + 1][MAX_WORD + 1];
	size_t i, j;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

const char *ndt_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word), limit = len <= 3 ? 1 : 2;
	size_t best_dist = (size_t)-1, i;
	const char *best = NULL;

	if (len == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		size_t dist = ndt_edit_distance(word, candidates[i]);

		if (dist < best_dist) {
			best_dist = dist;
			best = candidates[i];
		}
	}
	if (best && best_dist <= limit)
		return best;
	for (i = 0; i < n; i++)
		if (len >= 2 && strncmp(candidates[i], word, len) == 0)
			return candidates[i];
	return NULL;
}
