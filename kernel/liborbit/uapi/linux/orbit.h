/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Orbit: auxiliary tasks that observe a copy-on-write snapshot of selected
 * areas of their main program and send updates back.  See
 * Documentation/userspace-api/orbit.rst.
 */
#ifndef _UAPI_LINUX_ORBIT_H
#define _UAPI_LINUX_ORBIT_H

#include <linux/types.h>

/* Limits */
#define ORBIT_ARG_MAX		1024	/* argsize must be below this */
#define ORBIT_UPDATE_MAX	1024	/* data bytes of one orbit_send() */
#define ORBIT_AREAS_MAX		64	/* areas per orbit_call() */
#define ORBIT_SCRATCH_MAX	(16UL << 20)	/* bytes of one orbit_sendv() */

/* orbit_call() flags; the values match liborbit's orbit.h */
#define ORBIT_CALL_ASYNC		(1UL << 0)
#define ORBIT_CALL_NORETVAL		(1UL << 1)
#define ORBIT_CALL_CANCELLABLE		(1UL << 2)
#define ORBIT_CALL_SKIP_SAME_ARG	(1UL << 3)
#define ORBIT_CALL_SKIP_ANY		(1UL << 4)
#define ORBIT_CALL_CANCEL_SAME_ARG	(1UL << 5)
#define ORBIT_CALL_CANCEL_ANY		(1UL << 6)

/* orbit_cancel() flags: exactly one of them */
#define ORBIT_CANCEL_BY_TASK	(1UL << 0)
#define ORBIT_CANCEL_BY_ARG	(1UL << 1)

/* orbit_state() results */
#define ORBIT_STATE_ALIVE	1
#define ORBIT_STATE_DEAD	2

/* How an area reaches the orbit */
enum orbit_area_mode {
	ORBIT_AREA_COW,		/* share pages copy-on-write */
	ORBIT_AREA_MOVE,	/* treated as COW */
	ORBIT_AREA_COPY,	/* copy the used bytes through the kernel */
};

/* orbit_create(): identity of the new orbit, filled in main */
struct orbit_create_info {
	__s32 mpid;		/* main program's tgid */
	__s32 lobid;		/* per-main counter, from 1 */
};

/* One area of main memory to snapshot for a call */
struct orbit_area {
	__u64 start;		/* page aligned */
	__u64 length;		/* size of the area, page aligned */
	__u64 used;		/* bytes to snapshot from start, <= length */
	__u32 mode;		/* enum orbit_area_mode */
	__u32 reserved;		/* must be 0 */
};

/* orbit_call(): what to run in the orbit and on which memory */
struct orbit_call_args {
	__u64 func;		/* function address in the orbit, 0 = default */
	__u64 areas;		/* pointer to struct orbit_area[nareas] */
	__u64 arg;		/* pointer to argsize bytes copied to the orbit */
	__u32 nareas;
	__u32 argsize;		/* < ORBIT_ARG_MAX */
};

/* orbit_return(): the next task handed to the orbit */
struct orbit_next {
	__u64 func;
	__u64 taskid;
	__u64 flags;		/* ORBIT_CALL_* of the call */
	__u32 argsize;
	__u32 reserved;
	__u8 arg[ORBIT_ARG_MAX];
};

/* orbit_recv(): where an update goes and how long it is */
struct orbit_update_info {
	__u64 ptr;
	__u64 length;
};

/* orbit_sendv(): a scratch log in the orbit, copied to main at ptr */
struct orbit_scratch_info {
	__u64 ptr;
	__u64 size;		/* bytes, <= ORBIT_SCRATCH_MAX */
	__u64 count;		/* records, opaque to the kernel */
};

/* orbit_recvv(): a scratch (result 1) or the task's return value (0) */
struct orbit_recvv_info {
	__u64 retval;
	struct orbit_scratch_info scratch;
};

#endif /* _UAPI_LINUX_ORBIT_H */
