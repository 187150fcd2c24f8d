/*
 * store.c - the workload: a cache of n items answering requests.
 *
 * A request looks up LOOKUPS items anywhere in the cache (every lookup
 * counts a hit), updates one item among the first few percent (the hot
 * keys: most writes of a real cache fall on few keys) and notes itself
 * in main's request log.  The auxiliary task reads a sample of the
 * values and sums them.
 */
#include "overhead.h"

#define LOOKUPS 16

size_t store_items;
static uint32_t seq;
static uint32_t rng = 2463534242u;

/* xorshift32: the same request stream in every run. */
static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

void store_fill(size_t n)
{
	size_t i;

	store_items = n;
	for (i = 0; i < n; i++)
		item_set(i, (uint32_t)i);
}

// ANCHOR: serve
void store_serve(int update_pct)
{
	size_t hot = store_items * update_pct / 100;
	int k;

	for (k = 0; k < LOOKUPS; k++)
		(void)item_get(next_random() % store_items);
	item_set(next_random() % (hot ? hot : 1), seq);
	log_request(seq++);
}
// ANCHOR_END: serve

// ANCHOR: touch
void store_touch_pages(int dirty_pct)
{
	size_t per_page = PAGE / ITEM_BYTES;
	size_t pages = (store_items + per_page - 1) / per_page;
	size_t dirty = pages * dirty_pct / 100, p;

	for (p = 0; p < pages; p++)
		(void)item_get(p * per_page);
	for (p = 0; p < (dirty ? dirty : 1); p++)
		item_set(p * per_page, seq);
	log_request(seq++);
}
// ANCHOR_END: touch

// ANCHOR: task
unsigned long task_sum(const struct task_arg *arg)
{
	unsigned long sum = 0;
	size_t i;

	for (i = 0; i < arg->items; i += arg->stride)
		sum += item_peek(i);
	return sum & 0x7fffffff;
}

/* At most 4096 samples, whatever the size. */
struct task_arg task_arg_now(void)
{
	struct task_arg a = { store_items, store_items / 4096 + 1 };

	return a;
}
// ANCHOR_END: task
