// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.fork_after_init_exit_enomem: after unshare(CLONE_NEWPID) the
 * caller's first child is the new namespace's init; once it has exited
 * (and been reaped) the namespace is dead and a further fork() by the
 * caller fails with ENOMEM (alloc_pid() finds no child reaper).
 * Asserted on the errno of the second fork.  Control: without
 * CLONE_NEWPID the first child is an ordinary process (not PID 1) and
 * the second fork succeeds.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct faie_shared {
	pid_t first; /* getpid() in the first child */
};

static void child(struct nsc_ctx *ctx)
{
	struct faie_shared *sh = nsc_shared_as(ctx, struct faie_shared);
	pid_t pid;
	int status;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->first = getpid();
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_ISOLATED_EQ(ctx, sh->first, 1, "getpid() of the first child after unshare(CLONE_NEWPID)");

	pid = nsc_fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_ISOLATED_EQ(ctx, pid > 0 ? 0 : pid, -ENOMEM,
			"fork() after the namespace's init exited (0: it succeeded)");
}

NSC_CASE(pid, fork_after_init_exit_enomem) = {
	.summary = "fork() into a PID namespace whose init has exited fails with ENOMEM",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("kselftest:pid_namespace/regression_enomem.c", "man:pid_namespaces(7)"),
};
