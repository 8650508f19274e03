// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.unbindable: inside a new mount namespace, a tmpfs marked
 * MS_UNBINDABLE cannot be bind-mounted (EINVAL), and a recursive bind
 * mount of its parent carries every submount except it; mountinfo lists
 * it as "unbindable".  The case process's mount namespace never sees
 * the sandbox's mounts (checked, though that is mnt.mount_private's
 * property).  No control: MS_UNBINDABLE is a mount-flag rule that a
 * missing namespace does not change.
 */
#include <unistd.h>

#include "mnt.h"

struct unb_shared {
	char target[64];
	char src_unb[64], src_plain[64];
};

static int setup(struct nsc_ctx *ctx)
{
	struct unb_shared *sh = nsc_shared_as(ctx, struct unb_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src_unb, sizeof(sh->src_unb), "unb");
	nsc_mnt_source(sh->src_plain, sizeof(sh->src_plain), "unb-plain");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct unb_shared *sh = nsc_shared_as(ctx, struct unb_shared);
	char src[128], unb[128], plain[128], copy[128], path[160];
	struct nsc_mnt_info info;
	int ret, copies = 0;

	/* src/{u,p} are submounts of src; src is bound recursively onto copy. */
	NSC_SAFE(ctx, nsc_mnt_subdir(src, sizeof(src), sh->target, "src"));
	NSC_SAFE(ctx, nsc_mnt_subdir(copy, sizeof(copy), sh->target, "copy"));
	NSC_SAFE(ctx, nsc_mnt_subdir(unb, sizeof(unb), src, "u"));
	NSC_SAFE(ctx, nsc_mnt_subdir(plain, sizeof(plain), src, "p"));
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_unb, unb, 0));
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_plain, plain, 0));
	NSC_SAFE(ctx, mount(NULL, unb, NULL, MS_UNBINDABLE, NULL));
	NSC_ASSERT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_unb, &info)), 1,
		      "the MS_UNBINDABLE tmpfs is listed");
	NSC_EXPECT(ctx, info.unbindable, "mountinfo marks %s unbindable", info.target);

	ret = mount(unb, copy, NULL, MS_BIND, NULL);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, EINVAL, "bind mount of an MS_UNBINDABLE mount");
	if (ret == 0)
		NSC_SAFE(ctx, umount2(copy, MNT_DETACH));

	/* The recursive bind of the parent directory skips the unbindable one. */
	NSC_SAFE(ctx, mount(src, copy, NULL, MS_BIND | MS_REC, NULL));
	snprintf(path, sizeof(path), "%s/p", copy);
	NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_plain, &info));
	NSC_EXPECT_STREQ(ctx, info.target, path, "the plain submount is carried by MS_REC bind");
	NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_unb, &info));
	NSC_EXPECT_STREQ(ctx, info.target, unb, "the unbindable submount stays only where it was");
	{
		struct nsc_mounts mi;

		NSC_TRY(ctx, nsc_mountinfo_read(NULL, &mi, nsc_errbuf(ctx)));
		for (size_t i = 0; i < mi.n; i++)
			copies += !strcmp(mi.m[i].source, sh->src_unb);
		nsc_mountinfo_free(&mi);
	}
	NSC_EXPECT_EQ(ctx, copies, 1, "mounts of the unbindable tmpfs after the MS_REC bind");
}

static void verify(struct nsc_ctx *ctx)
{
	struct unb_shared *sh = nsc_shared_as(ctx, struct unb_shared);

	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_plain, NULL)), 0,
		      "the sandbox's tmpfs shows in the case process's mount namespace");
}

NSC_CASE(mnt, unbindable) = {
	.summary = "an MS_UNBINDABLE mount cannot be bound and is left out of recursive binds",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.no_control = "MS_UNBINDABLE is a mount-flag rule: a missing mount namespace does not change it",
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.6.15",
	.anchors = NSC_ANCHORS("ltp:mountns04", "rt:linux_rootfs_propagation",
			       "man:mount_namespaces(7)"),
};
