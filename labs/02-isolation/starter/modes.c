/*
 * modes.c - the two given ways to run the checker beside main.
 *
 * thread:  one checker thread; it reads main's live store under main's
 *          lock.  It sees everything and isolates nothing.
 * process: a child forked for each check; it walks its copy of the whole
 *          program and sends its stats through a pipe.  Main never waits
 *          for it: it polls the pipe after each request and kills the
 *          child when the deadline passes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kv.h"

static struct kv_store *zeroed_store(void)
{
	return calloc(1, sizeof(struct kv_store));
}

/* ===== thread ===== */

static pthread_mutex_t th_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t th_wake = PTHREAD_COND_INITIALIZER;
static struct {
	struct check_arg arg;
	struct aux_stats result;
	int asked, busy, answered;
} th;

// ANCHOR: thread_loop
/* The checker thread: wait to be asked, check, post the result. */
static void *thread_loop(void *unused)
{
	struct check_arg arg;
	struct aux_stats st;

	(void)unused;
	for (;;) {
		pthread_mutex_lock(&th_lock);
		while (!th.asked)
			pthread_cond_wait(&th_wake, &th_lock);
		arg = th.arg;
		th.asked = 0;
		th.busy = 1;
		pthread_mutex_unlock(&th_lock);
		aux_check(&arg, &st);
		pthread_mutex_lock(&th_lock);
		th.result = st;
		th.busy = 0;
		th.answered = 1;
		pthread_mutex_unlock(&th_lock);
	}
	return NULL;
}
// ANCHOR_END: thread_loop

static int thread_start(struct kv_store *kv)
{
	pthread_t t;

	(void)kv;
	if (pthread_create(&t, NULL, thread_loop, NULL))
		return -1;
	return pthread_detach(t);
}

/* Collect a posted result; ask for a check when one is due. */
static void thread_tick(struct kv_store *kv)
{
	int no;

	pthread_mutex_lock(&th_lock);
	if (th.answered) {
		report_result(&th.result);
		th.answered = 0;
	}
	if (check_due(kv, &no)) {
		if (th.busy || th.asked) {
			report_lost(kv->seq, LOSS_BUSY);	/* still stuck */
		} else {
			th.arg = (struct check_arg){ kv, kv->seq, no, chosen_fault };
			th.asked = 1;
			pthread_cond_signal(&th_wake);
		}
	}
	pthread_mutex_unlock(&th_lock);
}

/* A thread cannot be stopped from outside: it ends with the process. */
static void thread_stop(void)
{
}

const struct aux_mode thread_mode = {
	"thread", zeroed_store, thread_start, thread_tick, thread_stop,
};

/* ===== process ===== */

static struct {
	pid_t child;		/* 0 when no check is running */
	int fd;			/* read end of the child's pipe */
	long seq, asked_us;
} pr;

// ANCHOR: process_spawn
/* Fork a child that checks its copy of the store and writes the stats. */
static void process_spawn(struct kv_store *kv, int no)
{
	struct check_arg arg = { kv, kv->seq, no, chosen_fault };
	struct aux_stats st;
	int p[2];

	if (pipe2(p, O_CLOEXEC)) {
		report_lost(kv->seq, LOSS_CRASH);
		return;
	}
	pr.child = fork();
	if (pr.child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);	/* never outlive main */
		aux_check(&arg, &st);
		_exit(write(p[1], &st, sizeof(st)) == sizeof(st) ? 0 : 1);
	}
	close(p[1]);
	if (pr.child < 0) {
		pr.child = 0;
		close(p[0]);
		report_lost(kv->seq, LOSS_CRASH);
		return;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	pr.fd = p[0];
	pr.seq = kv->seq;
	pr.asked_us = now_us();
}
// ANCHOR_END: process_spawn

/* Kill (when kill) and reap the child, close its pipe. */
static void process_reap(int kill_it)
{
	if (kill_it)
		kill(pr.child, SIGKILL);
	waitpid(pr.child, NULL, 0);
	close(pr.fd);
	pr.child = 0;
}

// ANCHOR: process_poll
/* A result, a dead child, or a missed deadline: never a wait. */
static void process_poll(void)
{
	struct aux_stats st;
	ssize_t n = read(pr.fd, &st, sizeof(st));

	if (n == sizeof(st)) {
		process_reap(0);
		report_result(&st);
	} else if (n >= 0) {		/* EOF: it died before writing */
		process_reap(0);
		report_lost(pr.seq, LOSS_CRASH);
	} else if (errno == EAGAIN &&
		   now_us() - pr.asked_us > CHECK_DEADLINE_US) {
		process_reap(1);
		report_lost(pr.seq, LOSS_DEADLINE);
	}
}
// ANCHOR_END: process_poll

static int process_start(struct kv_store *kv)
{
	(void)kv;
	return 0;
}

static void process_tick(struct kv_store *kv)
{
	int no;

	if (pr.child)
		process_poll();
	if (check_due(kv, &no)) {
		if (pr.child)
			report_lost(kv->seq, LOSS_BUSY);
		else
			process_spawn(kv, no);
	}
}

static void process_stop(void)
{
	if (pr.child)
		process_reap(1);
}

const struct aux_mode process_mode = {
	"process", zeroed_store, process_start, process_tick, process_stop,
};
