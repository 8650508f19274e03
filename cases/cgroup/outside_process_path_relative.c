// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.outside_process_path_relative: inside a new cgroup namespace,
 * /proc/PID/cgroup of a process outside the namespace root reads
 * relative to the reader's root: a process in the sibling cgroup b reads
 * "/../b", one two levels up "/../..", as in the example of
 * cgroup_namespaces(7).  Asserted on the case's own cgroup C (a
 * transient child of nscheck's, cgroupns.h) with children a and b: the
 * sandbox starts in C/a (its root), a helper in C/b (both placed by
 * CLONE_INTO_CGROUP, no migration); the sandbox reads /proc/<helper>/cgroup
 * ("/../b") and /proc/<case process>/cgroup (in nscheck's own cgroup,
 * the parent of C: "/../..").  Control: without CLONE_NEWCGROUP both read
 * as the case process's namespace shows them (".../C/b" and C's parent).
 */
#include "cgroupns.h"

struct opr_shared {
	pid_t helper;
};

static int setup(struct nsc_ctx *ctx)
{
	struct opr_shared *sh = nsc_shared_as(ctx, struct opr_shared);
	struct nsc_cgroup cg;

	nsc_cg_own_only(ctx, &cg);
	nsc_cgroup_sandbox(ctx, nsc_cg_mkdir(ctx, cg.fd, "a"));
	sh->helper = nsc_cg_helper(ctx, nsc_cg_mkdir(ctx, cg.fd, "b"));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct opr_shared *sh = nsc_shared_as(ctx, struct opr_shared);
	char sib[NSC_CG_PATH], up[NSC_CG_PATH];

	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(sh->helper, sib, sizeof(sib)));
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(getppid(), up, sizeof(up)));
	NSC_ISOLATED_STREQ(ctx, sib, "/../b",
			   "/proc/PID/cgroup of a process in the sibling cgroup, read inside");
	NSC_ISOLATED_STREQ(ctx, up, "/../..",
			   "/proc/PID/cgroup of a process two levels above the namespace root");
}

static void cleanup(struct nsc_ctx *ctx)
{
	struct opr_shared *sh = nsc_shared_as(ctx, struct opr_shared);

	nsc_cg_helper_end(sh->helper);
}

NSC_CASE(cgroup, outside_process_path_relative) = {
	.summary = "/proc/PID/cgroup of a process outside the namespace root reads '/../sibling'",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.cleanup = cleanup,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:cgroup_namespaces(7)"),
};
