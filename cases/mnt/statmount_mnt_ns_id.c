// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.statmount_mnt_ns_id: statmount(2) with STATMOUNT_MNT_NS_ID (Linux
 * 6.11) reports, for the sandbox's root mount, the id that
 * NS_GET_MNTNS_ID gives for the sandbox's mount namespace, and that id
 * differs from the case process's namespace id; a mount the sandbox
 * detached (umount MNT_DETACH) is no longer found by its unique id
 * (ENOENT).  Control: without CLONE_NEWNS the sandbox's root mount
 * belongs to the case process's (disposable) namespace and reports its
 * id.  Older kernels SKIP naming the release.
 */
#include "statmount.h"

struct sm_shared {
	char target[64], src[64];
	uint64_t inner_ns, inner_root_ns;
};

static int setup(struct nsc_ctx *ctx)
{
	struct sm_shared *sh = nsc_shared_as(ctx, struct sm_shared);
	uint64_t id;

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "sm");
	nsc_statmount_skip(ctx, nsc_mnt_ns_id(0, &id), "NS_GET_MNTNS_ID");
	nsc_statmount_skip(ctx, nsc_mnt_unique_id("/", &id), "statx");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct sm_shared *sh = nsc_shared_as(ctx, struct sm_shared);
	struct nsc_statmount sm;
	uint64_t root = 0, detached = 0;
	int ret;

	NSC_SAFE(ctx, nsc_mnt_ns_id(0, &sh->inner_ns) < 0 ? -1 : 0);
	NSC_SAFE(ctx, nsc_mnt_unique_id("/", &root) < 0 ? -1 : 0);
	ret = nsc_statmount(root, 0, NSC_STATMOUNT_MNT_NS_ID, &sm);
	nsc_statmount_skip(ctx, ret, "statmount");
	if (ret < 0)
		nsc_error(ctx, -ret, "statmount of the root mount");
	if (!(sm.mask & NSC_STATMOUNT_MNT_NS_ID))
		nsc_skip(ctx, EOPNOTSUPP, "needs Linux 6.11 or later",
			 "statmount(2) does not report STATMOUNT_MNT_NS_ID");
	sh->inner_root_ns = sm.mnt_ns_id;
	NSC_EXPECT_EQ(ctx, sm.mnt_ns_id, sh->inner_ns,
		      "statmount's mnt_ns_id of / is NS_GET_MNTNS_ID of the own namespace");

	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->target, 0));
	NSC_SAFE(ctx, nsc_mnt_unique_id(sh->target, &detached) < 0 ? -1 : 0);
	NSC_EXPECT_EQ(ctx, nsc_statmount(detached, 0, NSC_STATMOUNT_MNT_NS_ID, &sm), 0,
		      "statmount of the attached tmpfs");
	NSC_SAFE(ctx, umount2(sh->target, MNT_DETACH));
	NSC_EXPECT_EQ(ctx, nsc_statmount(detached, 0, NSC_STATMOUNT_MNT_NS_ID, &sm), -ENOENT,
		      "statmount of the tmpfs after umount(MNT_DETACH)");
}

static void verify(struct nsc_ctx *ctx)
{
	struct sm_shared *sh = nsc_shared_as(ctx, struct sm_shared);
	uint64_t outer = 0;

	NSC_SAFE(ctx, nsc_mnt_ns_id(0, &outer) < 0 ? -1 : 0);
	NSC_ISOLATED_NE(ctx, sh->inner_root_ns, outer,
			"statmount's mnt_ns_id of the sandbox's root is the case process's namespace id");
}

NSC_CASE(mnt, statmount_mnt_ns_id) = {
	.summary = "statmount() reports the sandbox's own mount namespace id for its mounts",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "6.11",
	.anchors = NSC_ANCHORS("ltp:statmount09",
			       "kselftest:filesystems/statmount/statmount_test_ns.c",
			       "man:statmount(2)"),
};
