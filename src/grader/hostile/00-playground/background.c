/*
 * Leaves a daemon behind that keeps writing the expected greeting into any
 * output file it can reach, and prints the wrong text itself. Earns 2.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Writes the greeting into every /tmp/<dir>/out it can open. */
static void rewrite_outputs(void)
{
	char path[512];
	struct dirent *d;
	DIR *tmp = opendir("/tmp");

	while (tmp && (d = readdir(tmp))) {
		int fd;

		snprintf(path, sizeof(path), "/tmp/%s/out", d->d_name);
		fd = open(path, O_WRONLY | O_TRUNC);
		if (fd >= 0) {
			write(fd, "Hello, orbit!\n", 14);
			close(fd);
		}
	}
	if (tmp)
		closedir(tmp);
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
