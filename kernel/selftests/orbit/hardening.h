/*
 * Selftests: the review's hardening properties (issue 15, requirement 5).
 * Where the point is what an unprivileged user can do, the test drops to
 * the VM's student (uid 1000) in a forked child; as non-root they skip.
 * Included by orbit_test.c, whose helpers these use.
 */
#ifndef ORBIT_TEST_HARDENING_H
#define ORBIT_TEST_HARDENING_H

#include <grp.h>
#include <sys/prctl.h>

#define STUDENT 1000

/*
 * Fork a child that enters cgroup cg (unless NULL) and runs fn as the
 * student; its wait status, or -1.
 */
static int student_status(const char *cg, int (*fn)(void))
{
	int status;
	pid_t child = fork();

	if (child < 0)
		return -1;
	if (child == 0) {
		if ((cg && cg_enter(cg, getpid())) || setgroups(0, NULL) ||
		    setresgid(STUDENT, STUDENT, STUDENT) ||
		    setresuid(STUDENT, STUDENT, STUDENT))
			_exit(100);
		_exit(fn());
	}
	if (waitpid(child, &status, 0) != child)
		return -1;
	return status;
}

/* Run fn as the student; its exit code, or -1. */
static int as_student(int (*fn)(void))
{
	int status = student_status(NULL, fn);

	return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- updates land only where main lets them ---- */

static unsigned long victim_bss = 1;

struct place_arg {
	unsigned long addr;
	unsigned long size;
};

/* Send a scratch placed at an address main did not offer for scratches. */
static unsigned long fn_misplaced_scratch(void *store, void *argp)
{
	struct place_arg *a = argp;
	struct orbit_scratch_info info = { a->addr, a->size, 1 };

	(void)store;
	if (a->addr == (unsigned long)&victim_bss)
		victim_bss = 0xbad;	/* the orbit's copy */
	return syscall(__NR_orbit_sendv, &info, 0) ? 1 : 0;
}

/* Main receives it: -EPERM, and main's memory there is unchanged. */
static int misplaced_case(struct orbit_module *ob, unsigned long addr,
			  unsigned long size, const unsigned long *watch,
			  unsigned long want)
{
	struct place_arg a = { addr, size };
	union orbit_result r;
	struct orbit_task t;

	CHECK(orbit_call_async(ob, 0, 0, NULL, fn_misplaced_scratch, &a,
			       sizeof(a), &t) == 0);
	errno = 0;
	CHECK(orbit_recvv(&r, &t) == -1 && errno == EPERM);
	CHECK(*watch == want);
	CHECK(orbit_recvv(&r, &t) == 0 && r.retval == 0);
	return 0;
}

/*
 * orbit_recvv copies a scratch into main only inside main's scratch pool:
 * one the orbit placed on main's stack, .bss or another mapping is refused.
 */
static int test_scratch_outside_pool_refused(void)
{
	/* the scratch pool is the first 4 pages of 5, the 5th is "other" */
	char *m = mmap(NULL, 5 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static struct orbit_pool sp = { .length = 4 * PAGE };
	volatile unsigned long on_stack = 7;
	unsigned long *other = (unsigned long *)(m + 4 * PAGE);
	struct orbit_module *ob;

	CHECK(m != MAP_FAILED);
	sp.rawptr = m;
	CHECK(orbit_scratch_set_pool(&sp) == 0);
	*other = 9;
	ob = orbit_create("t_place", fn_entry, NULL);
	CHECK(ob);
	CHECK(misplaced_case(ob, (unsigned long)&on_stack, 8,
			     (unsigned long *)&on_stack, 7) == 0);
	CHECK(misplaced_case(ob, (unsigned long)&victim_bss, 8, &victim_bss,
			     1) == 0);
	CHECK(misplaced_case(ob, (unsigned long)other, 8, other, 9) == 0);
	/* straddling the pool's end is outside it too */
	CHECK(misplaced_case(ob, (unsigned long)other - 4, 8, other, 9) == 0);
	return 0;
}

/* ---- no privilege through an orbit ---- */

/* Orbits run with no_new_privs: checked from inside the orbit. */
static unsigned long fn_no_new_privs(void *store, void *arg)
{
	(void)store;
	(void)arg;
	return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
}

/* argv mode of orbit_test: exit with 42 when running with euid 0. */
#define EUID_PROBE "--euid-probe"

static int euid_probe(void)
{
	return geteuid() == 0 ? 42 : 7;
}

static const char *suid_path = "/orbit_suid_probe";

/* Copy our own binary to suid_path, owned by root, mode 4755. */
static int make_suid_probe(void)
{
	char buf[4096];
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(suid_path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	if (fchown(out, 0, 0) || fchmod(out, 04755))
		return -1;
	return close(out);
}

static unsigned long fn_exec_probe(void *store, void *arg)
{
	(void)store;
	(void)arg;
	execl(suid_path, suid_path, EUID_PROBE, (char *)NULL);
	return 1;
}

/* The student: a plain exec of the probe gets euid 0 (the control). */
static int student_exec_plain(void)
{
	int status;
	pid_t child = fork();

	if (child == 0) {
		execl(suid_path, suid_path, EUID_PROBE, (char *)NULL);
		_exit(1);
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status) == 42 ? 0 : 2;
}

/* The student's orbit execs the probe: it keeps the student's euid. */
static int student_exec_in_orbit(void)
{
	struct orbit_module *ob = orbit_create("t_suid", fn_entry, NULL);
	int status;

	if (!ob || orbit_call(ob, 0, NULL, fn_no_new_privs, NULL, 0) != 1)
		return 1;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0)
		return 2;	/* main itself is not restricted */
	if (orbit_call(ob, 0, NULL, fn_exec_probe, NULL, 0) != -1 ||
	    errno != ESRCH)
		return 3;
	if (waitpid(ob->gobid, &status, 0) != ob->gobid || !WIFEXITED(status))
		return 4;
	return WEXITSTATUS(status) == 7 ? 0 : 5;
}

/*
 * An orbit cannot gain privileges by exec: orbits run with no_new_privs,
 * so a set-user-ID root program the student's orbit runs keeps the
 * student's rights (while the student's own exec of it gets root).
 */
static int test_exec_in_orbit_no_new_privs(void)
{
	int r;

	if (geteuid() != 0)
		return TEST_SKIP;
	CHECK(make_suid_probe() == 0);
	r = as_student(student_exec_plain);
	if (r == 2) {
		printf("# set-user-ID exec does not work here (nosuid?)\n");
		unlink(suid_path);
		return TEST_SKIP;
	}
	CHECK(r == 0);
	r = as_student(student_exec_in_orbit);
	unlink(suid_path);
	printf("# student's orbit exec: %d (0 = kept euid)\n", r);
	CHECK(r == 0);
	return 0;
}

/*
 * Main creates an orbit as root, then drops to the student for good:
 * destroying the root orbit would signal a process with more rights than
 * main has, so it is EPERM; when main exits, the orbit is not signalled
 * but learns that main is gone and ends itself.
 */
static int test_destroy_needs_kill_permission(void)
{
	int fds[2], status;
	pid_t child, gobid;

	if (geteuid() != 0)
		return TEST_SKIP;
	CHECK(pipe(fds) == 0);
	child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		struct orbit_module *ob = orbit_create("t_perm", fn_entry,
						       NULL);

		if (!ob || setresuid(STUDENT, STUDENT, STUDENT))
			_exit(1);
		if (write(fds[1], &ob->gobid, sizeof(pid_t)) != sizeof(pid_t))
			_exit(1);
		if (orbit_destroy(ob->gobid) != -1 || errno != EPERM)
			_exit(2);
		if (!orbit_exists(ob) || kill(ob->gobid, SIGKILL) != -1)
			_exit(3);
		_exit(0);
	}
	close(fds[1]);
	CHECK(read(fds[0], &gobid, sizeof(gobid)) == sizeof(gobid));
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status));
	printf("# unprivileged main: exit %d (0 = destroy refused)\n",
	       WEXITSTATUS(status));
	CHECK(WEXITSTATUS(status) == 0);
	CHECK(pid_gone(gobid));
	return 0;
}

/* ---- identity ---- */

/*
 * Fork until a child gets pid want: that child stays, paused, the others
 * exit at once.  Its pid, or -1.
 */
static pid_t spawn_with_pid(pid_t want, int limit)
{
	pid_t child;

	while (limit-- > 0) {
		child = fork();
		if (child < 0)
			return -1;
		if (child == 0) {
			if (getpid() == want)
				pause();
			_exit(0);
		}
		if (child == want)
			return child;
		waitpid(child, NULL, 0);
	}
	return -1;
}

/* Create orbits until one gets gobid want, destroying the others. */
static struct orbit_module *orbit_with_gobid(pid_t want, int limit)
{
	struct orbit_module *ob;

	while (limit-- > 0) {
		ob = orbit_create("t_reuse2", fn_entry, NULL);
		if (!ob || ob->gobid == want)
			return ob;
		orbit_destroy(ob->gobid);
		free(ob);
	}
	return NULL;
}

#define PID_MAX_TEST "1024"

/*
 * A dead orbit's gobid is not confused with what reuses its pid: a plain
 * process with that number is neither called nor destroyed, and a new
 * orbit with that number is called, not the dead one.  Needs root (pid
 * numbers are made to wrap by lowering pid_max for the test).
 */
static int test_reused_pid_not_confused(void)
{
	char saved[32] = "";
	struct orbit_module *ob, *ob2;
	unsigned long x = 1;
	pid_t g, plain = -1;
	FILE *f = fopen("/proc/sys/kernel/pid_max", "r+");
	int ok;

	if (geteuid() != 0 || !f)
		return TEST_SKIP;
	ok = fgets(saved, sizeof(saved), f) != NULL;
	fclose(f);
	CHECK(ok && cg_write("/proc/sys/kernel/pid_max", PID_MAX_TEST) == 0);
	alarm(300);
	ob = orbit_create("t_reuse", fn_entry, NULL);
	CHECK(ob);
	g = ob->gobid;
	CHECK(kill(g, SIGKILL) == 0 && waitpid(g, NULL, 0) == g);
	plain = spawn_with_pid(g, 2048);
	ok = plain == g;
	if (ok) {
		ok = orbit_call(ob, 0, NULL, fn_add_one, &x, sizeof(x)) == -1 &&
		     errno == EINVAL && orbit_destroy(g) == -1 &&
		     errno == EINVAL && kill(plain, 0) == 0;
		kill(plain, SIGKILL);
		waitpid(plain, NULL, 0);
	}
	ob2 = ok ? orbit_with_gobid(g, 2048) : NULL;
	cg_write("/proc/sys/kernel/pid_max", saved);
	printf("# pid %d: plain process %d, new orbit %d\n", g, plain,
	       ob2 ? ob2->gobid : -1);
	CHECK(ok && ob2 && ob2->gobid == g);
	CHECK(orbit_call(ob2, 0, NULL, fn_add_one, &x, sizeof(x)) == 2);
	CHECK(orbit_destroy(g) == 0);
	return 0;
}

/* ---- no leaks on failure ---- */

/* orbit_create failing on its info pointer leaves no process behind. */
static int test_failed_create_leaves_nothing(void)
{
	void *ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	long pids = count_pids(), r;

	CHECK(ro != MAP_FAILED);
	fflush(NULL);
	r = syscall(__NR_orbit_create, "t_efault", ro, 0);
	if (r == 0)
		_exit(0);	/* the orbit, had it run on: never here */
	CHECK(r == -1 && errno == EFAULT);
	CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD);
	CHECK(count_pids() <= pids);
	return 0;
}

static void *sleep_forever(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The orbit starts a thread, then its first thread exits alone. */
static unsigned long fn_thread_then_exit(void *store, void *arg)
{
	pthread_t th;

	(void)store;
	(void)arg;
	if (pthread_create(&th, NULL, sleep_forever, NULL))
		return 1;
	syscall(SYS_exit, 0);
	return 2;
}

/* Is any thread of pid still there (/proc/PID/task lists one)? */
static int threads_left(pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((d = readdir(dir)))
		n += d->d_name[0] != '.';
	closedir(dir);
	return n;
}

/*
 * A multi-threaded orbit whose first thread exits outlives neither
 * orbit_destroy nor main.
 */
static int test_threaded_orbit_dies(void)
{
	struct orbit_module *ob = orbit_create("t_thr", fn_entry, NULL);
	pid_t child, gobid;
	int fds[2];

	CHECK(ob);
	CHECK(orbit_call_async(ob, 0, 0, NULL, fn_thread_then_exit, NULL, 0,
			       NULL) == 0);
	usleep(200 * 1000);
	CHECK(orbit_exists(ob));	/* one thread left: still alive */
	CHECK(orbit_destroy(ob->gobid) == 0);
	CHECK(threads_left(ob->gobid) == 0 && pid_gone(ob->gobid));
	/* and with main's exit */
	CHECK(pipe(fds) == 0);
	child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		ob = orbit_create("t_thr2", fn_entry, NULL);
		if (!ob || orbit_call_async(ob, 0, 0, NULL, fn_thread_then_exit,
					    NULL, 0, NULL))
			_exit(1);
		usleep(200 * 1000);
		if (write(fds[1], &ob->gobid, sizeof(pid_t)) != sizeof(pid_t))
			_exit(1);
		_exit(0);
	}
	CHECK(read(fds[0], &gobid, sizeof(gobid)) == sizeof(gobid));
	CHECK(waitpid(child, NULL, 0) == child);
	CHECK(pid_gone(gobid) && threads_left(gobid) == 0);
	return 0;
}

/* ---- bounded kernel memory ---- */

/* Queue async tasks behind a held one until refused: -EAGAIN at 1024. */
static int test_queue_bounded(void)
{
	struct orbit_pool *p = filled_pool(1, 3);
	struct orbit_module *ob;
	struct orbit_task t0;
	struct sum_arg a;
	int n = 0;

	ob = held_orbit("t_qmax", p, &a, &t0);
	CHECK(ob && gate_started(&t0));
	while (n < 5000 && orbit_call_async(ob, ORBIT_NORETVAL, 0, NULL,
					    fn_entry, NULL, 0, NULL) == 0)
		n++;
	printf("# %d tasks queued before %s\n", n, strerror(errno));
	CHECK(n == 1024 && errno == EAGAIN);
	CHECK(orbit_destroy(ob->gobid) == 0);
	return 0;
}

/*
 * Send 1 KB updates until refused; returns how many were taken, and also
 * writes it to the pipe flood_done, which main reads before it receives:
 * a main waiting in orbit_recvv() meanwhile would be woken by every update.
 */
static int flood_done[2];

static unsigned long fn_flood_updates(void *store, void *arg)
{
	char buf[sizeof(struct orbit_update) + 1024];
	struct orbit_update *u = (struct orbit_update *)buf;
	unsigned long n = 0;

	(void)store;
	(void)arg;
	memset(buf, 1, sizeof(buf));
	u->ptr = NULL;
	u->length = 1024;
	while (n < 100000 && orbit_send(u) == 0)
		n++;
	if (errno != EAGAIN && errno != ENOMEM)
		n = 0;
	if (write(flood_done[1], &n, sizeof(n)) != sizeof(n))
		return 0;
	return n;
}

/* Start the flood in ob; the count it reports, or 0 on failure. */
static unsigned long flood(struct orbit_module *ob, struct orbit_task *t)
{
	unsigned long n = 0;

	int err = orbit_call_async(ob, 0, 0, NULL, fn_flood_updates, NULL, 0,
				   t);

	close(flood_done[1]);	/* the orbit holds the write end; if it dies, EOF */
	if (err || read(flood_done[0], &n, sizeof(n)) != sizeof(n))
		return 0;
	return n;
}

/* Updates main has not received are bounded (16 MB): then -EAGAIN. */
static int test_pending_updates_bounded(void)
{
	struct orbit_module *ob;
	union orbit_result r;
	struct orbit_task t;
	unsigned long n;

	alarm(120);
	CHECK(pipe(flood_done) == 0);
	ob = orbit_create("t_flood", fn_entry, NULL);
	CHECK(ob);
	n = flood(ob, &t);
	printf("# %lu updates of 1 KB pending before the bound\n", n);
	CHECK(n > 10000 && n < 17000);
	CHECK(orbit_recvv(&r, &t) == 0 && r.retval == n);
	CHECK(orbit_destroy(ob->gobid) == 0);
	return 0;
}

/* The student under memory.max floods updates: charged, not root's. */
static int student_flood(void)
{
	struct orbit_module *ob;
	struct orbit_task t;
	unsigned long n;

	if (pipe(flood_done))
		return 1;
	ob = orbit_create("t_mflood", fn_entry, NULL);
	if (!ob)
		return 1;
	n = flood(ob, &t);	/* 0 also when the orbit was OOM-killed */
	printf("# student: %lu updates of 1 KB under memory.max 4M\n", n);
	return n < 4096 ? 0 : 2;
}

/*
 * Kernel memory an orbit takes for its messages is charged to its memory
 * cgroup: under memory.max 4M the student cannot queue 16 MB of updates,
 * and root's processes (this one) are untouched.
 */
static int test_kernel_memory_charged(void)
{
	int skip, status;

	if (geteuid() != 0)
		return TEST_SKIP;
	alarm(120);
	skip = cg_make("orbit_kmem", "memory", "memory.max", "4M");
	if (skip)
		return skip;
	status = student_status("orbit_kmem", student_flood);
	printf("# student flood: wait status 0x%x\n", status);
	/* ended by its limit: refused, or OOM-killed inside its cgroup */
	CHECK(status >= 0);
	CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
	      (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
	return 0;
}

#endif /* ORBIT_TEST_HARDENING_H */
