// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.kill_all_scoped: kill(-1, sig) from inside a PID namespace reaches
 * only processes of that namespace (and its descendants), never one
 * outside; from an init that is alone in its namespace it finds nobody
 * (ESRCH).  In a containing namespace (contain.h; so that even the
 * control's kill(-1) cannot leave it) C starts a sentinel S, then a
 * nested namespace whose init T starts a waiter W and a sender M.  M
 * sends kill(-1, SIGWINCH); with SIGWINCH blocked everywhere, a receiver
 * keeps it pending and reports sigpending() when told: W must have it,
 * S must not.  Then T, alone, calls kill(-1, SIGWINCH): ESRCH.  Control:
 * without CLONE_NEWPID S receives M's signal and T's kill(-1) reaches S
 * (returns 0).  Two guards keep a broken run from signalling the host:
 * the signal is one whose default action is to ignore it (SIGWINCH, not
 * SIGUSR1, which kills), and every kill(-1) first checks that its caller
 * is in a PID namespace other than the sandbox's (the case's own K or
 * T); a shim or filter that faked both unshares gets no kill(-1) at all.
 */
#include <signal.h>

#include "contain.h"

#define KAS_SIG SIGWINCH /* default action: ignore */

struct kas_shared {
	long long sandbox_pidns; /* the sandbox's PID namespace: never kill(-1) in it */
	int m_ret;		 /* kill(-1) in M: 0 or -errno */
	int t_ret;		 /* kill(-1) in T, alone: 0 or -errno */
	int w_pending;		 /* KAS_SIG pending in W: 1, 0, or -errno */
	int s_pending;		 /* ... in S */
	int t_status;		 /* T's wait status */
	int err;		 /* errno of a failed fork in T */
};

/* kill(-1, KAS_SIG), only from a PID namespace the case made: 0 or -errno. */
static int kill_all(const struct kas_shared *sh)
{
	long long ino = nsc_ns_ino(0, CLONE_NEWPID, NULL);

	if (ino < 0 || ino == sh->sandbox_pidns)
		return -ECANCELED;
	return kill(-1, KAS_SIG) < 0 ? -errno : 0;
}

/* Wait for a byte (or EOF) on @fd, then report whether KAS_SIG is pending. */
static int __attribute__((noreturn)) receiver(int fd, int *pending)
{
	sigset_t set;
	char b;

	while (read(fd, &b, 1) < 0 && errno == EINTR)
		;
	*pending = sigpending(&set) < 0 ? -errno : sigismember(&set, KAS_SIG);
	_exit(0);
}

static void __attribute__((noreturn)) init_proc(struct kas_shared *sh)
{
	int look[2];
	pid_t w, m;
	char b = 1;

	if (pipe(look) < 0)
		_exit(1);
	w = nsc_fork();
	if (w == 0) {
		close(look[1]);
		receiver(look[0], &sh->w_pending);
	}
	close(look[0]);
	m = nsc_fork();
	if (m == 0)
		_exit(!!(sh->m_ret = kill_all(sh)));
	if (w < 0 || m < 0) {
		sh->err = w < 0 ? -w : -m;
		_exit(1);
	}
	while (waitpid(m, NULL, 0) < 0 && errno == EINTR)
		;
	if (write(look[1], &b, 1) != 1)
		_exit(1);
	while (waitpid(w, NULL, 0) < 0 && errno == EINTR)
		;
	sh->t_ret = kill_all(sh);
	_exit(0);
}

static void scenario(struct nsc_ctx *ctx)
{
	struct kas_shared *sh = nsc_shared_as(ctx, struct kas_shared);
	int look[2];
	pid_t s, t;
	char b = 1;

	NSC_SAFE(ctx, pipe(look));
	s = NSC_SAFE(ctx, nsc_fork());
	if (s == 0) {
		close(look[1]);
		receiver(look[0], &sh->s_pending);
	}
	close(look[0]);
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	t = NSC_SAFE(ctx, nsc_fork());
	if (t == 0) {
		close(look[1]);
		init_proc(sh);
	}
	while (waitpid(t, &sh->t_status, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(nested init)");
	NSC_SAFE(ctx, write(look[1], &b, 1));
	while (waitpid(s, NULL, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(sentinel)");
}

static void child(struct nsc_ctx *ctx)
{
	struct kas_shared *sh = nsc_shared_as(ctx, struct kas_shared);
	sigset_t set;
	int status;

	/* Blocked in every process from here on: a receiver keeps it pending. */
	sigemptyset(&set);
	sigaddset(&set, KAS_SIG);
	NSC_SAFE(ctx, sigprocmask(SIG_BLOCK, &set, NULL));
	sh->w_pending = sh->s_pending = -1000;
	sh->sandbox_pidns = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	status = nsc_pid_contain(ctx, scenario);
	NSC_ASSERT(ctx, WIFEXITED(status), "containing init ended with status 0x%x", status);
	nsc_pid_status_ok(ctx, sh->t_status, sh->err, "the nested namespace's init");
	NSC_ASSERT(ctx, sh->w_pending >= 0 && sh->s_pending >= 0,
		   "a receiver did not report (waiter %d, sentinel %d)", sh->w_pending,
		   sh->s_pending);
	NSC_EXPECT_EQ(ctx, sh->m_ret, 0, "kill(-1, SIGWINCH) from a member");
	NSC_EXPECT_EQ(ctx, sh->w_pending, 1,
		      "SIGWINCH from kill(-1) pending in a member of the namespace");
	NSC_ISOLATED_EQ(ctx, sh->s_pending, 0,
			"SIGWINCH from kill(-1) inside pending in a process outside the namespace");
	NSC_ISOLATED_EQ(ctx, sh->t_ret, -ESRCH,
			"kill(-1, SIGWINCH) from an init alone in its namespace");
}

NSC_CASE(pid, kill_all_scoped) = {
	.summary = "kill(-1) from inside a PID namespace reaches only that namespace",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns10", "ltp:pidns17", "man:kill(2)", "man:pid_namespaces(7)"),
};
