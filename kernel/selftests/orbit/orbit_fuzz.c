/*
 * Seeded, reproducible fuzzer of the orbit system calls: random and
 * edge-case arguments, from main and from inside orbit tasks.  It passes
 * if it survives; the caller checks the kernel log for splats.
 *
 * Usage: orbit_fuzz [seed] [calls]   (defaults: 1, 20000)
 * Work is split in chunks of 500 calls, each in a child process with a
 * timeout, so a call that blocks forever only ends its chunk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/orbit.h>

#include "orbit.h"
#include "../../liborbit/orbit_nr.h"

#define CHUNK 500

static uint32_t rng;
static struct orbit_pool *pool;
static char buf[8192];
static pid_t gobid;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* An edge-case or random word. */
static unsigned long word(void)
{
	static const unsigned long edge[] = {
		0, 1, 2, 3, 4, 64, 1023, 1024, 4096, 0x7fffffff, 0x80000000,
		0xffffffff, 0xfffff000, 0xc0000000, 16,
	};

	return rnd() % 3 ? edge[rnd() % (sizeof(edge) / sizeof(edge[0]))] :
			   rnd();
}

/* A pointer that is valid, NULL, tiny, kernel, unaligned or random. */
static unsigned long ptr(void)
{
	switch (rnd() % 6) {
	case 0: return (uintptr_t)buf;
	case 1: return 0;
	case 2: return (uintptr_t)pool->rawptr + (rnd() % 3) * 2048;
	case 3: return 0xc0001000;
	case 4: return (uintptr_t)buf + 1;
	default: return word();
	}
}

static pid_t some_gobid(void)
{
	switch (rnd() % 4) {
	case 0: return (pid_t)word();
	case 1: return getpid();
	default: return gobid;
	}
}

static unsigned long fn_ok(void *store, void *arg)
{
	(void)store;
	(void)arg;
	return 5;
}

/* Fill buf with a plausible orbit_call_args and areas, randomly broken. */
static void random_call_args(void)
{
	struct orbit_call_args *a = (struct orbit_call_args *)buf;
	struct orbit_area *ar = (struct orbit_area *)(buf + 256);
	unsigned int i, n = rnd() % 4;

	for (i = 0; i < n; i++) {
		ar[i].start = rnd() % 4 ? (uintptr_t)pool->rawptr : ptr();
		ar[i].length = rnd() % 4 ? pool->length : word();
		ar[i].used = rnd() % 2 ? rnd() % (pool->length + 1) : word();
		ar[i].mode = rnd() % 5 ? rnd() % 3 : word();
		ar[i].reserved = rnd() % 8 ? 0 : 1;
	}
	a->func = rnd() % 4 ? (uintptr_t)fn_ok : (rnd() % 2 ? 0 : ptr());
	a->areas = rnd() % 5 ? (uintptr_t)ar : ptr();
	a->arg = rnd() % 3 ? (uintptr_t)(buf + 4096) : ptr();
	a->nareas = rnd() % 8 ? n : word();
	a->argsize = rnd() % 4 ? rnd() % 64 : word();
}

/* One random orbit syscall. */
static void one_call(void)
{
	unsigned long flags = rnd() % 3 ? rnd() % 128 : word();

	switch (rnd() % 13) {
	case 0:
		random_call_args();
		syscall(__NR_orbit_call, some_gobid(), flags, buf,
			rnd() % 4 ? sizeof(struct orbit_call_args) : word());
		break;
	case 1:
		syscall(__NR_orbit_send, ptr(), ptr(), word() % 2048, flags % 2);
		break;
	case 2:
		syscall(__NR_orbit_recv, some_gobid(), word(), ptr(), ptr(),
			rnd() % 4 ? 0 : flags);
		break;
	case 3:
		syscall(__NR_orbit_sendv, ptr(), flags % 2);
		break;
	case 4:
		syscall(__NR_orbit_recvv, some_gobid(), word(), ptr(),
			rnd() % 4 ? 0 : flags);
		break;
	case 5:
		syscall(__NR_orbit_cancel, some_gobid(), flags % 4, word(),
			ptr(), word());
		break;
	case 6:
		syscall(__NR_orbit_state, some_gobid(), flags % 2);
		break;
	case 7:
		if (rnd() % 8 == 0)
			syscall(__NR_orbit_destroy, some_gobid(), flags % 2);
		break;
	case 8:
		syscall(__NR_orbit_return, word(), ptr(), flags % 2);
		break;
	case 9:
		if (rnd() % 16 == 0)
			syscall(__NR_orbit_create, ptr(), ptr(), flags % 2);
		break;
	case 10:
		syscall(__NR_orbit_commit, rnd() % 4 ? 0 : flags);
		break;
	default:
		random_call_args();
		syscall(__NR_orbit_call, gobid, ORBIT_CALL_ASYNC |
			(flags & ~(ORBIT_CALL_SKIP_ANY | ORBIT_CALL_SKIP_SAME_ARG)),
			buf, sizeof(struct orbit_call_args));
		break;
	}
}

/* Orbit side: a few random syscalls from inside a task. */
static unsigned long fn_fuzz_inside(void *store, void *arg)
{
	int i;

	(void)store;
	rng ^= *(uint32_t *)arg | 1;
	/* dirty a page of the snapshot, for orbit_commit to find */
	((char *)pool->rawptr)[rnd() % (4 * 4096)] = (char)rnd();
	for (i = 0; i < 4; i++)
		one_call();
	return 0;
}

static void run_chunk(uint32_t seed)
{
	struct orbit_module *ob = NULL;
	int i;

	rng = seed | 1;
	alarm(20);
	for (i = 0; i < CHUNK; i++) {
		if (!ob || orbit_gone(ob)) {
			ob = orbit_create("fuzz", fn_ok, NULL);
			gobid = ob ? ob->gobid : -1;
		}
		if (rnd() % 5 == 0 && ob) {
			uint32_t s = rnd();

			orbit_call_async(ob, 0, 1, &pool, fn_fuzz_inside, &s,
					 sizeof(s), NULL);
		} else {
			one_call();
		}
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	uint32_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	long calls = argc > 2 ? strtol(argv[2], NULL, 0) : 20000;
	long chunk, done = 0, timeouts = 0;
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pool = orbit_pool_create(NULL, 4 * 4096);
	if (!pool)
		return 1;
	memset(pool->rawptr, 0x5a, pool->length);
	for (chunk = 0; done < calls; chunk++, done += CHUNK) {
		pid = fork();
		if (pid == 0)
			run_chunk(seed * 7919 + chunk);
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			return 1;
		if (WIFSIGNALED(status))
			timeouts++;
	}
	printf("orbit_fuzz: seed %u, %ld calls, %ld chunks ended by a signal\n",
	       seed, done, timeouts);
	return 0;
}
