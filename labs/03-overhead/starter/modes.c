/*
 * modes.c - five ways to run the task beside main.
 *
 * none:   no task at all (the baseline).
 * thread: a helper thread reads main's live items.  Main hands it a call
 *         and goes on; it waits only if the previous call still runs.
 * fork:   a child forked for each call reads its copy of the whole
 *         program; main waits for it (fork, run, exit, reap).
 * sync:   orbit_call: main waits for the snapshot and the task's result.
 * async:  orbit_call_async: main waits only for the snapshot; it collects
 *         results later, and waits only when WINDOW calls are in flight.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <orbit.h>

#include "overhead.h"

#define WINDOW 4

const char *const mode_names[MODE_COUNT] = { "none", "thread", "fork", "sync", "async" };

double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* A result that differs from main's own sum means a broken snapshot. */
static void expect_sum(unsigned long got, unsigned long want)
{
	if (got != want) {
		fprintf(stderr, "overhead: the task saw sum %lu, main has %lu\n", got, want);
		exit(1);
	}
}

/* ===== thread ===== */

static pthread_t helper;
static pthread_mutex_t th_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t th_cond = PTHREAD_COND_INITIALIZER;
static int th_asked, th_busy, th_quit;

static void *thread_loop(void *unused)
{
	struct task_arg a;

	(void)unused;
	pthread_mutex_lock(&th_lock);
	for (;;) {
		while (!th_asked && !th_quit)
			pthread_cond_wait(&th_cond, &th_lock);
		if (th_quit)
			break;
		th_asked = 0;
		pthread_mutex_unlock(&th_lock);
		a = task_arg_now();
		(void)task_sum(&a);
		pthread_mutex_lock(&th_lock);
		th_busy = 0;
		pthread_cond_broadcast(&th_cond);
	}
	pthread_mutex_unlock(&th_lock);
	return NULL;
}

static void thread_wait_idle(void)
{
	pthread_mutex_lock(&th_lock);
	while (th_busy)
		pthread_cond_wait(&th_cond, &th_lock);
	pthread_mutex_unlock(&th_lock);
}

static void thread_call(void)
{
	thread_wait_idle();
	pthread_mutex_lock(&th_lock);
	th_asked = th_busy = 1;
	pthread_cond_broadcast(&th_cond);
	pthread_mutex_unlock(&th_lock);
}

static void thread_stop(void)
{
	thread_wait_idle();
	pthread_mutex_lock(&th_lock);
	th_quit = 1;
	pthread_cond_broadcast(&th_cond);
	pthread_mutex_unlock(&th_lock);
	pthread_join(helper, NULL);
	th_quit = 0;
}

/* ===== fork ===== */

static void fork_call(void)
{
	struct task_arg a = task_arg_now();
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0)
		_exit(task_sum(&a) == 0x80000000ul);
	if (waitpid(pid, NULL, 0) != pid)
		die("waitpid");
}

/* ===== orbits ===== */

static struct orbit_module *ob;
static struct orbit_task tasks[WINDOW];
static long asked, collected;

/* Runs in the orbit, on the snapshot. */
static unsigned long task_in_orbit(void *store, void *argp)
{
	(void)store;
	return task_sum(argp);
}

// ANCHOR: sync
static void sync_call(void)
{
	struct task_arg a = task_arg_now();
	struct orbit_pool *pool = layout_pool();

	if (orbit_call(ob, 1, &pool, task_in_orbit, &a, sizeof(a)) < 0)
		die("orbit_call");
}
// ANCHOR_END: sync

/* Wait for the oldest call in flight. */
static unsigned long collect(void)
{
	union orbit_result r;
	int n;

	while ((n = orbit_recvv(&r, &tasks[collected % WINDOW])) == 1)
		;
	if (n < 0)
		die("orbit_recvv");
	collected++;
	return r.retval;
}

// ANCHOR: async
static void async_call(void)
{
	struct task_arg a = task_arg_now();
	struct orbit_pool *pool = layout_pool();

	if (asked - collected == WINDOW)
		(void)collect();
	if (orbit_call_async(ob, 0, 1, &pool, task_in_orbit, &a, sizeof(a),
			     &tasks[asked % WINDOW]))
		die("orbit_call_async");
	asked++;
}
// ANCHOR_END: async

/* ===== dispatch ===== */

int mode_start(enum mode m)
{
	if (m == MODE_THREAD)
		return pthread_create(&helper, NULL, thread_loop, NULL) ? -1 : 0;
	if ((m == MODE_SYNC || m == MODE_ASYNC) && !ob) {
		ob = orbit_create("overhead", task_in_orbit, NULL);
		asked = collected = 0;
		return ob ? 0 : -1;
	}
	return 0;
}

void mode_call(enum mode m)
{
	switch (m) {
	case MODE_THREAD: thread_call(); break;
	case MODE_FORK: fork_call(); break;
	case MODE_SYNC: sync_call(); break;
	case MODE_ASYNC: async_call(); break;
	default: break;
	}
}

void mode_drain(enum mode m, int check)
{
	struct task_arg a = task_arg_now();
	unsigned long want = check ? task_sum(&a) : 0;
	unsigned long got;

	if (m == MODE_THREAD)
		thread_wait_idle();
	while (m == MODE_ASYNC && collected < asked) {
		got = collect();
		if (check)
			expect_sum(got, want);
	}
}

void mode_stop(enum mode m)
{
	if (m == MODE_THREAD)
		thread_stop();
	if (ob && (m == MODE_SYNC || m == MODE_ASYNC)) {
		mode_drain(MODE_ASYNC, 0);
		orbit_destroy(ob->gobid);
		ob = NULL;
	}
}
