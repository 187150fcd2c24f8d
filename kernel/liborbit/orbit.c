/*
 * liborbit: the orbit API of orbit.h over the orbit system calls.
 *
 * The kernel does the isolation (fork-like orbit, copy-on-write snapshots,
 * task queue, message passing); this file packs arguments for it, runs the
 * orbit's task loop, and implements the user-space pieces: pools,
 * allocators and scratch logs.
 */
#define _GNU_SOURCE
#include "orbit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/orbit.h>

#include "orbit_nr.h"

#define PAGE_SIZE_ 4096UL
#define USER_CALL_FLAGS (ORBIT_NORETVAL | ORBIT_CANCELLABLE | \
	ORBIT_SKIP_SAME_ARG | ORBIT_SKIP_ANY | ORBIT_CANCEL_SAME_ARG | \
	ORBIT_CANCEL_ANY)

static bool in_orbit;

static size_t round_up(size_t v, size_t to)
{
	return (v + to - 1) & ~(to - 1);
}

/* Turn a raw syscall result into the -1/errno convention. */
static long orbit_err(int err)
{
	errno = err;
	return -1;
}

/* ===== Orbits ===== */

/* The orbit's life: init once, then run tasks until killed. */
static void __attribute__((noreturn))
orbit_task_loop(orbit_entry entry, void *(*init_func)(void))
{
	static struct orbit_next next;
	unsigned long ret = 0;
	orbit_entry func;
	void *store;

	in_orbit = true;
	store = init_func ? init_func() : NULL;
	for (;;) {
		if (syscall(__NR_orbit_return, ret, &next, 0) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		func = next.func ? (orbit_entry)(uintptr_t)next.func : entry;
		ret = func ? func(store, next.arg) : 0;
	}
}

struct orbit_module *orbit_create(const char *module_name,
		orbit_entry entry_func, void *(*init_func)(void))
{
	struct orbit_create_info info;
	struct orbit_module *ob;
	long gobid;

	ob = calloc(1, sizeof(*ob));
	if (!ob)
		return NULL;
	fflush(NULL);	/* the orbit must not print main's pending output */
	gobid = syscall(__NR_orbit_create, module_name, &info, 0);
	if (gobid < 0) {
		free(ob);
		return NULL;
	}
	if (gobid == 0)
		orbit_task_loop(entry_func, init_func);
	ob->mpid = info.mpid;
	ob->lobid = info.lobid;
	ob->gobid = gobid;
	ob->entry_func = entry_func;
	strncpy(ob->name, module_name ? module_name : "anonymous",
		ORBIT_NAME_LEN - 1);
	return ob;
}

int orbit_destroy(obid_t gobid)
{
	return syscall(__NR_orbit_destroy, gobid, 0);
}

int orbit_destroy_all(void)
{
	return syscall(__NR_orbit_destroy_all, 0);
}

bool orbit_exists(struct orbit_module *ob)
{
	return ob && syscall(__NR_orbit_state, ob->gobid, 0) == ORBIT_STATE_ALIVE;
}

bool orbit_gone(struct orbit_module *ob)
{
	return !orbit_exists(ob);
}

bool is_orbit_context(void)
{
	return in_orbit;
}

/* ===== Pools ===== */

struct orbit_pool *orbit_pool_create(struct orbit_module *ob, size_t size)
{
	return orbit_pool_create_at(ob, size, NULL);
}

struct orbit_pool *orbit_pool_create_at(struct orbit_module *ob, size_t size,
		void *addr)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	struct orbit_pool *pool;
	void *area;

	(void)ob;	/* the kernel maps the pool in the orbit at a call */
	size = round_up(size, PAGE_SIZE_);
	if (!size || ((uintptr_t)addr & (PAGE_SIZE_ - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (addr)
		flags |= MAP_FIXED_NOREPLACE;
	pool = malloc(sizeof(*pool));
	if (!pool)
		return NULL;
	area = mmap(addr, size, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (area == MAP_FAILED || (addr && area != addr)) {
		if (area != MAP_FAILED)
			munmap(area, size);
		free(pool);
		errno = area == MAP_FAILED ? errno : EEXIST;
		return NULL;
	}
	pool->rawptr = area;
	pool->length = size;
	pool->used = 0;
	pool->mode = ORBIT_COW;
	return pool;
}

/* ===== Calls ===== */

static long orbit_call_inner(struct orbit_module *ob, unsigned long flags,
		size_t npool, struct orbit_pool **pools,
		orbit_entry func, void *arg, size_t argsize)
{
	struct orbit_area areas[ORBIT_AREAS_MAX];
	struct orbit_call_args args;
	size_t i;

	if (!ob || npool > ORBIT_AREAS_MAX || (npool && !pools) ||
	    argsize >= ORBIT_ARG_MAX)
		return orbit_err(EINVAL);
	for (i = 0; i < npool; i++) {
		if (!pools[i])
			return orbit_err(EINVAL);
		areas[i] = (struct orbit_area) {
			.start = (uintptr_t)pools[i]->rawptr,
			.length = pools[i]->length,
			.used = pools[i]->used,
			.mode = pools[i]->mode,
		};
	}
	args = (struct orbit_call_args) {
		.func = (uintptr_t)func,
		.areas = (uintptr_t)areas,
		.arg = (uintptr_t)arg,
		.nareas = npool,
		.argsize = argsize,
	};
	return syscall(__NR_orbit_call, ob->gobid, flags, &args, sizeof(args));
}

long orbit_call(struct orbit_module *module,
		size_t npool, struct orbit_pool **pools,
		orbit_entry func, void *arg, size_t argsize)
{
	return orbit_call_inner(module, 0, npool, pools, func, arg, argsize);
}

int orbit_call_async(struct orbit_module *module, unsigned long flags,
		size_t npool, struct orbit_pool **pools,
		orbit_entry func, void *arg, size_t argsize,
		struct orbit_task *task)
{
	long id;

	if (flags & ~(unsigned long)USER_CALL_FLAGS)
		return orbit_err(EINVAL);
	id = orbit_call_inner(module, flags | ORBIT_CALL_ASYNC, npool, pools,
			      func, arg, argsize);
	if (id < 0)
		return -1;
	if (task) {
		task->orbit = module;
		task->taskid = id;
	}
	return 0;
}

int orbit_cancel_by_task(struct orbit_task *task)
{
	if (!task || !task->orbit)
		return orbit_err(EINVAL);
	return syscall(__NR_orbit_cancel, task->orbit->gobid,
		       ORBIT_CANCEL_BY_TASK, task->taskid, NULL, 0);
}

int orbit_cancel_by_arg(struct orbit_module *module, void *arg,
		size_t argsize)
{
	if (!module)
		return orbit_err(EINVAL);
	return syscall(__NR_orbit_cancel, module->gobid, ORBIT_CANCEL_BY_ARG,
		       0, arg, argsize);
}

/* ===== Updates ===== */

unsigned long orbit_send(const struct orbit_update *update)
{
	return syscall(__NR_orbit_send, update->ptr, update->data,
		       update->length, 0);
}

unsigned long orbit_recv(struct orbit_task *task, struct orbit_update *update)
{
	struct orbit_update_info info;
	long ret;

	if (!task || !task->orbit || !update)
		return orbit_err(EINVAL);
	ret = syscall(__NR_orbit_recv, task->orbit->gobid, task->taskid,
		      &info, update->data, 0);
	if (ret == 0) {
		update->ptr = (void *)(uintptr_t)info.ptr;
		update->length = info.length;
	}
	return ret;
}

unsigned long orbit_commit(void)
{
	return syscall(__NR_orbit_commit, 0);
}
