/*
 * orbit.h - user API of orbits: isolated helpers that observe a snapshot
 * of the main program's memory.
 *
 * Source compatible with the C API of the OSDI'22 artifact's orbit.h
 * (orbit-userlib): same names, argument order, struct fields, flag values
 * and enum order.  Where the artifact aborts or hangs, this library
 * returns an error (-1 or NULL with errno) instead.
 *
 * The life of an orbit:
 *   1. main creates pools (memory areas shared by snapshot) and fills them;
 *   2. orbit_create() forks the orbit, which runs init() once;
 *   3. orbit_call() / orbit_call_async() run a function in the orbit on a
 *      copy-on-write snapshot of the pools, taken at the call;
 *   4. the orbit sends results back (return value, updates, scratches),
 *      and main applies them when and if it wants;
 *   5. orbit_destroy() (or main's exit) ends the orbit.
 */
#ifndef ORBIT_H
#define ORBIT_H

#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <sys/types.h>
#include <pthread.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ===== Orbits ===== */

/*
 * A function run in the orbit.  store is what init() returned when the
 * orbit was created; argbuf points to the orbit's copy of the call's
 * argument bytes.  In a synchronous call the return value must not look
 * like a negative errno (-4095..-1).
 */
typedef unsigned long (*orbit_entry)(void *store, void *argbuf);

typedef int obid_t;

#define ORBIT_NAME_LEN 16

/* An orbit as main sees it. */
struct orbit_module {
	pid_t mpid;		/* main program's pid */
	obid_t lobid;		/* orbit number within main: 1, 2, ... */
	pid_t gobid;		/* the orbit's pid: its global id */
	orbit_entry entry_func;	/* run when a call passes func == NULL */
	char name[ORBIT_NAME_LEN];
};

/*
 * Create an orbit.  The orbit is a fork-like copy of the caller: memory
 * that exists now is at the same addresses in the orbit.  init (may be
 * NULL) runs once in the orbit; its result is the store passed to every
 * function.  Returns NULL with errno on failure.
 */
struct orbit_module *orbit_create(const char *module_name,
		orbit_entry entry_func, void *(*init_func)(void));

/* Kill an orbit (or all of the caller's) and wait until it is gone. */
int orbit_destroy(obid_t gobid);
int orbit_destroy_all(void);

/* Is the orbit alive / dead or unknown? */
bool orbit_exists(struct orbit_module *ob);
bool orbit_gone(struct orbit_module *ob);

/* True when the caller runs inside an orbit. */
bool is_orbit_context(void);

/* ===== Pools: memory areas snapshotted on each call ===== */

/*
 * COW: pages are shared copy-on-write (no data copied at the call);
 * MOVE: treated as COW;  COPY: the used bytes are copied at the call.
 */
enum orbit_pool_mode { ORBIT_COW, ORBIT_MOVE, ORBIT_COPY, };

/*
 * A page-aligned area at the same address in main and orbit.  Only
 * [rawptr, rawptr + used) is snapshotted (rounded up to whole pages for
 * COW); set used = length to snapshot all of it.
 */
struct orbit_pool {
	void *rawptr;
	size_t length;
	size_t used;
	enum orbit_pool_mode mode;
};

/*
 * Create a pool of size bytes (rounded up to pages), mode COW.  ob may be
 * NULL; a pool created after the orbit is mapped there at the next call.
 * _at places it at addr (page aligned) and fails with EEXIST if taken.
 */
struct orbit_pool *orbit_pool_create(struct orbit_module *ob, size_t size);
struct orbit_pool *orbit_pool_create_at(struct orbit_module *ob, size_t size,
		void *addr);

/* ===== Calls ===== */

/* Flags of orbit_call_async() */
#define ORBIT_NORETVAL		(1 << 1)	/* nobody collects the result */
#define ORBIT_CANCELLABLE	(1 << 2)	/* later calls may cancel it */
#define ORBIT_SKIP_SAME_ARG	(1 << 3)	/* drop if same arg is pending */
#define ORBIT_SKIP_ANY		(1 << 4)	/* drop if any task is pending */
#define ORBIT_CANCEL_SAME_ARG	(1 << 5)	/* cancel a queued same-arg task */
#define ORBIT_CANCEL_ANY	(1 << 6)	/* cancel a queued task */

/* An async call in flight. */
struct orbit_task {
	struct orbit_module *orbit;
	unsigned long taskid;	/* 0 when a skip flag dropped the call */
};

/*
 * Run func (or the orbit's entry_func when NULL) in the orbit on a
 * snapshot of the npool pools, with a copy of argsize (< 1024) bytes at
 * arg.  Waits and returns func's value; -1 with errno on error (ESRCH
 * when the orbit died).  A fatal signal interrupts the wait.
 */
long orbit_call(struct orbit_module *module,
		size_t npool, struct orbit_pool **pools,
		orbit_entry func, void *arg, size_t argsize);

/*
 * Queue the same call and return 0 at once.  Tasks run one at a time in
 * call order, and each sees the pools as they were at its call.
 */
int orbit_call_async(struct orbit_module *module, unsigned long flags,
		size_t npool, struct orbit_pool **pools,
		orbit_entry func, void *arg, size_t argsize,
		struct orbit_task *task);

/* Cancel a queued CANCELLABLE task: 1 if cancelled, 0 if none matched. */
int orbit_cancel_by_task(struct orbit_task *task);
int orbit_cancel_by_arg(struct orbit_module *module, void *arg,
		size_t argsize);

/* ===== Sending results back ===== */

#define ORBIT_BUFFER_MAX 1024	/* largest data of one orbit_update */

/* "Write these length bytes at ptr in main." */
struct orbit_update {
	void *ptr;
	size_t length;
	char data[];
};

/* "Call func(argc, argv) in main." */
typedef unsigned long (*orbit_operation_func)(size_t, unsigned long[]);

struct orbit_operation {
	orbit_operation_func func;
	size_t argc;
	unsigned long argv[];
};

/* Opaque bytes for main to interpret. */
struct orbit_any {
	unsigned long length;
	char data[];
};

enum orbit_type { ORBIT_END, ORBIT_UNKNOWN, ORBIT_ANY,
		  ORBIT_UPDATE, ORBIT_OPERATION, };

/* One record of a scratch. */
struct orbit_repr {
	enum orbit_type type;
	union {
		struct orbit_update update;
		struct orbit_operation operation;
		struct orbit_any any;
	};
};

/*
 * Orbit, in an async task: send one update (data of at most
 * ORBIT_BUFFER_MAX bytes).  Main: receive the task's next update into
 * update (room for ORBIT_BUFFER_MAX bytes of data); -1 with EIDRM when
 * the task has ended and sent nothing more.
 */
unsigned long orbit_send(const struct orbit_update *update);
unsigned long orbit_recv(struct orbit_task *task, struct orbit_update *update);

/*
 * Orbit, in a task: copy every page of the task's COW pools that the orbit
 * wrote (since the task started or since its last commit) into main at the
 * same address, at once -- main does not choose when, unlike updates, so
 * use it where main is waiting (sync calls) or does not touch those pages.
 * Whole pages: main's other writes to a committed page are overwritten.
 * 0, or -1 with errno (EINVAL outside an orbit task, ESRCH if main is gone).
 */
unsigned long orbit_commit(void);

/* ===== Allocator: carve objects out of a pool ===== */

/*
 * A bump allocator over [start, start + length).  *allocated is the
 * number of bytes in use (for a pool: pool->used, so that snapshots
 * cover exactly what was allocated).  use_meta stores each object's
 * size in front of it, which orbit_free and orbit_realloc need.
 */
struct orbit_allocator {
	void *start;
	size_t length;
	size_t *allocated;
	pthread_spinlock_t lock;
	bool use_meta;
};

struct orbit_allocator *orbit_allocator_create(void *start, size_t length,
		size_t *allocated, bool use_meta);
void orbit_allocator_destroy(struct orbit_allocator *alloc);
struct orbit_allocator *orbit_allocator_from_pool(struct orbit_pool *pool,
		bool use_meta);

/* NULL with errno ENOMEM when the area is full. */
void *__orbit_alloc(struct orbit_allocator *alloc, size_t size,
		const char *file, int line);
static inline void *__orbit_calloc(struct orbit_allocator *alloc, size_t size,
		const char *file, int line)
{
	void *p = __orbit_alloc(alloc, size, file, line);

	return p ? memset(p, 0, size) : p;
}
#define orbit_alloc(alloc, size) \
	__orbit_alloc(alloc, size, __FILE__, __LINE__)
#define orbit_calloc(alloc, size) \
	__orbit_calloc(alloc, size, __FILE__, __LINE__)
/* Frees only the most recent object (use_meta); otherwise a no-op. */
void orbit_free(struct orbit_allocator *alloc, void *ptr);
/* Needs use_meta (or oldptr == NULL); EINVAL otherwise. */
void *orbit_realloc(struct orbit_allocator *alloc, void *oldptr, size_t newsize);
#define orbit_allocated_by(ptr, alloc) \
	((alloc) != NULL && (char *)(ptr) >= (char *)(alloc)->start && \
	 (char *)(ptr) < (char *)(alloc)->start + (alloc)->length)

/* ===== Scratch: a typed log of updates built in the orbit ===== */

/*
 * The orbit pushes records into a scratch and sends it whole with
 * orbit_sendv(); main receives it with orbit_recvv() at the same address
 * and applies it.  Scratches live in the pool given to
 * orbit_scratch_set_pool(), which main must create before orbit_create()
 * and never pass to a call.
 */
struct orbit_scratch {
	void *ptr;
	size_t cursor;		/* bytes used (orbit) / read position (main) */
	size_t size_limit;
	size_t count;		/* records (orbit) / records left (main) */
	struct orbit_allocator *any_alloc;	/* open ANY record, if any */
};

/* What orbit_recvv() returns: a scratch (1) or the final value (0). */
union orbit_result {
	unsigned long retval;
	struct orbit_scratch scratch;
};

int orbit_scratch_set_pool(struct orbit_pool *pool);
/* Start a new scratch; call again after each successful orbit_sendv(). */
int orbit_scratch_create(struct orbit_scratch *s);
/* Append a record; return the record count, or -1 with ENOMEM when full. */
int orbit_scratch_push_update(struct orbit_scratch *s, void *ptr, size_t length);
int orbit_scratch_push_operation(struct orbit_scratch *s,
		orbit_operation_func func, size_t argc, unsigned long argv[]);
/* Append an ANY record of length bytes copied from ptr (or left for the
 * caller to fill when ptr is NULL); returns its data, NULL when full. */
void *orbit_scratch_push_any(struct orbit_scratch *s, void *ptr, size_t length);
/* Open an ANY record that grows with the allocator; closed by any push or send. */
struct orbit_allocator *orbit_scratch_open_any(struct orbit_scratch *s,
		bool use_meta);
int orbit_scratch_close_any(struct orbit_scratch *s);

/* Orbit: send the scratch to main (async tasks only).  0 or -1/errno. */
int orbit_sendv(struct orbit_scratch *s);
/* Main: 1 with a scratch, 0 with the final retval, -1/errno (ESRCH:
 * the orbit died; ECANCELED: the task was cancelled; EPERM: the orbit
 * placed the scratch outside the scratch pool, and the kernel dropped it
 * without writing main's memory). */
int orbit_recvv(union orbit_result *result, struct orbit_task *task);

/*
 * Walk a received scratch.  apply: UPDATE writes the bytes at ptr,
 * OPERATION calls func, ANY is skipped (or returned, unconsumed, when
 * yield).  skip: consume without applying.  *_one: a single record.
 * Each returns the type of the last record handled, ORBIT_END at the end.
 */
enum orbit_type orbit_apply(struct orbit_scratch *s, bool yield);
enum orbit_type orbit_apply_one(struct orbit_scratch *s, bool yield);
enum orbit_type orbit_skip(struct orbit_scratch *s, bool yield);
enum orbit_type orbit_skip_one(struct orbit_scratch *s, bool yield);

/* The current record (NULL at the end); next consumes it first. */
struct orbit_repr *orbit_scratch_first(struct orbit_scratch *s);
struct orbit_repr *orbit_scratch_next(struct orbit_scratch *s);
bool orbit_scratch_empty(struct orbit_scratch *s);

#ifdef __cplusplus
}
#endif

#endif /* ORBIT_H */
