/* Prints the greeting without end: the output cap and the timeout hold. Earns 0. */
#include <stdio.h>

int main(void)
{
	for (;;)
		fputs("Hello, orbit!\n", stdout);
}
