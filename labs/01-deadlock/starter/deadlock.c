/*
 * deadlock.c - the wait-for graph, the cycle search and the victim policy.
 * Pure functions of the lock table they are given: they take no lock and
 * write nothing but their result, so they work on a snapshot as well.
 * Read-only.
 */
#include <string.h>
#include <time.h>
#include "lock_sys.h"

// ANCHOR: graph
/* Is transaction a waiting for a lock that live transaction b holds or queued first? */
int trx_waits_for(const struct lock_sys *ls, int a, int b)
{
	const struct trx *t = &ls->trx[a];
	const struct lock *w, *l;

	if (t->state != TRX_WAITING || a == b ||
	    (ls->trx[b].state != TRX_ACTIVE && ls->trx[b].state != TRX_WAITING))
		return 0;
	w = &ls->locks[t->wait_lock];
	for (l = ls->locks; l < ls->locks + MAX_LOCKS; l++)
		if (l->used && l->trx == b && l->row == w->row && l->seq < w->seq &&
		    (l->mode == LOCK_X || w->mode == LOCK_X))
			return 1;
	return 0;
}
// ANCHOR_END: graph

/* Depth-first search for a path from node back to c->trx[0]; done marks dead ends. */
static int dfs(const struct lock_sys *ls, int node, struct dl_cycle *c, char *done)
{
	int next;

	for (next = 0; next < MAX_TRX; next++) {
		if (!trx_waits_for(ls, node, next))
			continue;
		if (next == c->trx[0])
			return 1;
		if (done[next] || c->n == MAX_TRX)
			continue;
		c->trx[c->n++] = next;
		if (dfs(ls, next, c, done))
			return 1;
		c->n--;
	}
	done[node] = 1;
	return 0;
}

// ANCHOR: victim
/* InnoDB rolls back the transaction that did less work: fewer locks, then the younger. */
static int pick_victim(const struct lock_sys *ls, const struct dl_cycle *c)
{
	int i, v = c->trx[0];

	for (i = 1; i < c->n; i++) {
		const struct trx *a = &ls->trx[c->trx[i]], *b = &ls->trx[v];

		if (a->n_locks < b->n_locks || (a->n_locks == b->n_locks && a->id > b->id))
			v = c->trx[i];
	}
	return v;
}
// ANCHOR_END: victim

/* The checker's fault injection: a search that crashes, or one that is slow. */
static void inject(void)
{
	struct timespec ts = { dl_inject.delay_ms / 1000, dl_inject.delay_ms % 1000 * 1000000L };

	if (dl_inject.crash)
		*(volatile int *)0 = 1;
	if (dl_inject.delay_ms > 0)
		nanosleep(&ts, NULL);
}

/*
 * Is the waiting transaction start in a cycle of the wait-for graph?  If
 * so, fill c with the cycle (each member's wait_seq names the wait it was
 * in) and its victim, and return 1; else 0.
 */
int deadlock_search(const struct lock_sys *ls, int start, struct dl_cycle *c)
{
	char done[MAX_TRX];
	int i;

	inject();
	memset(done, 0, sizeof(done));
	c->n = 1;
	c->trx[0] = start;
	if (!dfs(ls, start, c, done))
		return 0;
	for (i = 0; i < c->n; i++)
		c->wait_seq[i] = ls->trx[c->trx[i]].wait_seq;
	c->victim = pick_victim(ls, c);
	return 1;
}
