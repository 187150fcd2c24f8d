/*
 * driver.c - runs a workload of transactions on worker threads and prints
 * one machine-readable summary line.  Read-only.
 *
 *   ./deadlock WORKLOAD [SEED]
 *   WORKLOAD: free | cycle2 | cycle3 | chain | stale | mix
 *
 * Environment (for the checker): LAB_DETECTOR_CRASH=1 makes the deadlock
 * search crash, LAB_DETECTOR_DELAY_MS=N makes it N ms slower,
 * LAB_START_PAUSE_MS=N waits N ms between detector_start() and the first
 * transaction, and LAB_LINGER_MS=N keeps the program alive N ms after
 * detector_stop().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lock_sys.h"
#include "detector.h"

#define MAX_STEPS 4

struct step {
	int row, mode;
};

// ANCHOR: script
/* What one worker does: n_trx transactions of the same shape. */
struct script {
	int start_ms;		/* delay before the first transaction */
	int n_trx;
	int n_steps;
	struct step steps[MAX_STEPS];	/* unused when random */
	int random;		/* mix: 2 or 3 random rows per transaction */
	int think_ms;		/* pause after each lock */
	int hold_ms;		/* pause before commit */
	int timeout_ms;		/* lock wait timeout */
	int barrier;		/* wait for all workers after the first lock */
};
// ANCHOR_END: script

static struct script scripts[MAX_TRX];
static int n_workers;
static pthread_barrier_t first_locks;	/* scripted workloads: all hold one row */
static unsigned seed = 1;

static void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	if (ms > 0)
		nanosleep(&ts, NULL);
}

/*
 * A worker with rows r[0..n-1], all X, and the workload's timings.  It meets
 * the other workers at a barrier once it holds its first row, so that the
 * scripted waits happen however the threads are scheduled.
 */
static void add(int start_ms, int n, const int *r, int think, int hold, int timeout)
{
	struct script *s = &scripts[n_workers++];
	int i;

	s->start_ms = start_ms;
	s->n_trx = 1;
	s->n_steps = n;
	for (i = 0; i < n; i++)
		s->steps[i] = (struct step){ r[i], LOCK_X };
	s->think_ms = think;
	s->hold_ms = hold;
	s->timeout_ms = timeout;
	s->barrier = 1;
}

// ANCHOR: workloads
static void workload_cycle(int n)	/* T_i locks row i, then row i+1 mod n */
{
	int i;

	for (i = 0; i < n; i++) {
		int r[2] = { i, (i + 1) % n };

		add(10 * i, 2, r, 100, 0, 2000);
	}
}

static void workload_chain(void)	/* T_i waits for T_i-1: no cycle */
{
	int r0[1] = { 0 }, i;

	add(0, 1, r0, 300, 0, 5000);
	for (i = 1; i < 5; i++) {
		int r[2] = { i, i - 1 };

		add(10 * i, 2, r, 50, 0, 5000);
	}
}

static void workload_free(void)	/* everyone locks rows 0, 1, 2 in order */
{
	int r[3] = { 0, 1, 2 }, i;

	for (i = 0; i < 4; i++) {
		add(0, 3, r, 5, 0, 5000);
		scripts[i].n_trx = 5;
		scripts[i].barrier = 0;
	}
}

/* A 2-cycle that resolves itself: T1 gives up (timeout) while T2 goes on working. */
static void workload_stale(void)
{
	int a[2] = { 0, 1 }, b[2] = { 1, 0 };

	add(0, 2, a, 100, 0, 300);
	add(10, 2, b, 100, 1500, 10000);
}

static void workload_mix(void)	/* 4 workers, 30 transactions each, 6 rows */
{
	int i;

	for (i = 0; i < 4; i++) {
		add(0, 0, NULL, 2, 0, 1000);
		scripts[i].n_trx = 30;
		scripts[i].random = 1;
		scripts[i].barrier = 0;
	}
}
// ANCHOR_END: workloads

/* Distinct random rows and modes for one transaction of a mix worker. */
static int random_steps(unsigned *rng, struct step *st)
{
	int n = 2 + rand_r(rng) % 2, i, j;

	for (i = 0; i < n; i++) {
		do {
			st[i].row = rand_r(rng) % 6;
			for (j = 0; j < i && st[j].row != st[i].row; j++)
				;
		} while (j < i);
		st[i].mode = rand_r(rng) % 2 ? LOCK_X : LOCK_S;
	}
	return n;
}

/* One transaction: lock each row, then commit.  Rolled back on a -1. */
static void run_trx(int slot, const struct script *s, unsigned *rng)
{
	struct step st[MAX_STEPS];
	int n = s->random ? random_steps(rng, st) : s->n_steps, i;

	if (!s->random)
		memcpy(st, s->steps, sizeof(st));
	trx_begin(slot);
	for (i = 0; i < n; i++) {
		if (lock_row(slot, st[i].row, st[i].mode, s->timeout_ms))
			return;
		if (i == 0 && s->barrier)
			pthread_barrier_wait(&first_locks);
		pause_ms(s->think_ms);
	}
	pause_ms(s->hold_ms);
	trx_commit(slot);
}

static void *worker(void *arg)
{
	int slot = (int)(long)arg, i;
	const struct script *s = &scripts[slot];
	unsigned rng = seed * 7919 + slot;

	pause_ms(s->start_ms);
	for (i = 0; i < s->n_trx; i++)
		run_trx(slot, s, &rng);
	return NULL;
}

static int pick_workload(const char *name)
{
	if (!strcmp(name, "free"))
		workload_free();
	else if (!strcmp(name, "cycle2"))
		workload_cycle(2);
	else if (!strcmp(name, "cycle3"))
		workload_cycle(3);
	else if (!strcmp(name, "chain"))
		workload_chain();
	else if (!strcmp(name, "stale"))
		workload_stale();
	else if (!strcmp(name, "mix"))
		workload_mix();
	else
		return -1;
	return 0;
}

static int env_int(const char *name)
{
	const char *v = getenv(name);

	return v ? atoi(v) : 0;
}

static void print_summary(const char *name, long long elapsed_us)
{
	struct dl_stats *s = &dl_stats;
	long total = 0;
	int i;

	for (i = 0; i < n_workers; i++)
		total += scripts[i].n_trx;
	printf("summary workload=%s detector=%s transactions=%ld committed=%ld "
	       "rolled_back=%ld victims=%ld timeouts=%ld waits=%ld wait_ms=%lld "
	       "detector_hold_us=%lld elapsed_ms=%lld tps=%.1f\n",
	       name, detector_kind, total, s->committed, s->rolled_back, s->victims,
	       s->timeouts, s->waits, s->wait_us / 1000, s->detector_hold_us,
	       elapsed_us / 1000, s->committed * 1e6 / (elapsed_us ? elapsed_us : 1));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	pthread_t threads[MAX_TRX];
	long long t0;
	int i;

	if (argc < 2 || (argc > 2 && (seed = atoi(argv[2])) == 0) || pick_workload(argv[1])) {
		fprintf(stderr, "usage: %s free|cycle2|cycle3|chain|stale|mix [SEED>0]\n", argv[0]);
		return 2;
	}
	dl_inject.crash = env_int("LAB_DETECTOR_CRASH");
	dl_inject.delay_ms = env_int("LAB_DETECTOR_DELAY_MS");
	lock_sys_init_conds();
	lock_sys = lock_sys_alloc();
	if (!lock_sys || detector_start()) {
		perror("deadlock: cannot set up the detector");
		return 1;
	}
	pthread_barrier_init(&first_locks, NULL, n_workers);
	pause_ms(env_int("LAB_START_PAUSE_MS"));
	t0 = now_us();
	for (i = 0; i < n_workers; i++)
		pthread_create(&threads[i], NULL, worker, (void *)(long)i);
	for (i = 0; i < n_workers; i++)
		pthread_join(threads[i], NULL);
	detector_stop();
	print_summary(argv[1], now_us() - t0);
	pause_ms(env_int("LAB_LINGER_MS"));
	return 0;
}
