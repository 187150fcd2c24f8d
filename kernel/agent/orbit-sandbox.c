// SPDX-License-Identifier: MIT
/*
 * orbit-sandbox: runs a student's program for a trusted (root) lab checker.
 *
 *   orbit-sandbox [--timeout-ms N] [--out FILE] [--status FILE]
 *                 [--pid-file FILE] [--env NAME=VALUE]... [--] COMMAND [ARG]...
 *
 * COMMAND runs as the student, in $ORBIT_WORK, in a new session and in a
 * cgroup of its own with the lab's limits (ORBIT_LIMIT_MEMORY_MB,
 * ORBIT_LIMIT_PIDS, ORBIT_LIMIT_CPU_MS), stdin from /dev/null and no other
 * descriptor of the checker.  Its output goes through a pipe into FILE
 * (root's, mode 0600), capped at 1 MB.  When COMMAND exits, or runs out
 * of time, CPU or memory, every process of the group is killed and the
 * sandbox waits until the group is empty: when it returns, nothing the
 * student started runs any more.  The rules for checkers are in
 * labs/README.md.
 *
 * Exit status: COMMAND's, 128+N after signal N, 124 timeout, 125 memory
 * or CPU limit, 126 setup failure, 127 COMMAND not found.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"

#define STUDENT_UID 1000
#define STUDENT_GID 1000
#define STUDENT_HOME "/home/student"
#define OUTPUT_CAP (1 << 20)
#define MAX_ENV 32
#define POLL_MS 20
#define KILL_WAIT_MS 5000

struct options {
	long timeout_ms;
	const char *out, *status, *pid_file;
	char *env[MAX_ENV + 8];
	int nenv;
	char **argv;
};

/* How the run ended, for the exit status and --status. */
struct outcome {
	enum { EXITED, SIGNALED, TIMEOUT, MEMORY, CPU } how;
	int code;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("orbit-sandbox: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(126);
}

static long env_long(const char *name, long fallback)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 10) : fallback;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The student's environment: a fixed base plus each --env. */
static void base_env(struct options *o)
{
	o->env[o->nenv++] = "PATH=/usr/local/bin:/usr/bin:/bin";
	o->env[o->nenv++] = "HOME=" STUDENT_HOME;
	o->env[o->nenv++] = "USER=student";
	o->env[o->nenv++] = "LOGNAME=student";
	o->env[o->nenv++] = "SHELL=/bin/sh";
	o->env[o->nenv++] = "LANG=C.UTF-8";
}

static void parse(int argc, char **argv, struct options *o)
{
	int i;

	base_env(o);
	o->timeout_ms = 10000;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (!v)
			die("%s needs a value", a);
		if (strcmp(a, "--timeout-ms") == 0)
			o->timeout_ms = strtol(v, NULL, 10);
		else if (strcmp(a, "--out") == 0)
			o->out = v;
		else if (strcmp(a, "--status") == 0)
			o->status = v;
		else if (strcmp(a, "--pid-file") == 0)
			o->pid_file = v;
		else if (strcmp(a, "--env") == 0 && strchr(v, '=') && o->nenv < MAX_ENV)
			o->env[o->nenv++] = (char *)v;
		else
			die("unknown option or bad value: %s %s", a, v);
		i++;
	}
	if (i >= argc)
		die("usage: orbit-sandbox [--timeout-ms N] [--out FILE] [--status FILE] [--pid-file FILE] [--env N=V]... -- COMMAND [ARG]...");
	if (o->timeout_ms <= 0)
		die("--timeout-ms must be a positive number of milliseconds");
	o->env[o->nenv] = NULL;
	o->argv = argv + i;
}

/*
 * The sandbox's group: a sibling of the caller's own group when the agent
 * made that one (req/ID/cmd -> req/ID/sbx-PID), else under CG_ROOT/sandbox.
 */
static void group_path(char *buf, size_t size)
{
	char self[CG_PATH_MAX - 32], *slash;

	if (cg_self(self, sizeof(self)) == 0 && strncmp(self, CG_ROOT "/req/", sizeof(CG_ROOT "/req/") - 1) == 0 &&
	    (slash = strrchr(self, '/')) && strcmp(slash, "/cmd") == 0) {
		*slash = '\0';
		snprintf(buf, size, "%s/sbx-%d", self, getpid());
		return;
	}
	if (cg_create(CG_ROOT "/sandbox", NULL, 1))
		die("cannot make %s/sandbox: %s", CG_ROOT, strerror(errno));
	snprintf(buf, size, "%s/sandbox/sbx-%d", CG_ROOT, getpid());
}

/*
 * Hands GROUP to the student as systemd delegates a group: the student's
 * processes live in its leaf GROUP/main, and the student may make groups of
 * its own beside that leaf (a lab program that puts its orbit under its own
 * memory.max, say). The limits on GROUP itself stay root's, so nothing below
 * can raise them, and nothing can leave GROUP: the group above is root's.
 */
static int delegate(const char *group, char *leaf, size_t size)
{
	static const char *const files[] = { "", "/cgroup.procs", "/cgroup.threads", "/cgroup.subtree_control" };
	char path[CG_PATH_MAX + 300];
	struct dirent *d;
	DIR *dir;
	size_t i;

	snprintf(leaf, size, "%s/main", group);
	if (cg_create(leaf, NULL, 0))
		return -1;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", group, files[i]);
		if (chown(path, STUDENT_UID, STUDENT_GID))
			return -1;
	}
	/* The leaf is below the group's limits: all of it is the student's. */
	dir = opendir(leaf);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		snprintf(path, sizeof(path), "%s/%s", leaf, d->d_name);
		if (strcmp(d->d_name, "..") && chown(path, STUDENT_UID, STUDENT_GID))
			break;
	}
	closedir(dir);
	return d ? -1 : 0;
}

/* In the child: join the group's leaf, drop to the student, exec COMMAND. */
static void child(const struct options *o, const char *group, int out)
{
	const char *work = getenv("ORBIT_WORK");
	gid_t gid = STUDENT_GID;
	int fd = open("/dev/null", O_RDONLY);

	if (cg_enter(group, 0) || setsid() < 0 || fd < 0 || dup2(fd, 0) < 0 ||
	    dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(126);
	closefrom(3);
	if (work && chdir(work)) {
		dprintf(2, "orbit-sandbox: cannot enter %s: %s\n", work, strerror(errno));
		_exit(126);
	}
	if (limit_files() || setgroups(1, &gid) || setgid(STUDENT_GID) || setuid(STUDENT_UID) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		_exit(126);
	signal(SIGPIPE, SIG_DFL);
	execvpe(o->argv[0], o->argv, o->env);
	dprintf(2, "orbit-sandbox: cannot run %s: %s\n", o->argv[0], strerror(errno));
	_exit(127);
}

/* Copies what the pipe holds into OUT up to the cap; -1 at end of file. */
static int pump(int pipe_fd, int out, long *written, long *dropped)
{
	char buf[4096];
	ssize_t n = read(pipe_fd, buf, sizeof(buf));

	if (n <= 0)
		return n == 0 || errno != EAGAIN ? -1 : 0;
	if (*written < OUTPUT_CAP) {
		long keep = n < OUTPUT_CAP - *written ? n : OUTPUT_CAP - *written;

		if (write(out, buf, keep) != keep)
			keep = 0;
		*written += keep;
		*dropped += n - keep;
	} else {
		*dropped += n;
	}
	return 0;
}

/* True when the group has used more CPU than the lab allows. */
static int over_cpu(const char *group, long cpu_ms)
{
	return cpu_ms > 0 && cg_cpu_ms(group) > cpu_ms;
}

/*
 * Supervises the child until it ends or breaks a limit, pumping its
 * output; then kills the whole group and drains the pipe.
 */
static struct outcome supervise(const struct options *o, const char *group, pid_t pid,
				int pipe_fd, int out)
{
	long deadline = now_ms() + o->timeout_ms, cpu_ms = env_long("ORBIT_LIMIT_CPU_MS", 10000);
	long written = 0, dropped = 0, next_check = 0, drain_until;
	struct outcome r = { TIMEOUT, 0 };
	int status, open_pipe = 1;

	for (;;) {
		struct pollfd p = { .fd = pipe_fd, .events = POLLIN };

		if (open_pipe && poll(&p, 1, POLL_MS) > 0 && pump(pipe_fd, out, &written, &dropped))
			open_pipe = 0;
		if (!open_pipe)
			usleep(POLL_MS * 1000);
		if (now_ms() < next_check)
			continue;
		next_check = now_ms() + POLL_MS;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			r.how = WIFEXITED(status) ? EXITED : SIGNALED;
			r.code = WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status);
			break;
		}
		if (now_ms() >= deadline)
			break;
		if (over_cpu(group, cpu_ms)) {
			r.how = CPU;
			break;
		}
	}
	if (cg_kill(group, KILL_WAIT_MS))
		fprintf(stderr, "orbit-sandbox: %s did not empty within %d ms\n", group, KILL_WAIT_MS);
	waitpid(pid, NULL, WNOHANG);
	/* Every writer is dead now, so the pipe ends soon; bounded all the same. */
	drain_until = now_ms() + KILL_WAIT_MS;
	while (open_pipe && now_ms() < drain_until)
		if (pump(pipe_fd, out, &written, &dropped))
			open_pipe = 0;
	/* Only the group's own limit counts, not one the program set below it. */
	if (cg_read_key(group, "memory.events.local", "oom") > 0)
		r.how = MEMORY;
	if (dropped)
		dprintf(out, "\n[orbit-sandbox: output over %d bytes; %ld more bytes dropped]\n",
			OUTPUT_CAP, dropped);
	return r;
}

static int exit_code(struct outcome r)
{
	switch (r.how) {
	case EXITED:
		return r.code;
	case SIGNALED:
		return 128 + r.code;
	case TIMEOUT:
		return 124;
	default:
		return 125;
	}
}

static void write_status(const char *path, struct outcome r)
{
	static const char *const words[] = { "exited", "signaled", "timeout", "memory", "cpu" };
	FILE *f = fopen(path, "we");

	if (!f)
		die("cannot write %s: %s", path, strerror(errno));
	if (r.how == EXITED || r.how == SIGNALED)
		fprintf(f, "%s %d\n", words[r.how], r.code);
	else
		fprintf(f, "%s\n", words[r.how]);
	fclose(f);
}

/* Opens the output file for root alone; never follows a planted link. */
static int open_out(const char *path)
{
	int fd;

	if (!path)
		return dup(1);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		die("cannot create %s: %s", path, strerror(errno));
	return fd;
}

int sandbox_main(int argc, char **argv)
{
	struct options o = { 0 };
	struct cg_limits limits = {
		.memory_mb = env_long("ORBIT_LIMIT_MEMORY_MB", 64),
		.pids = env_long("ORBIT_LIMIT_PIDS", 64),
	};
	char group[CG_PATH_MAX], leaf[CG_PATH_MAX + 8];
	struct outcome r;
	int fds[2], out;
	pid_t pid;

	parse(argc, argv, &o);
	if (geteuid() != 0)
		die("must run as root (it is for lab checkers, which run as root)");
	group_path(group, sizeof(group));
	if (cg_create(group, &limits, 1) || delegate(group, leaf, sizeof(leaf)))
		die("cannot make cgroup %s for the student: %s", group, strerror(errno));
	out = open_out(o.out);
	if (pipe2(fds, O_CLOEXEC))
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0)
		child(&o, leaf, fds[1]);
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	if (o.pid_file) {
		FILE *f = fopen(o.pid_file, "we");

		if (f) {
			fprintf(f, "%d\n", pid);
			fclose(f);
		}
	}
	r = supervise(&o, group, pid, fds[0], out);
	close(out);
	if (o.status)
		write_status(o.status, r);
	if (cg_remove(group))
		fprintf(stderr, "orbit-sandbox: cannot remove %s: %s\n", group, strerror(errno));
	return exit_code(r);
}
