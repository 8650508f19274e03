// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.propagation_slave: the sandbox inherits a copy of a tmpfs that is
 * MS_SHARED in the case process's mount namespace and marks its copy
 * MS_SLAVE; a tmpfs mounted under it later outside appears inside (the
 * master propagates to its slave), one mounted later inside does not
 * appear outside, and the copy's mountinfo shows master:N with N the
 * outer peer group.  Control: without CLONE_NEWNS the sandbox's mount is
 * made in the case process's (disposable) mount namespace and shows
 * outside.
 */
#include "prop.h"

static int setup(struct nsc_ctx *ctx)
{
	return nsc_prop_setup(ctx, nsc_shared_as(ctx, struct nsc_prop), MS_SLAVE);
}

static void verify(struct nsc_ctx *ctx)
{
	struct nsc_prop *p = nsc_shared_as(ctx, struct nsc_prop);

	NSC_ISOLATED_EQ(ctx, p->in_seen_outside, 0,
			"a mount made inside under the MS_SLAVE copy shows outside");
	NSC_EXPECT_EQ(ctx, p->out_seen_inside, 1,
		      "a mount made outside under the master shows inside the MS_SLAVE copy");
	NSC_EXPECT(ctx, p->outer.shared > 0 && p->inner.master == p->outer.shared && !p->inner.shared,
		   "the copy is a slave of the outer peer group (outer shared:%d, inner shared:%d master:%d)",
		   p->outer.shared, p->inner.shared, p->inner.master);
}

NSC_CASE(mnt, propagation_slave) = {
	.summary = "mounts under an MS_SLAVE copy propagate in from its master, never out",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = nsc_prop_child,
	.parent = nsc_prop_parent,
	.verify = verify,
	.min_kernel = "2.6.15",
	.anchors = NSC_ANCHORS("ltp:mountns03", "rt:linux_rootfs_propagation",
			       "man:mount_namespaces(7)"),
};
