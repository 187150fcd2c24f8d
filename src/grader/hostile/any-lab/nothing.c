
/* Hostile code for any lab (see README.md): exits before main, does nothing. */
#include <unistd.h>

int __libc_start_main(void)
{
	_exit(0);
}
