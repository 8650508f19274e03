// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.shared_becomes_slave_in_less_privileged: when a new mount namespace
 * is owned by a new user namespace (CLONE_NEWNS with CLONE_NEWUSER), the
 * copies of shared mounts become slaves (mount_namespaces(7),
 * "Restrictions on mount namespaces"): a tmpfs mounted later outside
 * under a shared mount appears inside, one mounted inside does not
 * appear outside, and the copy shows master:N and no shared:N.
 * Control: without the new namespaces the sandbox's mount is made in the
 * case process's (disposable) mount namespace and shows outside, and the
 * tmpfs is still shared.
 */
#include "prop.h"

static int setup(struct nsc_ctx *ctx)
{
	return nsc_prop_setup(ctx, nsc_shared_as(ctx, struct nsc_prop), 0);
}

static void verify(struct nsc_ctx *ctx)
{
	struct nsc_prop *p = nsc_shared_as(ctx, struct nsc_prop);

	NSC_ISOLATED_EQ(ctx, p->in_seen_outside, 0,
			"a mount made in the less privileged namespace shows outside");
	NSC_ISOLATED(ctx, !p->inner.shared && p->inner.master == p->outer.shared,
		     "the copy is not a slave of the outer peer group (outer shared:%d, inner shared:%d master:%d)",
		     p->outer.shared, p->inner.shared, p->inner.master);
	NSC_EXPECT_EQ(ctx, p->out_seen_inside, 1,
		      "a mount made outside under the shared tmpfs shows in the less privileged namespace");
}

NSC_CASE(mnt, shared_becomes_slave_in_less_privileged) = {
	.summary = "shared mounts become slaves in a mount namespace of a new user namespace",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = nsc_prop_child,
	.parent = nsc_prop_parent,
	.verify = verify,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)", "other:no upstream test"),
};
