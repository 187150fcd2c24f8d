/*
 * queue-flags.c: what the skip and cancel flags do to an orbit's queue.
 *
 * Main makes ten asynchronous calls while the orbit is still busy with the
 * first one (it tells main it started, then waits on a pipe until main has
 * made them all), then
 * collects each call's fate: ran, cancelled (ECANCELED) or skipped (task
 * id 0). FLAGS decides what happens to the calls that wait.
 *
 * Build (in the VM): tcc -Wall -o queue-flags queue-flags.c -lorbit -lpthread
 */
#include <errno.h>
#include <orbit.h>
#include <stdio.h>
#include <unistd.h>

#define NCALLS 10

// ANCHOR: flags
/* The exercise: which flags make only the first and the newest call run? */
#define FLAGS 0
// ANCHOR_END: flags

static int started[2]; /* the first task says it is running */
static int gate[2];    /* and waits here until main has queued the rest */

// ANCHOR: task
/* The orbit's task: the first one signals, then waits at the gate; each returns its number. */
static unsigned long task(void *store, void *argbuf)
{
	int n = *(int *)argbuf;
	char c;

	(void)store;
	if (n == 1 && (write(started[1], "s", 1) != 1 || read(gate[0], &c, 1) != 1))
		return 0;
	return n;
}
// ANCHOR_END: task

// ANCHOR: fate
/* Prints what became of call n; returns 0 ran, 1 cancelled, 2 skipped, -1 error. */
static int report(int n, struct orbit_task *t)
{
	union orbit_result r;

	if (t->taskid == 0)
		return printf("call %d: skipped\n", n), 2;
	if (orbit_recvv(&r, t) == 0)
		return printf("call %d: ran\n", n), 0;
	if (errno == ECANCELED)
		return printf("call %d: cancelled\n", n), 1;
	return perror("orbit_recvv"), -1;
}
// ANCHOR_END: fate

int main(void)
{
	struct orbit_task t[NCALLS + 1];
	int count[3] = { 0, 0, 0 };
	struct orbit_module *ob;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pipe(started) < 0 || pipe(gate) < 0)
		return perror("pipe"), 1;
	ob = orbit_create("queue", task, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	for (int n = 1; n <= NCALLS; n++) {
		char c;

		if (orbit_call_async(ob, FLAGS, 0, NULL, NULL, &n, sizeof(n), &t[n]) < 0)
			return perror("orbit_call_async"), 1;
		if (n == 1 && read(started[0], &c, 1) != 1) /* call 1 is running now */
			return perror("read"), 1;
	}
	if (write(gate[1], "g", 1) != 1)
		return perror("write"), 1;
	for (int n = 1; n <= NCALLS; n++) {
		int fate = report(n, &t[n]);

		if (fate < 0)
			return 1;
		count[fate]++;
	}
	printf("ran %d, cancelled %d, skipped %d\n", count[0], count[1], count[2]);
	orbit_destroy(ob->gobid);
	return 0;
}
