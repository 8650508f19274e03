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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct jp_shared {
	pid_t self, parent; /* getpid()/getppid() in the forked child */
};

static long long ns_ino(pid_t pid, const char *name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, name);
	if (stat(path, &st) < 0)
		return -errno;
	return (long long)st.st_ino;
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
	if (NSC_SAFE(ctx, ns_ino(nsc_child_pid(ctx), "pid")) !=
	    NSC_SAFE(ctx, ns_ino(me, "pid_for_children")))
		NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWPID));
	pid = NSC_SAFE(ctx, fork());
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
	NSC_EXPECT_EQ(ctx,
		      NSC_SAFE(ctx, ns_ino(me, "pid")) !=
			      NSC_SAFE(ctx, ns_ino(me, "pid_for_children")),
		      1, "the caller's pid and pid_for_children differ after setns");
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, ns_ino(me, "pid_for_children")),
		      NSC_SAFE(ctx, ns_ino(nsc_child_pid(ctx), "pid")),
		      "pid_for_children is the sandbox's PID namespace");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_pid) = {
	.summary = "setns() into a PID namespace places only later children in it",
	.clone_flags = CLONE_NEWPID,
	.kconfigs = NSC_KCONFIGS("CONFIG_PID_NS"),
	.child = child,
	.parent = parent,
};
