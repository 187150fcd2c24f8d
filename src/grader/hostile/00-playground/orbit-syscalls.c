/*
 * A burst of orbit system calls (i386 numbers 451-462) with random
 * arguments, then the greeting. The kernel must survive it. Earns 10.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long pick(char *buf)
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

int main(void)
{
	char buf[256] = { 0 };
	int i;

	srand(12345);
	for (i = 0; i < 1000; i++)
		syscall(451 + rand() % 12, pick(buf), pick(buf), pick(buf), pick(buf), pick(buf));
	printf("Hello, orbit!\n");
	return 0;
}
