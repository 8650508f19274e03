// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.root_is_private: in a new cgroup namespace every line of
 * /proc/self/cgroup shows "/": the creator's cgroups become the
 * namespace's roots and the paths above them are hidden.  Control:
 * without CLONE_NEWCGROUP the sandbox sees the case process's full
 * paths.  The case process first enters a cgroup of its own (cgroupns.h:
 * a transient child of nscheck's cgroup2 cgroup), so the control sees
 * sharing also where nscheck runs in the root cgroup (an initramfs).
 * Where it cannot, and sits at "/" in every hierarchy, the control would
 * be blind, so the case SKIPs instead of passing unproven.
 */
#include <stdlib.h>

#include "cgroupns.h"

struct root_shared {
	int nlines;
};

static int setup(struct nsc_ctx *ctx)
{
	struct root_shared *sh = nsc_shared_as(ctx, struct root_shared);
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	struct nsc_cgroup cg;
	int n;

	nsc_cg_own(ctx, &cg, false);
	n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));
	/* Else nsc_cg_own() SKIPped: at "/" everywhere the control would be blind. */
	NSC_EXPECT(ctx, n > 0, "/proc/self/cgroup lists no hierarchy");
	sh->nlines = n;
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct root_shared *sh = nsc_shared_as(ctx, struct root_shared);
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	int n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));
	int i = nsc_cg_first_nonroot(l, n);

	NSC_ISOLATED(ctx, i < 0, "/proc/self/cgroup in a new cgroup namespace shows '%d:%s:%s'",
		     i < 0 ? 0 : l[i].hier, i < 0 ? "" : l[i].ctrl, i < 0 ? "" : l[i].path);
	NSC_EXPECT_EQ(ctx, n, sh->nlines, "hierarchies listed inside");
}

NSC_CASE(cgroup, root_is_private) = {
	.summary = "a new cgroup namespace shows its creator's cgroups as '/'",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:cgroup_namespaces(7)"),
};
