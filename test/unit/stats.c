// SPDX-License-Identifier: GPL-2.0-or-later
#include <math.h>
#include <stdlib.h>
#include "tap.h"
#include "bench/stats.h"

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

int main(void)
{
	double one[] = { 42 };
	double odd[] = { 5, 1, 4, 2, 3 };
	double even[] = { 10, 40, 20, 30 };
	double same[] = { 7, 7, 7 };
	double *big;
	struct stats_summary s;
	int i;

	stats_summarize(odd, 5, &s);
	ok(s.n == 5 && near(s.min, 1) && near(s.max, 5), "min and max of 5 values");
	ok(near(s.median, 3), "median of an odd count is the middle value");
	ok(odd[0] == 1 && odd[1] == 2 && odd[4] == 5, "summarize sorts in place");

	stats_summarize(even, 4, &s);
	ok(near(s.median, 25), "median of an even count is the mean of the middle two");

	stats_summarize(one, 1, &s);
	ok(near(s.min, 42) && near(s.median, 42) && near(s.max, 42), "a single value");

	stats_summarize(NULL, 0, &s);
	ok(s.n == 0 && near(s.median, 0), "no values: zeros, no crash");

	stats_summarize(same, 3, &s);
	ok(near(stats_percentile(same, 3, 99.9), 7), "percentile of equal values");

	/* 0..1000: the p-th percentile is exactly 10 * p */
	big = malloc(1001 * sizeof(*big));
	for (i = 0; i <= 1000; i++)
		big[i] = 1000 - i;
	stats_sort(big, 1001);
	ok(big[0] == 0 && big[1000] == 1000, "sort of a reversed set");
	ok(near(stats_percentile(big, 1001, 50), 500), "p50 of 0..1000");
	ok(near(stats_percentile(big, 1001, 90), 900), "p90 of 0..1000");
	ok(near(stats_percentile(big, 1001, 99), 990), "p99 of 0..1000");
	ok(near(stats_percentile(big, 1001, 99.9), 999), "p99.9 of 0..1000");
	ok(near(stats_percentile(big, 1001, 0), 0), "p0 is the minimum");
	ok(near(stats_percentile(big, 1001, 100), 1000), "p100 is the maximum");
	ok(near(stats_percentile(big, 1001, 150), 1000), "p above 100 clamps");
	free(big);

	/* interpolation between ranks: {0, 10}: p25 = 2.5 */
	{
		double two[] = { 10, 0 };

		stats_sort(two, 2);
		ok(near(stats_percentile(two, 2, 25), 2.5), "linear interpolation between ranks");
		ok(near(stats_percentile(two, 2, 99.9), 9.99), "p99.9 of two values");
	}
	return done();
}
