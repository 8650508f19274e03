// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.outside_pids_invisible: from inside a new PID namespace the case
 * process (the sandbox's parent) and the runner (unless it is PID 1, the
 * sandbox's own number inside) cannot be addressed by
 * their PIDs: kill(pid, 0) and pidfd_open(pid) fail with ESRCH.
 * Control: without CLONE_NEWPID kill(case process, 0) succeeds.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

struct outside_shared {
	pid_t caseproc;
	pid_t runner;
};

static int setup(struct nsc_ctx *ctx)
{
	struct outside_shared *sh = nsc_shared_as(ctx, struct outside_shared);

	sh->caseproc = getpid();
	sh->runner = getppid();
	return 0;
}

static int kill0(pid_t pid)
{
	return kill(pid, 0) < 0 ? -errno : 0;
}

static int pidfd_probe(pid_t pid)
{
	long fd = syscall(SYS_pidfd_open, pid, 0);

	if (fd < 0)
		return -errno;
	close((int)fd);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct outside_shared *sh = nsc_shared_as(ctx, struct outside_shared);
	int ret = kill0(sh->caseproc);

	NSC_ISOLATED(ctx, ret == -ESRCH,
		     "kill(%d, 0) of the case process from inside gave %d, want -ESRCH",
		     (int)sh->caseproc, ret);
	ret = pidfd_probe(sh->caseproc);
	NSC_ISOLATED(ctx, ret == -ESRCH,
		     "pidfd_open(%d) of the case process from inside gave %d, want -ESRCH",
		     (int)sh->caseproc, ret);
	/*
	 * The runner may sit in another user namespace: EPERM still leaks.
	 * A runner that is PID 1 of its own PID namespace (a container's
	 * entrypoint, an initramfs init) has the number the sandbox itself
	 * has inside: kill(1, 0) then addresses the sandbox, and says
	 * nothing about the runner.
	 */
	if (sh->runner != getpid()) {
		ret = kill0(sh->runner);
		NSC_ISOLATED(ctx, ret == -ESRCH,
			     "kill(%d, 0) of the runner from inside gave %d, want -ESRCH",
			     (int)sh->runner, ret);
	}
	NSC_EXPECT_EQ(ctx, kill0(getpid()), 0, "kill(getpid(), 0) inside");
}

NSC_CASE(pid, outside_pids_invisible) = {
	.summary = "processes outside a new PID namespace cannot be addressed by PID",
	.clone_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns06", "man:pid_namespaces(7)"),
};
