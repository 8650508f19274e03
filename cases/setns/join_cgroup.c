// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_cgroup: setns(pidfd, CLONE_NEWCGROUP) makes the caller's
 * view of cgroup2 paths relative to the root of the sandbox's cgroup
 * namespace, the cgroup the sandbox was created in.  The case process
 * first gets a cgroup of its own (cgroupns.h) and the sandbox starts in
 * it, the case process staying in its parent, so this holds also where
 * nscheck runs in the root cgroup (an initramfs).  Isolation check:
 * before the join, the sandbox's view of its own cgroup ("/") differs
 * from the case process's view of it (/proc/PID/cgroup).  After the join
 * the case process sees the sandbox at "/" and itself at "/.." (in the
 * root's parent), or at "/" where it shares the sandbox's cgroup.
 * Control: without CLONE_NEWCGROUP both views of the sandbox's cgroup
 * are the same full path.
 */
#include <stdlib.h>

#include "../cgroup/cgroupns.h"

struct jc_shared {
	char own[NSC_CG_PATH]; /* the sandbox's view of its own cgroup2 cgroup */
	bool below;	       /* the sandbox starts one cgroup below the case process */
};

static int setup(struct nsc_ctx *ctx)
{
	struct jc_shared *sh = nsc_shared_as(ctx, struct jc_shared);
	struct nsc_cgroup cg;

	sh->below = nsc_cg_own(ctx, &cg, true);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct jc_shared *sh = nsc_shared_as(ctx, struct jc_shared);

	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(0, sh->own, sizeof(sh->own)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct jc_shared *sh = nsc_shared_as(ctx, struct jc_shared);
	char kid[NSC_CG_PATH], self[NSC_CG_PATH];

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(nsc_child_pid(ctx), kid, sizeof(kid)));
	if (!NSC_ISOLATED_STRNE(ctx, sh->own, kid,
				"the sandbox's view of its cgroup equals the case process's view of it"))
		goto out;
	NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWCGROUP));
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(nsc_child_pid(ctx), kid, sizeof(kid)));
	NSC_EXPECT_STREQ(ctx, kid, "/", "the sandbox's cgroup as seen after joining its namespace");
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(0, self, sizeof(self)));
	NSC_EXPECT_STREQ(ctx, self, sh->below ? "/.." : "/",
			 "the caller's own cgroup after joining the sandbox's cgroup namespace");
out:
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_cgroup) = {
	.summary = "setns() into a cgroup namespace makes cgroup paths relative to its root",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "man:setns(2)",
			       "man:cgroup_namespaces(7)"),
};
