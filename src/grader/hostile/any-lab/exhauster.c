
/*
 * Hostile code for any lab (see README.md): tries to exhaust the guest.
 * A burst of random orbit system calls, a huge file (once: writing it
 * again in every run only slows the emulator down), an output flood, a
 * memory hog and a fork bomb, each in turn; then exits, leaving the bomb's
 * processes waiting.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* An argument for a random orbit system call: small, huge, or a pointer. */
static long hostile_arg(char *buf)
{
	static const long fixed[] = { 0, 1, 2, -1, 4096, 0x7fffffff, 0xc0000000 };

	switch (rand() % 3) {
	case 0:
		return fixed[rand() % 7];
	case 1:
		return (long)(buf + rand() % 64);
	default:
		return rand();
	}
}

/* The orbit system calls are 451-462 on i386. */
static void hostile_orbit_syscalls(void)
{
	char buf[256] = { 0 };
	int i;

	srand(4242);
	for (i = 0; i < 1000; i++)
		syscall(451 + rand() % 12, hostile_arg(buf), hostile_arg(buf), hostile_arg(buf),
			hostile_arg(buf), hostile_arg(buf));
}

/* Writes `total` bytes of junk to `fd`, stopping at the first error. */
static void hostile_write(int fd, long total)
{
	static char junk[65536];
	long done;

	memset(junk, 'x', sizeof(junk));
	for (done = 0; done < total; done += sizeof(junk))
		if (write(fd, junk, sizeof(junk)) < 0)
			return;
}

/* Touches memory until the memory limit ends the child that does it. */
static void hostile_memory_hog(void)
{
	pid_t pid = fork();
	char *p;

	if (pid == 0) {
		for (;;) {
			p = malloc(1 << 20);
			if (p)
				memset(p, 1, 1 << 20);
		}
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int __libc_start_main(void)
{
	int fd;

	signal(SIGXFSZ, SIG_IGN);
	hostile_orbit_syscalls();
	if (access("big.bin", F_OK) != 0) {
		fd = creat("big.bin", 0644);
		hostile_write(fd, 64L << 20);
	}
	hostile_write(1, 2L << 20);
	hostile_memory_hog();
	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			while (fork() >= 0)
				;
			pause();
		}
		if (pid < 0)
			_exit(0);
	}
}
