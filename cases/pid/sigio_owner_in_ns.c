// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.sigio_owner_in_ns: the owner of an O_ASYNC file (F_SETOWN) is a
 * process, stored by identity and read back by F_GETOWN in the reader's
 * PID namespace.  The sandbox (the namespace's init) makes itself the
 * owner of the read end of a pipe the case process made, by its own PID
 * 1; F_GETOWN reads 1 inside and the sandbox's outer PID outside.  A
 * write to the pipe from outside then raises SIGIO in the sandbox with
 * si_code POLL_IN and si_fd the pipe.  Control: without CLONE_NEWPID the
 * outside F_GETOWN reads the PID the sandbox set.
 */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "nscheck.h"

struct sigio_shared {
	pid_t self; /* getpid() in the sandbox */
	pid_t own;  /* F_GETOWN inside */
};

static int p[2] = { -1, -1 };

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

static int setup(struct nsc_ctx *ctx)
{
	NSC_SAFE(ctx, pipe2(p, O_CLOEXEC | O_NONBLOCK));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct sigio_shared *sh = nsc_shared_as(ctx, struct sigio_shared);
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	sigset_t set;
	siginfo_t si;

	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	NSC_SAFE(ctx, sigprocmask(SIG_BLOCK, &set, NULL));
	NSC_SAFE(ctx, sigaction(SIGIO, &sa, NULL));
	sh->self = getpid();
	NSC_SAFE(ctx, fcntl(p[0], F_SETOWN, getpid()));
	NSC_SAFE(ctx, fcntl(p[0], F_SETSIG, SIGIO)); /* a full siginfo */
	NSC_SAFE(ctx, fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK));
	sh->own = fcntl(p[0], F_GETOWN);
	NSC_EXPECT_EQ(ctx, sh->own, getpid(), "F_GETOWN inside after F_SETOWN(getpid())");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_ASSERT_EQ(ctx, sigwaitinfo(&set, &si), SIGIO, "signal waited for");
	NSC_EXPECT_EQ(ctx, si.si_code, POLL_IN, "si_code of SIGIO for a pipe that became readable");
	NSC_EXPECT_EQ(ctx, si.si_fd, p[0], "si_fd of SIGIO");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void parent(struct nsc_ctx *ctx)
{
	struct sigio_shared *sh = nsc_shared_as(ctx, struct sigio_shared);
	char b = 1;
	int own;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	own = NSC_SAFE(ctx, fcntl(p[0], F_GETOWN));
	NSC_EXPECT_EQ(ctx, own, nsc_child_pid(ctx), "F_GETOWN outside of the sandbox-owned pipe");
	NSC_ISOLATED_NE(ctx, own, sh->own, "F_GETOWN outside equals the owner's PID inside");
	NSC_SAFE(ctx, write(p[1], &b, 1));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	for (int i = 0; i < 2; i++)
		if (p[i] >= 0)
			close(p[i]);
}

NSC_CASE(pid, sigio_owner_in_ns) = {
	.summary = "F_GETOWN reads a file's owner in the reader's PID namespace; SIGIO reaches it",
	.clone_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.parent = parent,
	.cleanup = cleanup,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns13", "man:fcntl(2)"),
};
