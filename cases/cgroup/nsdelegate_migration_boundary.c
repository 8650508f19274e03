// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.nsdelegate_migration_boundary: with cgroup2 mounted nsdelegate,
 * a cgroup namespace is a delegation boundary: a task inside it cannot
 * migrate a process into or out of its namespace root's subtree.  The
 * write to cgroup.procs fails ENOENT although the writer may write the
 * file (cgroup_procs_write_permission: the DAC check on the common
 * ancestor's cgroup.procs passes first, then source and destination must
 * both lie below the root of the cgroup namespace the file was opened in).
 * Asserted on the case's own cgroup C (cgroupns.h) with children a and b:
 * the sandbox starts in C/a with a new cgroup namespace (root C/a) and,
 * through cgroup.procs files it opens itself, tries to move a helper of
 * the case process from C/b into C/a and itself from C/a to C/b: both
 * ENOENT.  Control: without CLONE_NEWCGROUP the sandbox's namespace root
 * lies above C and both writes succeed.  Any other error is no verdict
 * (ERROR).
 * Catalogue row checked against the kernel (v4.13 5136f6365ce3 "cgroup:
 * implement "nsdelegate" mount option", cgroup-v2.rst): it holds as
 * written.  nsdelegate is a global option of the hierarchy, set only by a
 * mount in the initial cgroup namespace: nscheck never sets it, and SKIPs
 * where it is off (this host's hybrid cgroup2 mount).
 */
#include <fcntl.h>

#include "cgroupns.h"

struct nmb_shared {
	int a_fd, b_fd;
	pid_t outside; /* the helper in C/b */
};

static int setup(struct nsc_ctx *ctx)
{
	struct nmb_shared *sh = nsc_shared_as(ctx, struct nmb_shared);
	struct nsc_cgroup cg;

	nsc_cg_need_nsdelegate(ctx);
	nsc_cg_own_only(ctx, &cg);
	sh->a_fd = nsc_cg_mkdir(ctx, cg.fd, "a");
	sh->b_fd = nsc_cg_mkdir(ctx, cg.fd, "b");
	nsc_cgroup_sandbox(ctx, sh->a_fd);
	sh->outside = nsc_cg_helper(ctx, sh->b_fd);
	return 0;
}

/* Move @pid into cgroup @cgfd through a cgroup.procs opened here: 0 or -ENOENT. */
static int nmb_move(struct nsc_ctx *ctx, int cgfd, pid_t pid, const char *what)
{
	int fd = (int)NSC_SAFE(ctx, openat(cgfd, "cgroup.procs", O_WRONLY | O_CLOEXEC));
	char b[24];
	int n = snprintf(b, sizeof(b), "%d", (int)pid), ret = 0;

	if (write(fd, b, (size_t)n) != n)
		ret = -errno;
	close(fd);
	if (ret < 0 && ret != -ENOENT)
		nsc_error(ctx, -ret, "cgroup.procs write (%s)", what);
	return ret;
}

static void child(struct nsc_ctx *ctx)
{
	struct nmb_shared *sh = nsc_shared_as(ctx, struct nmb_shared);
	int in, out;

	in = nmb_move(ctx, sh->a_fd, sh->outside, "into the namespace root");
	out = nmb_move(ctx, sh->b_fd, getpid(), "out of the namespace root");
	NSC_ISOLATED_EQ(ctx, in, -ENOENT,
			"moving a process from outside the cgroup namespace root into it (nsdelegate)");
	NSC_ISOLATED_EQ(ctx, out, -ENOENT,
			"moving itself out of its cgroup namespace root (nsdelegate)");
}

static void cleanup(struct nsc_ctx *ctx)
{
	nsc_cg_helper_end(nsc_shared_as(ctx, struct nmb_shared)->outside);
}

NSC_CASE(cgroup, nsdelegate_migration_boundary) = {
	.summary = "with nsdelegate no migration across a cgroup namespace's root from inside",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.cleanup = cleanup,
	.min_kernel = "4.13",
	.anchors = NSC_ANCHORS("kselftest:cgroup/test_core.c",
			       "other:Documentation/admin-guide/cgroup-v2.rst (nsdelegate)"),
};
