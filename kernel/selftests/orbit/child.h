/*
 * Selftests: an orbit is main's child for signals and wait, like a forked
 * child (orbit-api.md, Lifecycle).  Included by orbit_test.c, whose helpers
 * (fn_entry, fn_segv, pid_gone, reaped, spawn_main...) these use.
 */
#ifndef ORBIT_TEST_CHILD_H
#define ORBIT_TEST_CHILD_H

static unsigned long fn_exit0(void *store, void *arg)
{
	(void)store;
	(void)arg;
	exit(0);
}

/* What the SIGCHLD handler reaped: pid and status, at most 8 children. */
static volatile sig_atomic_t chld_count;
static volatile pid_t chld_pid[8];
static volatile int chld_status[8];

static void on_sigchld(int sig)
{
	int saved = errno, status;
	pid_t pid;

	(void)sig;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0 && chld_count < 8) {
		chld_pid[chld_count] = pid;
		chld_status[chld_count] = status;
		chld_count++;
	}
	errno = saved;
}

/* Wait up to about 5 s for the handler to have reaped pid; its index. */
static int chld_seen(pid_t pid)
{
	int i, tries;

	for (tries = 0; tries < 500; tries++) {
		for (i = 0; i < chld_count; i++)
			if (chld_pid[i] == pid)
				return i;
		usleep(10 * 1000);
	}
	return -1;
}

/*
 * The artifact's own test: a SIGCHLD handler that reaps with
 * waitpid(-1, ..., WNOHANG) sees the orbit exit with status 0 after its
 * task calls exit(0).
 */
static int test_sigchld_handler_reaps_exit(void)
{
	struct sigaction sa = { .sa_handler = on_sigchld };
	struct orbit_module *ob;
	int i;

	sa.sa_flags = SA_RESTART;
	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
	ob = orbit_create("t_sigchld", fn_entry, NULL);
	CHECK(ob);
	CHECK(orbit_call(ob, 0, NULL, fn_exit0, NULL, 0) == -1);
	CHECK(errno == ESRCH);
	i = chld_seen(ob->gobid);
	CHECK(i >= 0);
	CHECK(WIFEXITED(chld_status[i]) && WEXITSTATUS(chld_status[i]) == 0);
	CHECK(pid_gone(ob->gobid));
	/* calls to the dead (and reaped) orbit fail with ESRCH */
	CHECK(orbit_call(ob, 0, NULL, fn_entry, NULL, 0) == -1 &&
	      errno == ESRCH);
	CHECK(orbit_destroy(ob->gobid) == 0);
	return 0;
}

/* waitpid(gobid) reports the signal that killed the orbit. */
static int test_waitpid_reports_sigsegv(void)
{
	struct orbit_module *ob = orbit_create("t_wsegv", fn_entry, NULL);
	int status;

	CHECK(ob);
	CHECK(orbit_call(ob, 0, NULL, fn_segv, NULL, 0) == -1);
	CHECK(errno == ESRCH);
	CHECK(kill(ob->gobid, 0) == 0);		/* a zombie until reaped */
	CHECK(waitpid(ob->gobid, &status, 0) == ob->gobid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	CHECK(orbit_call(ob, 0, NULL, fn_entry, NULL, 0) == -1 &&
	      errno == ESRCH);
	return 0;
}

/* orbit_destroy reaps what it kills: no zombie, not even for a moment. */
static int test_destroy_leaves_no_zombie(void)
{
	struct orbit_module *ob = orbit_create("t_dzombie", fn_entry, NULL);
	struct orbit_module *ob2 = orbit_create("t_dzombie2", fn_entry, NULL);

	CHECK(ob && ob2);
	CHECK(orbit_call(ob, 0, NULL, fn_entry, NULL, 0) == 4242);
	CHECK(orbit_destroy(ob->gobid) == 0);
	CHECK(kill(ob->gobid, 0) == -1 && errno == ESRCH);
	CHECK(waitpid(ob->gobid, NULL, WNOHANG) == -1 && errno == ECHILD);
	CHECK(orbit_destroy_all() == 0);
	CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD);
	return 0;
}

/* With SIGCHLD ignored, a dead orbit is reaped at once (POSIX). */
static int test_sigchld_ignored_autoreaps(void)
{
	struct orbit_module *ob;

	CHECK(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	ob = orbit_create("t_ign", fn_entry, NULL);
	CHECK(ob);
	CHECK(orbit_call(ob, 0, NULL, fn_segv, NULL, 0) == -1);
	CHECK(pid_gone(ob->gobid));
	CHECK(waitpid(ob->gobid, NULL, 0) == -1 && errno == ECHILD);
	return 0;
}

/*
 * A main that never waits leaves nothing behind when it exits: its dead
 * orbit (a zombie) and its live one are both gone once main is.
 */
static int test_main_never_waits(void)
{
	int fds[2], status;
	pid_t child, gobid[2];

	CHECK(pipe(fds) == 0);
	child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		struct orbit_module *a = orbit_create("t_nw_dead", fn_entry,
						      NULL);
		struct orbit_module *b = orbit_create("t_nw_live", fn_entry,
						      NULL);

		if (!a || !b || orbit_call(a, 0, NULL, fn_segv, NULL, 0) != -1)
			_exit(1);
		gobid[0] = a->gobid;
		gobid[1] = b->gobid;
		if (write(fds[1], gobid, sizeof(gobid)) != sizeof(gobid))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	CHECK(read(fds[0], gobid, sizeof(gobid)) == sizeof(gobid));
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);
	CHECK(pid_gone(gobid[0]) && pid_gone(gobid[1]));
	return 0;
}

#endif /* ORBIT_TEST_CHILD_H */
