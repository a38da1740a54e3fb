// SPDX-License-Identifier: GPL-2.0-or-later
/* Order statistics for benchmark samples */
#include <math.h>
#include <stdlib.h>
#include "bench/stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void stats_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_double);
}

double stats_percentile(const double *sorted, size_t n, double p)
{
	double rank, frac;
	size_t lo;

	if (!n)
		return 0;
	if (p <= 0)
		return sorted[0];
	if (p >= 100)
		return sorted[n - 1];
	rank = p / 100.0 * (double)(n - 1);
	lo = (size_t)floor(rank);
	frac = rank - (double)lo;
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

void stats_summarize(double *v, size_t n, struct stats_summary *s)
{
	stats_sort(v, n);
	s->n = n;
	s->min = n ? v[0] : 0;
	s->max = n ? v[n - 1] : 0;
	s->median = stats_percentile(v, n, 50);
}
