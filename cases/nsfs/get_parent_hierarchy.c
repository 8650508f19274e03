// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.get_parent_hierarchy: NS_GET_PARENT walks the PID and user
 * namespace hierarchies upwards, but not past the caller's own.  From
 * outside, NS_GET_PARENT on the sandbox's PID and user namespace fds gives
 * the case process's own (isolation checks).  From inside, NS_GET_PARENT
 * on the sandbox's own PID and user namespaces is EPERM (their parents
 * are out of reach), and on UTS, IPC and mount namespace fds (no
 * hierarchy) EINVAL.  Control: without CLONE_NEWPID and CLONE_NEWUSER the
 * sandbox's namespaces are the caller's, whose parents are not the
 * caller's own namespaces (or out of reach: EPERM).
 */
#include "nsfs.h"

static void child(struct nsc_ctx *ctx)
{
	static const uint64_t flat[] = { CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNS };
	int pid = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	int user = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	long r;

	r = nsc_nsfs_ioctl(pid, NS_GET_PARENT, 0);
	NSC_EXPECT_EQ(ctx, r < 0 ? r : 0, -EPERM, "NS_GET_PARENT on the caller's own PID namespace");
	r = nsc_nsfs_ioctl(user, NS_GET_PARENT, 0);
	NSC_EXPECT_EQ(ctx, r < 0 ? r : 0, -EPERM, "NS_GET_PARENT on the caller's own user namespace");
	for (size_t i = 0; i < sizeof(flat) / sizeof(flat[0]); i++) {
		int fd = NSC_TRY(ctx, nsc_ns_open(0, flat[i], nsc_errbuf(ctx)));

		r = nsc_nsfs_ioctl(fd, NS_GET_PARENT, 0);
		NSC_EXPECT_EQ(ctx, r < 0 ? r : 0, -EINVAL,
			      "NS_GET_PARENT on a namespace type without hierarchy (flag %#llx)",
			      (unsigned long long)flat[i]);
		close(fd);
	}
	close(pid);
	close(user);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespaces alive */
}

/* NS_GET_PARENT on the sandbox's @flag namespace: same as the caller's? */
static int parent_is_mine(struct nsc_ctx *ctx, uint64_t flag)
{
	int fd = NSC_TRY(ctx, nsc_ns_open(nsc_child_pid(ctx), flag, nsc_errbuf(ctx)));
	int mine = NSC_TRY(ctx, nsc_ns_open(0, flag, nsc_errbuf(ctx)));
	long par = nsc_nsfs_ioctl(fd, NS_GET_PARENT, 0);
	int same = par < 0 ? 0 : nsc_nsfs_same((int)par, mine);

	if (par >= 0)
		close((int)par);
	close(fd);
	close(mine);
	return same;
}

static void parent(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_ISOLATED_EQ(ctx, parent_is_mine(ctx, CLONE_NEWPID), 1,
			"NS_GET_PARENT on the sandbox's PID namespace is the caller's");
	NSC_ISOLATED_EQ(ctx, parent_is_mine(ctx, CLONE_NEWUSER), 1,
			"NS_GET_PARENT on the sandbox's user namespace is the caller's");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(nsfs, get_parent_hierarchy) = {
	.summary = "NS_GET_PARENT climbs PID and user namespaces, never past the caller's",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.min_kernel = "4.9",
	.anchors = NSC_ANCHORS("kselftest:nsfs/pidns.c", "ltp:ioctl_ns01", "ltp:ioctl_ns02",
			       "ltp:ioctl_ns05", "man:ioctl_ns(2)"),
};
