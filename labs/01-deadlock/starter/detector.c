/*
 * detector.c - the deadlock detector: where the lock table lives and where
 * the search runs.  This version is InnoDB's before the port: a thread of
 * the server that walks the wait-for graph while it holds lock_sys_mutex,
 * so every transaction that needs the lock table waits for the walk, and a
 * crash in the walk takes the whole server down.
 *
 * The port (the lab's task) moves the search into an orbit.  The places to
 * change are marked TODO(lab1).
 */
#include <stdlib.h>
#include "detector.h"

const char detector_kind[] = "thread";	/* TODO(lab1): it is an orbit now */

#define N_REQUESTS 64

/* A request to check one wait of one transaction. */
struct dl_request {
	int slot;
	unsigned wait_seq;
};

static struct dl_request requests[N_REQUESTS];	/* ring, guarded by req_mutex */
static unsigned req_head, req_tail;
static pthread_mutex_t req_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t req_cond = PTHREAD_COND_INITIALIZER;
static int stopping;
static pthread_t detector_thread;

// ANCHOR: alloc
struct lock_sys *lock_sys_alloc(void)
{
	/* TODO(lab1): what the search reads must be in the orbit's snapshot. */
	return calloc(1, sizeof(struct lock_sys));
}
// ANCHOR_END: alloc

// ANCHOR: on-wait
void detector_on_wait(int slot)
{
	/* TODO(lab1): hand this wait to the orbit instead of to the thread. */
	pthread_mutex_lock(&req_mutex);
	if (req_tail - req_head < N_REQUESTS) {
		requests[req_tail % N_REQUESTS] =
			(struct dl_request){ slot, lock_sys->trx[slot].wait_seq };
		req_tail++;
		pthread_cond_signal(&req_cond);
	}
	pthread_mutex_unlock(&req_mutex);
}
// ANCHOR_END: on-wait

// ANCHOR: detect
/*
 * Check one wait: search the live lock table, holding its mutex throughout,
 * and roll back a victim per cycle until the waiter is in none.
 */
static void detect(const struct dl_request *r)
{
	const struct trx *t = &lock_sys->trx[r->slot];
	struct dl_cycle c;

	/* TODO(lab1): the walk moves to the orbit; what main applies must still hold. */
	detector_lock();
	while (t->state == TRX_WAITING && t->wait_seq == r->wait_seq &&
	       deadlock_search(lock_sys, r->slot, &c))
		trx_rollback_victim(c.victim);
	detector_unlock();
}
// ANCHOR_END: detect

/* Take the next request; 0 once stopping and none is left. */
static int next_request(struct dl_request *r)
{
	int got;

	pthread_mutex_lock(&req_mutex);
	while (req_head == req_tail && !stopping)
		pthread_cond_wait(&req_cond, &req_mutex);
	got = req_head != req_tail;
	if (got)
		*r = requests[req_head++ % N_REQUESTS];
	pthread_mutex_unlock(&req_mutex);
	return got;
}

static void *detector_main(void *arg)
{
	struct dl_request r;

	(void)arg;
	while (next_request(&r))
		detect(&r);
	return NULL;
}

int detector_start(void)
{
	/* TODO(lab1): create the orbit (and whatever receives its answers). */
	return pthread_create(&detector_thread, NULL, detector_main, NULL) ? -1 : 0;
}

void detector_stop(void)
{
	/* TODO(lab1): leave no orbit behind. */
	pthread_mutex_lock(&req_mutex);
	stopping = 1;
	pthread_cond_signal(&req_cond);
	pthread_mutex_unlock(&req_mutex);
	pthread_join(detector_thread, NULL);
}
