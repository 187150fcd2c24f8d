// SPDX-License-Identifier: MIT
/*
 * orbit-agent: runs commands for the host, one request line at a time.
 * /init starts it with stdin and stdout on /dev/ttyS1 (raw mode, no echo).
 * The protocol is documented in src/vm/protocol.ts:
 *   run ID USER NONCE [mem=MB] [pids=N] [cpu=MS] [out=BYTES]
 *                      ->  later "orbit-done ID NONCE STATUS"
 *   signal ID SIG      ->  SIGINT or SIGTERM to request ID's process group
 *   kill ID            ->  SIGKILL to every process of request ID
 *   ping NONCE         ->  "orbit-pong NONCE"
 *   drop ID            ->  delete request ID's files
 * A command reads /dev/null, writes stdout and stderr into a pipe that the
 * agent copies to DIR/ID.out (capped: the rest is dropped with a note), and
 * never sees the nonce, so nothing it prints can look like an answer.
 *
 * Each request runs in a cgroup of its own, CG_ROOT/req/ID (its processes in
 * the leaf req/ID/cmd, so that orbit-sandbox can make req/ID/sbx-PID beside
 * it), with the request's memory and pids limits.  A request with a CPU-time
 * budget is killed whole (cgroup.kill) once its group has used more; the
 * agent looks every CPU_CHECK_MS.  When the command ends, everything it left
 * running is killed before the agent answers, so no process of one request
 * outlives it into the next.
 *
 * One process serves every request: a command costs one fork and one exec
 * (forks take tens of milliseconds in v86), and the agent learns that it
 * finished from SIGCHLD through a signalfd, so it never blocks on a child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"

#define MAX_JOBS 32
#define TOKEN_MAX 64
#define LINE_MAX_LEN 512
#define RUN_DIR "/run/orbit-agent"
#define REQ_GROUPS CG_ROOT "/req"
#define DEFAULT_OUT_CAP (1L << 20)
#define KILL_WAIT_MS 3000
#define CPU_CHECK_MS 250

/* The student account, as kernel/vm.json and /etc/passwd define it. */
#define STUDENT_UID 1000
#define STUDENT_GID 1000
#define STUDENT_HOME "/home/student"

struct job {
	pid_t pid; /* 0: free slot */
	char id[TOKEN_MAX + 1];
	char nonce[TOKEN_MAX + 1];
	int pipe;	/* read end of the command's output; -1 once closed */
	int out;	/* DIR/ID.out */
	long cap, written, dropped;
	long cpu_ms;	/* CPU-time budget of the request's group; 0: none */
	int over_cpu;	/* killed for using more */
};

/* What a run request may ask for besides the command. */
struct run_options {
	struct cg_limits limits;
	long cpu_ms;
	long out_cap;
};

static struct job jobs[MAX_JOBS];
static char dir[256]; /* <exchange>/.orbit */
static sigset_t child_mask;

/* Writes one whole line to the host; a short write would corrupt the channel. */
static void answer(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void answer(const char *fmt, ...)
{
	char buf[LINE_MAX_LEN];
	va_list ap;
	int len, off = 0;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len < 0 || len >= (int)sizeof(buf))
		return;
	while (off < len) {
		ssize_t n = write(STDOUT_FILENO, buf + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		off += n;
	}
}

/* Reads the exchange directory's path from /etc, as /init does. */
static int read_exchange_dir(void)
{
	FILE *f = fopen("/etc/orbit-exchange-dir", "r");
	char path[200];

	if (!f || !fgets(path, sizeof(path), f)) {
		perror("orbit-agent: /etc/orbit-exchange-dir");
		return -1;
	}
	fclose(f);
	path[strcspn(path, "\n")] = '\0';
	snprintf(dir, sizeof(dir), "%s/.orbit", path);
	return 0;
}

/* The request's cgroup, CG_ROOT/req/ID. */
static void group_of(const char *id, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", REQ_GROUPS, id);
}

/* In the child: cgroup, session, user, files, then sh on the request's script. */
static void exec_request(const char *id, int student, int out)
{
	char script[sizeof(dir) + TOKEN_MAX + 8], leaf[CG_PATH_MAX];
	gid_t gid = STUDENT_GID;
	int fd;

	sigprocmask(SIG_UNBLOCK, &child_mask, NULL);
	snprintf(leaf, sizeof(leaf), "%s/%s/cmd", REQ_GROUPS, id);
	if (cg_enter(leaf, 0))
		_exit(126);
	setsid();
	snprintf(script, sizeof(script), "%s/%s.sh", dir, id);
	if (dup2(out, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
		_exit(126);
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
		_exit(126);
	closefrom(3);
	signal(SIGPIPE, SIG_DFL);
	if (student) {
		/* What `su student` set up before: ids, groups and the login variables. */
		if (limit_files() || setgroups(1, &gid) || setgid(STUDENT_GID) || setuid(STUDENT_UID))
			_exit(126);
		setenv("HOME", STUDENT_HOME, 1);
		setenv("USER", "student", 1);
		setenv("LOGNAME", "student", 1);
		setenv("SHELL", "/bin/sh", 1);
	}
	execl("/bin/sh", "sh", script, (char *)NULL);
	_exit(127);
}

/* Parses the optional "key=value" words of a run request; -1 if one is bad. */
static int run_options(char *words, struct run_options *o)
{
	char *w, *save = NULL;

	*o = (struct run_options){ .out_cap = DEFAULT_OUT_CAP };
	for (w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		long v;
		char *end;

		if (!strchr(w, '='))
			return -1;
		v = strtol(strchr(w, '=') + 1, &end, 10);
		if (*end || v < 0)
			return -1;
		if (strncmp(w, "mem=", 4) == 0)
			o->limits.memory_mb = v;
		else if (strncmp(w, "pids=", 5) == 0)
			o->limits.pids = v;
		else if (strncmp(w, "cpu=", 4) == 0)
			o->cpu_ms = v;
		else if (strncmp(w, "out=", 4) == 0)
			o->out_cap = v;
		else
			return -1;
	}
	return 0;
}

/* Makes the request's cgroup and leaf, and its output pipe and file. */
static int prepare(struct job *job, const struct run_options *o, int pipe_fds[2])
{
	char group[CG_PATH_MAX], leaf[CG_PATH_MAX + 8], out[sizeof(dir) + TOKEN_MAX + 8];

	group_of(job->id, group, sizeof(group));
	snprintf(leaf, sizeof(leaf), "%s/cmd", group);
	if (cg_create(group, &o->limits, 1) || cg_create(leaf, NULL, 0))
		return -1;
	snprintf(out, sizeof(out), "%s/%s.out", dir, job->id);
	job->out = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (job->out < 0)
		return -1;
	if (pipe2(pipe_fds, O_CLOEXEC)) {
		close(job->out);
		return -1;
	}
	job->pipe = pipe_fds[0];
	fcntl(job->pipe, F_SETFL, O_NONBLOCK);
	job->cap = o->out_cap;
	job->written = job->dropped = 0;
	job->cpu_ms = o->cpu_ms;
	job->over_cpu = 0;
	return 0;
}

/* run ID USER NONCE [OPTIONS]: start the request and remember it until it exits. */
static void start(const char *id, const char *user, const char *nonce, char *options)
{
	int student = strcmp(user, "student") == 0;
	struct run_options o;
	struct job *job = NULL;
	int fds[2];
	pid_t pid;
	int i;

	for (i = 0; i < MAX_JOBS && !job; i++)
		if (!jobs[i].pid)
			job = &jobs[i];
	if ((!student && strcmp(user, "root") != 0) || run_options(options, &o) || !job) {
		answer("orbit-done %s %s 126\n", id, nonce);
		return;
	}
	snprintf(job->id, sizeof(job->id), "%s", id);
	snprintf(job->nonce, sizeof(job->nonce), "%s", nonce);
	if (prepare(job, &o, fds)) {
		answer("orbit-done %s %s 126\n", id, nonce);
		return;
	}
	pid = fork();
	if (pid == 0)
		exec_request(id, student, fds[1]);
	close(fds[1]);
	if (pid < 0) {
		close(job->pipe);
		close(job->out);
		answer("orbit-done %s %s 126\n", id, nonce);
		return;
	}
	job->pid = pid;
}

/* Copies what a job's pipe holds into its file up to the cap; closes it at its end. */
static void pump(struct job *job)
{
	char buf[4096];
	ssize_t n;

	while (job->pipe >= 0 && (n = read(job->pipe, buf, sizeof(buf))) != 0) {
		long keep;

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			break;
		}
		keep = n < job->cap - job->written ? n : job->cap - job->written;
		if (keep > 0 && write(job->out, buf, keep) == keep)
			job->written += keep;
		else
			keep = 0;
		job->dropped += n - keep;
	}
	close(job->pipe);
	job->pipe = -1;
}

/* signal ID SIG: SIGINT or SIGTERM to the request's process group. */
static void signal_request(const char *id, const char *sig)
{
	int signo = strcmp(sig, "INT") == 0 ? SIGINT : strcmp(sig, "TERM") == 0 ? SIGTERM : 0;
	int i;

	for (i = 0; i < MAX_JOBS && signo; i++)
		if (jobs[i].pid && strcmp(jobs[i].id, id) == 0)
			kill(-jobs[i].pid, signo);
}

/* kill ID: SIGKILL every process of the request (its whole cgroup). */
static void kill_request(const char *id)
{
	char group[CG_PATH_MAX];
	int i;

	for (i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pid || strcmp(jobs[i].id, id) != 0)
			continue;
		group_of(id, group, sizeof(group));
		if (cg_write(group, "cgroup.kill", "1"))
			kill(-jobs[i].pid, SIGKILL);
	}
}

/* drop ID: delete the request's files in the exchange directory. */
static void drop(const char *id)
{
	static const char *const suffixes[] = { "sh", "out", "xfer" };
	char path[sizeof(dir) + TOKEN_MAX + 8];
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s.%s", dir, id, suffixes[i]);
		unlink(path);
	}
}

/*
 * A job's command has exited: kill what it left running, take the rest of
 * its output, remove its cgroup and report its status.
 */
static void finish(struct job *job, int code)
{
	char group[CG_PATH_MAX];

	group_of(job->id, group, sizeof(group));
	if (cg_kill(group, KILL_WAIT_MS))
		fprintf(stderr, "orbit-agent: %s did not empty\n", group);
	pump(job);
	if (job->dropped)
		dprintf(job->out, "\n[orbit: output over %ld bytes; %ld more bytes dropped]\n",
			job->cap, job->dropped);
	if (job->over_cpu)
		dprintf(job->out, "\n[orbit: stopped after using more than %ld ms of CPU time]\n",
			job->cpu_ms);
	close(job->out);
	cg_remove(group);
	answer("orbit-done %s %s %d\n", job->id, job->nonce, code);
	job->pid = 0;
}

/* Kills every request whose group has used more CPU time than its budget. */
static void police_cpu(void)
{
	char group[CG_PATH_MAX];
	int i;

	for (i = 0; i < MAX_JOBS; i++) {
		struct job *job = &jobs[i];

		if (!job->pid || !job->cpu_ms || job->over_cpu)
			continue;
		group_of(job->id, group, sizeof(group));
		if (cg_cpu_ms(group) > job->cpu_ms) {
			job->over_cpu = 1;
			if (cg_write(group, "cgroup.kill", "1"))
				kill(-job->pid, SIGKILL);
		}
	}
}

/* Whether any running request has a CPU-time budget to watch. */
static int watching_cpu(void)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid && jobs[i].cpu_ms && !jobs[i].over_cpu)
			return 1;
	return 0;
}

/* Reports every finished request: exit status, or 128 + signal number. */
static void reap(void)
{
	pid_t pid;
	int status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

		for (i = 0; i < MAX_JOBS; i++) {
			if (jobs[i].pid == pid) {
				finish(&jobs[i], code);
				break;
			}
		}
	}
}

/* Handles one request line; unknown verbs and malformed lines are ignored. */
static void handle(char *line)
{
	char verb[8], a[TOKEN_MAX + 1], b[TOKEN_MAX + 1], c[TOKEN_MAX + 1];
	int used = 0, n = sscanf(line, "%7s %64s %64s %64s%n", verb, a, b, c, &used);

	if (n == 4 && strcmp(verb, "run") == 0)
		start(a, b, c, line + used);
	else if (n == 3 && strcmp(verb, "signal") == 0)
		signal_request(a, b);
	else if (n == 2 && strcmp(verb, "kill") == 0)
		kill_request(a);
	else if (n == 2 && strcmp(verb, "ping") == 0)
		answer("orbit-pong %s\n", a);
	else if (n == 2 && strcmp(verb, "drop") == 0)
		drop(a);
}

/* Feeds bytes from the host into lines; an overlong line is dropped whole. */
static void feed(const char *bytes, size_t len)
{
	static char line[LINE_MAX_LEN];
	static size_t used;
	static int overlong;
	size_t i;

	for (i = 0; i < len; i++) {
		if (bytes[i] == '\n') {
			line[used] = '\0';
			if (!overlong)
				handle(line);
			used = 0;
			overlong = 0;
		} else if (used < sizeof(line) - 1) {
			line[used++] = bytes[i];
		} else {
			overlong = 1;
		}
	}
}

/* Creates the agent's directories and pid file, as /init's contract says. */
static int setup(void)
{
	FILE *f;

	if (read_exchange_dir())
		return -1;
	/* Only root writes here; output files are root's alone (0600). */
	if ((mkdir(dir, 0755) && errno != EEXIST) || chmod(dir, 0755)) {
		perror(dir);
		return -1;
	}
	if (cg_create(REQ_GROUPS, NULL, 1)) {
		perror(REQ_GROUPS);
		return -1;
	}
	if ((mkdir(RUN_DIR, 0700) && errno != EEXIST) || chmod(RUN_DIR, 0700)) {
		perror(RUN_DIR);
		return -1;
	}
	chmod("/dev/ttyS1", 0600);
	f = fopen(RUN_DIR "/agent.pid", "w");
	if (f) {
		fprintf(f, "%d\n", getpid());
		fclose(f);
	}
	return 0;
}

/* Waits for host input, finished children and job output, and serves them. */
static int serve(int sfd)
{
	struct pollfd fds[2 + MAX_JOBS];
	struct job *owner[2 + MAX_JOBS];
	char buf[256];
	int n = 2, i;

	fds[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	for (i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pid || jobs[i].pipe < 0)
			continue;
		owner[n] = &jobs[i];
		fds[n++] = (struct pollfd){ .fd = jobs[i].pipe, .events = POLLIN };
	}
	if (poll(fds, n, watching_cpu() ? CPU_CHECK_MS : -1) < 0)
		return errno == EINTR ? 0 : -1;
	police_cpu();
	for (i = 2; i < n; i++)
		if (fds[i].revents)
			pump(owner[i]);
	if (fds[1].revents & POLLIN) {
		struct signalfd_siginfo info;

		if (read(sfd, &info, sizeof(info)) > 0)
			reap();
	}
	if (fds[0].revents & (POLLIN | POLLHUP)) {
		ssize_t len = read(STDIN_FILENO, buf, sizeof(buf));

		if (len > 0)
			feed(buf, len);
		else if (len == 0 || errno != EINTR)
			return -1;
	}
	return 0;
}

int agent_main(void)
{
	int sfd;

	sigemptyset(&child_mask);
	sigaddset(&child_mask, SIGCHLD);
	signal(SIGPIPE, SIG_IGN);
	if (setup() || sigprocmask(SIG_BLOCK, &child_mask, NULL))
		return 1;
	sfd = signalfd(-1, &child_mask, SFD_CLOEXEC);
	if (sfd < 0) {
		perror("orbit-agent: signalfd");
		return 1;
	}
	answer("orbit-ready\n");
	while (serve(sfd) == 0)
		;
	perror("orbit-agent: poll or read");
	return 1;
}
