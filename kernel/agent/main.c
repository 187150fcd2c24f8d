// SPDX-License-Identifier: MIT
/*
 * One binary for the guest's two helpers, chosen by the name it runs as:
 * /sbin/orbit-agent (the host's exec agent, orbit-agent.c) and
 * /usr/sbin/orbit-sandbox, a link to it (the checkers' sandbox,
 * orbit-sandbox.c). One binary keeps the image small: they share libc's
 * start-up code and the cgroup helpers.
 */
#include <string.h>

int agent_main(void);
int sandbox_main(int argc, char **argv);

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');

	name = name ? name + 1 : argv[0];
	if (strcmp(name, "orbit-sandbox") == 0)
		return sandbox_main(argc, argv);
	return agent_main();
}
