// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.get_userns_owner: NS_GET_USERNS on a namespace fd returns the user
 * namespace that owns it, and only when that owner is the caller's user
 * namespace or one below it.  The sandbox is cloned with CLONE_NEWUSER and
 * a new UTS namespace: from outside, NS_GET_USERNS on the sandbox's UTS
 * fd gives the sandbox's user namespace (isolation check: not the
 * caller's own); from inside, asking about the case process's UTS
 * namespace (fd opened before the clone) is EPERM (isolation check: the
 * owner is out of the sandbox's reach), and asking about its own UTS
 * namespace gives its own user namespace.  Control: without
 * CLONE_NEWUSER every owner is the caller's user namespace.
 */
#include "nsfs.h"

static int nsc_ou_outer = -1; /* the case process's UTS namespace */

static int setup(struct nsc_ctx *ctx)
{
	nsc_ou_outer = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	int uts = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	int user = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	long owner = nsc_nsfs_ioctl(nsc_ou_outer, NS_GET_USERNS, 0);

	NSC_ISOLATED_EQ(ctx, owner < 0 ? owner : 0, -EPERM,
			"NS_GET_USERNS from inside on the parent's UTS namespace");
	owner = NSC_TRY(ctx, nsc_nsfs_ioctl(uts, NS_GET_USERNS, 0));
	NSC_EXPECT_EQ(ctx, nsc_nsfs_same((int)owner, user), 1,
		      "NS_GET_USERNS on the sandbox's own UTS namespace is its user namespace");
	close((int)owner);
	close(uts);
	close(user);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespaces alive */
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);
	int uts, owner, mine;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	uts = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWUTS, nsc_errbuf(ctx)));
	mine = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	owner = (int)NSC_TRY(ctx, nsc_nsfs_ioctl(uts, NS_GET_USERNS, 0));
	NSC_ISOLATED_EQ(ctx, nsc_nsfs_same(owner, mine), 0,
			"the owner of the sandbox's UTS namespace is the caller's user namespace");
	NSC_EXPECT_EQ(ctx, nsc_nsfs_ino(owner),
		      NSC_TRY(ctx, nsc_ns_ino(pid, CLONE_NEWUSER, nsc_errbuf(ctx))),
		      "NS_GET_USERNS on the sandbox's UTS namespace is the sandbox's user namespace");
	close(owner);
	close(mine);
	close(uts);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	close(nsc_ou_outer);
}

NSC_CASE(nsfs, get_userns_owner) = {
	.summary = "NS_GET_USERNS returns a namespace's owner, only within the caller's reach",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWUTS,
	.outer_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.parent = parent,
	.cleanup = cleanup,
	.min_kernel = "4.9",
	.anchors = NSC_ANCHORS("kselftest:nsfs/owner.c", "ltp:ioctl_ns04", "ltp:ioctl_ns06",
			       "man:ioctl_ns(2)"),
};
