// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfd.get_namespace_ioctls: ioctl(pidfd, PIDFD_GET_<TYPE>_NAMESPACE)
 * (Linux 6.11) returns an fd of the task's namespace of that type: the
 * same namespace as its /proc entry, usable with setns(), and
 * PID_FOR_CHILDREN gives the PID namespace its children get.  Once the
 * task has exited the ioctls fail (ESRCH).  Isolation check, per type:
 * the namespace of the sandbox's pidfd is not the case process's own.
 * Control: without the flags every returned namespace is the caller's.
 * A kernel without the ioctls (ENOTTY) SKIPs.
 */
#include <poll.h>

#include "../nsfs/nsfs.h"

static const struct {
	uint64_t flag;
	unsigned long req;
	const char *name;
} gn_types[] = {
	{ CLONE_NEWCGROUP, NSC_PIDFD_GET_CGROUP_NAMESPACE, "CGROUP" },
	{ CLONE_NEWIPC, NSC_PIDFD_GET_IPC_NAMESPACE, "IPC" },
	{ CLONE_NEWNS, NSC_PIDFD_GET_MNT_NAMESPACE, "MNT" },
	{ CLONE_NEWPID, NSC_PIDFD_GET_PID_NAMESPACE, "PID" },
	{ CLONE_NEWUSER, NSC_PIDFD_GET_USER_NAMESPACE, "USER" },
	{ CLONE_NEWUTS, NSC_PIDFD_GET_UTS_NAMESPACE, "UTS" },
};
#define GN_N (sizeof(gn_types) / sizeof(gn_types[0]))

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* then exit */
}

static void parent(struct nsc_ctx *ctx)
{
	int pidfd = nsc_child_pidfd(ctx), fd, proc, mine;
	pid_t pid = nsc_child_pid(ctx);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	long r;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	r = nsc_nsfs_ioctl(pidfd, NSC_PIDFD_GET_UTS_NAMESPACE, 0);
	if (r == -ENOTTY || r == -EINVAL)
		nsc_skip(ctx, (int)-r, "Linux >= 6.11",
			 "no PIDFD_GET_*_NAMESPACE in this kernel (%s)", strerror((int)-r));
	if (r >= 0)
		close((int)r);
	for (size_t i = 0; i < GN_N; i++) {
		fd = (int)nsc_nsfs_ioctl(pidfd, gn_types[i].req, 0);
		if (fd < 0)
			nsc_error(ctx, -fd, "PIDFD_GET_%s_NAMESPACE", gn_types[i].name);
		proc = NSC_TRY(ctx, nsc_ns_open(pid, gn_types[i].flag, nsc_errbuf(ctx)));
		mine = NSC_TRY(ctx, nsc_ns_open(0, gn_types[i].flag, nsc_errbuf(ctx)));
		NSC_EXPECT_EQ(ctx, nsc_nsfs_same(fd, proc), 1,
			      "PIDFD_GET_%s_NAMESPACE is the sandbox's namespace of that type",
			      gn_types[i].name);
		NSC_ISOLATED_EQ(ctx, nsc_nsfs_same(fd, mine), 0,
				"PIDFD_GET_%s_NAMESPACE of the sandbox is the caller's",
				gn_types[i].name);
		close(proc);
		close(mine);
		close(fd);
	}
	fd = (int)NSC_TRY(ctx, nsc_nsfs_ioctl(pidfd, NSC_PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE, 0));
	proc = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWPID, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, nsc_nsfs_same(fd, proc), 1,
		      "PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE of a task that did not unshare");
	close(proc);
	close(fd);
	fd = (int)NSC_TRY(ctx, nsc_nsfs_ioctl(pidfd, NSC_PIDFD_GET_UTS_NAMESPACE, 0));
	NSC_EXPECT_EQ(ctx, setns(fd, CLONE_NEWUTS) < 0 ? -errno : 0, 0,
		      "setns() with the fd PIDFD_GET_UTS_NAMESPACE returned");
	close(fd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	/* Its pidfd polls readable once it exited (it need not be our child). */
	NSC_SAFE(ctx, poll(&pfd, 1, -1));
	r = nsc_nsfs_ioctl(pidfd, NSC_PIDFD_GET_UTS_NAMESPACE, 0);
	if (r >= 0)
		close((int)r);
	NSC_EXPECT_EQ(ctx, r < 0 ? r : 0, -ESRCH, "PIDFD_GET_UTS_NAMESPACE after the task exited");
}

NSC_CASE(pidfd, get_namespace_ioctls) = {
	.summary = "PIDFD_GET_<TYPE>_NAMESPACE returns the task's namespace fds",
	.clone_flags = CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUSER |
		       CLONE_NEWUTS,
	.child = child,
	.parent = parent,
	.min_kernel = "6.11",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "man:pidfd_open(2)"),
};
