/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PID namespace that contains a case's processes, in the real run and
 * in the control alike.  Cases whose members must outlive their parent
 * (parent-death signal cleared: orphans, the survivors of an init in the
 * control) or that send kill(-1) need a namespace around them that is
 * not the property's: without CLONE_NEWPID (the control) they would
 * otherwise end up with nscheck's runner, which kills its orphans at any
 * moment, or signal the host.  nsc_pid_contain() unshares one (never
 * withheld: it is not the namespace under test, like .outer_flags) and
 * runs @fn in its init C; everything @fn starts dies with C, and C dies
 * with the sandbox (parent-death signal).  The sandbox cannot do this
 * through .outer_flags: a process that unshared CLONE_NEWPID cannot
 * clone with CLONE_NEWPID (EINVAL), and the sandbox is cloned so.
 */
#ifndef NSC_CASES_PID_CONTAIN_H
#define NSC_CASES_PID_CONTAIN_H

#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

/* Run @fn in the init of a fresh PID namespace; returns its wait status. */
static inline int nsc_pid_contain(struct nsc_ctx *ctx, void (*fn)(struct nsc_ctx *ctx))
{
	int status;
	pid_t c;

	if (unshare(CLONE_NEWPID) < 0) {
		int e = errno;

		/* Refused as nsc_unshare() would be: a host restriction or limit. */
		if (e == EPERM || e == EACCES || e == ENOSPC || e == EUSERS)
			nsc_skip(ctx, e,
				 "allow unshare(2) (seccomp, LSM) and raise user.max_pid_namespaces",
				 "cannot create the containing PID namespace: unshare(CLONE_NEWPID): %s",
				 strerror(e));
		nsc_error(ctx, e, "unshare(CLONE_NEWPID) of the containing PID namespace");
	}
	c = NSC_SAFE(ctx, nsc_fork());
	if (c == 0) {
		fn(ctx);
		nsc_exit(ctx);
	}
	while (waitpid(c, &status, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(containing init)");
	return status;
}

#endif
