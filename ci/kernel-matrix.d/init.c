// SPDX-License-Identifier: GPL-2.0-only
/*
 * The init of ci/kernel-matrix's initramfs: mount what nscheck needs,
 * load the modules, run the static nscheck (--all --unsafe: the guest is
 * disposable), print its JSON report between
 * markers on the console, power off.  Built static by ci/kernel-matrix.
 *
 *	/init              this program
 *	/nscheck           the static nscheck (ci/static)
 *	/modules/NN-*.ko*  the kernel's modules nscheck's cases use (veth,
 *	                   nf_tables, binfmt_misc), dependencies first
 *
 * Console output (serial, for LAVA's monitors and the log extraction):
 * TAP 14 from nscheck, then
 *	NSCHECK-JSON-BEGIN / the report in base64 / NSCHECK-JSON-END
 *	NSCHECK-EXIT <status>
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define NSC_MODULE_INIT_COMPRESSED_FILE 4

static void say(const char *what, int err)
{
	printf("nsc-init: %s%s%s\n", what, err ? ": " : "", err ? strerror(err) : "");
	fflush(stdout);
}

static void mnt(const char *src, const char *dir, const char *type, const char *opts)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, MS_NOSUID | MS_NODEV, opts) < 0 && errno != EBUSY)
		say(dir, errno);
}

static void console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/* finit_module() every file of /modules in name order (dependencies first). */
static void load_modules(void)
{
	struct dirent **names;
	char path[300], line[400];
	int n = scandir("/modules", &names, NULL, alphasort);

	if (n < 0) {
		say("no /modules (every module built in, or none found)", 0);
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(name);
		bool packed = len > 3 &&
			      (!strcmp(name + len - 3, ".xz") || !strcmp(name + len - 4, ".zst"));
		int fd;

		if (name[0] == '.')
			goto next;
		snprintf(path, sizeof(path), "/modules/%s", name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		snprintf(line, sizeof(line), "finit_module %s", name);
		if (fd < 0 || (syscall(SYS_finit_module, fd, "",
				       packed ? NSC_MODULE_INIT_COMPRESSED_FILE : 0) < 0 &&
			       errno != EEXIST))
			say(line, errno);
		else
			say(line, 0);
		if (fd >= 0)
			close(fd);
next:
		free(names[i]);
	}
	free(names);
}

/*
 * Turn on cgroup2's nsdelegate, a global option of the one cgroup2
 * hierarchy (the cgroup.nsdelegate_* and open_time_ns_perm cases SKIP
 * without it), and leave no cgroup2 mount: a mount made in the initial
 * cgroup namespace applies its options to the hierarchy, and they stay
 * after the unmount.  Side effect: /proc/self/cgroup lists the cgroup2
 * line from now on (the kernel shows it once cgroup2 was mounted).
 */
static void cgroup2_nsdelegate(void)
{
	const char *dir = "/sys/fs/cgroup";

	if (mount("cgroup2", dir, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, "nsdelegate") < 0) {
		say("mount cgroup2 -o nsdelegate", errno);
		return;
	}
	if (umount2(dir, 0) < 0)
		say("umount cgroup2", errno);
}

static int run_nscheck(void)
{
	/* A disposable VM: the unsafe cases (clocks, reboot(2)) run too. */
	char *argv[] = { "/nscheck", "--all",  "--no-audit",	   "--unsafe", "--color",
			 "never",    "--json", "/tmp/report.json", NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		say("fork", errno);
		return -1;
	}
	if (!pid) {
		execv(argv[0], argv);
		say("exec /nscheck", errno);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * The report in base64, 76 characters a line: console logs (LAVA's
 * among them) escape quotes and backslashes their own way.
 */
static void print_report(void)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char in[57];
	char line[80];
	size_t n, k;
	FILE *fp = fopen("/tmp/report.json", "r");

	puts("NSCHECK-JSON-BEGIN");
	while (fp && (n = fread(in, 1, sizeof(in), fp)) > 0) {
		k = 0;
		for (size_t i = 0; i < n; i += 3) {
			unsigned int v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0) |
					 (i + 2 < n ? in[i + 2] : 0);

			line[k++] = b64[v >> 18 & 63];
			line[k++] = b64[v >> 12 & 63];
			line[k++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
			line[k++] = i + 2 < n ? b64[v & 63] : '=';
		}
		line[k] = '\0';
		puts(line);
	}
	if (fp)
		fclose(fp);
	puts("NSCHECK-JSON-END");
	fflush(stdout);
}

int main(void)
{
	int status;

	mnt("devtmpfs", "/dev", "devtmpfs", NULL);
	console();
	mnt("proc", "/proc", "proc", NULL);
	mnt("sysfs", "/sys", "sysfs", NULL);
	mnt("tmpfs", "/tmp", "tmpfs", "mode=1777");
	mnt("tmpfs", "/run", "tmpfs", "mode=755");
	load_modules();
	/*
	 * No cgroup2 mount and everything in the root cgroup, as an
	 * initramfs init leaves it: the cgroup cases make their own context
	 * (a detached cgroup2 mount, a child cgroup of nscheck's own).  But
	 * nsdelegate on, as systemd sets it on a host (cgroup2_nsdelegate).
	 */
	cgroup2_nsdelegate();
	status = run_nscheck();
	print_report();
	printf("NSCHECK-EXIT %d\n", status);
	fflush(stdout);
	tcdrain(STDOUT_FILENO); /* out of the serial port before power off */
	sync();
	reboot(RB_POWER_OFF);
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}
