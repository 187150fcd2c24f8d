/*
 * stats.c - the harness's statistics.
 *
 * Each configuration runs five times or more, interleaved with the
 * others; the harness reports the median of its samples and their
 * spread, the median absolute deviation (MAD): the median of
 * |v[i] - median(v)|.  Medians, because one run that the emulator or
 * another process slowed down moves a mean a lot and a median little.
 */
#include <stdlib.h>
#include <string.h>

#include "overhead.h"

#define MAX_SAMPLES 64

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

// ANCHOR: stats
/* The median of v[0..n-1]; with n even, the mean of the two middle
 * values.  A sorted copy, so v keeps its order. */
double median(const double *v, int n)
{
	double s[MAX_SAMPLES];

	if (n > MAX_SAMPLES)
		n = MAX_SAMPLES;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), by_value);
	return (s[(n - 1) / 2] + s[n / 2]) / 2;
}

/* The median of |v[i] - median(v)|. */
double spread(const double *v, int n)
{
	double d[MAX_SAMPLES], m = median(v, n);
	int i;

	if (n > MAX_SAMPLES)
		n = MAX_SAMPLES;
	for (i = 0; i < n; i++)
		d[i] = v[i] > m ? v[i] - m : m - v[i];
	return median(d, n);
}
// ANCHOR_END: stats
