/* SPDX-License-Identifier: MIT */
/*
 * cgroup v2 helpers shared by orbit-agent and orbit-sandbox: make a group
 * with limits, put a process in it, kill everything in it and wait until
 * it is empty, remove it.
 */
#ifndef ORBIT_CGROUP_H
#define ORBIT_CGROUP_H

#include <sys/types.h>

#define CG_ROOT "/sys/fs/cgroup"
#define CG_PATH_MAX 256
/* The largest file a student's program may write (the exchange directory lives in the host's memory). */
#define STUDENT_FILE_MAX (16L << 20)

/* Limits of a group; 0 means "no limit". */
struct cg_limits {
	long memory_mb;
	long pids;
};

int cg_write(const char *group, const char *file, const char *value);
long cg_read_key(const char *group, const char *file, const char *key);
long cg_cpu_ms(const char *group);
int cg_create(const char *group, const struct cg_limits *limits, int delegate);
int cg_enter(const char *group, pid_t pid);
int cg_kill(const char *group, int timeout_ms);
int cg_remove(const char *group);
int cg_self(char *buf, size_t size);
int limit_files(void);

#endif
