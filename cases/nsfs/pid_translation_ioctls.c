// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.pid_translation_ioctls: on a PID namespace fd, NS_GET_PID_FROM_PIDNS
 * and NS_GET_TGID_FROM_PIDNS translate a PID of that namespace into the
 * caller's, NS_GET_PID_IN_PIDNS and NS_GET_TGID_IN_PIDNS translate one of
 * the caller's into that namespace, and a task not visible there is
 * ESRCH (Linux 6.11; no selftest covers them).  On the sandbox's PID
 * namespace: PID 1 there is the sandbox (the PID fork returned outside),
 * the sandbox is PID 1 there, and the case process has no PID there.
 * Control: without CLONE_NEWPID the namespace is the caller's own and
 * every translation is the identity.  A kernel without the ioctls
 * (ENOTTY) SKIPs.
 */
#include "nsfs.h"

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);
	int fd;
	long r;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	fd = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWPID, nsc_errbuf(ctx)));
	r = nsc_nsfs_ioctl(fd, NS_GET_PID_FROM_PIDNS, 1);
	if (r == -ENOTTY || r == -EINVAL)
		nsc_skip(ctx, -r, "Linux >= 6.11",
			 "no NS_GET_PID_FROM_PIDNS in this kernel (ioctl gave %s)",
			 strerror((int)-r));
	NSC_ISOLATED_EQ(ctx, r, pid, "NS_GET_PID_FROM_PIDNS(1) on the sandbox's PID namespace");
	NSC_ISOLATED_EQ(ctx, nsc_nsfs_ioctl(fd, NS_GET_TGID_FROM_PIDNS, 1), pid,
			"NS_GET_TGID_FROM_PIDNS(1) on the sandbox's PID namespace");
	NSC_ISOLATED_EQ(ctx, nsc_nsfs_ioctl(fd, NS_GET_PID_IN_PIDNS, (unsigned long)pid), 1,
			"NS_GET_PID_IN_PIDNS(the sandbox) in its PID namespace");
	NSC_ISOLATED_EQ(ctx, nsc_nsfs_ioctl(fd, NS_GET_TGID_IN_PIDNS, (unsigned long)pid), 1,
			"NS_GET_TGID_IN_PIDNS(the sandbox) in its PID namespace");
	NSC_ISOLATED_EQ(ctx, nsc_nsfs_ioctl(fd, NS_GET_PID_IN_PIDNS, (unsigned long)getpid()), -ESRCH,
			"NS_GET_PID_IN_PIDNS(the case process) in the sandbox's PID namespace");
	close(fd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(nsfs, pid_translation_ioctls) = {
	.summary = "NS_GET_{PID,TGID}_{FROM,IN}_PIDNS translate PIDs across a PID namespace",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.min_kernel = "6.11",
	.tags = "gap: no kselftest or LTP test of these ioctls",
	.anchors = NSC_ANCHORS("man:ioctl_ns(2)", "other:include/uapi/linux/nsfs.h"),
};
