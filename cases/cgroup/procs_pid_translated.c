// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.procs_pid_translated: cgroup.procs lists its members' pids as
 * the reader's PID namespace numbers them: read from inside a new PID
 * namespace the reader is 1, and a member outside that namespace never
 * appears with its outer pid (cgroup v2 prints it as 0: task_pid_vnr()
 * of an invisible task; measured on 6.18 and kept as an expectation).
 * Asserted on the case's own cgroup C (cgroupns.h) holding the sandbox
 * and a helper forked outside (both placed by CLONE_INTO_CGROUP): the
 * sandbox reads C's cgroup.procs through an fd the case opened.
 * Control: without CLONE_NEWPID the list holds the outer pids.
 */
#include <fcntl.h>

#include "cgroupns.h"

struct ppt_shared {
	int cg_fd;
	pid_t helper;
};

static int setup(struct nsc_ctx *ctx)
{
	struct ppt_shared *sh = nsc_shared_as(ctx, struct ppt_shared);
	struct nsc_cgroup cg;

	nsc_cg_own_only(ctx, &cg);
	sh->cg_fd = cg.fd;
	sh->helper = nsc_cg_helper(ctx, cg.fd);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ppt_shared *sh = nsc_shared_as(ctx, struct ppt_shared);
	int fd = NSC_SAFE(ctx, openat(sh->cg_fd, "cgroup.procs", O_RDONLY | O_CLOEXEC));
	char buf[256], *p, *end;
	bool self = false, outer = false;
	int zero = 0, n = 0;
	ssize_t len = NSC_SAFE(ctx, read(fd, buf, sizeof(buf) - 1));

	close(fd);
	buf[len] = '\0';
	for (p = buf;; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		n++;
		self |= v == getpid();
		outer |= v == sh->helper;
		zero += v == 0;
	}
	NSC_EXPECT(ctx, self, "the reader lists itself (pid %d) in cgroup.procs: '%s'",
		   (int)getpid(), buf);
	NSC_ISOLATED_EQ(ctx, getpid(), 1, "the reader's pid in its new PID namespace");
	NSC_ISOLATED(ctx, !outer,
		     "cgroup.procs read inside a new PID namespace lists the outside member's pid %d",
		     (int)sh->helper);
	/*
	 * Every other member (the helper; with --via unshare the stub that
	 * unshared too) is outside the reader's PID namespace: 0 each.  Only
	 * where the outer pid is hidden: the control shows it instead.
	 */
	NSC_EXPECT(ctx, n >= 2, "members listed in '%s'", buf);
	if (!outer)
		NSC_EXPECT_EQ(ctx, zero, n - 1, "outside members listed as 0 in '%s'", buf);
}

static void cleanup(struct nsc_ctx *ctx)
{
	struct ppt_shared *sh = nsc_shared_as(ctx, struct ppt_shared);

	nsc_cg_helper_end(sh->helper);
}

NSC_CASE(cgroup, procs_pid_translated) = {
	.summary = "cgroup.procs lists pids as the reader's PID namespace numbers them",
	.clone_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.cleanup = cleanup,
	.min_kernel = "4.5",
	.anchors = NSC_ANCHORS(
		"other:Documentation/admin-guide/cgroup-v2.rst (cgroup.procs); no upstream test"),
};
