#include <stdio.h>
#include "greeting.h"

/* Prints the lab's greeting. */
int main(void)
{
	printf("%s\n", GREETING);
	return 0;
}
