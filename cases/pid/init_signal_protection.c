// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.init_signal_protection: the init of a PID namespace is protected
 * from its own members: SIGTERM and SIGKILL that a member sends it, while
 * it has no handler for them, are discarded (kill() returns 0) and it
 * lives on; SIGKILL from the parent namespace kills it.  The sandbox
 * makes a nested namespace (unshare + fork) whose init T forks member M;
 * M sends T SIGTERM, then SIGKILL, and exits; T, having reaped M, reports
 * on a pipe that it survived; then the sandbox (outside T's namespace)
 * SIGKILLs it.  Control: without CLONE_NEWPID T is an ordinary process
 * and M's SIGTERM kills it (the pipe reads EOF).
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct isp_shared {
	int term_ret, kill_ret; /* kill() results in M (0 or -errno) */
	int err;		/* errno of a failed fork or unshare below */
};

static void init_proc(struct isp_shared *sh, int alive_fd, int hold_fd)
{
	pid_t m = nsc_fork();
	char b = 1;

	if (m == 0) {
		sh->term_ret = kill(getppid(), SIGTERM) < 0 ? -errno : 0;
		sh->kill_ret = kill(getppid(), SIGKILL) < 0 ? -errno : 0;
		_exit(0);
	}
	if (m < 0) {
		sh->err = -m;
		_exit(1);
	}
	while (waitpid(m, NULL, 0) < 0 && errno == EINTR)
		;
	/* Signals are handled on the way back to user space: still alive here. */
	if (write(alive_fd, &b, 1) != 1)
		_exit(1);
	while (read(hold_fd, &b, 1) < 0 && errno == EINTR)
		; /* until the sandbox kills us, or gives up */
	_exit(0);
}

static void child(struct nsc_ctx *ctx)
{
	struct isp_shared *sh = nsc_shared_as(ctx, struct isp_shared);
	int alive[2], hold[2], status;
	ssize_t n;
	pid_t t;
	char b;

	NSC_SAFE(ctx, pipe(alive));
	NSC_SAFE(ctx, pipe(hold));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	t = NSC_SAFE(ctx, nsc_fork());
	if (t == 0) {
		close(alive[0]);
		close(hold[1]);
		init_proc(sh, alive[1], hold[0]);
	}
	close(alive[1]);
	close(hold[0]);
	do
		n = read(alive[0], &b, 1);
	while (n < 0 && errno == EINTR);
	if (sh->err)
		nsc_error(ctx, sh->err, "the namespace's init could not start its member");
	NSC_EXPECT_EQ(ctx, sh->term_ret, 0, "kill(init, SIGTERM) from a member");
	NSC_ISOLATED(ctx, n == 1,
		     "the namespace's init did not survive SIGTERM and SIGKILL from its member");
	NSC_SAFE(ctx, kill(t, SIGKILL));
	NSC_SAFE(ctx, waitpid(t, &status, 0));
	close(hold[1]);
	if (n == 1)
		NSC_EXPECT(ctx, WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
			   "SIGKILL from the parent namespace did not kill the init (status 0x%x)",
			   status);
}

NSC_CASE(pid, init_signal_protection) = {
	.summary = "a PID namespace's init ignores SIGTERM/SIGKILL from its members, not SIGKILL from outside",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns04", "man:pid_namespaces(7)"),
};
