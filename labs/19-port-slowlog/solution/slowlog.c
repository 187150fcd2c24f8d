/*
 * slowlog.c: a slow log in the style of Redis's, read by an orbit.
 *
 * Main runs commands and records every command slower than a threshold in
 * a linked list. Every five commands it asks an orbit to count the
 * entries. The port is half done: the orbit and the area exist, but the
 * entries are still allocated with malloc().
 *
 * Build (in the VM): tcc -Wall -o slowlog slowlog.c -lorbit -lpthread
 */
#include <orbit.h>
#include <stdio.h>
#include <stdlib.h>

#define NCOMMANDS 40
#define SLOWER_THAN 50 /* microseconds, like slowlog-log-slower-than */

// ANCHOR: state
struct entry {
	int command;
	long micros;
	struct entry *next;
};

static struct entry *slowlog; /* newest first */
static int nslow;
static struct orbit_pool *log_pool;
static struct orbit_allocator *log_alloc;
// ANCHOR_END: state

// ANCHOR: new-entry
/* Allocates a slow-log entry in the area, and extends the snapshot to cover it. */
static struct entry *new_entry(void)
{
	struct entry *e = orbit_alloc(log_alloc, sizeof(struct entry));

	if (e)
		log_pool->used = *log_alloc->allocated;
	return e;
}
// ANCHOR_END: new-entry

/* Records command c if it was slow. */
static int record(int c, long micros)
{
	struct entry *e;

	if (micros <= SLOWER_THAN)
		return 0;
	e = new_entry();
	if (!e)
		return -1;
	*e = (struct entry){ c, micros, slowlog };
	slowlog = e;
	nslow++;
	return 0;
}

// ANCHOR: count
/* Orbit: count the entries of the slow log whose head is the argument. */
static unsigned long count_slow(void *store, void *argbuf)
{
	unsigned long n = 0;

	(void)store;
	for (struct entry *e = *(struct entry **)argbuf; e; e = e->next)
		n++;
	return n;
}
// ANCHOR_END: count

int main(void)
{
	struct orbit_module *ob;

	setvbuf(stdout, NULL, _IOLBF, 0);
	log_pool = orbit_pool_create(NULL, 64 * 1024);
	log_alloc = log_pool ? orbit_allocator_from_pool(log_pool, false) : NULL;
	if (!log_alloc)
		return perror("area"), 1;
	ob = orbit_create("slowlog", count_slow, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	for (int c = 1; c <= NCOMMANDS; c++) {
		long n;

		if (record(c, (c * 37) % 100) < 0)
			return perror("record"), 1;
		if (c % 5)
			continue;
		n = orbit_call(ob, 1, &log_pool, NULL, &slowlog, sizeof(slowlog));
		if (n < 0)
			return perror("orbit_call"), 1;
		printf("after command %d: main logged %d, orbit counted %ld\n", c, nslow, n);
	}
	orbit_destroy(ob->gobid);
	return 0;
}
