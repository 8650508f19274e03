// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.pidfd_exited_esrch: setns() through the pidfd of a task that has
 * exited (its pidfd polls readable; the fd stays valid, reaped or not)
 * fails with ESRCH and leaves every namespace of the caller as it was.  The same
 * pidfd joined the sandbox's UTS namespace while the sandbox lived, so
 * the failure is the exit, not the fd.
 * No control: an API contract about dead tasks, which no withheld
 * namespace can make fail.
 */
#include <poll.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* then exit */
}

static void parent(struct nsc_ctx *ctx)
{
	int pidfd = nsc_child_pidfd(ctx);
	long long uts, ipc, net;
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_EXPECT_EQ(ctx, setns(pidfd, CLONE_NEWUTS) < 0 ? -errno : 0, 0,
		      "setns(pidfd, CLONE_NEWUTS) while the sandbox lives");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	/* Wait for the exit; the harness reaps (it need not be our child). */
	NSC_SAFE(ctx, poll(&pfd, 1, -1));
	uts = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	ipc = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWIPC, nsc_errbuf(ctx)));
	net = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, setns(pidfd, CLONE_NEWUTS) < 0 ? -errno : 0, -ESRCH,
		      "setns(pidfd of an exited task, CLONE_NEWUTS)");
	NSC_EXPECT_EQ(ctx, setns(pidfd, CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) < 0 ? -errno : 0,
		      -ESRCH, "setns(pidfd of an exited task, UTS | IPC | NET)");
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx))), uts,
		      "ns/uts of the caller after the refused setns()");
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWIPC, nsc_errbuf(ctx))), ipc,
		      "ns/ipc of the caller after the refused setns()");
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWNET, nsc_errbuf(ctx))), net,
		      "ns/net of the caller after the refused setns()");
}

NSC_CASE(setns, pidfd_exited_esrch) = {
	.summary = "setns() through the pidfd of an exited task fails with ESRCH",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "an API contract about exited tasks: withholding a namespace cannot make it fail",
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "man:setns(2)",
			       "man:pidfd_open(2)"),
};
