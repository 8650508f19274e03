// SPDX-License-Identifier: GPL-2.0-only
/* nsc_fork(): a child that dies with its parent (base.h). */
#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "base.h"

/* See base.h. */
pid_t nsc_fork_arm(pid_t parent)
{
	/*
	 * PDEATHSIG acts only from now on: a parent that died in between
	 * left us with another parent (the first child after
	 * unshare(CLONE_NEWPID) sees parent 0: its parent is outside).
	 */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent && getppid() != 0)
		_exit(0);
	return 0;
}

pid_t nsc_fork(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid < 0)
		return -errno;
	if (pid)
		return pid;
	return nsc_fork_arm(parent);
}
