/*
 * layout.c - where the cache's state lives.
 *
 * A call snapshots only what the task reads: the keys and values, in a
 * pool of their own.  What main writes on every request stays out of
 * it: the hit counters in an array of their own, the request log in
 * ordinary memory.  A lookup then dirties no page of the pool, and a
 * call's cost follows the pages main updated since the last one.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <orbit.h>

#include "overhead.h"

// ANCHOR: heap
/* What the task reads, and nothing else: ITEM_BYTES each. */
struct item {
	uint32_t key;
	uint32_t value;
};

static struct orbit_pool *pool;	/* the items, and only them */
static struct item *items;
static uint16_t *hits;		/* hot: written by every lookup */
static uint32_t *log_ring;	/* hot: written by every request */
static uint32_t log_head;

int layout_create(size_t n)
{
	pool = orbit_pool_create(NULL, n * sizeof(struct item));
	hits = calloc(n, sizeof(*hits));
	log_ring = calloc(1, LOG_BYTES);
	if (!pool || !hits || !log_ring)
		return -1;
	pool->used = pool->length;
	items = pool->rawptr;
	return 0;
}
// ANCHOR_END: heap

void layout_destroy(void)
{
	munmap(pool->rawptr, pool->length);
	free(pool);
	free(hits);
	free(log_ring);
	pool = NULL;
}

struct orbit_pool *layout_pool(void)
{
	return pool;
}

// ANCHOR: access
uint32_t item_get(size_t i)
{
	hits[i]++;
	return items[i].value;
}

void item_set(size_t i, uint32_t value)
{
	items[i].key = i;
	items[i].value = value;
}

uint32_t item_peek(size_t i)
{
	return items[i].value;
}

void log_request(uint32_t seq)
{
	log_ring[log_head++ % (LOG_BYTES / sizeof(uint32_t))] = seq;
}
// ANCHOR_END: access
