/*
 * orbit_bench: per-call latency of orbit calls next to the mechanisms an
 * auxiliary task would otherwise use, all measured in one run on the same
 * memory.
 *
 *   orbit_call        sync call on one COW pool of 4 KB .. 16 MB
 *   orbit_call_async  async call, then orbit_recvv() until the return value
 *   fork_wait         fork() + waitpid() of a child doing the same work
 *   pthread_handoff   wake a worker thread and wait for its answer
 *   pipe_roundtrip    one byte to another process and back
 *   main_write        main writes one byte to every page of the pool, timed:
 *                     "clean" right after the previous write (no fault),
 *                     "after_call" right after a sync call (main's
 *                     copy-on-write fault on each page the call shared),
 *                     "after_fork" right after fork+wait
 *
 * Pool-sized operations run twice: "clean" (main writes nothing between
 * calls, so an incremental snapshot has nothing to re-share) and "dirty"
 * (main writes one byte to every page between calls, untimed).
 *
 * With MAIN_MB, main first fills that many megabytes of its own heap, which
 * fork() must copy the page tables of and an orbit call must not touch:
 * the paper's setting of a large main program with a small shared area.
 *
 * Output: one JSON object on stdout (medians and minima in microseconds);
 * progress on stderr.  Any failed call ends the run with exit status 1.
 *
 * Usage: orbit_bench [BUDGET_MS [WARMUP_MS [MAIN_MB]]]
 *   BUDGET_MS  time per measurement (default 1000)
 *   WARMUP_MS  untimed warm-up before the first measurement (default 8000)
 *   MAIN_MB    main's own heap besides the pools (default 0)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "orbit.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define PAGE		4096
#define MIN_ITERS	5
#define MAX_ITERS	1000
#define MAX_RESULTS	40
#define DEFAULT_BUDGET_MS 1000
#define DEFAULT_WARMUP_MS 8000
#define CLOCKSOURCE \
	"/sys/devices/system/clocksource/clocksource0/current_clocksource"

static const size_t sizes[] = {
	4UL << 10, 64UL << 10, 1UL << 20, 4UL << 20, 16UL << 20,
};

/* One line of the report. */
struct result {
	const char *op;
	size_t bytes;
	bool dirty;
	const char *after;	/* main_write: what came before the write */
	int iterations;
	double median_us;
	double min_us;
};

static struct result results[MAX_RESULTS];
static int nresults;
static long long budget_ns, warmup_ns, main_mb;
static char clocksource[32];
static long long samples[MAX_ITERS];

/* What the current operation works on; the pool is NULL for baselines. */
static struct orbit_module *ob;
static struct orbit_pool *pool;
static unsigned char generation;	/* the byte the dirty pass writes */

static void orbit_start(void);
static void orbit_end(void);

/* ---- errors and time ---- */

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "orbit_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* pthread calls return the error instead of setting errno. */
static void check_pthread(int err, const char *what)
{
	if (err) {
		errno = err;
		die(what);
	}
}

static long long now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		die("clock_gettime");
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Note the kernel's clock source: with "pit" or "jiffies" (what v86 falls
 * back to when the TSC watchdog trips) readings are coarse and can stall.
 */
static void read_clocksource(void)
{
	FILE *f = fopen(CLOCKSOURCE, "r");

	if (!f || !fgets(clocksource, sizeof(clocksource), f))
		strcpy(clocksource, "unknown");
	clocksource[strcspn(clocksource, "\n")] = '\0';
	if (f)
		fclose(f);
	if (strcmp(clocksource, "tsc"))
		fprintf(stderr, "# warning: clocksource %s: coarse timings\n",
			clocksource);
}

/* ---- the work every mechanism does: read the pool's first byte ---- */

static unsigned char peek(void)
{
	return *(volatile unsigned char *)pool->rawptr;
}

/* Run in the orbit: what main's peek() would see in the snapshot. */
static unsigned long orbit_peek(void *store, void *arg)
{
	(void)store;
	(void)arg;
	return peek();
}

/* An answer that does not match main's memory means a broken snapshot. */
static void check_answer(unsigned long got)
{
	if (got != peek()) {
		fprintf(stderr, "orbit_bench: saw %lu, main has %u\n",
			got, peek());
		exit(1);
	}
}

/* Write one byte to every page of the pool: the "dirty" variant. */
static void dirty_pool(void)
{
	volatile unsigned char *p = pool->rawptr;
	size_t off;

	generation++;
	for (off = 0; off < pool->length; off += PAGE)
		p[off] = generation;
}

/* ---- measuring ---- */

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Record median and minimum of the n sorted samples. */
static void record(const char *op, const char *after, bool dirty, int n)
{
	struct result *r = &results[nresults++];
	long long mid2 = samples[(n - 1) / 2] + samples[n / 2];

	*r = (struct result) {
		.op = op,
		.bytes = pool ? pool->length : 0,
		.dirty = dirty,
		.after = after,
		.iterations = n,
		.median_us = mid2 / 2000.0,
		.min_us = samples[0] / 1000.0,
	};
	fprintf(stderr, "# %-16s %8zu B %-10s %4d x  median %10.1f us\n",
		op, r->bytes, after ? after : dirty ? "dirty" : "clean", n,
		r->median_us);
}

/* One round: the untimed preparation, if any, then op() alone, timed. */
static long long time_round(void (*prep)(void), void (*op)(void))
{
	long long t0;

	if (prep)
		prep();
	t0 = now_ns();
	op();
	return now_ns() - t0;
}

/*
 * Run rounds of op() for budget_ns of wall time (dirtying included), at
 * least MIN_ITERS and at most MAX_ITERS of them.  Untimed warm-up rounds
 * first, for a quarter of the budget: they absorb what earlier
 * measurements left behind (pages dirtied for the previous variant) and
 * let the emulator compile the code paths involved.
 */
static void measure_after(const char *op_name, const char *after,
			  void (*prep)(void), void (*op)(void))
{
	long long start = now_ns();
	int n = 0;

	do
		time_round(prep, op);
	while (now_ns() - start < budget_ns / 4);
	start = now_ns();
	while (n < MAX_ITERS && (n < MIN_ITERS || now_ns() - start < budget_ns))
		samples[n++] = time_round(prep, op);
	qsort(samples, n, sizeof(samples[0]), cmp_ll);
	record(op_name, after, prep == dirty_pool, n);
}

/* op() alone ("clean"), or after an untimed write to every page ("dirty"). */
static void measure(const char *op_name, void (*op)(void), bool dirty)
{
	measure_after(op_name, NULL, dirty ? dirty_pool : NULL, op);
}

/* ---- orbit calls ---- */

static void op_orbit_call(void)
{
	long ret = orbit_call(ob, 1, &pool, orbit_peek, NULL, 0);

	if (ret < 0)
		die("orbit_call");
	check_answer(ret);
}

static void op_orbit_call_async(void)
{
	union orbit_result result;
	struct orbit_task task;
	int ret;

	if (orbit_call_async(ob, 0, 1, &pool, orbit_peek, NULL, 0, &task))
		die("orbit_call_async");
	while ((ret = orbit_recvv(&result, &task)) == 1)
		;	/* no scratches are sent; wait for the return value */
	if (ret < 0)
		die("orbit_recvv");
	check_answer(result.retval);
}

/* ---- fork + wait ---- */

static void op_fork_wait(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		_exit(peek() == generation ? 0 : 1);
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "orbit_bench: fork child status %#x\n", status);
		exit(1);
	}
}

/* ---- main's own cost: its first write to each page after a call ---- */

/*
 * After a sync call the orbit still maps every page of the snapshot, so
 * main's first write to each page takes a copy-on-write fault and copies
 * it.  After fork+wait the child is gone and main's fault only makes its
 * page writable again.  Without either, the write faults nowhere.
 */
static void bench_main_write(void)
{
	measure_after("main_write", "clean", NULL, dirty_pool);
	orbit_start();
	measure_after("main_write", "after_call", op_orbit_call, dirty_pool);
	orbit_end();
	measure_after("main_write", "after_fork", op_fork_wait, dirty_pool);
}

/* ---- pthread hand-off ---- */

static pthread_mutex_t hand_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t to_worker = PTHREAD_COND_INITIALIZER;
static pthread_cond_t to_main = PTHREAD_COND_INITIALIZER;
static unsigned long asked, answered;
static bool worker_stop;

static void hand_lock_take(void)
{
	check_pthread(pthread_mutex_lock(&hand_lock), "pthread_mutex_lock");
}

static void hand_lock_drop(void)
{
	check_pthread(pthread_mutex_unlock(&hand_lock), "pthread_mutex_unlock");
}

/* Sleep on cond until woken; the hand lock is held around it. */
static void hand_wait(pthread_cond_t *cond)
{
	check_pthread(pthread_cond_wait(cond, &hand_lock), "pthread_cond_wait");
}

static void hand_wake(pthread_cond_t *cond)
{
	check_pthread(pthread_cond_signal(cond), "pthread_cond_signal");
}

/* The worker answers each request by catching up with its number. */
static void *handoff_worker(void *unused)
{
	(void)unused;
	hand_lock_take();
	while (!worker_stop) {
		if (answered == asked) {
			hand_wait(&to_worker);
			continue;
		}
		answered = asked;
		hand_wake(&to_main);
	}
	hand_lock_drop();
	return NULL;
}

static void op_handoff(void)
{
	hand_lock_take();
	asked++;
	hand_wake(&to_worker);
	while (answered != asked)
		hand_wait(&to_main);
	hand_lock_drop();
}

static void bench_handoff(void)
{
	pthread_t worker;

	check_pthread(pthread_create(&worker, NULL, handoff_worker, NULL),
		      "pthread_create");
	measure("pthread_handoff", op_handoff, false);
	hand_lock_take();
	worker_stop = true;
	hand_wake(&to_worker);
	hand_lock_drop();
	check_pthread(pthread_join(worker, NULL), "pthread_join");
}

/* ---- pipe round trip ---- */

static int to_echo[2], from_echo[2];

/* The other process: send every byte back until the pipe closes. */
static void __attribute__((noreturn)) echo_loop(void)
{
	char c;

	close(to_echo[1]);
	close(from_echo[0]);
	while (read(to_echo[0], &c, 1) == 1)
		if (write(from_echo[1], &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static void op_pipe(void)
{
	char c = 'x';

	if (write(to_echo[1], &c, 1) != 1)
		die("write to echo");
	if (read(from_echo[0], &c, 1) != 1)
		die("read from echo");
}

static void bench_pipe(void)
{
	int status;
	pid_t pid;

	if (pipe(to_echo) || pipe(from_echo))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0)
		echo_loop();
	close(to_echo[0]);
	close(from_echo[1]);
	measure("pipe_roundtrip", op_pipe, false);
	close(to_echo[1]);
	close(from_echo[0]);
	if (waitpid(pid, &status, 0) != pid || status)
		die("echo process");
}

/* ---- one pool size ---- */

/* A pool of size bytes with every page present. */
static void pool_start(size_t size)
{
	pool = orbit_pool_create(NULL, size);
	if (!pool)
		die("orbit_pool_create");
	memset(pool->rawptr, generation, pool->length);
	pool->used = pool->length;
}

static void pool_end(void)
{
	if (munmap(pool->rawptr, pool->length))
		die("munmap");
	free(pool);
	pool = NULL;
}

/* The orbit is created after the pool is filled, so it starts in sync. */
static void orbit_start(void)
{
	ob = orbit_create("orbit_bench", orbit_peek, NULL);
	if (!ob)
		die("orbit_create");
}

static void orbit_end(void)
{
	if (orbit_destroy(ob->gobid))
		die("orbit_destroy");
	free(ob);
	ob = NULL;
}

/*
 * The orbit is destroyed before the fork baseline, so fork() copies no
 * orbit state and memory stays near twice the pool.
 */
static void bench_size(size_t size)
{
	pool_start(size);
	orbit_start();
	measure("orbit_call", op_orbit_call, false);
	measure("orbit_call", op_orbit_call, true);
	measure("orbit_call_async", op_orbit_call_async, false);
	measure("orbit_call_async", op_orbit_call_async, true);
	orbit_end();
	measure("fork_wait", op_fork_wait, false);
	measure("fork_wait", op_fork_wait, true);
	bench_main_write();
	pool_end();
}

/*
 * Main's own heap, filled page by page so that every page table is
 * populated: fork() copies them all, an orbit call on a pool none.
 */
static void fill_main_heap(void)
{
	size_t len = (size_t)main_mb << 20;
	void *heap;

	if (!len)
		return;
	heap = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (heap == MAP_FAILED)
		die("mmap of main's heap");
	memset(heap, 0x5a, len);
}

/*
 * v86 translates hot guest code to WebAssembly, which the host then
 * optimises: for the first seconds of a run every fork and call is several
 * times slower than later.  Run the pool operations on a 1 MB pool, dirty,
 * untimed, for warmup_ns first (half with the orbit, half forking).
 */
static void warm_up(void)
{
	long long start = now_ns();

	pool_start(1UL << 20);
	orbit_start();
	do {
		dirty_pool();
		op_orbit_call();
		op_orbit_call_async();
	} while (now_ns() - start < warmup_ns / 2);
	orbit_end();
	do {
		dirty_pool();
		op_fork_wait();
	} while (now_ns() - start < warmup_ns);
	pool_end();
}

/* ---- report ---- */

static void print_json(double elapsed_s)
{
	int i;

	printf("{\"benchmark\":\"orbit_bench\",\"unit\":\"us\","
	       "\"clocksource\":\"%s\",\"page_size\":%d,\"budget_ms\":%lld,"
	       "\"warmup_ms\":%lld,\"main_mb\":%lld,\"elapsed_s\":%.1f,"
	       "\"results\":[",
	       clocksource, PAGE, budget_ns / 1000000, warmup_ns / 1000000,
	       main_mb, elapsed_s);
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];

		printf("%s\n{\"op\":\"%s\",\"bytes\":%zu,\"dirty\":%s,",
		       i ? "," : "", r->op, r->bytes,
		       r->dirty ? "true" : "false");
		if (r->after)
			printf("\"after\":\"%s\",", r->after);
		printf("\"iterations\":%d,\"median_us\":%.2f,\"min_us\":%.2f}",
		       r->iterations, r->median_us, r->min_us);
	}
	printf("]}\n");
	if (fflush(stdout))
		die("stdout");
}

int main(int argc, char **argv)
{
	long long start = now_ns();
	size_t i;

	budget_ns = (argc > 1 ? atoll(argv[1]) : DEFAULT_BUDGET_MS) * 1000000;
	warmup_ns = (argc > 2 ? atoll(argv[2]) : DEFAULT_WARMUP_MS) * 1000000;
	main_mb = argc > 3 ? atoll(argv[3]) : 0;
	if (argc > 4 || budget_ns <= 0 || warmup_ns < 0 || main_mb < 0) {
		fprintf(stderr,
			"usage: orbit_bench [BUDGET_MS [WARMUP_MS [MAIN_MB]]]\n");
		return 2;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	read_clocksource();
	fill_main_heap();
	warm_up();
	bench_handoff();
	bench_pipe();
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_size(sizes[i]);
	print_json((now_ns() - start) / 1e9);
	return 0;
}
