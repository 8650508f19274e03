// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.orphans_reparent_to_ns_init: an orphan inside a PID namespace is
 * adopted by the namespace's init, not by a reaper outside it.  In a
 * containing namespace (contain.h) a nested namespace is made whose init
 * T forks P, which forks O and exits; once T has reaped P (the adoption
 * is done by then) it tells O, which records getppid(): it must be T's
 * PID as O sees it (1).  O has its parent-death signal cleared, so that
 * P's exit does not kill it.  Control: without CLONE_NEWPID T is an
 * ordinary process and O goes to the containing namespace's init.
 */
#include <sys/prctl.h>

#include "contain.h"

struct orph_shared {
	pid_t t_self;	/* getpid() in T */
	pid_t o_parent; /* getppid() in O once orphaned */
	int status;	/* T's wait status */
	int err;	/* errno of a failed fork or unshare below */
};

static void __attribute__((noreturn)) init_proc(struct orph_shared *sh, int go[2], int done)
{
	pid_t p;
	char b = 1;

	sh->t_self = getpid();
	p = nsc_fork();
	if (p == 0) {
		int armed[2];
		pid_t o;

		if (pipe(armed) < 0)
			_exit(1);
		o = nsc_fork();
		if (o == 0) {
			/* P's exit must not kill O: no parent-death signal. */
			prctl(PR_SET_PDEATHSIG, 0);
			close(armed[0]);
			close(armed[1]);
			close(go[1]);
			if (read(go[0], &b, 1) == 1)
				sh->o_parent = getppid();
			_exit(write(done, &b, 1) != 1);
		}
		/* Leave O only once it is armed (its end of armed closed). */
		close(armed[1]);
		while (o > 0 && read(armed[0], &b, 1) < 0 && errno == EINTR)
			;
		if (o < 0)
			sh->err = -o;
		_exit(o < 0);
	}
	close(done);
	if (p < 0) {
		sh->err = -p;
		_exit(1);
	}
	while (waitpid(p, NULL, 0) < 0 && errno == EINTR)
		;
	/* P is reaped: O is somebody's child now.  Let it look, then reap it. */
	if (write(go[1], &b, 1) != 1)
		_exit(1);
	close(go[1]);
	close(go[0]);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	_exit(0);
}

static void scenario(struct nsc_ctx *ctx)
{
	struct orph_shared *sh = nsc_shared_as(ctx, struct orph_shared);
	int go[2], done[2];
	pid_t t;
	char b;

	NSC_SAFE(ctx, pipe(go));
	NSC_SAFE(ctx, pipe(done));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	t = NSC_SAFE(ctx, nsc_fork());
	if (t == 0) {
		close(done[0]);
		init_proc(sh, go, done[1]);
	}
	close(go[0]);
	close(go[1]);
	close(done[1]);
	/* O has looked (or is gone); in the control T does not wait for it. */
	while (read(done[0], &b, 1) < 0 && errno == EINTR)
		;
	while (waitpid(t, &sh->status, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(nested init)");
}

static void child(struct nsc_ctx *ctx)
{
	struct orph_shared *sh = nsc_shared_as(ctx, struct orph_shared);
	int status = nsc_pid_contain(ctx, scenario);

	NSC_ASSERT(ctx, WIFEXITED(status), "containing init ended with status 0x%x", status);
	nsc_pid_status_ok(ctx, sh->status, sh->err, "the nested namespace's init");
	/* A fork below T refused (a process limit): no orphan, no verdict. */
	if (sh->err)
		nsc_error(ctx, sh->err, "a fork below the nested namespace's init");
	if (!sh->o_parent)
		nsc_error(ctx, ECHILD, "the orphan did not report its parent");
	NSC_ISOLATED_EQ(ctx, sh->o_parent, sh->t_self,
			"getppid() of an orphan: the namespace's init as the orphan sees it");
}

NSC_CASE(pid, orphans_reparent_to_ns_init) = {
	.summary = "orphans in a PID namespace are adopted by its init",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("man:pid_namespaces(7)", "other:no anchor tests it"),
};
