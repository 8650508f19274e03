// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_cgroup: setns(pidfd, CLONE_NEWCGROUP) makes the caller's
 * /proc/self/cgroup relative to the root of the sandbox's cgroup
 * namespace, which is the cgroup the sandbox was created in: afterwards
 * the case process, in that same cgroup, reads "/" where it read its
 * full path before.  Isolation check: before the join, the sandbox's view
 * differs from the case process's.  Control: without CLONE_NEWCGROUP the
 * sandbox reads the case process's full path.  A case process at "/" in
 * every hierarchy SKIPs (nothing to tell apart).
 */
#include <stdlib.h>

#include "../cgroup/cgroupns.h"

struct jc_shared {
	char path[NSC_CG_PATH]; /* the sandbox's view of its first non-root line */
	int line;
};

static int setup(struct nsc_ctx *ctx)
{
	struct jc_shared *sh = nsc_shared_as(ctx, struct jc_shared);
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	int n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));

	sh->line = nsc_cg_first_nonroot(l, n);
	if (sh->line < 0)
		nsc_skip(ctx, 0, NSC_CG_SKIP_HINT,
			 "nscheck runs in the root cgroup of every hierarchy: joining a cgroup namespace would change nothing visible");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct jc_shared *sh = nsc_shared_as(ctx, struct jc_shared);
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	int n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));

	if (sh->line < n)
		snprintf(sh->path, sizeof(sh->path), "%s", l[sh->line].path);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct jc_shared *sh = nsc_shared_as(ctx, struct jc_shared);
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	int n;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));
	NSC_ASSERT(ctx, sh->line < n, "/proc/self/cgroup lost a line");
	if (!NSC_ISOLATED_STRNE(ctx, sh->path, l[sh->line].path,
				"the sandbox's /proc/self/cgroup equals the case process's"))
		goto out;
	NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWCGROUP));
	n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));
	NSC_ASSERT(ctx, sh->line < n, "/proc/self/cgroup lost a line after setns()");
	NSC_EXPECT_STREQ(ctx, l[sh->line].path, sh->path,
			 "the caller's cgroup after joining the sandbox's cgroup namespace");
	NSC_EXPECT_STREQ(ctx, l[sh->line].path, "/", "the namespace root as seen after joining");
out:
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_cgroup) = {
	.summary = "setns() into a cgroup namespace makes /proc/self/cgroup relative to its root",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "man:setns(2)",
			       "man:cgroup_namespaces(7)"),
};
