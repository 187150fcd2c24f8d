/* Prints the greeting, then ignores every signal it can and never ends. Earns 0. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int s;

	for (s = 1; s < 32; s++)
		signal(s, SIG_IGN);
	printf("Hello, orbit!\n");
	fflush(stdout);
	for (;;)
		pause();
}
