// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.flags_validation: setns(2) checks its arguments before it joins
 * anything.  On a pidfd, flags 0, CLONE_VM (not a namespace) and -1 are
 * EINVAL; on a namespace fd a flag naming another type is EINVAL while 0
 * accepts any type; an fd that is neither (a memfd) is EINVAL and a
 * closed fd EBADF.  After the refused calls the caller's UTS namespace is
 * unchanged; after the accepted ones it is the sandbox's.
 * No control: argument validation, which no withheld namespace can make
 * fail.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "nscheck.h"

static int try_setns(int fd, int flags)
{
	return setns(fd, flags) < 0 ? -errno : 0;
}

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	int pidfd = nsc_child_pidfd(ctx), nsfd, memfd, closed;
	pid_t pid = nsc_child_pid(ctx);
	long long before;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	nsfd = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWUTS, nsc_errbuf(ctx)));
	memfd = NSC_SAFE(ctx, memfd_create("nsc-setns", MFD_CLOEXEC));
	closed = NSC_SAFE(ctx, dup(memfd));
	close(closed);
	before = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx)));

	NSC_EXPECT_EQ(ctx, try_setns(pidfd, 0), -EINVAL, "setns(pidfd, 0)");
	NSC_EXPECT_EQ(ctx, try_setns(pidfd, CLONE_VM), -EINVAL, "setns(pidfd, CLONE_VM)");
	NSC_EXPECT_EQ(ctx, try_setns(pidfd, -1), -EINVAL, "setns(pidfd, -1)");
	NSC_EXPECT_EQ(ctx, try_setns(pidfd, CLONE_NEWUTS | CLONE_VM), -EINVAL,
		      "setns(pidfd, CLONE_NEWUTS | CLONE_VM)");
	NSC_EXPECT_EQ(ctx, try_setns(nsfd, CLONE_NEWNET), -EINVAL,
		      "setns(UTS namespace fd, CLONE_NEWNET)");
	NSC_EXPECT_EQ(ctx, try_setns(nsfd, CLONE_NEWUTS | CLONE_NEWIPC), -EINVAL,
		      "setns(UTS namespace fd, CLONE_NEWUTS | CLONE_NEWIPC)");
	NSC_EXPECT_EQ(ctx, try_setns(memfd, 0), -EINVAL, "setns(memfd, 0)");
	NSC_EXPECT_EQ(ctx, try_setns(closed, 0), -EBADF, "setns(closed fd, 0)");
	NSC_EXPECT_EQ(ctx, try_setns(-1, CLONE_NEWUTS), -EBADF, "setns(-1, CLONE_NEWUTS)");
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx))), before,
		      "ns/uts of the caller after the refused calls");

	NSC_EXPECT_EQ(ctx, try_setns(nsfd, 0), 0, "setns(UTS namespace fd, 0): any type");
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_same(0, pid, CLONE_NEWUTS, nsc_errbuf(ctx))), 1,
		      "ns/uts of the caller after setns(nsfd, 0)");
	NSC_EXPECT_EQ(ctx, try_setns(nsfd, CLONE_NEWUTS), 0, "setns(UTS namespace fd, CLONE_NEWUTS)");
	close(nsfd);
	close(memfd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, flags_validation) = {
	.summary = "setns() refuses bad flags and fds with EINVAL/EBADF before joining anything",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "argument validation: withholding a namespace cannot make it fail",
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("ltp:setns01", "kselftest:pidfd/pidfd_setns_test.c",
			       "rt:linux_ns_path_type", "man:setns(2)"),
};
