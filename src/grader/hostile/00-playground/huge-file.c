/*
 * Writes a file until it may not grow (RLIMIT_FSIZE: the exchange directory is
 * the host's memory), then prints the greeting. Earns 10.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	static char block[1 << 16];
	FILE *f = fopen("big.bin", "w");
	int i;

	signal(SIGXFSZ, SIG_IGN);
	memset(block, 'x', sizeof(block));
	for (i = 0; f && i < 1024 && fwrite(block, sizeof(block), 1, f) == 1; i++)
		;
	if (f)
		fclose(f);
	printf("Hello, orbit!\n");
	return 0;
}
