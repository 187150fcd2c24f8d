/*
 * cgroup.c - small cgroup v2 helpers for the program's own groups.
 *
 * The program may manage cgroups when its own cgroup G is delegated to
 * it (G's cgroup.procs and cgroup.subtree_control are writable; the
 * lab's sandbox does that).  cgroup v2 lets a group hand controllers to
 * its children only while it has no processes of its own, so cg_init
 * moves everything in G into the leaf G/main and enables the memory and
 * cpu controllers for G's children; groups such as G/orbit sit beside
 * G/main.  A program started inside G/main (by an earlier run) reuses it.
 * It does this only in the course's VM, never in the root group.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kv.h"

static char base[300];		/* /sys/fs/cgroup/G, once cg_init worked */

static int write_file(const char *path, const char *value)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fputs(value, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* The path of group NAME under base (NAME "" is base itself). */
static const char *group(char *buf, size_t len, const char *name, const char *file)
{
	snprintf(buf, len, "%s%s%s%s%s", base, *name ? "/" : "", name,
		 file ? "/" : "", file ? file : "");
	return buf;
}

/* Our own cgroup, from /proc/self/cgroup ("0::/path"). */
static int own_cgroup(char *buf, size_t len)
{
	char line[256];
	FILE *f = fopen("/proc/self/cgroup", "r");
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(buf, len, "/sys/fs/cgroup%s", line + 3);
			found = 1;
		}
	fclose(f);
	return found ? 0 : -1;
}

/* Move every process of base into base/main. */
static int move_all_to_main(void)
{
	char path[512], to[512], pid[32];
	FILE *f;
	int moved;

	do {
		moved = 0;
		f = fopen(group(path, sizeof(path), "", "cgroup.procs"), "r");
		if (!f)
			return -1;
		while (fgets(pid, sizeof(pid), f))
			moved += !write_file(group(to, sizeof(to), "main", "cgroup.procs"), pid);
		fclose(f);
	} while (moved);
	return 0;
}

/*
 * Only in the course's VM (its kernel's release names "orbit"): elsewhere,
 * our cgroup may be a whole login session that main must not take over.
 */
static int in_course_vm(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.release, "orbit") != NULL;
}

int cg_init(void)
{
	char path[512];
	size_t n;

	if (!in_course_vm() || own_cgroup(base, sizeof(base)))
		return -1;
	n = strlen(base);
	if (!strcmp(base, "/sys/fs/cgroup/"))
		goto fail;	/* the root group holds the whole machine */
	if (n > 5 && !strcmp(base + n - 5, "/main"))
		base[n - 5] = 0;	/* an earlier run set us up already */
	else if (cg_create("main") || move_all_to_main())
		goto fail;
	if (write_file(group(path, sizeof(path), "", "cgroup.subtree_control"),
		       "+memory +cpu"))
		goto fail;
	if (cg_set("main", "memory.max", MAIN_MEMORY_MAX))
		goto fail;
	return 0;
fail:
	base[0] = 0;
	return -1;
}

int cg_create(const char *name)
{
	char path[512];

	if (!base[0] || (mkdir(group(path, sizeof(path), name, NULL), 0755) &&
			 errno != EEXIST))
		return -1;
	return 0;
}

int cg_set(const char *name, const char *file, const char *value)
{
	char path[512];

	return base[0] ? write_file(group(path, sizeof(path), name, file), value) : -1;
}

int cg_enter(const char *name, int pid)
{
	char value[32];

	snprintf(value, sizeof(value), "%d", pid);
	return cg_set(name, "cgroup.procs", value);
}

int cg_remove(const char *name)
{
	char path[512];

	return base[0] ? rmdir(group(path, sizeof(path), name, NULL)) : -1;
}
