// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.clone3_set_tid_nested: clone3()'s set_tid array chooses the new
 * process's PID at each PID namespace level, innermost first.  After
 * unshare(CLONE_NEWPID) the sandbox (namespace X) clones into the new
 * namespace Y: set_tid {5, 600} fails with EINVAL (Y has no init yet, so
 * its first PID must be 1); {1, 600} gives a child that is 1 in Y and
 * 600 in X; {7, 600} fails with EEXIST (600 is taken in X); {7, 601}
 * gives 7 and 601.  A set_tid_size beyond MAX_PID_NS_LEVEL (32) is
 * EINVAL.  No control: an API contract on namespaces the case makes
 * itself.  Needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE over X and Y's
 * owner, which nscheck has rootless too.
 */
#include <linux/sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct st_shared {
	pid_t self[2]; /* getpid() in the two children */
};

/* clone3 with @tids (innermost first); the child records getpid() in *@self. */
static pid_t clone_tid(const pid_t *tids, size_t n, pid_t *self, const int hold[2])
{
	struct clone_args args = {
		.exit_signal = SIGCHLD,
		.set_tid = (uintptr_t)tids,
		.set_tid_size = n,
	};
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	char b;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		*self = getpid();
		close(hold[1]);
		/* Stay (keeping its PIDs taken) until the sandbox closes @hold. */
		while (read(hold[0], &b, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	return (pid_t)pid;
}

static void child(struct nsc_ctx *ctx)
{
	struct st_shared *sh = nsc_shared_as(ctx, struct st_shared);
	pid_t tids[33] = { 0 };
	pid_t a, b;
	int hold[2], ret;

	NSC_SAFE(ctx, pipe(hold));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	ret = clone_tid((pid_t[]){ 5, 600 }, 2, &sh->self[0], hold);
	if (ret == -ENOSYS)
		nsc_skip(ctx, ENOSYS, "allow clone3(2) (seccomp) or use Linux >= 5.5",
			 "clone3() is not available");
	if (ret == -EPERM)
		nsc_skip(ctx, EPERM, "run with CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE",
			 "clone3() with set_tid needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE");
	NSC_EXPECT_EQ(ctx, ret, -EINVAL, "clone3 set_tid {5, 600} into a namespace without init");
	tids[0] = 1;
	ret = clone_tid(tids, 33, &sh->self[0], hold);
	NSC_EXPECT_EQ(ctx, ret, -EINVAL, "clone3 with set_tid_size 33 (> MAX_PID_NS_LEVEL)");

	a = clone_tid((pid_t[]){ 1, 600 }, 2, &sh->self[0], hold);
	if (a == -EAGAIN || a == -ENOMEM)
		nsc_error(ctx, -a, "clone3 set_tid {1, 600}");
	NSC_ASSERT_EQ(ctx, a, 600, "clone3 set_tid {1, 600}: the PID in the sandbox's namespace");
	ret = clone_tid((pid_t[]){ 7, 600 }, 2, &sh->self[1], hold);
	NSC_EXPECT_EQ(ctx, ret, -EEXIST, "clone3 set_tid {7, 600} with 600 taken");
	b = clone_tid((pid_t[]){ 7, 601 }, 2, &sh->self[1], hold);
	if (b == -EAGAIN || b == -ENOMEM)
		nsc_error(ctx, -b, "clone3 set_tid {7, 601}");
	NSC_EXPECT_EQ(ctx, b, 601, "clone3 set_tid {7, 601}: the PID in the sandbox's namespace");
	close(hold[1]);
	if (b > 0)
		NSC_SAFE(ctx, waitpid(b, NULL, 0));
	NSC_SAFE(ctx, waitpid(a, NULL, 0));
	NSC_EXPECT_EQ(ctx, sh->self[0], 1, "getpid() of the child cloned with set_tid {1, 600}");
	if (b > 0)
		NSC_EXPECT_EQ(ctx, sh->self[1], 7,
			      "getpid() of the child cloned with set_tid {7, 601}");
}

NSC_CASE(pid, clone3_set_tid_nested) = {
	.summary = "clone3() set_tid picks the PID at each nested PID namespace level",
	.clone_flags = CLONE_NEWPID,
	.no_control = "an API contract on PID namespaces the case makes itself",
	.child = child,
	.min_kernel = "5.5",
	.anchors = NSC_ANCHORS("kselftest:clone3/clone3_set_tid.c", "man:clone(2)"),
};
