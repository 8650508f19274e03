// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.umount_private: a tmpfs that the case process mounted in its
 * disposable outer mount namespace is copied into a new mount namespace;
 * unmounting the copy inside leaves the outside mount in place.
 * Control: without CLONE_NEWNS the sandbox unmounts the case process's
 * own mount and it is gone outside.
 */
#include <sys/mount.h>
#include <unistd.h>

#include "mnt.h"

struct ump_shared {
	char src[64];
	char target[64]; /* made by the case process in its mount namespace */
};

static int setup(struct nsc_ctx *ctx)
{
	struct ump_shared *sh = nsc_shared_as(ctx, struct ump_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "ump");
	/* The case process is in its own (outer_flags) mount namespace. */
	NSC_SAFE(ctx,
		 mount(sh->src, sh->target, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700"));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0)), 1,
		      "the outer tmpfs is listed where it was mounted");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ump_shared *sh = nsc_shared_as(ctx, struct ump_shared);

	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0)), 1,
		      "the outer tmpfs is copied into the sandbox");
	NSC_SAFE(ctx, umount2(sh->target, MNT_DETACH));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0)), 0,
		      "the tmpfs is gone inside after umount");
}

static void verify(struct nsc_ctx *ctx)
{
	struct ump_shared *sh = nsc_shared_as(ctx, struct ump_shared);
	int found = NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0));

	NSC_ISOLATED(ctx, found == 1, "tmpfs %s unmounted inside is gone outside too", sh->src);
}

NSC_CASE(mnt, umount_private) = {
	.summary = "an unmount in a new mount namespace leaves the outside mount",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.4.19",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)"),
};
