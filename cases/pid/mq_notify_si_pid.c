// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.mq_notify_si_pid: the sender's PID in an mq_notify(SIGEV_SIGNAL)
 * notification is translated into the PID namespace of the registered
 * process.  The sandbox registers for SIGUSR1 (blocked, collected with
 * sigwaitinfo()) on a POSIX queue; a message sent by the case process
 * arrives with si_pid 0 (not visible inside); after re-registering, one
 * sent by a child inside carries that child's PID.  The queue lives in
 * the case's disposable IPC namespace (.outer_flags).  Control: without
 * CLONE_NEWPID si_pid is the case process's real PID.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define MQ_NAME "/nscheck-pid-mq-notify"

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
}

static void child(struct nsc_ctx *ctx)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 1 };
	sigset_t set;
	siginfo_t si;
	mqd_t q;
	pid_t pid;
	char b;
	int status;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	NSC_SAFE(ctx, sigprocmask(SIG_BLOCK, &set, NULL));
	NSC_SAFE(ctx, sigaction(SIGUSR1, &sa, NULL));
	q = mq_open(MQ_NAME, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attr);
	if (q == (mqd_t)-1)
		nsc_error(ctx, errno, "mq_open(%s)", MQ_NAME);
	NSC_SAFE(ctx, mq_notify(q, &ev));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_ASSERT_EQ(ctx, sigwaitinfo(&set, &si), SIGUSR1, "signal waited for");
	NSC_EXPECT_EQ(ctx, si.si_code, SI_MESGQ, "si_code of the notification");
	NSC_ISOLATED_EQ(ctx, si.si_pid, 0,
			"si_pid of a notification for a message sent from outside");
	NSC_SAFE(ctx, mq_receive(q, &b, 1, NULL));

	NSC_SAFE(ctx, mq_notify(q, &ev));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0)
		_exit(mq_send(q, "i", 1, 0) < 0);
	NSC_ASSERT_EQ(ctx, sigwaitinfo(&set, &si), SIGUSR1, "signal waited for");
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, si.si_pid, pid, "si_pid of a notification for a message sent inside");
	mq_close(q);
}

static void parent(struct nsc_ctx *ctx)
{
	mqd_t q;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	q = mq_open(MQ_NAME, O_WRONLY | O_CLOEXEC);
	if (q == (mqd_t)-1)
		nsc_error(ctx, errno, "mq_open(%s) outside", MQ_NAME);
	NSC_SAFE(ctx, mq_send(q, "o", 1, 0));
	mq_close(q);
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	mq_unlink(MQ_NAME);
}

NSC_CASE(pid, mq_notify_si_pid) = {
	.summary = "si_pid of an mq_notify() signal is translated into the registrant's PID namespace",
	.clone_flags = CLONE_NEWPID,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_POSIX_MQUEUE"),
	.child = child,
	.parent = parent,
	.cleanup = cleanup,
	.min_kernel = "2.6.30",
	.anchors = NSC_ANCHORS("ltp:pidns30", "ltp:pidns31", "man:mq_notify(3)"),
};
