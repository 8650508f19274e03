// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.foreign_owner_eperm: joining a namespace needs CAP_SYS_ADMIN in
 * the user namespace that owns it.  From a new user namespace, whose
 * capabilities do not reach its parent, setns() into the case process's
 * UTS and IPC namespaces (owned by the parent user namespace; disposable,
 * .outer_flags; the fds are opened before the clone and inherited)
 * fails with EPERM, through a pidfd and through namespace
 * fds alike, and the sandbox stays where it was.  Isolation check: the
 * EPERM.  Control: without CLONE_NEWUSER the sandbox holds the
 * capability over their owner, and the same joins succeed.
 */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

/* Opened by the case process before the clone; the sandbox inherits them. */
static int nsc_fo_pidfd = -1, nsc_fo_uts = -1, nsc_fo_ipc = -1, nsc_fo_sibling = -1;
static int nsc_fo_hold[2] = { -1, -1 };

/* A helper in a sibling user namespace; its pidfd in nsc_fo_sibling. */
static void sibling_start(struct nsc_ctx *ctx)
{
	int ready[2];
	pid_t pid;
	char b = 0;

	NSC_SAFE(ctx, pipe2(ready, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(nsc_fo_hold, O_CLOEXEC));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		close(ready[0]);
		close(nsc_fo_hold[1]);
		b = nsc_unshare(ctx, CLONE_NEWUSER | CLONE_NEWUTS) < 0 ? 1 : 0;
		if (write(ready[1], &b, 1) == 1 && !b)
			(void)!read(nsc_fo_hold[0], &b, 1); /* until the case closes it */
		_exit(0);
	}
	close(ready[1]);
	close(nsc_fo_hold[0]);
	if (read(ready[0], &b, 1) != 1 || b)
		nsc_error(ctx, 0, "helper: unshare a sibling user namespace failed");
	close(ready[0]);
	nsc_fo_sibling = NSC_SAFE(ctx, (int)syscall(SYS_pidfd_open, pid, 0));
}

static int setup(struct nsc_ctx *ctx)
{
	sibling_start(ctx);
	nsc_fo_pidfd = NSC_SAFE(ctx, (int)syscall(SYS_pidfd_open, getpid(), 0));
	nsc_fo_uts = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	nsc_fo_ipc = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWIPC, nsc_errbuf(ctx)));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	long long mine = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	int r;

	r = setns(nsc_fo_pidfd, CLONE_NEWUTS | CLONE_NEWIPC) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, r, -EPERM,
			"setns(pidfd, UTS | IPC) into namespaces of the parent user namespace");
	r = setns(nsc_fo_uts, CLONE_NEWUTS) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, r, -EPERM, "setns(nsfd, CLONE_NEWUTS) into the parent's UTS namespace");
	r = setns(nsc_fo_ipc, 0) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, r, -EPERM, "setns(nsfd, 0) into the parent's IPC namespace");
	r = setns(nsc_fo_sibling, CLONE_NEWUTS) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, r, -EPERM,
			"setns(pidfd, CLONE_NEWUTS) into a UTS namespace of a sibling user namespace");
	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER)
		NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx))), mine,
			      "ns/uts of the sandbox after the refused joins");
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	close(nsc_fo_pidfd);
	close(nsc_fo_uts);
	close(nsc_fo_ipc);
	close(nsc_fo_sibling);
	close(nsc_fo_hold[1]); /* the helper exits */
}

NSC_CASE(setns, foreign_owner_eperm) = {
	.summary = "setns() into namespaces owned by an ancestor user namespace fails with EPERM",
	.clone_flags = CLONE_NEWUSER,
	.outer_flags = CLONE_NEWUTS | CLONE_NEWIPC,
	.setup = setup,
	.child = child,
	.cleanup = cleanup,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "ltp:userns04", "man:setns(2)",
			       "man:user_namespaces(7)"),
};
