/*
 * watchdog-thread.c: an auxiliary task run as a thread, and what its bugs do.
 *
 * The "main program" serves requests and takes and releases entries in a
 * small lock table. A watchdog thread wakes up periodically and reports
 * locks that have been held for too long, the way a lock watchdog in a
 * server would. Because the watchdog is a thread, it reads the main
 * program's live state directly, and shares its fate.
 *
 *   ./watchdog-thread          the watchdog is correct; the program ends normally
 *   ./watchdog-thread --crash  the watchdog forgets a NULL check: SIGSEGV kills
 *                              the whole process, main loop included
 *   ./watchdog-thread --hang   the watchdog loops forever while holding the
 *                              table mutex: the main program stalls
 *
 * Build: gcc -Wall -Wextra -pthread -o watchdog-thread watchdog-thread.c
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NLOCKS 4
#define ROUNDS 20
#define TICK_MS 50

// ANCHOR: state
/* The main program's state: a lock table that the main path updates. */
struct txn {
	int id;
	int rows_changed;
};

struct lock_entry {
	struct txn *owner; /* NULL when the entry is free */
	int held_ticks;    /* how long the last owner held it; reset on acquire */
};

static struct lock_entry table[NLOCKS];
static pthread_mutex_t table_mutex = PTHREAD_MUTEX_INITIALIZER;
// ANCHOR_END: state

enum bug { BUG_NONE, BUG_CRASH, BUG_HANG };
static enum bug bug = BUG_NONE;

/* Sleeps for the given number of milliseconds. */
static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

// ANCHOR: watchdog
/* The auxiliary task: report every lock held for more than 3 ticks. */
static void *watchdog(void *arg)
{
	(void)arg;
	for (;;) {
		sleep_ms(2 * TICK_MS);
		pthread_mutex_lock(&table_mutex);
		for (int i = 0; i < NLOCKS; i++) {
			struct lock_entry *e = &table[i];

			/* Fixed: a free entry has no owner, whatever the variant. */
			if (e->owner == NULL)
				continue;
			if (e->held_ticks > 3)
				printf("watchdog: lock %d held by txn %d for %d ticks\n",
				       i, e->owner->id, e->held_ticks);
		}
		/* Fixed: the hang variant still waits for lock 0 to be freed, but
		 * lets go of the mutex while it sleeps, so main can free the lock. */
		while (bug == BUG_HANG && table[0].owner != NULL) {
			pthread_mutex_unlock(&table_mutex);
			sleep_ms(TICK_MS);
			pthread_mutex_lock(&table_mutex);
		}
		pthread_mutex_unlock(&table_mutex);
	}
	return NULL;
}
// ANCHOR_END: watchdog

// ANCHOR: main-loop
/* The main path: serve requests; a transaction takes lock 0 and later frees it. */
static void serve(void)
{
	static struct txn t1 = { 1, 0 };
	long served = 0;

	for (int round = 1; round <= ROUNDS; round++) {
		pthread_mutex_lock(&table_mutex);
		if (round == 2) {
			table[0].owner = &t1;
			table[0].held_ticks = 0;
		}
		if (round == 10)
			table[0].owner = NULL; /* released; held_ticks is kept */
		for (int i = 0; i < NLOCKS; i++)
			if (table[i].owner)
				table[i].held_ticks++;
		pthread_mutex_unlock(&table_mutex);
		served += 1000; /* stands for the real work */
		printf("main: round %d, %ld requests served\n", round, served);
		fflush(stdout);
		sleep_ms(TICK_MS);
	}
}
// ANCHOR_END: main-loop

/* Parses the bug switch, starts the watchdog thread and runs the main path. */
int main(int argc, char **argv)
{
	pthread_t tid;

	if (argc > 1 && strcmp(argv[1], "--crash") == 0)
		bug = BUG_CRASH;
	else if (argc > 1 && strcmp(argv[1], "--hang") == 0)
		bug = BUG_HANG;
	else if (argc > 1) {
		fprintf(stderr, "usage: %s [--crash | --hang]\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pthread_create(&tid, NULL, watchdog, NULL) != 0) {
		fprintf(stderr, "watchdog-thread: cannot create the watchdog thread\n");
		return 1;
	}
	serve();
	printf("main: all %d rounds done, exiting normally\n", ROUNDS);
	return 0;
}
