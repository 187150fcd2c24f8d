/*
 * A tiny kselftest-style harness: TAP 13 on line-buffered stdout, each
 * test in its own child process with a timeout, so a crash or hang in one
 * test is reported as "not ok" and the others still run.
 */
#ifndef ORBIT_HARNESS_H
#define ORBIT_HARNESS_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct test {
	const char *name;
	int (*fn)(void);	/* 0 = pass, TEST_SKIP = skipped */
};

#define TEST_SKIP 4

/* Fail the current test with a diagnostic naming the failed check. */
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("# %s:%d: check failed: %s (errno %d: %s)\n",	\
		       __func__, __LINE__, #cond, errno, strerror(errno)); \
		return 1;						\
	}								\
} while (0)

#define TEST_TIMEOUT_S 30	/* per test; ORBIT_TEST_TIMEOUT overrides */

/* Run one test in a child; returns 0 on pass, TEST_SKIP, or 1. */
static int run_one(const struct test *t)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		const char *t_env = getenv("ORBIT_TEST_TIMEOUT");
		int r;

		alarm(t_env ? atoi(t_env) : TEST_TIMEOUT_S);
		r = t->fn();
		_exit(r == TEST_SKIP ? TEST_SKIP : r ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	if (WIFSIGNALED(status))
		printf("# %s: killed by signal %d%s\n", t->name,
		       WTERMSIG(status),
		       WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
	if (WIFEXITED(status) && WEXITSTATUS(status) == TEST_SKIP)
		return TEST_SKIP;
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Is test t selected: no names given, or t named among them? */
static int selected(const struct test *t, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], t->name))
			return 1;
	return argc < 2;
}

/*
 * Run the tests named on the command line (all without names), print
 * TAP 13, exit 0 only if all passed.  An unknown name is an error.
 */
static int run_tests(const struct test *tests, int n, int argc, char **argv)
{
	int i, j, plan = 0, failed = 0, skipped = 0;

	for (i = 1; i < argc; i++) {
		for (j = 0; j < n && strcmp(argv[i], tests[j].name); j++)
			;
		if (j == n) {
			fprintf(stderr, "no test named %s; the tests are:\n",
				argv[i]);
			for (j = 0; j < n; j++)
				fprintf(stderr, "  %s\n", tests[j].name);
			return 2;
		}
	}
	for (i = 0; i < n; i++)
		plan += selected(&tests[i], argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", plan);
	for (i = 0, j = 0; i < n; i++) {
		int r;

		if (!selected(&tests[i], argc, argv))
			continue;
		r = run_one(&tests[i]);
		j++;
		if (r == TEST_SKIP) {
			skipped++;
			printf("ok %d %s # SKIP\n", j, tests[i].name);
			continue;
		}
		failed += r;
		printf("%sok %d %s\n", r ? "not " : "", j, tests[i].name);
	}
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       plan - failed - skipped, failed, skipped);
	return failed ? 1 : 0;
}

#endif /* ORBIT_HARNESS_H */
