/*
 * snapshot-faults.c: what a snapshot costs main, counted in page faults.
 *
 * Main fills a 64-page copy-on-write area and a one-page "hot" record,
 * creates an orbit and calls it. After each call, main's writes to shared
 * pages take copy-on-write faults; getrusage() counts them (minor faults).
 * The orbit only sums what it sees.
 *
 * Build (in the VM): tcc -Wall -o snapshot-faults snapshot-faults.c -lorbit -lpthread
 */
#include <orbit.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define NPAGES 64
#define PAGE 4096
#define HOT_CALLS 100

static struct orbit_pool *big, *hot;
static struct orbit_module *ob;

/* The orbit's task: read every page of both areas. */
static unsigned long sum_areas(void *store, void *argbuf)
{
	unsigned long sum = 0;

	(void)store;
	(void)argbuf;
	for (int i = 0; i < NPAGES; i++)
		sum += ((char *)big->rawptr)[i * PAGE];
	return sum + *(long *)hot->rawptr;
}

// ANCHOR: count
/* Minor page faults of this process so far. */
static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* Writes one byte into each of the first n pages of the big area; returns the faults taken. */
static long write_pages(int n, char value)
{
	long before = minor_faults();

	for (int i = 0; i < n; i++)
		((char *)big->rawptr)[i * PAGE] = value;
	return minor_faults() - before;
}
// ANCHOR_END: count

/* Snapshots both areas in a synchronous call; exits on failure. */
static void call(void)
{
	struct orbit_pool *pools[] = { big, hot };

	if (orbit_call(ob, 2, pools, NULL, NULL, 0) < 0) {
		perror("orbit_call");
		exit(1);
	}
}

// ANCHOR: areas
/* Creates the two areas before the orbit, so both exist in it. */
static int create_areas(void)
{
	big = orbit_pool_create(NULL, NPAGES * PAGE);
	hot = orbit_pool_create(NULL, PAGE);
	if (!big || !hot)
		return -1;
	big->used = NPAGES * PAGE;
	hot->used = sizeof(long);
	*(long *)hot->rawptr = 0; /* touched now, so later faults are all copy-on-write */
	hot->mode = ORBIT_COW; /* the exercise: is this the right mode? */
	return 0;
}
// ANCHOR_END: areas

// ANCHOR: steps
int main(void)
{
	long faults = 0;

	if (create_areas() < 0)
		return perror("orbit_pool_create"), 1;
	printf("first touch of %d pages: %ld faults\n", NPAGES, write_pages(NPAGES, 1));
	ob = orbit_create("faults", sum_areas, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	printf("after orbit_create, main writes %d pages: %ld faults\n", NPAGES, write_pages(NPAGES, 2));
	*(long *)hot->rawptr = 1; /* the hot page's fault after the fork, paid once */
	call();
	printf("after a call, main writes %d pages: %ld faults\n", NPAGES, write_pages(NPAGES, 3));
	printf("again, no call in between: %ld faults\n", write_pages(NPAGES, 4));
	call();
	printf("after a call, main writes 8 pages: %ld faults\n", write_pages(8, 5));
	for (int i = 0; i < HOT_CALLS; i++) {
		long before;

		call();
		before = minor_faults();
		(*(long *)hot->rawptr)++;
		faults += minor_faults() - before;
	}
	printf("hot record: %ld faults in %d calls\n", faults, HOT_CALLS);
	orbit_destroy(ob->gobid);
	return 0;
}
// ANCHOR_END: steps
