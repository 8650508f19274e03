// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.propagation_private: the sandbox inherits a copy of a tmpfs that is
 * MS_SHARED in the case process's mount namespace and marks its copy
 * MS_PRIVATE; a tmpfs mounted under it later inside does not appear
 * outside, one mounted later outside does not appear inside, and the
 * inside copy has no peer group.  Control: without CLONE_NEWNS the
 * sandbox works in the case process's (disposable) mount namespace and
 * each side sees the other's mount.
 */
#include "prop.h"

static int setup(struct nsc_ctx *ctx)
{
	return nsc_prop_setup(ctx, nsc_shared_as(ctx, struct nsc_prop), MS_PRIVATE);
}

static void verify(struct nsc_ctx *ctx)
{
	struct nsc_prop *p = nsc_shared_as(ctx, struct nsc_prop);

	NSC_ISOLATED_EQ(ctx, p->in_seen_outside, 0,
			"a mount made inside under the MS_PRIVATE copy shows outside");
	NSC_ISOLATED_EQ(ctx, p->out_seen_inside, 0,
			"a mount made outside under the shared tmpfs shows inside the MS_PRIVATE copy");
	NSC_EXPECT(ctx, !p->inner.shared && !p->inner.master,
		   "the MS_PRIVATE copy has no peer group (shared:%d master:%d)", p->inner.shared,
		   p->inner.master);
}

NSC_CASE(mnt, propagation_private) = {
	.summary = "mounts under an MS_PRIVATE copy propagate in neither direction",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = nsc_prop_child,
	.parent = nsc_prop_parent,
	.verify = verify,
	.min_kernel = "2.6.15",
	.anchors = NSC_ANCHORS("ltp:mountns02", "rt:linux_rootfs_propagation",
			       "man:mount_namespaces(7)"),
};
