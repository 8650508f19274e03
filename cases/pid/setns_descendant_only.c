// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.setns_descendant_only: setns() may move a process's
 * pid_for_children only down its own PID namespace tree: into a
 * descendant (or its own) namespace it works, into an ancestor or a
 * sibling it fails with EINVAL.  The sandbox (namespace X) makes two
 * child namespaces Y1 and Y2 (unshare + fork each; between them it
 * returns to X with setns(), allowed as X is its own).  Y1's init joins X
 * (an ancestor) and Y2's init joins Y1 (a sibling) by pidfd: both
 * EINVAL.  Then the sandbox joins Y1 (a descendant): it works, its own
 * namespace stays X and its children's becomes Y1.  Control: without
 * CLONE_NEWPID every "namespace" is the sandbox's own and both joins
 * succeed (or fail EPERM rootless, nscheck's own namespace belonging to
 * a user namespace it has no capability in).
 */
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct sdo_shared {
	int anc;      /* setns(X) in Y1's init: 0 or -errno */
	int sib;      /* setns(Y1) in Y2's init */
	long long y1; /* ns/pid inode of Y1's init */
};

static int join(int fd)
{
	return setns(fd, CLONE_NEWPID) < 0 ? -errno : 0;
}

/* Back to the sandbox's own namespace X (for its children). */
static void join_own(struct nsc_ctx *ctx, int xfd)
{
	int ret = join(xfd);

	/* Rootless control: X is nscheck's own, owned by a foreign user namespace. */
	if (ret == -EPERM && !(nsc_sandbox_flags(ctx) & CLONE_NEWPID))
		return;
	if (ret < 0)
		nsc_error(ctx, -ret, "setns() into the sandbox's own PID namespace");
}

static void child(struct nsc_ctx *ctx)
{
	struct sdo_shared *sh = nsc_shared_as(ctx, struct sdo_shared);
	int xfd, pidfd1, hold[2], done[2], status;
	long long x, kids;
	pid_t c1, c2;
	char b;

	sh->anc = sh->sib = 1;
	xfd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	x = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	NSC_SAFE(ctx, pipe(hold));
	NSC_SAFE(ctx, pipe(done));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	c1 = NSC_SAFE(ctx, nsc_fork());
	if (c1 == 0) {
		close(hold[1]);
		close(done[0]);
		sh->y1 = nsc_ns_ino(0, CLONE_NEWPID, NULL);
		sh->anc = join(xfd);
		if (write(done[1], &b, 1) != 1)
			_exit(1);
		while (read(hold[0], &b, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(hold[0]);
	close(done[1]);
	/* Y1's init has tried its join (or is gone). */
	while (read(done[0], &b, 1) < 0 && errno == EINTR)
		;
	close(done[0]);
	pidfd1 = NSC_SAFE(ctx, syscall(SYS_pidfd_open, c1, 0));
	join_own(ctx, xfd);
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	c2 = NSC_SAFE(ctx, nsc_fork());
	if (c2 == 0) {
		sh->sib = join(pidfd1);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(c2, &status, 0));
	NSC_ISOLATED_EQ(ctx, sh->anc, -EINVAL, "setns() of an init into its parent PID namespace");
	NSC_ISOLATED_EQ(ctx, sh->sib, -EINVAL, "setns() of an init into a sibling PID namespace");

	join_own(ctx, xfd);
	NSC_EXPECT_EQ(ctx, join(pidfd1), 0, "setns() into a child PID namespace");
	kids = NSC_TRY(ctx, nsc_ns_children_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, kids, sh->y1, "the children's PID namespace after joining a child one");
	NSC_EXPECT_EQ(ctx, nsc_ns_ino(0, CLONE_NEWPID, NULL), x,
		      "own PID namespace after setns() into a child one");
	close(hold[1]);
	NSC_SAFE(ctx, waitpid(c1, &status, 0));
	close(pidfd1);
	close(xfd);
}

NSC_CASE(pid, setns_descendant_only) = {
	.summary = "setns() of a PID namespace works into descendants only (EINVAL for ancestors and siblings)",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("man:setns(2)", "kselftest:pid_namespace/pidns_init_via_setns.c"),
};
