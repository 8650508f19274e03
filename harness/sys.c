// SPDX-License-Identifier: GPL-2.0-only
/* Syscall shims and the one spawn routine (see sys.h). */
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ns.h"
#include "nscheck.h"
#include "sys.h"

void nsc_exit_status(int status)
{
	nsc_cov_dump();
	_exit(status);
}

/* -1 unknown, 0 no, 1 yes. */
static int clone3_ok = -1;

bool nsc_clone3_available(void)
{
	if (clone3_ok < 0) {
		if (getenv("NSCHECK_NO_CLONE3"))
			clone3_ok = 0;
		else
			/* A NULL/0 call: EINVAL where clone3 exists, ENOSYS where not. */
			clone3_ok = !(syscall(SYS_clone3, NULL, 0) < 0 && errno == ENOSYS);
	}
	return clone3_ok;
}

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/*
 * cgroup of the next nsc_spawn() child (nsc_spawn_cgroup), or -1; and
 * where the caller returns after it had to move there for the clone.
 */
static int spawn_cgroup = -1, spawn_back = -1;
static bool spawn_moved;

/* Move ourselves into cgroup @cgfd (cgroup.procs). */
static int cgroup_enter_self(int cgfd, struct nsc_err *err)
{
	int fd = openat(cgfd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
	char b[24];
	int n = snprintf(b, sizeof(b), "%d", (int)getpid());

	if (fd < 0)
		return nsc_err_set(err, errno, "open cgroup.procs");
	if (write(fd, b, (size_t)n) != n) {
		int e = errno;

		close(fd);
		return nsc_err_set(err, e, "move into the case's cgroup");
	}
	close(fd);
	return 0;
}

int nsc_spawn_cgroup(int cgfd, int backfd, struct nsc_err *err)
{
	spawn_cgroup = cgfd;
	spawn_back = backfd;
	spawn_moved = false;
	(void)err;
	return 0;
}

bool nsc_spawn_moved(void)
{
	return spawn_moved;
}

/* No CLONE_INTO_CGROUP for this clone: move there for it instead. */
static int spawn_cgroup_move(struct nsc_err *err)
{
	int cg = spawn_cgroup;

	spawn_cgroup = -1;
	if (cg < 0)
		return 0;
	spawn_moved = true;
	return cgroup_enter_self(cg, err);
}

pid_t nsc_clone_pidfd(uint64_t flags, int *pidfd, struct nsc_err *err)
{
	struct clone_args args;
	long pid;

	if (nsc_clone3_available()) {
again:
		memset(&args, 0, sizeof(args));
		args.flags = CLONE_PIDFD | flags;
		args.pidfd = (uintptr_t)pidfd;
		args.exit_signal = SIGCHLD;
		if (spawn_cgroup >= 0) {
			args.flags |= CLONE_INTO_CGROUP;
			args.cgroup = (uint64_t)spawn_cgroup;
		}
		pid = syscall(SYS_clone3, &args, sizeof(args));
		/* Before 5.7 no CLONE_INTO_CGROUP (E2BIG/EINVAL): move, then clone. */
		if (pid < 0 && spawn_cgroup >= 0 && (errno == E2BIG || errno == EINVAL)) {
			if (spawn_cgroup_move(err) < 0)
				return -err->err;
			goto again; /* spawn_cgroup is -1 now: no CLONE_INTO_CGROUP */
		}
		if (pid >= 0)
			return (pid_t)pid;
		if (errno != ENOSYS)
			return nsc_err_set(err, errno, "clone3(flags 0x%llx)",
					   (unsigned long long)flags);
		clone3_ok = 0;
	}
	if (spawn_cgroup_move(err) < 0)
		return -err->err;
	return nsc_clone_legacy(flags, pidfd, err);
}

pid_t nsc_clone_legacy(uint64_t flags, int *pidfd, struct nsc_err *err)
{
	long pid;
	int fd;

	/* clone(2) cannot express some flags (time: its bit is in CSIGNAL). */
	if (flags & nsc_ns_clone3_only_flags())
		return nsc_err_setx(err, ENOSYS, "clone(2) cannot express flags 0x%llx",
				    (unsigned long long)(flags & nsc_ns_clone3_only_flags()));
	*pidfd = -1;
	pid = syscall(SYS_clone, CLONE_PIDFD | flags | SIGCHLD, NULL, pidfd, NULL, 0);
	if (pid < 0)
		return nsc_err_set(err, errno, "clone(flags 0x%llx)", (unsigned long long)flags);
	if (pid == 0 || *pidfd >= 0)
		return (pid_t)pid;
	/* A kernel before 5.2 ignored CLONE_PIDFD: our unreaped child stays ours. */
	fd = nsc_pidfd_open((pid_t)pid);
	if (fd < 0) {
		kill((pid_t)pid, SIGKILL);
		waitpid((pid_t)pid, NULL, 0);
		return nsc_err_setx(err, -fd, "pidfd_open of the clone(2) child: %s", strerror(-fd));
	}
	*pidfd = fd;
	return (pid_t)pid;
}

int nsc_pidfd_wait(int pidfd, siginfo_t *si, int options)
{
	memset(si, 0, sizeof(*si));
	while (waitid((idtype_t)P_PIDFD, (id_t)pidfd, si, options) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

int nsc_pidfd_open(pid_t pid)
{
	long fd = syscall(SYS_pidfd_open, pid, 0);

	return fd < 0 ? -errno : (int)fd;
}

int nsc_pidfd_kill(int pidfd, int sig)
{
	return syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0) < 0 ? -errno : 0;
}

pid_t nsc_spawn(uint64_t flags, bool legacy, int *pidfd, int *gate, struct nsc_err *err)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return nsc_err_set(err, errno, "gate pipe");
	fflush(NULL);
	/* clone(2) has no CLONE_INTO_CGROUP: move there for the clone. */
	if (legacy && spawn_cgroup_move(err) < 0) {
		close(p[0]);
		close(p[1]);
		return -err->err;
	}
	pid = legacy ? nsc_clone_legacy(flags, pidfd, err) : nsc_clone_pidfd(flags, pidfd, err);
	spawn_cgroup = -1;
	/* Moved for the clone: back where we were, the child stays. */
	if (pid != 0 && spawn_moved) {
		spawn_moved = false;
		if (spawn_back >= 0 && cgroup_enter_self(spawn_back, pid < 0 ? NULL : err) < 0 &&
		    pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(p[0]);
			close(p[1]);
			return -err->err;
		}
	}
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return pid;
	}
	if (pid == 0) {
		nsc_cov_reset(); /* counters inherited from the parent */
		close(p[1]);
		*gate = p[0];
		return 0;
	}
	close(p[0]);
	*gate = p[1];
	return pid;
}

int nsc_spawn_pass(int gate)
{
	ssize_t n;
	char b;

	do
		n = read(gate, &b, 1);
	while (n < 0 && errno == EINTR);
	close(gate);
	return n == 1 ? 0 : -EPIPE;
}

int nsc_spawn_open(int gate, struct nsc_err *err)
{
	char b = 1;
	int ret = 0;

	if (write(gate, &b, 1) != 1)
		ret = nsc_err_set(err, errno, "open the gate");
	close(gate);
	return ret;
}
