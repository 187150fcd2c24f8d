#include <stdio.h>
#include "greeting.h"

/*
 * Your first program in the lab's VM. Press Run to compile it with tcc
 * and run it. Then make it print GREETING (from greeting.h) instead,
 * and press Check to see the tests pass.
 */
int main(void)
{
	printf("Hello, world!\n");
	return 0;
}
