/*
 * watchdog-orbit.c: chapter 1's lock watchdog, moved into an orbit.
 *
 * The main program serves requests and takes and frees entries in a small
 * lock table, as in watchdog-thread.c. The watchdog no longer runs as a
 * thread: every other round main calls an orbit, which scans a snapshot of
 * the table and reports locks held for too long.
 *
 *   ./watchdog-orbit          the watchdog is correct
 *   ./watchdog-orbit --crash  the watchdog forgets a NULL check
 *   ./watchdog-orbit --hang   the watchdog waits for lock 0 to be freed
 *
 * Build (in the VM): tcc -Wall -o watchdog-orbit watchdog-orbit.c -lorbit -lpthread
 */
#include <errno.h>
#include <orbit.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NLOCKS 4
#define ROUNDS 20
#define TICK_MS 50

// ANCHOR: state
struct txn {
	int id;
	int rows_changed;
};

struct lock_entry {
	struct txn *owner; /* NULL when the entry is free */
	int held_ticks;    /* how long the last owner held it; reset on acquire */
};

/* Everything the watchdog reads, in one block that will live in an area. */
struct server_state {
	struct lock_entry table[NLOCKS];
	struct txn txns[1];
};

static struct orbit_pool *state_pool; /* the area */
static struct server_state *state;    /* == state_pool->rawptr */
// ANCHOR_END: state

enum bug { BUG_NONE, BUG_CRASH, BUG_HANG };
static enum bug bug = BUG_NONE;

/* Sleeps for the given number of milliseconds. */
static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

// ANCHOR: area
/* Step 1: the state moves from static arrays into an area (zero-filled). */
static int create_state(void)
{
	state_pool = orbit_pool_create(NULL, sizeof(struct server_state));
	if (!state_pool)
		return -1;
	state = state_pool->rawptr;
	state_pool->used = sizeof(struct server_state);
	return 0;
}
// ANCHOR_END: area

// ANCHOR: scan
/* Step 2: the watchdog's scan becomes a function that runs in the orbit. */
static unsigned long scan(void *store, void *argbuf)
{
	unsigned long reported = 0;

	(void)store;
	(void)argbuf;
	for (int i = 0; i < NLOCKS; i++) {
		struct lock_entry *e = &state->table[i];

		/* The bug: the crash variant forgets that free entries have no owner. */
		if (bug != BUG_CRASH && e->owner == NULL)
			continue;
		if (e->held_ticks > 3) {
			printf("watchdog: lock %d held by txn %d for %d ticks\n",
			       i, e->owner->id, e->held_ticks);
			reported++;
		}
	}
	/* The hang variant waits for lock 0 to be freed: in a snapshot it never is. */
	while (bug == BUG_HANG && state->table[0].owner != NULL)
		sleep_ms(TICK_MS);
	return reported;
}
// ANCHOR_END: scan

// ANCHOR: call
/* Step 3: hand the orbit a snapshot of the area and return at once. A call
 * made while the previous scan still runs is dropped (ORBIT_SKIP_ANY). */
static int call_watchdog(struct orbit_module *ob)
{
	return orbit_call_async(ob, ORBIT_NORETVAL | ORBIT_SKIP_ANY, 1, &state_pool,
				NULL, NULL, 0, NULL);
}
// ANCHOR_END: call

// ANCHOR: serve
/* The main path, unchanged but for the call; no mutex: main is the only writer. */
static int serve(struct orbit_module *ob)
{
	long served = 0;

	for (int round = 1; round <= ROUNDS; round++) {
		if (round == 2) {
			state->txns[0].id = 1;
			state->table[0].owner = &state->txns[0];
			state->table[0].held_ticks = 0;
		}
		if (round == 10)
			state->table[0].owner = NULL; /* released; held_ticks is kept */
		for (int i = 0; i < NLOCKS; i++)
			if (state->table[i].owner)
				state->table[i].held_ticks++;
		if (ob && round % 2 == 0 && call_watchdog(ob) < 0) {
			if (errno != ESRCH)
				return -1;
			/* The orbit died: lose the watchdog, keep the server. */
			printf("main: the watchdog orbit died; serving on without it\n");
			ob = NULL;
		}
		served += 1000; /* stands for the real work */
		printf("main: round %d, %ld requests served\n", round, served);
		sleep_ms(TICK_MS);
	}
	return 0;
}
// ANCHOR_END: serve

/* Parses the bug switch, creates the area and the orbit, runs the main path. */
int main(int argc, char **argv)
{
	struct orbit_module *ob;

	if (argc > 1 && strcmp(argv[1], "--crash") == 0)
		bug = BUG_CRASH;
	else if (argc > 1 && strcmp(argv[1], "--hang") == 0)
		bug = BUG_HANG;
	else if (argc > 1) {
		fprintf(stderr, "usage: %s [--crash | --hang]\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (create_state() < 0)
		return perror("watchdog-orbit: orbit_pool_create"), 1;
	// ANCHOR: create
	ob = orbit_create("watchdog", scan, NULL);
	// ANCHOR_END: create
	if (!ob)
		return perror("watchdog-orbit: orbit_create"), 1;
	if (serve(ob) < 0)
		return perror("main: watchdog call failed"), 1;
	printf("main: all %d rounds done, exiting normally\n", ROUNDS);
	if (orbit_exists(ob))
		orbit_destroy(ob->gobid);
	return 0;
}
