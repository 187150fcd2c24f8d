/*
 * fork-snapshot.c: an auxiliary check run in a forked child.
 *
 * fork() gives the child a copy-on-write snapshot of the whole address
 * space. The child can follow the parent's pointers at the same addresses,
 * and a crash in the child does not hurt the parent. But the snapshot is
 * frozen at fork time, and anything the child writes stays in the child.
 *
 *   ./fork-snapshot          the child checks the state and tries to repair it
 *   ./fork-snapshot --crash  the child dereferences NULL; only the child dies
 *
 * Build: gcc -Wall -Wextra -o fork-snapshot fork-snapshot.c
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct account {
	long balance;
	struct account *next;
};

/* A small linked list standing in for the main program's state. */
static struct account acct_b = { 50, NULL };
static struct account acct_a = { 100, &acct_b };
static struct account *accounts = &acct_a;

// ANCHOR: snapshot
/* The auxiliary task, run in the child: sum the list, then "repair" it,
 * and send the repair to the parent through the pipe `out`. */
static int check_in_child(int crash, int out)
{
	long sum = 0;

	sleep(1); /* the parent changes the state meanwhile */
	for (struct account *a = accounts; a != NULL; a = a->next)
		sum += a->balance; /* same pointers, same addresses as in the parent */
	printf("child:  sum of balances in my snapshot = %ld\n", sum);
	accounts->balance = 0; /* a repair: lands only in the child's copy */
	if (write(out, &accounts->balance, sizeof(accounts->balance)) < 0)
		return 1; /* so the child sends it explicitly */
	if (crash)
		return accounts->next->next->next != NULL; /* NULL dereference */
	return 0;
}
// ANCHOR_END: snapshot

// ANCHOR: parent
/* The main program: fork the checker, keep working, then collect its fate. */
int main(int argc, char **argv)
{
	int crash = argc > 1 && strcmp(argv[1], "--crash") == 0;
	int status, fds[2];
	long repair;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pipe(fds) < 0) {
		perror("fork-snapshot: pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("fork-snapshot: fork");
		return 1;
	}
	if (pid == 0)
		exit(check_in_child(crash, fds[1]));
	close(fds[1]);
	acct_b.balance += 25; /* the parent goes on changing its state */
	printf("parent: sum of balances now = %ld\n", acct_a.balance + acct_b.balance);
	if (waitpid(pid, &status, 0) < 0) {
		perror("fork-snapshot: waitpid");
		return 1;
	}
	if (WIFSIGNALED(status))
		printf("parent: checker killed by signal %d (%s); I keep running\n",
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("parent: checker exited with status %d\n", WEXITSTATUS(status));
	/* Apply the repair only if the child finished its check cleanly. */
	if (read(fds[0], &repair, sizeof(repair)) == sizeof(repair) &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		accounts->balance = repair;
		printf("parent: applied the child's repair; first balance is now %ld\n",
		       accounts->balance);
	} else {
		printf("parent: first balance is still %ld\n", accounts->balance);
	}
	return 0;
}
// ANCHOR_END: parent
