// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.locked_submount_umount_einval: in a mount namespace owned by a new
 * user namespace, the mounts copied from the more privileged namespace
 * are locked together (MNT_LOCKED): unmounting the inherited submount
 * alone, which would reveal what it covers, fails EINVAL even for the
 * namespace's root, with and without MNT_DETACH.  A tmpfs the sandbox
 * mounts itself unmounts normally.  Control: without the new user and
 * mount namespaces the sandbox holds the case process's privilege over
 * its (disposable) mount namespace and the unmount succeeds.
 */
#include <unistd.h>

#include "mnt.h"

struct lk_shared {
	char target[64], sub[128];
	char src[64], src_sub[64], src_own[64];
};

static int setup(struct nsc_ctx *ctx)
{
	struct lk_shared *sh = nsc_shared_as(ctx, struct lk_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "lk");
	nsc_mnt_source(sh->src_sub, sizeof(sh->src_sub), "lk-sub");
	nsc_mnt_source(sh->src_own, sizeof(sh->src_own), "lk-own");
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->target, 0));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->sub, sizeof(sh->sub), sh->target, "sub"));
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_sub, sh->sub, 0));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct lk_shared *sh = nsc_shared_as(ctx, struct lk_shared);
	char own[160];
	int ret;

	NSC_ASSERT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_sub, NULL)), 1,
		      "the inherited submount is in the sandbox's mount table");
	ret = umount2(sh->sub, 0);
	NSC_ISOLATED_EQ(ctx, ret < 0 ? errno : 0, EINVAL, "umount of the inherited submount");
	/* Once the submount is gone (the control) there is nothing to detach. */
	if (ret < 0) {
		ret = umount2(sh->sub, MNT_DETACH);
		NSC_ISOLATED_COND(ctx, "tried only once the plain umount was refused",
				  (ret < 0 ? errno : 0) == EINVAL,
				  "umount(MNT_DETACH) of the inherited submount: %s",
				  ret < 0 ? strerror(errno) : "succeeded");
	}
	/* Mounts made in the namespace itself are not locked. */
	NSC_SAFE(ctx, nsc_mnt_subdir(own, sizeof(own), sh->sub, "own"));
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_own, own, 0));
	ret = umount2(own, 0);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, 0, "umount of a tmpfs the sandbox mounted itself");
}

NSC_CASE(mnt, locked_submount_umount_einval) = {
	.summary = "inherited mounts are locked in a less privileged mount namespace: umount EINVAL",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.min_kernel = "3.12",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)", "man:umount(2)", "other:no upstream test"),
};
