/*
 * orbit_mode.c - the checker as an orbit.
 *
 * The store lives in a pool, so every call hands the orbit a fresh
 * copy-on-write snapshot of it.  Main asks asynchronously and never
 * waits: a waiter thread blocks in orbit_recvv, and main looks at what it
 * got after each request.  A check late past its deadline is cancelled
 * (still queued) or its orbit destroyed; a dead orbit is replaced, at
 * most MAX_RESTARTS times.  The orbit runs in its own cgroup, under
 * memory.max and cpu.max, so a hog cannot take main's memory or CPU.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <orbit.h>

#include "kv.h"

#define ORBIT_MEMORY_MAX "2M"
#define ORBIT_CPU_MAX "80000 100000"	/* 80 ms of CPU every 100 ms */
#define MAX_RESTARTS 3

static struct orbit_pool *pool;
static struct orbit_module *ob;		/* NULL once we gave up */
static int restarts;

/* The call in flight, shared with its waiter thread. */
static pthread_mutex_t call_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	pthread_t waiter;
	struct orbit_task task;
	long seq, asked_us;
	int running;		/* main: a call and its waiter exist */
	int done, ok;		/* waiter: finished; with a return value */
	unsigned long retval;
} call;

// ANCHOR: alloc
/* The store goes into a pool: that is what each call snapshots. */
static struct kv_store *store_in_pool(void)
{
	pool = orbit_pool_create(NULL, sizeof(struct kv_store));
	if (!pool)
		return NULL;
	pool->used = pool->length;
	return pool->rawptr;
}
// ANCHOR_END: alloc

/* Runs in the orbit, on the snapshot. */
static unsigned long check_in_orbit(void *store, void *argp)
{
	struct aux_stats st;

	(void)store;
	aux_check(argp, &st);
	return aux_pack(&st);
}

// ANCHOR: spawn
/* Create the orbit and put it under its limits. */
static int checker_spawn(void)
{
	ob = orbit_create("checker", check_in_orbit, NULL);
	if (!ob)
		return -1;
	if (cg_enter("orbit", ob->gobid))
		fprintf(stderr, "kvstore: orbit %d runs without limits\n", ob->gobid);
	return 0;
}

static int checker_start(struct kv_store *kv)
{
	(void)kv;
	if (cg_create("orbit") == 0) {
		cg_set("orbit", "memory.max", ORBIT_MEMORY_MAX);
		cg_set("orbit", "cpu.max", ORBIT_CPU_MAX);
	}
	return checker_spawn();
}
// ANCHOR_END: spawn

/* Kill the orbit (if still alive) and reap it: no zombie is left. */
static void checker_kill(void)
{
	pid_t pid = ob->gobid;

	orbit_destroy(pid);
	if (orbit_gone(ob))
		waitpid(pid, NULL, 0);	/* reaps one that died on its own */
	free(ob);
	ob = NULL;
}

// ANCHOR: replace
/* A dead or stuck orbit is replaced, a bounded number of times. */
static void checker_replace(void)
{
	checker_kill();
	if (restarts >= MAX_RESTARTS)
		return;		/* give up: checks are lost from now on */
	restarts++;
	if (checker_spawn() == 0)
		report_restart();
}
// ANCHOR_END: replace

// ANCHOR: waiter
/* The waiter thread: block for the result so that main never does. */
static void *wait_result(void *unused)
{
	union orbit_result r;
	int n;

	(void)unused;
	while ((n = orbit_recvv(&r, &call.task)) == 1)
		;		/* no scratches expected: skip any */
	pthread_mutex_lock(&call_lock);
	call.ok = n == 0;
	call.retval = r.retval;
	call.done = 1;
	pthread_mutex_unlock(&call_lock);
	return NULL;
}

static void checker_ask(struct kv_store *kv, int no)
{
	struct check_arg arg = { kv, kv->seq, no, chosen_fault };

	if (orbit_call_async(ob, ORBIT_CANCELLABLE, 1, &pool, check_in_orbit,
			     &arg, sizeof(arg), &call.task)) {
		report_lost(kv->seq, LOSS_CRASH);
		checker_replace();
		return;
	}
	call.seq = kv->seq;
	call.asked_us = now_us();
	call.done = 0;
	if (pthread_create(&call.waiter, NULL, wait_result, NULL)) {
		checker_replace();	/* unblocks nothing: no waiter */
		report_lost(call.seq, LOSS_CRASH);
		return;
	}
	call.running = 1;
}
// ANCHOR_END: waiter

// ANCHOR: poll
/* Take a finished call's result, or end a call past its deadline. */
static void checker_poll(void)
{
	struct aux_stats st;
	int done, cancelled = 0;

	pthread_mutex_lock(&call_lock);
	done = call.done;
	pthread_mutex_unlock(&call_lock);
	if (!done && now_us() - call.asked_us <= CHECK_DEADLINE_US)
		return;
	if (!done) {	/* late: cancel it if still queued, else kill it */
		cancelled = orbit_cancel_by_task(&call.task) == 1;
		if (!cancelled)
			orbit_destroy(ob->gobid);
	}
	pthread_join(call.waiter, NULL);
	call.running = 0;
	if (done && call.ok) {
		aux_unpack(call.retval, call.seq, &st);
		report_result(&st);
		return;
	}
	report_lost(call.seq, done ? LOSS_CRASH : LOSS_DEADLINE);
	if (!cancelled)
		checker_replace();	/* it died, or we killed it */
}
// ANCHOR_END: poll

static void checker_tick(struct kv_store *kv)
{
	int no;

	if (call.running)
		checker_poll();
	if (!check_due(kv, &no))
		return;
	if (call.running)
		report_lost(kv->seq, LOSS_BUSY);
	else if (!ob)
		report_lost(kv->seq, LOSS_GAVE_UP);
	else
		checker_ask(kv, no);
}

static void checker_stop(void)
{
	if (call.running) {
		orbit_destroy(ob->gobid);
		pthread_join(call.waiter, NULL);
		call.running = 0;
	}
	if (ob)
		checker_kill();
	cg_remove("orbit");
}

const struct aux_mode orbit_mode = {
	"orbit", store_in_pool, checker_start, checker_tick, checker_stop,
};
