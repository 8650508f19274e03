// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.unshare_for_children: unshare(CLONE_NEWTIME) leaves the caller in
 * its time namespace and creates a new one only for its children
 * (/proc/self/ns/time_for_children differs from ns/time, ns/time is
 * unchanged); a forked child is in the new namespace, after which its
 * offsets are frozen (writing timens_offsets fails with EACCES).
 * Control: without CLONE_NEWTIME time_for_children equals time.
 */
#include "timens.h"

struct for_children_shared {
	long long child_time; /* grandchild's ns/time inode */
};

static void child(struct nsc_ctx *ctx)
{
	struct for_children_shared *sh = nsc_shared_as(ctx, struct for_children_shared);
	long long before, self, kids;
	int status, ret;
	pid_t pid;

	before = NSC_TRY(ctx, nsc_timens_ino(false, nsc_errbuf(ctx)));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	self = NSC_TRY(ctx, nsc_timens_ino(false, nsc_errbuf(ctx)));
	kids = NSC_TRY(ctx, nsc_timens_ino(true, nsc_errbuf(ctx)));
	NSC_ISOLATED_NE(ctx, kids, self,
			"the time namespace for children is the caller's own after unshare(CLONE_NEWTIME)");
	NSC_EXPECT_EQ(ctx, self, before, "the unsharing process's own time namespace");

	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->child_time = nsc_timens_ino(false, nsc_errbuf(ctx));
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, sh->child_time, kids,
		      "time namespace of a child forked after the unshare");
	ret = nsc_timens_write_offset("monotonic", 1);
	/* Without CAP_SYS_TIME the kernel says EPERM before it looks. */
	if (ret == -EPERM)
		nsc_skip_if_restricted(ctx, NSC_OP_TIMENS_OFFSETS, EPERM, NULL);
	NSC_EXPECT_EQ(ctx, ret, -EACCES,
		      "writing timens_offsets after a process entered the namespace");
}

NSC_CASE(time, unshare_for_children) = {
	.summary = "unshare(CLONE_NEWTIME) moves only children into the new time namespace",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("kselftest:timens/timens.c", "man:time_namespaces(7)"),
};
