/*
 * harness.c - what the auxiliary task costs, in each mode, as CSV.
 *
 * Two experiments, each configuration repeated REPS times, the
 * repetitions interleaved (round r runs every configuration once, the
 * modes in an order rotated by r), so a slow spell of the emulator
 * lands on several configurations instead of all samples of one:
 *
 *   freq  the cache serves requests and calls the task every 1, 10,
 *         100 or 1000 requests in each mode; each run is timed against
 *         a run with no task (mode none) of the same round.
 *   size  main touches the table (a lookup on every page, an update on
 *         the first dirty_pct percent of them), then calls the task;
 *         only the call is timed.  For pool sizes from 64 KB up.
 *
 * Usage: ./overhead [--quick] [freq | size]
 *   --quick  fewer and smaller configurations (the tests use it)
 *
 * Output: a header, one "sample" row per run, then one "summary" row per
 * configuration (medians and spreads from stats.c).  Progress goes to
 * standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <orbit.h>

#include "overhead.h"

#define REPS 5
#define MAX_CELLS 64
#define FREQ_UPDATE_PCT 10	/* updates fall on the first 10% of items */
#define FREQ_CALLS 100		/* calls per run, up to FREQ_MAX_REQUESTS */
#define FREQ_MAX_REQUESTS 10000
#define SIZE_CALLS 3		/* timed calls per size run, after a warm-up */

struct plan {
	int every[4];
	size_t freq_kb;
	size_t sizes_kb[5];
	int nsizes;
	int dirty[3];
	int ndirty;
};

static const struct plan full = { { 1, 10, 100, 1000 }, 1024,
	{ 64, 256, 1024, 4096, 16384 }, 5, { 1, 10, 100 }, 3 };
static const struct plan quick = { { 1, 10, 100, 1000 }, 256,
	{ 64, 1024, 4096 }, 3, { 1, 100 }, 2 };

/* The samples of one configuration. */
struct cell {
	const char *exp;
	enum mode mode;
	int every, dirty;
	size_t table_kb, pool_kb;
	int n;
	double thr[REPS], ovh[REPS], call[REPS];
};

static struct cell cells[MAX_CELLS];
static int ncells;

/* The cell of a configuration, made on first use. */
static struct cell *cell_of(const char *exp, enum mode m, int every, size_t kb, int dirty)
{
	struct cell *c;

	for (c = cells; c < cells + ncells; c++)
		if (c->exp == exp && c->mode == m && c->every == every &&
		    c->table_kb == kb && c->dirty == dirty)
			return c;
	if (ncells == MAX_CELLS) {
		fprintf(stderr, "overhead: too many configurations\n");
		exit(1);
	}
	c = &cells[ncells++];
	memset(c, 0, sizeof(*c));
	c->exp = exp, c->mode = m, c->every = every, c->table_kb = kb, c->dirty = dirty;
	return c;
}

/* x as printed with d decimals, so the summary works on printed values. */
static double rounded(double x, int d)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", d, x);
	return strtod(buf, NULL);
}

/* A number, or an empty field when it does not apply. */
static void field(double x, int d, int applies)
{
	if (applies)
		printf(",%.*f", d, x);
	else
		printf(",");
}

static void print_header(void)
{
	printf("row,exp,mode,every,table_kb,pool_kb,dirty_pct,rep,requests,calls,"
	       "throughput,overhead_pct,overhead_mad,call_us,call_mad\n");
}

/* The configuration's columns, from exp to dirty_pct. */
static void print_config(const struct cell *c)
{
	printf("%s,%s", c->exp, mode_names[c->mode]);
	field(c->every, 0, c->every > 0);
	printf(",%zu,%zu,%d", c->table_kb, c->pool_kb, c->dirty);
}

// ANCHOR: freq_run
/* requests requests, calling the task every `every`; returns the run's
 * microseconds and adds main's time at the call sites to *call_us. */
static double run_requests(enum mode m, int every, long requests, double *call_us)
{
	double t0 = now_us(), c0;
	long r;

	*call_us = 0;
	for (r = 1; r <= requests; r++) {
		store_serve(FREQ_UPDATE_PCT);
		if (m != MODE_NONE && r % every == 0) {
			c0 = now_us();
			mode_call(m);
			*call_us += now_us() - c0;
		}
	}
	c0 = now_us();
	mode_drain(m, 0);
	*call_us += now_us() - c0;
	return now_us() - t0;
}
// ANCHOR_END: freq_run

/* One run of the freq experiment, recorded and printed as a sample row. */
static double freq_sample(enum mode m, int every, int rep, size_t kb, double base_us)
{
	long requests = every < FREQ_MAX_REQUESTS / FREQ_CALLS ? every * FREQ_CALLS : FREQ_MAX_REQUESTS;
	long calls = m == MODE_NONE ? 0 : requests / every;
	double call_us, us = run_requests(m, every, requests, &call_us);
	struct cell *c = cell_of("freq", m, every, kb, FREQ_UPDATE_PCT);
	double thr = rounded(requests / (us / 1e6), 1);

	c->pool_kb = layout_pool()->length / 1024;
	c->thr[c->n] = thr;
	c->ovh[c->n] = rounded((us / (base_us ? base_us : us) - 1) * 100, 2);
	c->call[c->n] = rounded(calls ? call_us / calls : 0, 1);
	printf("sample,");
	print_config(c);
	printf(",%d,%ld,%ld,%.1f", rep, requests, calls, thr);
	field(c->ovh[c->n], 2, m != MODE_NONE);
	printf(",");
	field(c->call[c->n], 1, m != MODE_NONE);
	printf(",\n");
	c->n++;
	return us;
}

static const enum mode task_modes[] = { MODE_THREAD, MODE_FORK, MODE_SYNC, MODE_ASYNC };

static void freq_experiment(const struct plan *p)
{
	size_t n = p->freq_kb * 1024 / ITEM_BYTES;
	int rep, e, k;
	double base;

	if (layout_create(n))
		exit(1);
	store_fill(n);
	for (k = 0; k < 4; k++)
		if (mode_start(task_modes[k]))
			exit(1);
	for (rep = 0; rep < REPS; rep++)
		for (e = 0; e < 4; e++) {
			fprintf(stderr, "# freq round %d, every %d\n", rep + 1, p->every[e]);
			base = freq_sample(MODE_NONE, p->every[e], rep, p->freq_kb, 0);
			for (k = 0; k < 4; k++)
				freq_sample(task_modes[(k + rep) % 4], p->every[e], rep, p->freq_kb, base);
		}
	for (k = 0; k < 4; k++)
		mode_stop(task_modes[k]);
	layout_destroy();
}

// ANCHOR: size_run
/* A warm-up call, then SIZE_CALLS timed ones, each after main touched
 * the table; the mean microseconds of a call. */
static double size_run(enum mode m, int dirty)
{
	double total = 0, t0;
	int i;

	for (i = -1; i < SIZE_CALLS; i++) {
		store_touch_pages(dirty);
		t0 = now_us();
		mode_call(m);
		if (i >= 0)
			total += now_us() - t0;
		mode_drain(m, 1);
	}
	return total / SIZE_CALLS;
}
// ANCHOR_END: size_run

static void size_sample(enum mode m, int dirty, int rep, size_t kb)
{
	struct cell *c = cell_of("size", m, 0, kb, dirty);

	c->pool_kb = layout_pool()->length / 1024;
	c->call[c->n] = rounded(size_run(m, dirty), 1);
	printf("sample,");
	print_config(c);
	printf(",%d,,%d,,,,%.1f,\n", rep, SIZE_CALLS, c->call[c->n]);
	c->n++;
}

static void size_experiment(const struct plan *p)
{
	static const enum mode modes[] = { MODE_FORK, MODE_ASYNC };
	int rep, s, d, k;
	size_t n;

	for (rep = 0; rep < REPS; rep++)
		for (s = 0; s < p->nsizes; s++) {
			fprintf(stderr, "# size round %d, %zu KB\n", rep + 1, p->sizes_kb[s]);
			n = p->sizes_kb[s] * 1024 / ITEM_BYTES;
			if (layout_create(n) || mode_start(MODE_ASYNC))
				exit(1);
			store_fill(n);
			for (d = 0; d < p->ndirty; d++)
				for (k = 0; k < 2; k++)
					size_sample(modes[(k + rep) % 2], p->dirty[d], rep, p->sizes_kb[s]);
			mode_stop(MODE_ASYNC);
			layout_destroy();
		}
}

// ANCHOR: summary
/* One summary row per configuration: medians and spreads over its runs. */
static void print_summary(void)
{
	struct cell *c;
	int freq;

	for (c = cells; c < cells + ncells; c++) {
		freq = !strcmp(c->exp, "freq");
		printf("summary,");
		print_config(c);
		printf(",%d,,", c->n);
		field(median(c->thr, c->n), 1, freq);
		field(median(c->ovh, c->n), 2, freq && c->mode != MODE_NONE);
		field(spread(c->ovh, c->n), 2, freq && c->mode != MODE_NONE);
		field(median(c->call, c->n), 1, c->mode != MODE_NONE);
		field(spread(c->call, c->n), 1, c->mode != MODE_NONE);
		printf("\n");
	}
}
// ANCHOR_END: summary

int main(int argc, char **argv)
{
	const struct plan *p = &full;
	int i, freq = 1, size = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			p = &quick;
		else if (!strcmp(argv[i], "freq"))
			size = 0;
		else if (!strcmp(argv[i], "size"))
			freq = 0;
		else {
			fprintf(stderr, "usage: %s [--quick] [freq | size]\n", argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	print_header();
	if (freq)
		freq_experiment(p);
	if (size)
		size_experiment(p);
	print_summary();
	return 0;
}
