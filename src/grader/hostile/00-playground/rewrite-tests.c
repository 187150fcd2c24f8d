/* Tries to rewrite the lab's tests and the checker's files. Earns 2 (it exits 0). */
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void overwrite(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CREAT, 0777);

	if (fd >= 0) {
		write(fd, text, strlen(text));
		close(fd);
	}
}

int main(void)
{
	const char *pass = "#!/bin/sh\necho '1..1'\necho 'ok 1'\n";
	glob_t g;
	size_t i;

	overwrite("/opt/orbit-lab/00-playground/tests/check.sh", pass);
	unlink("/opt/orbit-lab/00-playground/tests/check.sh");
	overwrite("tests/check.sh", pass);
	if (glob("/tmp/*/*", 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			overwrite(g.gl_pathv[i], "Hello, orbit!\n");
		globfree(&g);
	}
	printf("Hello, world!\n");
	return 0;
}
