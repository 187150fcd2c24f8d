/*
 * orbit-death.c: what an orbit's death does to its tasks, and recovery.
 *
 * Main queues three asynchronous tasks. Task 1 dies (by the fault named on
 * the command line) while tasks 2 and 3 wait behind it. Main collects all
 * three: each fails with ESRCH. Recovery is main's job.
 *
 *   ./orbit-death [segv | abort | stack]
 *
 * Build (in the VM): tcc -Wall -o orbit-death orbit-death.c -lorbit -lpthread
 */
#include <errno.h>
#include <orbit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTASKS 3

static const char *fault = "segv";

/* Recurses without end: a stack overflow. */
static int deep(int n)
{
	volatile char pad[256];

	pad[0] = (char)n;
	return deep(n + 1) + pad[0];
}

// ANCHOR: task
/* The orbit's task: task 1 dies by the chosen fault; the others return 10 * n. */
static unsigned long task(void *store, void *argbuf)
{
	int n = *(int *)argbuf;

	(void)store;
	if (n == 1 && strcmp(fault, "abort") == 0)
		abort();
	if (n == 1 && strcmp(fault, "stack") == 0)
		return deep(0);
	if (n == 1)
		return *(volatile int *)NULL;
	return 10 * n;
}
// ANCHOR_END: task

/* Queues task n on ob; returns 0 or -1. */
static int submit(struct orbit_module *ob, int n, struct orbit_task *t)
{
	return orbit_call_async(ob, 0, 0, NULL, NULL, &n, sizeof(n), t);
}

// ANCHOR: collect
/* Collects task n: prints its value or its error; returns errno or 0. */
static int collect(int n, struct orbit_task *t)
{
	union orbit_result r;

	if (orbit_recvv(&r, t) == 0) {
		printf("task %d: returned %lu\n", n, r.retval);
		return 0;
	}
	printf("task %d: failed: %s\n", n, strerror(errno));
	return errno;
}
// ANCHOR_END: collect

// ANCHOR: recover
/* Recovery after the orbit died: the exercise. The naive version gives up. */
static int recover(int failed[])
{
	(void)failed;
	printf("main: the orbit died; giving up on its tasks\n");
	return 0;
}
// ANCHOR_END: recover

int main(int argc, char **argv)
{
	struct orbit_task t[NTASKS + 1];
	int failed[NTASKS + 1] = { 0 };
	struct orbit_module *ob;
	int dead = 0;

	if (argc > 1)
		fault = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	ob = orbit_create("worker", task, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	/*
	 * The orbit may run task 1, and die of it, before task 2 is even
	 * queued: a call to a dead orbit fails with ESRCH at once, and that
	 * task counts as failed like the ones queued before the death.
	 */
	for (int n = 1; n <= NTASKS; n++) {
		if (submit(ob, n, &t[n]) == 0)
			continue;
		if (errno != ESRCH)
			return perror("orbit_call_async"), 1;
		printf("task %d: failed: %s\n", n, strerror(errno));
		failed[n] = 1;
	}
	for (int n = 1; n <= NTASKS; n++) {
		if (!failed[n])
			failed[n] = collect(n, &t[n]) == ESRCH;
		dead |= failed[n];
	}
	if (dead && recover(failed) < 0)
		return 1;
	printf("main: still serving\n");
	return 0;
}
