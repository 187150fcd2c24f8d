/*
 * overhead.h - the overhead lab's shared declarations.
 *
 * The main program is a small in-memory cache serving a stream of
 * requests (store.c).  Beside it runs an auxiliary task, a checker that
 * reads a sample of the cache's values and sums them.  The harness
 * (harness.c) runs the task in each mode (modes.c), at several call
 * frequencies and state sizes, and prints what it costs as CSV.
 *
 * Two files are yours: layout.c (where the cache's state lives, and so
 * what a call must snapshot) and stats.c (median and spread).
 */
#ifndef OVERHEAD_H
#define OVERHEAD_H

#include <stddef.h>
#include <stdint.h>

#define PAGE 4096
/* Bytes of one item the task reads (a key and a value). */
#define ITEM_BYTES 8
/* Main's request log: one word per request, a ring of this many bytes. */
#define LOG_BYTES (1 << 20)

/* ===== layout.c: where the cache's state lives (yours) ===== */

struct orbit_pool;

/* Make room for n items (all zero) and the request log; 0 or -1. */
int layout_create(size_t n);
/* Give all of it back. */
void layout_destroy(void);
/* The pool an orbit call snapshots: everything the task reads. */
struct orbit_pool *layout_pool(void);
/* Main: a lookup of item i; it counts the hit. */
uint32_t item_get(size_t i);
/* Main: an update of item i. */
void item_set(size_t i, uint32_t value);
/* The task: item i's value, read only. */
uint32_t item_peek(size_t i);
/* Main: note request number seq in the request log. */
void log_request(uint32_t seq);

/* ===== stats.c: the harness's statistics (yours) ===== */

/* The median of v[0..n-1] (n >= 1); v is left as it was. */
double median(const double *v, int n);
/* The spread: the median absolute deviation from the median. */
double spread(const double *v, int n);

/* ===== store.c: the workload ===== */

/* Items in the cache now. */
extern size_t store_items;
/* Fill n items (after layout_create). */
void store_fill(size_t n);
/* Serve one request: sixteen lookups, an update within the first
 * update_pct percent of the items, a log entry. */
void store_serve(int update_pct);
/* Write one item on each of the first dirty_pct percent of the table's
 * pages (at least one page), and look up one item on every page. */
void store_touch_pages(int dirty_pct);

/* ===== The auxiliary task ===== */

/* What a call passes to the task. */
struct task_arg {
	size_t items;		/* items in the cache */
	size_t stride;		/* the task reads items 0, stride, 2 stride, ... */
};

/* The task itself: the sum of the sampled values (31 bits). */
unsigned long task_sum(const struct task_arg *arg);
/* The arguments for the current cache. */
struct task_arg task_arg_now(void);

/* ===== modes.c: how main runs the task ===== */

enum mode { MODE_NONE, MODE_THREAD, MODE_FORK, MODE_SYNC, MODE_ASYNC, MODE_COUNT };

extern const char *const mode_names[MODE_COUNT];

/* Start what mode m needs (after layout_create); 0 or -1. */
int mode_start(enum mode m);
/* One call of the task; main's cost is the time this takes. */
void mode_call(enum mode m);
/* Wait for every call still running.  With check set, every result
 * must equal the sum main computes now (the program ends otherwise):
 * only for calls made with nothing changed since. */
void mode_drain(enum mode m, int check);
/* Stop it: nothing the mode started outlives this (sync and async
 * share one orbit: stopping either destroys it). */
void mode_stop(enum mode m);

/* Microseconds on the monotonic clock. */
double now_us(void);

#endif /* OVERHEAD_H */
