
/* Hostile code for any lab (see README.md): ignores every signal it can and spins. */
#include <signal.h>
#include <unistd.h>

int __libc_start_main(void)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_IGN);
	for (;;)
		;
}
