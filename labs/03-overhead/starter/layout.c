/*
 * layout.c - where the cache's state lives.
 *
 * This first port does what is quickest: the whole heap of the cache
 * goes into one pool, so the orbit surely sees everything.  Each item
 * keeps its hit counter next to its value, and main's request log sits
 * in the same pool.
 *
 * TODO(lab3): lay the state out so that a call snapshots only what the
 * task reads (item_peek), and so that what main writes on every request
 * (the hit counters, the log) dirties no page of that pool.  Then the
 * cost of a call follows the pages main really changed, not the heap.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <orbit.h>

#include "overhead.h"

// ANCHOR: heap
/* One item: what the task reads, and the counter every lookup bumps. */
struct item {
	uint32_t key;
	uint32_t value;
	uint32_t hits;
};

/* The whole heap of the cache, in one pool. */
struct heap {
	uint32_t log[LOG_BYTES / sizeof(uint32_t)];
	uint32_t log_head;
	struct item items[];
};

static struct orbit_pool *pool;
static struct heap *heap;

int layout_create(size_t n)
{
	pool = orbit_pool_create(NULL, sizeof(struct heap) + n * sizeof(struct item));
	if (!pool)
		return -1;
	pool->used = pool->length;
	heap = pool->rawptr;
	return 0;
}
// ANCHOR_END: heap

void layout_destroy(void)
{
	munmap(pool->rawptr, pool->length);
	free(pool);
	pool = NULL;
}

struct orbit_pool *layout_pool(void)
{
	return pool;
}

// ANCHOR: access
uint32_t item_get(size_t i)
{
	heap->items[i].hits++;
	return heap->items[i].value;
}

void item_set(size_t i, uint32_t value)
{
	heap->items[i].key = i;
	heap->items[i].value = value;
}

uint32_t item_peek(size_t i)
{
	return heap->items[i].value;
}

void log_request(uint32_t seq)
{
	heap->log[heap->log_head++ % (LOG_BYTES / sizeof(uint32_t))] = seq;
}
// ANCHOR_END: access
