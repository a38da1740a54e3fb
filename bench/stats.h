/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_BENCH_STATS_H
#define NDTOOL_BENCH_STATS_H

#include <stddef.h>

struct stats_summary {
	size_t n;
	double min, median, max;
};

/* Sort @v ascending in place. */
void stats_sort(double *v, size_t n);

/*
 * The @p-th percentile (0 <= p <= 100) of sorted @v, interpolated linearly between the
 * two closest ranks (p = 50 is the median). 0 for an empty set.
 */
double stats_percentile(const double *sorted, size_t n, double p);

/* Sort @v and fill @s with its minimum, median and maximum. */
void stats_summarize(double *v, size_t n, struct stats_summary *s);

#endif
