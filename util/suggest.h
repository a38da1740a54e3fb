/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_SUGGEST_H
#define NDTOOL_UTIL_SUGGEST_H

#include <stddef.h>

/* Edit distance counting insertions, deletions, substitutions and adjacent swaps. */
size_t ndt_edit_distance(const char *a, const char *b);

/*
 * The candidate closest to @word: within 2 edits (1 for words of up to 3
 * characters) or having @word as a prefix. NULL when nothing is close.
 */
const char *ndt_suggest(const char *word, const char *const *candidates, size_t n);

#endif
