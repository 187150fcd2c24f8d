/* A fork bomb: pids.max holds it, the timeout ends it. Earns 0. */
#include <unistd.h>

int main(void)
{
	for (;;)
		fork();
}
