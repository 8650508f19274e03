// SPDX-License-Identifier: GPL-2.0-only
/* nsc_fork_into(): nsc_fork() (base/proc.c) into a cgroup (nscheck.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

pid_t nsc_fork_into(int cgroup_fd)
{
	struct clone_args args;
	pid_t parent = getpid(), pid;
	char b[24];
	int fd, n, e;

	memset(&args, 0, sizeof(args));
	args.flags = CLONE_INTO_CGROUP;
	args.cgroup = (uint64_t)cgroup_fd;
	args.exit_signal = SIGCHLD;
	fflush(NULL);
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		return nsc_fork_arm(parent);
	if (pid > 0)
		return pid;
	if (errno != ENOSYS && errno != E2BIG && errno != EINVAL)
		return -errno;
	/* No clone3 or no CLONE_INTO_CGROUP (< 5.7): fork, then move it. */
	pid = nsc_fork();
	if (pid <= 0)
		return pid;
	fd = openat(cgroup_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
	n = snprintf(b, sizeof(b), "%d", (int)pid);
	if (fd >= 0 && write(fd, b, (size_t)n) == n) {
		close(fd);
		return pid;
	}
	e = errno;
	if (fd >= 0)
		close(fd);
	kill(pid, SIGKILL);
	return -e;
}

void nsc_park(void)
{
	nsc_cov_dump();
	for (;;)
		pause();
}
