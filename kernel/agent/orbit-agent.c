// SPDX-License-Identifier: MIT
/*
 * orbit-agent: runs commands for the host, one request line at a time.
 * /init starts it with stdin and stdout on /dev/ttyS1 (raw mode, no echo).
 * The protocol is documented in src/vm/protocol.ts:
 *   run ID USER NONCE  ->  later "orbit-done ID NONCE STATUS"
 *   kill ID            ->  SIGKILL to the process group of request ID
 *   ping NONCE         ->  "orbit-pong NONCE"
 *   drop ID            ->  delete request ID's files
 * A command reads /dev/null, writes stdout and stderr to DIR/ID.out, and never
 * sees the nonce, so nothing it prints can look like an answer.
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

#define MAX_JOBS 64
#define TOKEN_MAX 64
#define LINE_MAX_LEN 512
#define RUN_DIR "/run/orbit-agent"

/* The student account, as kernel/vm.json and /etc/passwd define it. */
#define STUDENT_UID 1000
#define STUDENT_GID 1000
#define STUDENT_HOME "/home/student"

struct job {
	pid_t pid; /* 0: free slot */
	char id[TOKEN_MAX + 1];
	char nonce[TOKEN_MAX + 1];
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

/* In the child: session, user, files, then sh on the request's script. */
static void exec_request(const char *id, int student)
{
	char script[sizeof(dir) + TOKEN_MAX + 8], out[sizeof(dir) + TOKEN_MAX + 8];
	gid_t gid = STUDENT_GID;
	int fd;

	sigprocmask(SIG_UNBLOCK, &child_mask, NULL);
	setsid();
	snprintf(script, sizeof(script), "%s/%s.sh", dir, id);
	snprintf(out, sizeof(out), "%s/%s.out", dir, id);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
		_exit(126);
	if (fd > STDERR_FILENO)
		close(fd);
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
		_exit(126);
	if (fd > STDERR_FILENO)
		close(fd);
	if (student) {
		/* What `su student` set up before: ids, groups and the login variables. */
		if (setgroups(1, &gid) || setgid(STUDENT_GID) || setuid(STUDENT_UID))
			_exit(126);
		setenv("HOME", STUDENT_HOME, 1);
		setenv("USER", "student", 1);
		setenv("LOGNAME", "student", 1);
		setenv("SHELL", "/bin/sh", 1);
	}
	execl("/bin/sh", "sh", script, (char *)NULL);
	_exit(127);
}

/* run ID USER NONCE: start the request and remember it until it exits. */
static void start(const char *id, const char *user, const char *nonce)
{
	int student = strcmp(user, "student") == 0;
	struct job *job = NULL;
	pid_t pid;
	int i;

	if (!student && strcmp(user, "root") != 0) {
		answer("orbit-done %s %s 126\n", id, nonce);
		return;
	}
	for (i = 0; i < MAX_JOBS && !job; i++)
		if (!jobs[i].pid)
			job = &jobs[i];
	pid = job ? fork() : -1;
	if (pid == 0)
		exec_request(id, student);
	if (pid < 0) {
		answer("orbit-done %s %s 126\n", id, nonce);
		return;
	}
	job->pid = pid;
	snprintf(job->id, sizeof(job->id), "%s", id);
	snprintf(job->nonce, sizeof(job->nonce), "%s", nonce);
}

/* kill ID: SIGKILL the request's whole process group (its session leader's pid). */
static void kill_request(const char *id)
{
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid && strcmp(jobs[i].id, id) == 0)
			kill(-jobs[i].pid, SIGKILL);
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

/* Reports every finished request: exit status, or 128 + signal number. */
static void reap(void)
{
	pid_t pid;
	int status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

		for (i = 0; i < MAX_JOBS; i++) {
			if (jobs[i].pid != pid)
				continue;
			answer("orbit-done %s %s %d\n", jobs[i].id, jobs[i].nonce, code);
			jobs[i].pid = 0;
			break;
		}
	}
}

/* Handles one request line; unknown verbs and malformed lines are ignored. */
static void handle(char *line)
{
	char verb[8], a[TOKEN_MAX + 1], b[TOKEN_MAX + 1], c[TOKEN_MAX + 1];
	int n = sscanf(line, "%7s %64s %64s %64s", verb, a, b, c);

	if (n == 4 && strcmp(verb, "run") == 0)
		start(a, b, c);
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
	if ((mkdir(dir, 0755) && errno != EEXIST) || chmod(dir, 0755)) {
		perror(dir);
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

int main(void)
{
	struct pollfd fds[2];
	char buf[256];
	int sfd;

	sigemptyset(&child_mask);
	sigaddset(&child_mask, SIGCHLD);
	if (setup() || sigprocmask(SIG_BLOCK, &child_mask, NULL))
		return 1;
	sfd = signalfd(-1, &child_mask, SFD_CLOEXEC);
	if (sfd < 0) {
		perror("orbit-agent: signalfd");
		return 1;
	}
	fds[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	answer("orbit-ready\n");
	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("orbit-agent: poll");
			return 1;
		}
		if (fds[1].revents & POLLIN) {
			struct signalfd_siginfo info;

			if (read(sfd, &info, sizeof(info)) > 0)
				reap();
		}
		if (fds[0].revents & (POLLIN | POLLHUP)) {
			ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

			if (n > 0)
				feed(buf, n);
			else if (n == 0 || errno != EINTR)
				return 1;
		}
	}
}
