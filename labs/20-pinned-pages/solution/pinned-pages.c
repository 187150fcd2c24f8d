/*
 * pinned-pages.c: a snapshot keeps old pages alive.
 *
 * Main fills a 4 MB area, calls an orbit on it, then rewrites every page.
 * Each write gives main a new copy, while the orbit keeps mapping the old
 * page until its next call. The exercise: show how much the orbit holds.
 *
 * Build (in the VM): tcc -Wall -o pinned-pages pinned-pages.c -lorbit -lpthread
 */
#include <orbit.h>
#include <stdio.h>
#include <string.h>

#define AREA (4 * 1024 * 1024)
#define PAGE 4096

static struct orbit_pool *area;

/* The orbit's task: read one byte per page, so every page is installed. */
static unsigned long touch(void *store, void *argbuf)
{
	unsigned long sum = 0;

	(void)store;
	(void)argbuf;
	for (int i = 0; i < AREA; i += PAGE)
		sum += ((volatile char *)area->rawptr)[i];
	return sum;
}

// ANCHOR: rss
/* Resident memory of process pid in kB (VmRSS in /proc/PID/status), or -1. */
static long rss_kb(int pid)
{
	char path[64], line[128];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}
// ANCHOR_END: rss

/* Prints main's and the orbit's resident memory under a label. */
static void report(const char *when, struct orbit_module *ob)
{
	printf("%s: main %ld kB, orbit %ld kB\n", when, rss_kb(ob->mpid), rss_kb(ob->gobid));
}

// ANCHOR: steps
int main(void)
{
	struct orbit_module *ob;

	setvbuf(stdout, NULL, _IOLBF, 0);
	area = orbit_pool_create(NULL, AREA);
	if (!area)
		return perror("orbit_pool_create"), 1;
	area->used = AREA;
	memset(area->rawptr, 1, AREA);
	ob = orbit_create("pinned", touch, NULL);
	if (!ob || orbit_call(ob, 1, &area, NULL, NULL, 0) < 0)
		return perror("orbit"), 1;
	report("after the call", ob);
	memset(area->rawptr, 2, AREA); /* every page: a copy-on-write fault and a new page */
	report("after main rewrites the area", ob);
	if (orbit_call(ob, 1, &area, NULL, NULL, 0) < 0)
		return perror("orbit_call"), 1;
	report("after the next call", ob);
	orbit_destroy(ob->gobid);
	return 0;
}
// ANCHOR_END: steps
