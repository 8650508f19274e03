// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.mountpoint_unlink_other_ns: since Linux 3.18 a directory that is a
 * mount point only in another mount namespace can be removed: the
 * sandbox mounts a tmpfs on a directory of a tmpfs both namespaces share;
 * rmdir() of it fails EBUSY inside, succeeds from the case process, and
 * the sandbox's mount is then gone (detached) from its table.  Control:
 * without CLONE_NEWNS the directory is a mount point in the case process's
 * own (disposable) namespace and rmdir() fails EBUSY.
 */
#include <unistd.h>

#include "mnt.h"

struct ul_shared {
	char target[64], dir[128], src[64];
	int rmdir_errno;
};

static int setup(struct nsc_ctx *ctx)
{
	struct ul_shared *sh = nsc_shared_as(ctx, struct ul_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "ul");
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->dir, sizeof(sh->dir), sh->target, "mp"));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ul_shared *sh = nsc_shared_as(ctx, struct ul_shared);
	int ret;

	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->dir, 0));
	ret = rmdir(sh->dir);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, EBUSY,
		      "rmdir() of a mount point in the namespace where it is one");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process tried rmdir() */
	if (sh->rmdir_errno == 0)
		NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src, NULL)), 0,
			      "the sandbox's tmpfs is detached once its mount point was removed outside");
}

static void parent(struct nsc_ctx *ctx)
{
	struct ul_shared *sh = nsc_shared_as(ctx, struct ul_shared);

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox mounted */
	sh->rmdir_errno = rmdir(sh->dir) < 0 ? errno : 0;
	NSC_ISOLATED_EQ(ctx, sh->rmdir_errno, 0,
			"rmdir() from outside of a directory that is a mount point only inside");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(mnt, mountpoint_unlink_other_ns) = {
	.summary = "a mount point of another mount namespace can be removed; its mount is detached",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.18",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)", "man:rmdir(2)", "other:no upstream test"),
};
