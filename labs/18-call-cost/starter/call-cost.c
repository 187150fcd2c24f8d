/*
 * call-cost.c: the latency of a synchronous orbit call, measured properly.
 *
 * Main calls an orbit on a 1 MB copy-on-write area many times and reports
 * the median latency. "Clean": main writes nothing between calls, so each
 * snapshot is incremental. The exercise adds "dirty": main writes every
 * page between calls (untimed), so each call re-shares every page.
 *
 * Build (in the VM): tcc -Wall -o call-cost call-cost.c -lorbit -lpthread
 */
#include <orbit.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define AREA (1024 * 1024)
#define PAGE 4096
#define SAMPLES 101

static struct orbit_pool *area;
static struct orbit_module *ob;

/* The orbit's task: read one byte per page. */
static unsigned long touch(void *store, void *argbuf)
{
	unsigned long sum = 0;

	(void)store;
	(void)argbuf;
	for (int i = 0; i < AREA; i += PAGE)
		sum += ((volatile char *)area->rawptr)[i];
	return sum;
}

// ANCHOR: clock
/* Microseconds on the monotonic clock, which never jumps. */
static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of n samples (sorts them). */
static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), by_value);
	return v[n / 2];
}
// ANCHOR_END: clock

/* Writes one byte into every page of the area: each becomes main's own again. */
static void dirty_area(void)
{
	for (int i = 0; i < AREA; i += PAGE)
		((char *)area->rawptr)[i]++;
}

// ANCHOR: measure
/* Median latency of SAMPLES sync calls; dirty: write every page before each (untimed). */
static double call_median(int dirty)
{
	double v[SAMPLES];

	for (int s = 0; s < SAMPLES; s++) {
		double t0;

		if (dirty)
			dirty_area();
		t0 = now_us();
		if (orbit_call(ob, 1, &area, NULL, NULL, 0) < 0)
			return perror("orbit_call"), -1;
		v[s] = now_us() - t0;
	}
	return median(v, SAMPLES);
}
// ANCHOR_END: measure

int main(void)
{
	area = orbit_pool_create(NULL, AREA);
	if (!area)
		return perror("orbit_pool_create"), 1;
	area->used = AREA;
	dirty_area(); /* every page present before the orbit exists */
	ob = orbit_create("cost", touch, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	call_median(0); /* warm-up: the first install maps every page */
	// ANCHOR: report
	printf("clean: median of %d calls: %.0f us\n", SAMPLES, call_median(0));
	// ANCHOR_END: report
	orbit_destroy(ob->gobid);
	return 0;
}
