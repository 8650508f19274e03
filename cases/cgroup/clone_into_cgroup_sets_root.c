// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.clone_into_cgroup_sets_root: clone3(CLONE_INTO_CGROUP |
 * CLONE_NEWCGROUP) starts the child in the target cgroup D and makes D,
 * not the parent's cgroup, the root of its new cgroup namespace: inside,
 * the child reads "/" for itself and "/../.." for its parent, which sits
 * two levels up (in nscheck's own cgroup, D being C/d with C the case's
 * own cgroup, cgroupns.h); outside, the case process reads the child in
 * D.  The sandbox is cloned that way (nsc_cgroup_sandbox).  Control:
 * without CLONE_NEWCGROUP the child reads both paths in the case
 * process's namespace.  Needs clone3 with CLONE_INTO_CGROUP (5.7): where
 * the harness had to move the case process into D for the clone instead
 * (nsc_cgroup_cloned_into() says so), the property would go untested:
 * SKIP naming it.  The creation path is clone3 only (.via): clone(2) has
 * no CLONE_INTO_CGROUP, and after fork + unshare the namespace is rooted
 * where unshare(2) ran, which is another property.
 */
#include "cgroupns.h"

struct cic_shared {
	char d_path[NSC_CG_PATH];
};

static int setup(struct nsc_ctx *ctx)
{
	struct cic_shared *sh = nsc_shared_as(ctx, struct cic_shared);
	struct nsc_cgroup cg;
	nsc_cg_own_only(ctx, &cg);
	nsc_cgroup_sandbox(ctx, nsc_cg_mkdir(ctx, cg.fd, "d"));
	snprintf(sh->d_path, sizeof(sh->d_path), "%s/d", cg.path);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	char self[NSC_CG_PATH], up[NSC_CG_PATH];

	if (!nsc_cgroup_cloned_into(ctx))
		nsc_skip(ctx, 0, "run on Linux >= 5.7 and allow clone3 in the seccomp profile",
			 "clone3 with CLONE_INTO_CGROUP is unavailable here: the case process moved into the cgroup for the clone instead");
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(0, self, sizeof(self)));
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(getppid(), up, sizeof(up)));
	NSC_ISOLATED_STREQ(ctx, self, "/", "/proc/self/cgroup of a child cloned into D");
	NSC_ISOLATED_STREQ(ctx, up, "/../..", "its parent's cgroup, two levels above D");
}

static void parent(struct nsc_ctx *ctx)
{
	struct cic_shared *sh = nsc_shared_as(ctx, struct cic_shared);
	char path[NSC_CG_PATH];

	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(nsc_child_pid(ctx), path, sizeof(path)));
	NSC_EXPECT_STREQ(ctx, path, sh->d_path, "the child's cgroup seen from outside");
}

NSC_CASE(cgroup, clone_into_cgroup_sets_root) = {
	.summary = "clone3 CLONE_INTO_CGROUP with CLONE_NEWCGROUP roots the namespace at the target",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.parent = parent,
	.child = child,
	.via = NSC_VIA_CLONE3,
	.min_kernel = "5.7",
	.anchors = NSC_ANCHORS("man:clone(2)", "ltp:clone303"),
};
