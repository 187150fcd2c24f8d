/*
 * detector.c - the deadlock detector, ported to an orbit.
 *
 * The lock table lives in an orbit pool.  A transaction that starts to
 * wait queues an async call: the orbit searches a snapshot of the pool
 * taken at that moment, without lock_sys_mutex, and sends back each cycle
 * it finds.  A receiver thread in main applies a decision only if the
 * cycle is still there (every member still in the same wait), because the
 * snapshot may be stale by the time the answer comes.  If the orbit dies,
 * waits end by their timeout, as before detection existed.
 */
#include <errno.h>
#include <string.h>
#include "orbit.h"
#include "detector.h"

const char detector_kind[] = "orbit";

#define N_TASKS 64

/* The call's argument: which wait of which transaction to check. */
struct dl_request {
	int slot;
	unsigned wait_seq;
};

static struct orbit_pool *pool;		/* holds *lock_sys */
static struct orbit_module *detector;
static struct orbit_task tasks[N_TASKS];	/* calls in flight, oldest first */
static unsigned task_head, task_tail;
static pthread_mutex_t task_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t task_cond = PTHREAD_COND_INITIALIZER;
static int stopping;
static volatile int detector_dead;
static pthread_t receiver;

/* The lock table in a pool, so that every call snapshots it. */
struct lock_sys *lock_sys_alloc(void)
{
	struct orbit_allocator *alloc;

	pool = orbit_pool_create(NULL, sizeof(struct lock_sys));
	if (!pool)
		return NULL;
	alloc = orbit_allocator_from_pool(pool, false);
	return alloc ? orbit_calloc(alloc, sizeof(struct lock_sys)) : NULL;
}

/* Orbit: send one cycle to main, as an update about the victim's record. */
static void send_cycle(const struct dl_cycle *c)
{
	char buf[sizeof(struct orbit_update) + sizeof(*c)];
	struct orbit_update *u = (struct orbit_update *)buf;

	u->ptr = &lock_sys->trx[c->victim];
	u->length = sizeof(*c);
	memcpy(u->data, c, sizeof(*c));
	orbit_send(u);
}

/*
 * Runs in the orbit on the snapshot taken when the wait began.  After each
 * cycle it marks the victim rolled back in its own copy (main never sees
 * that write) and searches again, so it reports every cycle through start.
 */
static unsigned long detect_in_orbit(void *store, void *argbuf)
{
	const struct dl_request *r = argbuf;
	const struct trx *t = &lock_sys->trx[r->slot];
	struct dl_cycle c;

	(void)store;
	if (t->wait_seq != r->wait_seq)
		return 0;
	while (deadlock_search(lock_sys, r->slot, &c)) {
		send_cycle(&c);
		lock_sys->trx[c.victim].state = TRX_VICTIM;
	}
	return 0;
}

/* Main, lock_sys_mutex held: queue a search of this wait in the orbit. */
void detector_on_wait(int slot)
{
	struct dl_request r = { slot, lock_sys->trx[slot].wait_seq };

	pthread_mutex_lock(&task_mutex);
	if (!detector_dead && task_tail - task_head < N_TASKS &&
	    orbit_call_async(detector, ORBIT_NORETVAL, 1, &pool, NULL, &r, sizeof(r),
			     &tasks[task_tail % N_TASKS]) == 0) {
		task_tail++;
		pthread_cond_signal(&task_cond);
	}
	pthread_mutex_unlock(&task_mutex);
}

/* Is every member of the cycle still in the wait the orbit saw? */
static int cycle_is_current(const struct dl_cycle *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		const struct trx *t = &lock_sys->trx[c->trx[i]];

		if (t->state != TRX_WAITING || t->wait_seq != c->wait_seq[i])
			return 0;
	}
	return 1;
}

/* Main: apply each decision of one task that is still valid. */
static void receive(struct orbit_task *task)
{
	char buf[sizeof(struct orbit_update) + ORBIT_BUFFER_MAX];
	struct orbit_update *u = (struct orbit_update *)buf;
	struct dl_cycle c;

	while (orbit_recv(task, u) == 0) {
		memcpy(&c, u->data, sizeof(c));
		detector_lock();
		if (cycle_is_current(&c))
			trx_rollback_victim(c.victim);
		detector_unlock();
	}
	if (errno == ESRCH)
		detector_dead = 1;
}

/* Take the oldest task in flight; 0 once stopping and none is left. */
static int next_task(struct orbit_task *task)
{
	int got;

	pthread_mutex_lock(&task_mutex);
	while (task_head == task_tail && !stopping)
		pthread_cond_wait(&task_cond, &task_mutex);
	got = task_head != task_tail;
	if (got)
		*task = tasks[task_head++ % N_TASKS];
	pthread_mutex_unlock(&task_mutex);
	return got;
}

static void *receiver_main(void *arg)
{
	struct orbit_task task;

	(void)arg;
	while (next_task(&task))
		receive(&task);
	return NULL;
}

int detector_start(void)
{
	detector = orbit_create("dl-detector", detect_in_orbit, NULL);
	if (!detector)
		return -1;
	return pthread_create(&receiver, NULL, receiver_main, NULL) ? -1 : 0;
}

void detector_stop(void)
{
	pthread_mutex_lock(&task_mutex);
	stopping = 1;
	pthread_cond_signal(&task_cond);
	pthread_mutex_unlock(&task_mutex);
	pthread_join(receiver, NULL);
	orbit_destroy(detector->gobid);
}
