// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.si_pid_translation: the sender's PID in a signal's siginfo is
 * translated into the receiver's PID namespace.  The sandbox (its init)
 * installs a handler, blocks SIGUSR1 and SIGUSR2 and collects them with
 * sigwaitinfo(): SIGUSR1, queued from the case process outside while
 * blocked, carries si_pid 0 and is delivered once waited for; SIGUSR2
 * from a child inside carries the child's in-namespace PID.  Control:
 * without CLONE_NEWPID si_pid is the case process's real PID.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

static void child(struct nsc_ctx *ctx)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	sigset_t set;
	siginfo_t si;
	pid_t pid;
	int status;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	NSC_SAFE(ctx, sigprocmask(SIG_BLOCK, &set, NULL));
	/* A handler: an init discards signals it has none for. */
	NSC_SAFE(ctx, sigaction(SIGUSR1, &sa, NULL));
	NSC_SAFE(ctx, sigaction(SIGUSR2, &sa, NULL));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* SIGUSR1 queued from outside */
	sigdelset(&set, SIGUSR2);
	NSC_ASSERT_EQ(ctx, sigwaitinfo(&set, &si), SIGUSR1, "signal waited for");
	NSC_EXPECT_EQ(ctx, si.si_code, SI_USER, "si_code of kill() from outside");
	NSC_ISOLATED_EQ(ctx, si.si_pid, 0, "si_pid of a signal sent from outside the namespace");

	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0)
		_exit(kill(getppid(), SIGUSR2) < 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	NSC_ASSERT_EQ(ctx, sigwaitinfo(&set, &si), SIGUSR2, "signal waited for");
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, si.si_pid, pid, "si_pid of a signal sent from a child inside");
}

static void parent(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_SAFE(ctx, kill(nsc_child_pid(ctx), SIGUSR1));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(pid, si_pid_translation) = {
	.summary = "si_pid of a signal is translated into the receiver's PID namespace (0 from outside)",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns12", "ltp:pidns16", "ltp:pidns20", "man:pid_namespaces(7)"),
};
