// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.root_fixed_at_creation: the root of a cgroup namespace is the
 * creator's cgroup at creation time and stays there: a member moved to
 * another cgroup afterwards reads its new cgroup relative to the old
 * root ("/../b" for the sibling b), the root does not follow it.
 * Asserted on the case's own cgroup C (cgroupns.h) with children a and
 * b: the sandbox starts in C/a with a new cgroup namespace (root C/a),
 * the case process then moves it to C/b (cgroup.procs: one migration,
 * the one costly step, ~5-10 ms here) and the sandbox reads
 * /proc/self/cgroup.  Control: without CLONE_NEWCGROUP it reads the
 * path of C/b in the case process's namespace.
 */
#include "cgroupns.h"

struct rfc_shared {
	int b_fd;
};

static int setup(struct nsc_ctx *ctx)
{
	struct rfc_shared *sh = nsc_shared_as(ctx, struct rfc_shared);
	struct nsc_cgroup cg;

	nsc_cg_own_only(ctx, &cg);
	nsc_cgroup_sandbox(ctx, nsc_cg_mkdir(ctx, cg.fd, "a"));
	sh->b_fd = nsc_cg_mkdir(ctx, cg.fd, "b");
	return 0;
}

static void parent(struct nsc_ctx *ctx)
{
	struct rfc_shared *sh = nsc_shared_as(ctx, struct rfc_shared);

	/*
	 * The namespace exists (root C/a): now move its only member.  The
	 * migration sleeps in an RCU grace period (cgroup_threadgroup_rwsem).
	 */
	nsc_kernel_wait_begin(ctx);
	nsc_cg_move(ctx, sh->b_fd, nsc_child_pid(ctx));
	nsc_kernel_wait_end(ctx);
	nsc_sync_wake(ctx);
	nsc_sync_wait(ctx);
}

static void child(struct nsc_ctx *ctx)
{
	char path[NSC_CG_PATH];

	NSC_ASSERT_EQ(ctx, nsc_sync_wait(ctx), 0, "moved to the sibling cgroup");
	NSC_SAFE_ERRNO(ctx, nsc_cg_v2_of(0, path, sizeof(path)));
	nsc_sync_wake(ctx);
	NSC_ISOLATED_STREQ(ctx, path, "/../b",
			   "/proc/self/cgroup after a move out of the namespace root");
}

NSC_CASE(cgroup, root_fixed_at_creation) = {
	.summary = "a cgroup namespace's root stays where it was made when its member moves",
	.clone_flags = CLONE_NEWCGROUP,
	.kernel_wait = "the migration's RCU grace period (cgroup_threadgroup_rwsem), 5-10 ms",
	.setup = setup,
	.parent = parent,
	.child = child,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:cgroup_namespaces(7)"),
};
