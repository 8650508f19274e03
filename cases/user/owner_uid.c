// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.owner_uid: ioctl(NS_GET_OWNER_UID) on a user namespace fd returns
 * the euid of its creator, as seen from the caller's user namespace.  The
 * sandbox's maps are "1000 <outer> 1" (.manual_idmap), so its creator,
 * the case process, is uid 1000 inside: asked from inside the answer is
 * 1000, asked by the case process it is the outer uid.  On a UTS
 * namespace fd the ioctl fails EINVAL.  Control: without CLONE_NEWUSER
 * the sandbox asks about the case process's own user namespace, whose
 * owner the same namespace sees as 0 (the initial one's owner is root;
 * a rootless one's is its creator, mapped to 0 there), never 1000.
 */
#include <linux/nsfs.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "user.h"

#define OWNER_INSIDE 1000

static long owner_of(int fd)
{
	uid_t uid = (uid_t)-1;

	if (ioctl(fd, NS_GET_OWNER_UID, &uid) < 0)
		return -errno;
	return uid;
}

static void child(struct nsc_ctx *ctx)
{
	int fd;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	fd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	if (owner_of(fd) == -ENOTTY)
		nsc_skip(ctx, ENOTTY, "use Linux 4.11 or later", "NS_GET_OWNER_UID: Linux < 4.11");
	NSC_ISOLATED_EQ(ctx, owner_of(fd), OWNER_INSIDE,
			"NS_GET_OWNER_UID on its own user namespace, from inside");
	close(fd);
	fd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, owner_of(fd), -EINVAL, "NS_GET_OWNER_UID on a UTS namespace fd");
	close(fd);
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);
	char uidm[32], gidm[32];
	int fd;

	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER) {
		snprintf(uidm, sizeof(uidm), "%d %u 1", OWNER_INSIDE,
			 (unsigned int)nsc_outer_uid(ctx));
		snprintf(gidm, sizeof(gidm), "%d %u 1", OWNER_INSIDE,
			 (unsigned int)nsc_outer_gid(ctx));
		NSC_TRY(ctx, nsc_idmap_write(pid, uidm, gidm, true, nsc_errbuf(ctx)));
		fd = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWUSER, nsc_errbuf(ctx)));
		NSC_EXPECT_EQ(ctx, owner_of(fd), nsc_outer_uid(ctx),
			      "NS_GET_OWNER_UID on the sandbox's user namespace, from its parent");
		close(fd);
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, owner_uid) = {
	.summary = "NS_GET_OWNER_UID gives the creator's uid as the caller sees it",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.child = child,
	.parent = parent,
	.min_kernel = "4.11",
	.anchors = NSC_ANCHORS("ltp:ioctl_ns03", "kselftest:nsfs/owner.c", "man:ioctl_ns(2)"),
};
