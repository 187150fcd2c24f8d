/*
 * page-states.c: main's and the orbit's pages of one area, from the
 * kernel's own records, after each step of a snapshot's life.
 *
 * For each page of an 8-page area it reads the physical frame that main
 * and the orbit map (/proc/PID/pagemap) and how many mappings the frame
 * has (/proc/kpagecount), and prints whether the page is shared (one
 * frame for both), copied (two frames), absent, or read as the kernel's
 * zero page on one side. Needs root: pagemap hides frame numbers from
 * other users.
 *
 * Build (in the VM): tcc -Wall -o page-states page-states.c -lorbit -lpthread
 * Run as root: ./page-states
 */
#include <fcntl.h>
#include <orbit.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NPAGES 8
#define PAGE 4096
#define PFN_MASK ((1ULL << 55) - 1)
#define PRESENT (1ULL << 63)

// ANCHOR: frame
/* The frame that pid maps at addr, or 0 when no page is present there. */
static uint64_t frame_of(int pid, void *addr)
{
	char path[64];
	uint64_t entry = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	if (pread(fd, &entry, sizeof(entry), (uintptr_t)addr / PAGE * sizeof(entry)) != sizeof(entry))
		entry = 0;
	close(fd);
	return entry & PRESENT ? entry & PFN_MASK : 0;
}

/* How many page-table entries map frame pfn (/proc/kpagecount). */
static uint64_t mappings_of(uint64_t pfn)
{
	uint64_t count = 0;
	int fd = open("/proc/kpagecount", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &count, sizeof(count), pfn * sizeof(count)) != sizeof(count))
		count = 0;
	close(fd);
	return count;
}
// ANCHOR_END: frame

// ANCHOR: show
/* One line per page: the state, and both frames with their mapping counts. */
static void show(const char *step, struct orbit_module *ob, char *area)
{
	printf("== %s\n", step);
	for (int i = 0; i < NPAGES; i++) {
		uint64_t m = frame_of(ob->mpid, area + i * PAGE);
		uint64_t o = frame_of(ob->gobid, area + i * PAGE);
		const char *state = !m && !o ? "absent"
				    : m == o ? "shared"
				    : m && o ? "copied"
				    : !mappings_of(m + o) ? "zero" /* the shared zero page: not counted */
				    : "one side";

		printf("page %d: %-8s main %#llx (x%llu)  orbit %#llx (x%llu)\n", i, state,
		       (unsigned long long)m, (unsigned long long)(m ? mappings_of(m) : 0),
		       (unsigned long long)o, (unsigned long long)(o ? mappings_of(o) : 0));
	}
}
// ANCHOR_END: show

/* The orbit's task: read every page, so the whole snapshot is installed. */
static unsigned long read_all(void *store, void *argbuf)
{
	unsigned long sum = 0;
	char *area = *(char **)argbuf;

	(void)store;
	for (int i = 0; i < NPAGES; i++)
		sum += ((volatile char *)area)[i * PAGE];
	return sum;
}

int main(void)
{
	struct orbit_pool *pool = orbit_pool_create(NULL, NPAGES * PAGE);
	struct orbit_module *ob;
	char *area;

	if (!pool)
		return perror("orbit_pool_create"), 1;
	area = pool->rawptr;
	pool->used = NPAGES * PAGE;
	memset(area, 1, (NPAGES - 2) * PAGE); /* the last two pages stay untouched */
	ob = orbit_create("pages", read_all, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	show("after orbit_create (a fork)", ob, area);
	orbit_call(ob, 1, &pool, NULL, &area, sizeof(area));
	show("after a call", ob, area);
	memset(area, 2, 3 * PAGE); /* main writes pages 0 to 2 */
	show("after main writes pages 0-2", ob, area);
	orbit_call(ob, 1, &pool, NULL, &area, sizeof(area));
	show("after the next call", ob, area);
	orbit_destroy(ob->gobid);
	return 0;
}
