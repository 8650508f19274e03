// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.move_mount_set_group: move_mount(MOVE_MOUNT_SET_GROUP) (Linux 5.15,
 * made for CRIU) puts a private mount into the peer group of a shared
 * mount of the same filesystem, across mount namespaces: the sandbox's
 * private copy of the case process's tmpfs, after the case process made
 * its own shared, joins that peer group (mountinfo shared:N equal on
 * both sides), and a tmpfs the case process then mounts under it
 * propagates into the sandbox.  Before the call nothing propagates.  No
 * control: an explicit operation on both namespaces' mounts.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "mnt.h"

#ifndef MOVE_MOUNT_SET_GROUP
#define MOVE_MOUNT_SET_GROUP 0x00000100
#endif

struct sg_shared {
	char target[64], sub1[128], sub2[128];
	char src[64], src_before[64], src_after[64];
	int outer_group;
	int before_seen, after_seen, inner_group;
};

static int setup(struct nsc_ctx *ctx)
{
	struct sg_shared *sh = nsc_shared_as(ctx, struct sg_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "sg");
	nsc_mnt_source(sh->src_before, sizeof(sh->src_before), "sg-before");
	nsc_mnt_source(sh->src_after, sizeof(sh->src_after), "sg-after");
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->target, 0)); /* private */
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->sub1, sizeof(sh->sub1), sh->target, "one"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->sub2, sizeof(sh->sub2), sh->target, "two"));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct sg_shared *sh = nsc_shared_as(ctx, struct sg_shared);
	struct nsc_mnt_info info = { 0 };
	char from[160];
	int ret;

	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* outside: shared now, "before" mounted */
	sh->before_seen = NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_before, NULL));
	snprintf(from, sizeof(from), "/proc/%d/root%s", (int)getppid(), sh->target);
	ret = (int)syscall(SYS_move_mount, AT_FDCWD, from, AT_FDCWD, sh->target,
			   MOVE_MOUNT_SET_GROUP);
	if (ret < 0)
		nsc_mnt_skip_nosys(ctx, errno, "move_mount", "5.15");
	if (ret < 0 && errno == EINVAL && nsc_mnt_kernel_before(5, 15))
		nsc_skip(ctx, errno, "needs Linux 5.15 or later",
			 "move_mount(MOVE_MOUNT_SET_GROUP): %s", strerror(errno));
	NSC_SAFE(ctx, ret);
	NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src, &info));
	sh->inner_group = info.shared;
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* outside: "after" mounted */
	sh->after_seen = NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src_after, NULL));
}

static void parent(struct nsc_ctx *ctx)
{
	struct sg_shared *sh = nsc_shared_as(ctx, struct sg_shared);
	struct nsc_mnt_info info = { 0 };

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox has its private copy */
	NSC_SAFE(ctx, mount(NULL, sh->target, NULL, MS_SHARED, NULL));
	NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src, &info));
	sh->outer_group = info.shared;
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_before, sh->sub1, 0));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox joined the group */
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_after, sh->sub2, 0));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void verify(struct nsc_ctx *ctx)
{
	struct sg_shared *sh = nsc_shared_as(ctx, struct sg_shared);

	NSC_EXPECT_EQ(ctx, sh->before_seen, 0,
		      "a mount made before the sandbox joined the group shows inside");
	NSC_EXPECT(ctx, sh->outer_group > 0 && sh->inner_group == sh->outer_group,
		   "the sandbox's copy joined the outer peer group (outer shared:%d, inner shared:%d)",
		   sh->outer_group, sh->inner_group);
	NSC_EXPECT_EQ(ctx, sh->after_seen, 1,
		      "a mount made outside after MOVE_MOUNT_SET_GROUP shows inside");
}

NSC_CASE(mnt, move_mount_set_group) = {
	.summary = "MOVE_MOUNT_SET_GROUP joins a mount to a peer group of another mount namespace",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.no_control = "an explicit operation on both namespaces' mounts",
	.setup = setup,
	.child = child,
	.parent = parent,
	.verify = verify,
	.min_kernel = "5.15",
	.anchors = NSC_ANCHORS("kselftest:move_mount_set_group/move_mount_set_group_test.c",
			       "man:move_mount(2)"),
};
