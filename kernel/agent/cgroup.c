// SPDX-License-Identifier: MIT
/*
 * cgroup v2 helpers for the agent and the sandbox.  Every group the two
 * make lives under CG_ROOT; limits go to memory.max and pids.max, and a
 * group is emptied with cgroup.kill (SIGKILL to every process in it and in
 * its descendants, which no program can ignore or escape by forking).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"

/* Writes VALUE to GROUP/FILE; 0 or -1 with errno set. */
int cg_write(const char *group, const char *file, const char *value)
{
	char path[CG_PATH_MAX * 2];
	ssize_t len = strlen(value), n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", group, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, value, len);
	close(fd);
	return n == len ? 0 : -1;
}

/* The number after KEY in GROUP/FILE (a "key value" file); -1 if missing. */
long cg_read_key(const char *group, const char *file, const char *key)
{
	char path[CG_PATH_MAX * 2], name[64];
	long value, found = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", group, file);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", name, &value) == 2) {
		if (strcmp(name, key) == 0) {
			found = value;
			break;
		}
	}
	fclose(f);
	return found;
}

/* CPU time GROUP and its descendants have used, in ms; -1 if unknown. */
long cg_cpu_ms(const char *group)
{
	long usec = cg_read_key(group, "cpu.stat", "usage_usec");

	return usec < 0 ? -1 : usec / 1000;
}

/*
 * Makes GROUP with LIMITS.  With DELEGATE set, the memory, cpu and pids
 * controllers are enabled for its children, so it can hold sub-groups
 * (a group that delegates may not hold processes itself).
 */
int cg_create(const char *group, const struct cg_limits *limits, int delegate)
{
	char value[32];

	if (mkdir(group, 0755) && errno != EEXIST)
		return -1;
	if (limits && limits->memory_mb > 0) {
		snprintf(value, sizeof(value), "%ld", limits->memory_mb << 20);
		if (cg_write(group, "memory.max", value) ||
		    cg_write(group, "memory.oom.group", "1"))
			return -1;
	}
	if (limits && limits->pids > 0) {
		snprintf(value, sizeof(value), "%ld", limits->pids);
		if (cg_write(group, "pids.max", value))
			return -1;
	}
	if (delegate && cg_write(group, "cgroup.subtree_control", "+memory +cpu +pids"))
		return -1;
	return 0;
}

/* Moves PID (0: the caller) into GROUP. */
int cg_enter(const char *group, pid_t pid)
{
	char value[16];

	snprintf(value, sizeof(value), "%d", pid ? pid : getpid());
	return cg_write(group, "cgroup.procs", value);
}

/* Milliseconds of CLOCK_MONOTONIC, for the wait below. */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Kills every process in GROUP and its descendants and waits up to
 * TIMEOUT_MS until none is left ("populated 0" in cgroup.events, which
 * the kernel signals with POLLPRI).  0 when empty, -1 otherwise.
 */
int cg_kill(const char *group, int timeout_ms)
{
	char path[CG_PATH_MAX * 2];
	long deadline = now_ms() + timeout_ms;
	int fd, empty = 0;

	if (cg_write(group, "cgroup.kill", "1"))
		return -1;
	snprintf(path, sizeof(path), "%s/cgroup.events", group);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI };
		long left = deadline - now_ms();

		empty = cg_read_key(group, "cgroup.events", "populated") == 0;
		if (empty || left <= 0)
			break;
		poll(&pfd, 1, left < 50 ? left : 50);
	}
	close(fd);
	return empty ? 0 : -1;
}

/* Removes GROUP and, first, its sub-groups (all must be empty). */
int cg_remove(const char *group)
{
	char path[CG_PATH_MAX * 2];
	struct dirent *d;
	DIR *dir = opendir(group);

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (d->d_type != DT_DIR || d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", group, d->d_name);
		cg_remove(path);
	}
	closedir(dir);
	return rmdir(group);
}

/* The caller's own group as a path under CG_ROOT, from /proc/self/cgroup. */
int cg_self(char *buf, size_t size)
{
	char line[CG_PATH_MAX];
	FILE *f = fopen("/proc/self/cgroup", "re");
	int ok = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		ok = snprintf(buf, size, "%s%s", CG_ROOT,
			      strcmp(line + 3, "/") ? line + 3 : "") < (int)size;
		break;
	}
	fclose(f);
	return ok ? 0 : -1;
}

/*
 * Caps the size of any file the caller writes (hard limit too, so a student
 * cannot raise it): the 9p exchange directory is the host's memory.
 */
int limit_files(void)
{
	struct rlimit r = { STUDENT_FILE_MAX, STUDENT_FILE_MAX };

	return setrlimit(RLIMIT_FSIZE, &r);
}
