// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.init_is_pid1: the first process of a new PID namespace sees itself
 * as PID 1 with parent 0, while the outside sees another PID for it
 * (/proc/<pid>/status NSpid has both).  Control: without CLONE_NEWPID
 * getpid() is the outside PID.
 */
#include <stdio.h>
#include <unistd.h>

#include "status.h"

struct pid_shared {
	pid_t inside;
};

static void child(struct nsc_ctx *ctx)
{
	struct pid_shared *sh = nsc_shared_as(ctx, struct pid_shared);

	sh->inside = getpid();
	NSC_ISOLATED_EQ(ctx, getpid(), 1, "getpid() inside a new PID namespace");
	NSC_ISOLATED_EQ(ctx, getppid(), 0, "getppid() of the namespace's init");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* outside has looked at us */
}

static void parent(struct nsc_ctx *ctx)
{
	struct pid_shared *sh = nsc_shared_as(ctx, struct pid_shared);
	long nspid[4] = { 0 };
	int n;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_ISOLATED_NE(ctx, nsc_child_pid(ctx), sh->inside,
			"outside PID equals the PID the process sees inside");
	n = nsc_pid_status_line(nsc_child_pid(ctx), "NSpid:", nspid, 4);
	NSC_EXPECT_EQ(ctx, n, 2, "NSpid levels of the sandbox seen from outside");
	NSC_EXPECT_EQ(ctx, nspid[0], nsc_child_pid(ctx), "NSpid outer entry");
	NSC_EXPECT_EQ(ctx, nspid[n > 0 ? n - 1 : 0], 1, "NSpid innermost entry");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(pid, init_is_pid1) = {
	.summary = "the first process in a new PID namespace is PID 1 with parent 0",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns01", "man:pid_namespaces(7)"),
};
