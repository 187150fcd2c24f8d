/*
 * page-states.c: main's and the orbit's pages of one area, from the
 * kernel's own records, after each step of a snapshot's life.
 *
 * For each page of an 8-page area it reads the physical frame that main
 * and the orbit map (/proc/PID/pagemap) and how many mappings the frame
 * has (/proc/kpagecount), and marks each side's page: shared (one frame
 * for both), copied (a frame of its own that it already had at the last
 * step), new (a frame of its own since the last step), the kernel's zero
 * page, or absent. Needs root: pagemap hides frame numbers from other
 * users, and kpagecount is root's only.
 *
 * Build (in the VM): tcc -Wall -o page-states page-states.c -lorbit -lpthread
 * Run as root: ./page-states (a text figure) or ./page-states --json (one
 * JSON object per step, for the chapter's live figure)
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

// ANCHOR: mark
/* What one side maps at one page, beside the other side and its own last step. */
enum mark { ABSENT, ZERO, SHARED, COPIED, NEW };
static const char *const mark_name[] = { "absent", "zero", "shared", "copied", "new" };
static const char mark_letter[] = "-ZSCN";

static enum mark mark_of(uint64_t mine, uint64_t other, uint64_t before)
{
	if (!mine)
		return ABSENT;
	if (!mappings_of(mine))
		return ZERO; /* the shared zero page: not counted */
	if (mine == other)
		return SHARED;
	return mine == before ? COPIED : NEW;
}
// ANCHOR_END: mark

/* One JSON line: {"step":..., "pages":[{"main":{frame,count,mark},"orbit":{...}},...]} */
static void print_json(const char *step, uint64_t f[2][NPAGES], enum mark m[2][NPAGES])
{
	static const char *const side[] = { "main", "orbit" };

	printf("{\"step\":\"%s\",\"pages\":[", step);
	for (int i = 0; i < NPAGES; i++) {
		printf("%s{", i ? "," : "");
		for (int s = 0; s < 2; s++)
			printf("%s\"%s\":{\"frame\":%llu,\"count\":%llu,\"mark\":\"%s\"}", s ? "," : "",
			       side[s], (unsigned long long)f[s][i],
			       (unsigned long long)(f[s][i] ? mappings_of(f[s][i]) : 0), mark_name[m[s][i]]);
		printf("}");
	}
	printf("]}\n");
}

/* A row of letters per side, then each page's frames with their mapping counts. */
static void print_text(const char *step, uint64_t f[2][NPAGES], enum mark m[2][NPAGES])
{
	printf("== %s\npage  ", step);
	for (int i = 0; i < NPAGES; i++)
		printf(" %d", i);
	for (int s = 0; s < 2; s++) {
		printf("\n%-6s", s ? "orbit" : "main");
		for (int i = 0; i < NPAGES; i++)
			printf(" %c", mark_letter[m[s][i]]);
	}
	printf("\n");
	for (int i = 0; i < NPAGES; i++)
		printf("page %d: main %#llx (x%llu) %-6s  orbit %#llx (x%llu) %s\n", i,
		       (unsigned long long)f[0][i], (unsigned long long)(f[0][i] ? mappings_of(f[0][i]) : 0),
		       mark_name[m[0][i]], (unsigned long long)f[1][i],
		       (unsigned long long)(f[1][i] ? mappings_of(f[1][i]) : 0), mark_name[m[1][i]]);
}

// ANCHOR: show
static int json;			/* --json: one JSON object per step */
static uint64_t last[2][NPAGES];	/* each side's frames at the previous step */

/* Both sides' frames and marks at one step, as a figure or as JSON. */
static void show(const char *step, struct orbit_module *ob, char *area)
{
	int pid[2] = { ob->mpid, ob->gobid };
	uint64_t f[2][NPAGES];
	enum mark m[2][NPAGES];

	for (int i = 0; i < NPAGES; i++)
		for (int s = 0; s < 2; s++)
			f[s][i] = frame_of(pid[s], area + i * PAGE);
	for (int i = 0; i < NPAGES; i++)
		for (int s = 0; s < 2; s++)
			m[s][i] = mark_of(f[s][i], f[!s][i], last[s][i]);
	if (json)
		print_json(step, f, m);
	else
		print_text(step, f, m);
	memcpy(last, f, sizeof(last));
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

int main(int argc, char **argv)
{
	struct orbit_pool *pool = orbit_pool_create(NULL, NPAGES * PAGE);
	struct orbit_module *ob;
	char *area;

	json = argc > 1 && !strcmp(argv[1], "--json");
	if (!json)
		printf("S shared: one frame, both map it   C copied: its own frame, kept since the last step\n"
		       "N new: its own frame, new since the last step   Z the zero page   - no page\n");
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
