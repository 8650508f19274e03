// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_pid: setns(pidfd, CLONE_NEWPID) into the sandbox's PID
 * namespace leaves the caller's own PID alone and changes only
 * pid_for_children: a child forked afterwards gets a PID in the sandbox's
 * namespace (not the one fork() returned outside) and sees parent 0.
 * Control: without CLONE_NEWPID the joined namespace is the caller's own
 * and the forked child's getpid() equals fork()'s return.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct jp_shared {
	pid_t self, parent; /* getpid()/getppid() in the forked child */
};

/* Inode of @pid's PID namespace, or of the one its children get. */
static long long pid_ino(struct nsc_ctx *ctx, pid_t pid)
{
	return NSC_TRY(ctx, nsc_ns_ino(pid, CLONE_NEWPID, nsc_errbuf(ctx)));
}

static long long kids_ino(struct nsc_ctx *ctx, pid_t pid)
{
	return NSC_TRY(ctx, nsc_ns_children_ino(pid, CLONE_NEWPID, nsc_errbuf(ctx)));
}

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct jp_shared *sh = nsc_shared_as(ctx, struct jp_shared);
	pid_t me = getpid(), pid;
	int status;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	/*
	 * Joining the PID namespace one is already in is a no-op, and one
	 * owned by an ancestor user namespace (rootless control) refuses it.
	 */
	if (pid_ino(ctx, nsc_child_pid(ctx)) != kids_ino(ctx, me))
		NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWPID));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->self = getpid();
		sh->parent = getppid();
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_ISOLATED_NE(ctx, sh->self, pid,
			"a child forked after setns(CLONE_NEWPID) sees the PID fork() returned outside");
	NSC_EXPECT_EQ(ctx, sh->parent, 0, "getppid() of a child whose parent is outside");
	NSC_EXPECT_EQ(ctx, getpid(), me, "the caller's own PID after setns");
	NSC_EXPECT_EQ(ctx, pid_ino(ctx, me) != kids_ino(ctx, me), 1,
		      "the PID namespace of the caller and of its children differ after setns");
	NSC_EXPECT_EQ(ctx, kids_ino(ctx, me), pid_ino(ctx, nsc_child_pid(ctx)),
		      "the PID namespace for the caller's children is the sandbox's");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_pid) = {
	.summary = "setns() into a PID namespace places only later children in it",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pid_namespace/pidns_init_via_setns.c", "man:setns(2)"),
};
