/* Prints the greeting, then takes memory until memory.max stops it. Earns 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	printf("Hello, orbit!\n");
	fflush(stdout);
	for (;;) {
		char *p = malloc(1 << 20);

		if (p)
			memset(p, 1, 1 << 20);
	}
}
