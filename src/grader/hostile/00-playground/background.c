/*
 * Leaves a daemon behind that keeps writing the expected greeting into any
 * output file it can reach, and prints the wrong text itself. Earns 2.
 */
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void rewrite_outputs(void)
{
	glob_t g;
	size_t i;

	if (glob("/tmp/*/out", 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			int fd = open(g.gl_pathv[i], O_WRONLY | O_TRUNC);

			if (fd >= 0) {
				write(fd, "Hello, orbit!\n", 14);
				close(fd);
			}
		}
		globfree(&g);
	}
	unlink("hello.out");
	symlink("/dev/null", "hello.out");
}

int main(void)
{
	int i;

	if (fork() == 0) {
		setsid();
		if (fork() == 0) {
			close(0);
			close(1);
			close(2);
			for (i = 0; i < 600; i++) {
				rewrite_outputs();
				usleep(50000);
			}
		}
		return 0;
	}
	printf("Hello, world!\n");
	return 0;
}
