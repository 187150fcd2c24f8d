#include <stdio.h>

/*
 * The playground: any C program, compiled with tcc in the VM (liborbit and
 * pthreads linked in). Run builds and runs it; Stop or Ctrl-C interrupts it.
 * The terminal below is a root shell on the same VM.
 */
int main(void)
{
	printf("Hello from the playground\n");
	return 0;
}
