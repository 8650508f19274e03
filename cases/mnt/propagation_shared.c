// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.propagation_shared: a tmpfs marked MS_SHARED in the case process's
 * mount namespace is copied into the sandbox's new mount namespace as a
 * peer: a tmpfs mounted under it later in the sandbox appears outside,
 * one mounted later outside appears inside, and both sides' mountinfo
 * show the same "shared:N" peer group.  No control: the case asserts
 * sharing the mount asked for (its isolation twin, with the control, is
 * mnt.propagation_private); without CLONE_NEWNS the checks hold
 * trivially.
 */
#include "prop.h"

static int setup(struct nsc_ctx *ctx)
{
	return nsc_prop_setup(ctx, nsc_shared_as(ctx, struct nsc_prop), 0);
}

static void verify(struct nsc_ctx *ctx)
{
	struct nsc_prop *p = nsc_shared_as(ctx, struct nsc_prop);

	NSC_EXPECT_EQ(ctx, p->in_seen_outside, 1,
		      "a mount made inside under the shared tmpfs shows outside");
	NSC_EXPECT_EQ(ctx, p->out_seen_inside, 1,
		      "a mount made outside under the shared tmpfs shows inside");
	NSC_EXPECT(ctx, p->outer.shared > 0, "the outer tmpfs is shared (%s)", p->outer.opts);
	NSC_EXPECT_EQ(ctx, p->inner.shared, p->outer.shared,
		      "peer group of the sandbox's copy (shared:N) is the outer one's");
}

NSC_CASE(mnt, propagation_shared) = {
	.summary = "mounts under an MS_SHARED mount propagate between mount namespaces both ways",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.no_control = "the case asserts the sharing MS_SHARED asks for; its isolation twin is mnt.propagation_private",
	.setup = setup,
	.child = nsc_prop_child,
	.parent = nsc_prop_parent,
	.verify = verify,
	.min_kernel = "2.6.15",
	.anchors = NSC_ANCHORS("ltp:mountns01", "rt:linux_rootfs_propagation",
			       "man:mount_namespaces(7)"),
};
