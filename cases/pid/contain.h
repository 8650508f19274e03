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
 *
 * The namespace is proven by identity before @fn runs: an unshare that
 * succeeds without creating one (a seccomp filter or an LD_PRELOAD shim
 * can make it so, see integration.ns_identity) must never let a case's
 * kill(-1) or sysctl write reach nscheck's own namespace.  C must be PID
 * 1 in a PID namespace other than the sandbox's; else the case FAILs
 * "namespace not created" and @fn never runs.
 */
#ifndef NSC_CASES_PID_CONTAIN_H
#define NSC_CASES_PID_CONTAIN_H

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

/* Run @fn in the init of a fresh, proven PID namespace; returns its wait status. */
static inline int nsc_pid_contain(struct nsc_ctx *ctx, void (*fn)(struct nsc_ctx *ctx))
{
	long long outer = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	int status, ok[2];
	ssize_t n;
	pid_t c;
	char b = 1;

	if (unshare(CLONE_NEWPID) < 0) {
		int e = errno;

		/* Refused as nsc_unshare() would be: a host restriction or limit. */
		if (e == EPERM || e == EACCES || e == ENOSPC || e == EUSERS)
			nsc_skip(ctx, e,
				 "allow unshare(2) (seccomp, LSM) and raise the user namespace limit of PID namespaces",
				 "cannot create the containing PID namespace: unshare(CLONE_NEWPID): %s",
				 strerror(e));
		nsc_error(ctx, e, "unshare(CLONE_NEWPID) of the containing PID namespace");
	}
	NSC_SAFE(ctx, pipe(ok));
	c = NSC_SAFE(ctx, nsc_fork());
	if (c == 0) {
		close(ok[0]);
		/* The first process of a new namespace is 1 there, in another one. */
		if (getpid() != 1 || nsc_ns_ino(0, CLONE_NEWPID, NULL) == outer)
			_exit(3);
		if (write(ok[1], &b, 1) != 1)
			_exit(3);
		close(ok[1]);
		fn(ctx);
		nsc_exit(ctx);
	}
	close(ok[1]);
	do
		n = read(ok[0], &b, 1);
	while (n < 0 && errno == EINTR);
	close(ok[0]);
	while (waitpid(c, &status, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(containing init)");
	NSC_ASSERT(ctx, n == 1,
		   "namespace not created: unshare(CLONE_NEWPID) returned success, but the "
		   "containing PID namespace is still the sandbox's");
	return status;
}

/*
 * A descendant the case started (a nested init) must have exited 0;
 * else ERROR with @err, the errno it recorded (EAGAIN: a process limit),
 * never FAIL: a process that could not start says nothing of isolation.
 */
static inline void nsc_pid_status_ok(struct nsc_ctx *ctx, int status, int err, const char *who)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		nsc_error(ctx, err ? err : ECHILD, "%s failed (wait status 0x%x)", who, status);
}

#endif
