/*
 * Selftests: incremental snapshots under random writes (issue 15,
 * requirements 3 and 5).  Included by orbit_test.c.
 */
#ifndef ORBIT_TEST_STRESS_H
#define ORBIT_TEST_STRESS_H

#define STRESS_PAGES 8
#define STRESS_WORDS (STRESS_PAGES * WORDS_PER_PAGE)
#define STRESS_QUEUE 4		/* async tasks outstanding at most */

/* Weighted sum of every word: any changed word changes it (mod 2^32). */
static unsigned long fn_full_digest(void *store, void *argp)
{
	struct digest_arg *a = argp;
	unsigned long i, d = 0;

	(void)store;
	for (i = 0; i < a->pages * WORDS_PER_PAGE; i++)
		d += (i + 1) * a->p[i];
	if (a->scribble)	/* the orbit writes its own copy of a page */
		a->p[(a->scribble % a->pages) * WORDS_PER_PAGE + 5] ^= d;
	return d;
}

/* Main's state: the pool, a reference copy of it and its digest. */
struct stress {
	unsigned long *w, *ref, digest, seed;
};

static unsigned long stress_rand(struct stress *st)
{
	st->seed = st->seed * 1103515245 + 12345;
	return st->seed >> 8;
}

/* Write word i in the pool and the reference, keeping the digest. */
static void stress_write(struct stress *st, unsigned long i, unsigned long v)
{
	st->digest += (i + 1) * (v - st->ref[i]);
	st->ref[i] = v;
	st->w[i] = v;
}

/* A few random writes; now and then a page dropped (reads zero again). */
static int stress_mutate(struct stress *st)
{
	unsigned long k, n = stress_rand(st) % 9, page, i;

	for (k = 0; k < n; k++)
		stress_write(st, stress_rand(st) % STRESS_WORDS,
			     stress_rand(st));
	if (stress_rand(st) % 16)
		return 0;
	page = stress_rand(st) % STRESS_PAGES;
	if (madvise(st->w + page * WORDS_PER_PAGE, PAGE, MADV_DONTNEED))
		return -1;
	for (i = page * WORDS_PER_PAGE; i < (page + 1) * WORDS_PER_PAGE; i++) {
		st->digest -= (i + 1) * st->ref[i];
		st->ref[i] = 0;
	}
	return 0;
}

/* Is the main pool still equal to the reference copy? */
static int stress_consistent(struct stress *st)
{
	return !memcmp(st->w, st->ref, STRESS_WORDS * sizeof(long));
}

/*
 * Random writes by main between random sync and async calls, each call's
 * digest checked against the reference copy at its call time, 10,000
 * rounds (ORBIT_STRESS_ROUNDS overrides).
 */
static int test_incremental_stress(void)
{
	const char *env = getenv("ORBIT_STRESS_ROUNDS");
	long round, rounds = env ? atol(env) : 10000;
	struct orbit_pool *p = filled_pool(STRESS_PAGES, 0);
	unsigned long want[STRESS_QUEUE];
	struct orbit_task t[STRESS_QUEUE];
	struct stress st = { .seed = 15 };
	struct orbit_module *ob;
	union orbit_result r;
	struct digest_arg a;
	int queued = 0, k;

	alarm(600);
	ob = orbit_create("t_stress", fn_entry, NULL);
	st.ref = calloc(STRESS_WORDS, sizeof(long));
	CHECK(p && ob && st.ref);
	st.w = p->rawptr;
	a.p = st.w;
	a.pages = STRESS_PAGES;
	for (round = 0; round < rounds; round++) {
		CHECK(stress_mutate(&st) == 0);
		a.scribble = stress_rand(&st) % 3 ? 0 : stress_rand(&st);
		if (stress_rand(&st) % 2) {
			CHECK((unsigned long)orbit_call(ob, 1, &p,
							fn_full_digest, &a,
							sizeof(a)) == st.digest);
			continue;
		}
		if (queued == STRESS_QUEUE || stress_rand(&st) % 4 == 0) {
			for (k = 0; k < queued; k++)
				CHECK(orbit_recvv(&r, &t[k]) == 0 &&
				      r.retval == want[k]);
			queued = 0;
		}
		want[queued] = st.digest;
		CHECK(orbit_call_async(ob, 0, 1, &p, fn_full_digest, &a,
				       sizeof(a), &t[queued]) == 0);
		queued++;
	}
	for (k = 0; k < queued; k++)
		CHECK(orbit_recvv(&r, &t[k]) == 0 && r.retval == want[k]);
	CHECK(stress_consistent(&st));
	printf("# %ld rounds, no difference\n", rounds);
	return 0;
}

/* A page written, a call, the same page written again, a call. */
static int test_rewrite_same_page(void)
{
	struct orbit_pool *p = filled_pool(4, 0);
	struct orbit_module *ob = orbit_create("t_rewrite", fn_entry, NULL);
	struct sum_arg a;
	int i;

	CHECK(p && ob);
	a.p = (unsigned long *)p->rawptr + 2 * WORDS_PER_PAGE;
	a.n = 1;
	for (i = 1; i <= 4; i++) {
		a.p[0] = i;
		CHECK(orbit_call(ob, 1, &p, fn_sum, &a, sizeof(a)) == i);
		CHECK(orbit_call(ob, 1, &p, fn_sum, &a, sizeof(a)) == i);
	}
	return 0;
}

/*
 * Async calls that skip, cancel and are cancelled, between random writes:
 * a task that leaves the queue unrun hands its pages to the next one, so
 * every task that runs sees the pool exactly as at its call.
 */
static int test_incremental_cancel_skip(void)
{
	static const unsigned long flag_mix[] = {
		0, ORBIT_CANCELLABLE, ORBIT_CANCELLABLE | ORBIT_CANCEL_ANY,
		ORBIT_SKIP_ANY, ORBIT_CANCEL_ANY,
	};
	struct orbit_pool *p = filled_pool(STRESS_PAGES, 0);
	struct orbit_task t[STRESS_QUEUE];
	unsigned long want[STRESS_QUEUE];
	long round, ran = 0, cancelled = 0, skipped = 0;
	struct stress st = { .seed = 21 };
	struct orbit_module *ob;
	union orbit_result r;
	struct digest_arg a;
	int queued = 0, k;

	alarm(600);
	ob = orbit_create("t_cancel", fn_entry, NULL);
	st.ref = calloc(STRESS_WORDS, sizeof(long));
	CHECK(p && ob && st.ref);
	st.w = p->rawptr;
	a.p = st.w;
	a.pages = STRESS_PAGES;
	for (round = 0; round < 3000; round++) {
		unsigned long flags = flag_mix[stress_rand(&st) % 5];

		CHECK(stress_mutate(&st) == 0);
		a.scribble = stress_rand(&st) % 3 ? 0 : stress_rand(&st);
		if (queued == STRESS_QUEUE || stress_rand(&st) % 5 == 0) {
			for (k = 0; k < queued; k++) {
				if (!t[k].taskid) {
					skipped++;
					continue;
				}
				if (orbit_recvv(&r, &t[k]) == -1) {
					CHECK(errno == ECANCELED);
					cancelled++;
					continue;
				}
				CHECK(r.retval == want[k]);
				ran++;
			}
			queued = 0;
		}
		if (queued && stress_rand(&st) % 7 == 0)
			orbit_cancel_by_task(&t[stress_rand(&st) % queued]);
		want[queued] = st.digest;
		CHECK(orbit_call_async(ob, flags, 1, &p, fn_full_digest, &a,
				       sizeof(a), &t[queued]) == 0);
		queued++;
	}
	for (k = 0; k < queued; k++)
		if (t[k].taskid && orbit_recvv(&r, &t[k]) == 0)
			CHECK(r.retval == want[k]);
	/* a sync call after all that still sees main's pool */
	a.scribble = 0;
	CHECK((unsigned long)orbit_call(ob, 1, &p, fn_full_digest, &a,
					sizeof(a)) == st.digest);
	printf("# %ld ran, %ld cancelled, %ld skipped\n", ran, cancelled,
	       skipped);
	CHECK(ran && cancelled && skipped);
	return 0;
}

/* What the orbit does to its own snapshot after taking the digest */
enum vandal_mode {
	VANDAL_NONE, VANDAL_DONTNEED, VANDAL_MUNMAP, VANDAL_MPROTECT,
	VANDAL_MOVE_OUT, VANDAL_MOVE_IN, VANDAL_MODES
};

struct vandal_arg {
	unsigned long *p;
	unsigned long pages;
	unsigned long mode;
	unsigned long page;
};

/* Digest the pool, then unmap, protect or move one page of it. */
static unsigned long fn_vandal(void *store, void *argp)
{
	struct vandal_arg *a = argp;
	struct digest_arg d = { .p = a->p, .pages = a->pages };
	unsigned long digest = fn_full_digest(store, &d);
	char *page = (char *)a->p + a->page * PAGE;
	char *scratch = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (scratch == MAP_FAILED)
		return 0;
	memset(scratch, 0x77, PAGE);
	switch (a->mode) {
	case VANDAL_DONTNEED:
		madvise(page, PAGE, MADV_DONTNEED);
		break;
	case VANDAL_MUNMAP:
		munmap(page, PAGE);
		break;
	case VANDAL_MPROTECT:
		mprotect(page, PAGE, PROT_READ);
		break;
	case VANDAL_MOVE_OUT:
		mremap(page, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		       scratch);
		return digest;
	case VANDAL_MOVE_IN:
		mremap(scratch, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED,
		       page);
		return digest;
	}
	munmap(scratch, PAGE);
	return digest;
}

/*
 * The orbit unmaps, protects, moves a page out of and moves a page into
 * its snapshot; the next call still sees main's pool, whether main wrote
 * the page in between or not.
 */
static int test_orbit_vandalizes_snapshot(void)
{
	struct orbit_pool *p = filled_pool(STRESS_PAGES, 0);
	struct stress st = { .seed = 33 };
	struct orbit_module *ob;
	struct vandal_arg a;
	long round;

	ob = orbit_create("t_vandal", fn_entry, NULL);
	st.ref = calloc(STRESS_WORDS, sizeof(long));
	CHECK(p && ob && st.ref);
	st.w = p->rawptr;
	a.p = st.w;
	a.pages = STRESS_PAGES;
	for (round = 0; round < 200; round++) {
		a.mode = round % VANDAL_MODES;
		a.page = stress_rand(&st) % STRESS_PAGES;
		if (round % 3)
			stress_write(&st, a.page * WORDS_PER_PAGE + 9,
				     stress_rand(&st));
		if (round % 4 == 0)
			CHECK(stress_mutate(&st) == 0);
		CHECK((unsigned long)orbit_call(ob, 1, &p, fn_vandal, &a,
						sizeof(a)) == st.digest);
	}
	CHECK(stress_consistent(&st));
	return 0;
}

#endif /* ORBIT_TEST_STRESS_H */
