// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.mntns_iterate: the mount namespace ioctls of Linux 6.12:
 * NS_MNT_GET_INFO on a mount nsfd gives the namespace's id (the one
 * NS_GET_MNTNS_ID gives) and its number of mounts (its mountinfo's
 * count, or one less, see below); NS_MNT_GET_NEXT and NS_MNT_GET_PREV return an nsfd of the
 * namespace with the next higher / lower id, moving the id one way, and
 * never one the caller is not privileged over (CAP_SYS_ADMIN over its
 * owner): measured on 6.18, the walk then stops with EPERM (ENOENT at
 * the end of the list).  In the sandbox (new user and mount namespaces)
 * with one more mount namespace unshared by its child, walking both
 * ways from its own may only ever return that one, never the case
 * process's or the host's.  Whether it is reached depends on the ids
 * other processes' namespaces took meanwhile (ids come from per-CPU
 * batches), so reaching it is not required.  No control: an API
 * contract (without the user namespace the walk rightly finds every
 * namespace the caller may see).
 */
#include <signal.h>
#include <sys/wait.h>

#include "statmount.h"

#define IT_MAX 64

/* Walk from @fd with @cmd; count the steps, check ids move one way, note @want. */
static int walk(struct nsc_ctx *ctx, int fd, unsigned long cmd, uint64_t from, uint64_t want,
		int *found)
{
	struct nsc_mnt_ns_info info;
	int steps = 0, next, cur = fd;

	for (;;) {
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		next = ioctl(cur, cmd, &info);
		if (next < 0)
			break;
		if (cur != fd)
			close(cur);
		cur = next;
		NSC_EXPECT(ctx,
			   cmd == NSC_NS_MNT_GET_NEXT ? info.mnt_ns_id > from : info.mnt_ns_id < from,
			   "%s moves the id the wrong way (%llu after %llu)",
			   cmd == NSC_NS_MNT_GET_NEXT ? "NS_MNT_GET_NEXT" : "NS_MNT_GET_PREV",
			   (unsigned long long)info.mnt_ns_id, (unsigned long long)from);
		NSC_EXPECT_EQ(ctx, ioctl(cur, NSC_NS_GET_NSTYPE), CLONE_NEWNS,
			      "namespace type of the nsfd NS_MNT_GET_NEXT/PREV returned");
		*found += info.mnt_ns_id == want;
		from = info.mnt_ns_id;
		if (++steps == IT_MAX)
			break;
	}
	NSC_EXPECT(ctx, next >= 0 || errno == ENOENT || errno == EPERM,
		   "the walk ends with %s, not ENOENT or EPERM", strerror(errno));
	if (cur != fd)
		close(cur);
	return steps;
}

static void child(struct nsc_ctx *ctx)
{
	struct nsc_mnt_ns_info info = { .size = sizeof(info) };
	uint64_t own = 0, other = 0;
	int fd, found = 0, steps, n;
	pid_t pid;

	fd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNS, nsc_errbuf(ctx)));
	if (ioctl(fd, NSC_NS_MNT_GET_INFO, &info) < 0) {
		if (errno == ENOTTY || errno == EINVAL)
			nsc_skip(ctx, errno, "needs Linux 6.12 or later", "NS_MNT_GET_INFO: %s",
				 strerror(errno));
		nsc_error(ctx, errno, "NS_MNT_GET_INFO");
	}
	NSC_SAFE(ctx, nsc_mnt_ns_id(0, &own) < 0 ? -1 : 0);
	NSC_EXPECT_EQ(ctx, info.mnt_ns_id, own, "NS_MNT_GET_INFO's id is NS_GET_MNTNS_ID's");
	/* Equal on 6.18 and 7.2; one less in 6.12's initramfs guest (measured). */
	n = NSC_SAFE(ctx, nsc_mnt_count());
	NSC_EXPECT(ctx, (int)info.nr_mounts == n || (int)info.nr_mounts == n - 1,
		   "NS_MNT_GET_INFO's nr_mounts %u, the mountinfo's count %d", info.nr_mounts, n);

	pid = nsc_mnt_holder(ctx, CLONE_NEWNS);
	NSC_SAFE(ctx, nsc_mnt_ns_id(pid, &other) < 0 ? -1 : 0);

	steps = walk(ctx, fd, NSC_NS_MNT_GET_NEXT, own, other, &found);
	steps += walk(ctx, fd, NSC_NS_MNT_GET_PREV, own, other, &found);
	NSC_EXPECT(ctx, found == steps && steps <= 1,
		   "walking both ways from the sandbox's namespace returned %d namespaces, %d of them the child's",
		   steps, found);
	nsc_finding(ctx, "mntns_walk", "%d step(s) to the child's namespace", steps);
	close(fd);
	nsc_mnt_holder_end(pid);
}

NSC_CASE(mnt, mntns_iterate) = {
	.summary = "NS_MNT_GET_INFO/NEXT/PREV walk only the mount namespaces the caller owns",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER,
	.no_control = "an API contract: without the user namespace the walk rightly finds every namespace the caller may see",
	.child = child,
	.min_kernel = "6.12",
	.anchors = NSC_ANCHORS("kselftest:filesystems/nsfs/iterate_mntns.c", "man:ioctl_nsfs(2)"),
};
