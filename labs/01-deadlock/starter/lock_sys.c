/*
 * lock_sys.c - row locks and transactions: grant or queue a request, wait
 * with a timeout, commit, roll back.  All state changes happen under
 * lock_sys_mutex.  Read-only.
 */
#include <errno.h>
#include <time.h>
#include "lock_sys.h"
#include "detector.h"

struct lock_sys *lock_sys;
pthread_mutex_t lock_sys_mutex = PTHREAD_MUTEX_INITIALIZER;
struct dl_stats dl_stats;
struct dl_inject dl_inject;

static pthread_cond_t wait_cond[MAX_TRX];	/* a waiter sleeps on its slot's */
static int next_trx_id;
static long long hold_start_us;

long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Wait conditions use the monotonic clock, like now_us(). */
void lock_sys_init_conds(void)
{
	pthread_condattr_t attr;
	int i;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	for (i = 0; i < MAX_TRX; i++)
		pthread_cond_init(&wait_cond[i], &attr);
}

void detector_lock(void)
{
	pthread_mutex_lock(&lock_sys_mutex);
	hold_start_us = now_us();
}

void detector_unlock(void)
{
	dl_stats.detector_hold_us += now_us() - hold_start_us;
	pthread_mutex_unlock(&lock_sys_mutex);
}

static int compatible(int held, int wanted)
{
	return held == LOCK_S && wanted == LOCK_S;
}

/* Does a lock of another transaction, ahead of seq on row, block mode? */
static int blocked(int trx, int row, int mode, unsigned seq)
{
	const struct lock *l;

	for (l = lock_sys->locks; l < lock_sys->locks + MAX_LOCKS; l++)
		if (l->used && l->row == row && l->trx != trx && l->seq < seq &&
		    !compatible(l->mode, mode))
			return 1;
	return 0;
}

/* Grant every waiting lock that nothing ahead of it blocks any more. */
static void grant_waiters(void)
{
	struct lock *l;

	for (l = lock_sys->locks; l < lock_sys->locks + MAX_LOCKS; l++) {
		if (!l->used || l->granted || blocked(l->trx, l->row, l->mode, l->seq))
			continue;
		l->granted = 1;
		lock_sys->trx[l->trx].n_locks++;
		lock_sys->trx[l->trx].state = TRX_ACTIVE;
		lock_sys->trx[l->trx].wait_lock = NO_TRX;
		pthread_cond_signal(&wait_cond[l->trx]);
	}
}

/* Drop every lock of slot, granted or waiting, and wake who can go on. */
static void release_all(int slot)
{
	struct lock *l;

	for (l = lock_sys->locks; l < lock_sys->locks + MAX_LOCKS; l++)
		if (l->used && l->trx == slot)
			l->used = 0;
	lock_sys->trx[slot].n_locks = 0;
	lock_sys->trx[slot].wait_lock = NO_TRX;
	grant_waiters();
}

void trx_begin(int slot)
{
	struct trx *t = &lock_sys->trx[slot];

	pthread_mutex_lock(&lock_sys_mutex);
	t->id = ++next_trx_id;
	t->state = TRX_ACTIVE;
	t->n_locks = 0;
	t->wait_lock = NO_TRX;
	pthread_mutex_unlock(&lock_sys_mutex);
}

/* Roll slot back as a deadlock victim, whatever it is doing now. */
void trx_rollback_victim(int slot)
{
	struct trx *t = &lock_sys->trx[slot];

	if (t->state != TRX_ACTIVE && t->state != TRX_WAITING)
		return;
	release_all(slot);
	t->state = TRX_VICTIM;
	dl_stats.victims++;
	dl_stats.rolled_back++;
	pthread_cond_signal(&wait_cond[slot]);
}

/* A victim learns it was rolled back: 1 if so (its slot is then idle). */
static int was_victim(struct trx *t)
{
	if (t->state != TRX_VICTIM)
		return 0;
	t->state = TRX_IDLE;
	return 1;
}

/* Sleep until granted, chosen as victim, or timed out (then roll back). */
static int wait_for_grant(int slot, int timeout_ms)
{
	struct trx *t = &lock_sys->trx[slot];
	long long deadline = now_us() + timeout_ms * 1000LL;
	struct timespec ts = { deadline / 1000000, deadline % 1000000 * 1000 };

	while (t->state == TRX_WAITING)
		if (pthread_cond_timedwait(&wait_cond[slot], &lock_sys_mutex, &ts) == ETIMEDOUT &&
		    t->state == TRX_WAITING) {
			release_all(slot);
			t->state = TRX_IDLE;
			dl_stats.timeouts++;
			dl_stats.rolled_back++;
			return -1;
		}
	return was_victim(t) ? -1 : 0;
}

static struct lock *lock_alloc(void)
{
	struct lock *l;

	for (l = lock_sys->locks; l < lock_sys->locks + MAX_LOCKS; l++)
		if (!l->used)
			return l;
	return NULL;
}

/* Queue a request; wait if it is blocked.  0, or -1 when rolled back. */
static int request(int slot, int row, int mode, int timeout_ms)
{
	struct trx *t = &lock_sys->trx[slot];
	struct lock *l = lock_alloc();
	long long t0;
	int rc;

	if (was_victim(t) || !l)
		return -1;
	*l = (struct lock){ 1, slot, row, mode, 0, ++lock_sys->next_seq };
	if (!blocked(slot, row, mode, l->seq)) {
		l->granted = 1;
		t->n_locks++;
		return 0;
	}
	t->state = TRX_WAITING;
	t->wait_lock = l - lock_sys->locks;
	t->wait_seq++;
	dl_stats.waits++;
	t0 = now_us();
	detector_on_wait(slot);
	dl_stats.detector_hold_us += now_us() - t0;
	rc = wait_for_grant(slot, timeout_ms);
	dl_stats.wait_us += now_us() - t0;
	return rc;
}

int lock_row(int slot, int row, int mode, int timeout_ms)
{
	int rc;

	pthread_mutex_lock(&lock_sys_mutex);
	rc = request(slot, row, mode, timeout_ms);
	pthread_mutex_unlock(&lock_sys_mutex);
	return rc;
}

/* Commit: 0, or -1 when the transaction was rolled back as a victim. */
int trx_commit(int slot)
{
	struct trx *t = &lock_sys->trx[slot];
	int rc = -1;

	pthread_mutex_lock(&lock_sys_mutex);
	if (!was_victim(t)) {
		release_all(slot);
		t->state = TRX_IDLE;
		dl_stats.committed++;
		rc = 0;
	}
	pthread_mutex_unlock(&lock_sys_mutex);
	return rc;
}
