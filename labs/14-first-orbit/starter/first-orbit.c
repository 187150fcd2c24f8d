/*
 * first-orbit.c: a first program with an orbit, end to end.
 *
 * Main keeps a list of accounts in an area. An auditor orbit counts them
 * (a synchronous call), then looks for negative balances (an asynchronous
 * call) and sends back a repair for each: a scratch holding the account
 * and the version it saw, then an update that sets the balance to 0.
 * Main receives the repairs and applies them.
 *
 * Build (in the VM): tcc -Wall -o first-orbit first-orbit.c -lorbit -lpthread
 */
#include <orbit.h>
#include <stdio.h>

// ANCHOR: state
struct account {
	int id;
	long balance;
	unsigned long version; /* bumped by main on every change */
	struct account *next;
};

/* What the orbit says about an account: which one, and which version it saw. */
struct finding {
	struct account *acct;
	unsigned long version;
};

static struct orbit_pool *accounts_pool, *scratch_pool;
static struct orbit_allocator *accounts_alloc;
static struct account *accounts; /* list head, set before orbit_create */
// ANCHOR_END: state

// ANCHOR: setup
/* Creates the accounts area, its allocator and the scratch pool. */
static int create_areas(void)
{
	accounts_pool = orbit_pool_create(NULL, 4096);
	scratch_pool = orbit_pool_create(NULL, 16 * 4096);
	if (!accounts_pool || !scratch_pool)
		return -1;
	accounts_alloc = orbit_allocator_from_pool(accounts_pool, false);
	if (!accounts_alloc || orbit_scratch_set_pool(scratch_pool) < 0)
		return -1;
	return 0;
}

/* Allocates one account in the area and links it at the head of the list. */
static struct account *open_account(int id, long balance)
{
	struct account *a = orbit_alloc(accounts_alloc, sizeof(*a));

	if (!a)
		return NULL;
	*a = (struct account){ id, balance, 1, accounts };
	accounts = a;
	accounts_pool->used = *accounts_alloc->allocated; /* snapshot what is allocated */
	return a;
}
// ANCHOR_END: setup

// ANCHOR: count
/* Orbit, synchronous: how many accounts does the snapshot hold? */
static unsigned long count_accounts(void *store, void *argbuf)
{
	struct account *head = *(struct account **)argbuf;
	unsigned long n = 0;

	(void)store;
	for (struct account *a = head; a; a = a->next)
		n++;
	return n;
}
// ANCHOR_END: count

// ANCHOR: audit
/* Orbit, asynchronous: one scratch per negative balance, saying what was seen and the fix. */
static unsigned long audit(void *store, void *argbuf)
{
	struct account *head = *(struct account **)argbuf;
	unsigned long repairs = 0;
	struct orbit_scratch s;

	(void)store;
	for (struct account *a = head; a; a = a->next) {
		struct finding seen = { a, a->version };

		if (a->balance >= 0)
			continue;
		a->balance = 0; /* in the orbit's copy; pushed as an update below */
		if (orbit_scratch_create(&s) < 0 ||
		    !orbit_scratch_push_any(&s, &seen, sizeof(seen)) ||
		    orbit_scratch_push_update(&s, &a->balance, sizeof(a->balance)) < 0 ||
		    orbit_sendv(&s) < 0)
			return repairs;
		repairs++;
	}
	return repairs;
}
// ANCHOR_END: audit

// ANCHOR: receive
/* Main: decides what to do with one repair. The naive version applies it. */
static void handle_repair(struct orbit_scratch *s)
{
	struct finding *seen = (struct finding *)orbit_scratch_first(s)->any.data;

	printf("main: repair for account %d (seen at version %lu)\n", seen->acct->id, seen->version);
	orbit_apply(s, false); /* ANY record skipped, update written */
}

/* Main: receives every repair of one audit task, then its return value. */
static int collect_repairs(struct orbit_task *task)
{
	union orbit_result r;
	int got;

	while ((got = orbit_recvv(&r, task)) == 1)
		handle_repair(&r.scratch);
	if (got < 0)
		return perror("orbit_recvv"), -1;
	printf("main: the audit sent %lu repairs\n", r.retval);
	return 0;
}
// ANCHOR_END: receive

/* Prints every account's balance. */
static void print_accounts(void)
{
	for (struct account *a = accounts; a; a = a->next)
		printf("account %d: balance %ld (version %lu)\n", a->id, a->balance, a->version);
}

// ANCHOR: main
int main(void)
{
	struct orbit_module *ob;
	struct orbit_task task;
	struct account *two;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (create_areas() < 0 || !open_account(1, -50) || !(two = open_account(2, -20)) ||
	    !open_account(3, 100))
		return perror("setup"), 1;
	ob = orbit_create("auditor", count_accounts, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	printf("orbit: %ld accounts\n", orbit_call(ob, 1, &accounts_pool, NULL, &accounts, sizeof(accounts)));
	if (orbit_call_async(ob, 0, 1, &accounts_pool, audit, &accounts, sizeof(accounts), &task) < 0)
		return perror("orbit_call_async"), 1;
	two->balance += 50; /* main goes on: a deposit after the call */
	two->version++;
	if (collect_repairs(&task) < 0)
		return 1;
	print_accounts();
	orbit_destroy(ob->gobid);
	return 0;
}
// ANCHOR_END: main
