// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.init_death_kills_ns: when the init of a PID namespace exits, the
 * kernel SIGKILLs every other process of the namespace, those of nested
 * namespaces included, before the init can be reaped.  In a containing
 * namespace (contain.h) a nested namespace is made whose init T forks a
 * member M and then, in a further nested namespace, N, whose child N2 is
 * two levels below T.  M holds the write end of pipe a, N2 that of pipe
 * b; nothing else does.  T exits once both are ready (status 0); when T has been
 * reaped, reading each pipe (non-blocking) must give EOF: every holder
 * is gone.  The members have their parent-death signal cleared, so only
 * the namespace can kill them.  Control: without CLONE_NEWPID (the
 * nested unshares withheld too) M and N2 survive T and the reads give
 * EAGAIN; they die with the containing namespace.
 */
#include <fcntl.h>
#include <sys/prctl.h>

#include "contain.h"

struct death_shared {
	int status;	/* T's wait status */
	ssize_t ra, rb; /* read() of pipes a and b after T was reaped */
	int ea, eb;	/* their errno */
	int err;	/* errno of a failed fork or unshare below */
};

/* A member: announce readiness on @ready, then block until killed. */
static void __attribute__((noreturn)) member(int ready)
{
	char b = 1;

	prctl(PR_SET_PDEATHSIG, 0);
	if (write(ready, &b, 1) != 1)
		_exit(1);
	nsc_park();
}

static void __attribute__((noreturn)) init_proc(struct nsc_ctx *ctx, int a, int b, int ready[2])
{
	struct death_shared *sh = nsc_shared_as(ctx, struct death_shared);
	ssize_t got = 0, r;
	char buf[2];
	pid_t m, n;

	m = nsc_fork();
	if (m == 0) {
		close(b);
		member(ready[1]);
	}
	close(a);
	if (m >= 0)
		m = nsc_unshare(ctx, CLONE_NEWPID);
	if (m < 0) {
		sh->err = -m;
		_exit(1);
	}
	n = nsc_fork();
	if (n == 0) {
		pid_t n2 = nsc_fork();
		char no = 0;

		if (n2 == 0)
			member(ready[1]);
		if (n2 < 0) {
			/* Refused (a process limit): a 0 byte tells T, which would wait on. */
			sh->err = -n2;
			_exit(write(ready[1], &no, 1) != 1);
		}
		close(b);
		prctl(PR_SET_PDEATHSIG, 0);
		nsc_park();
	}
	close(b);
	close(ready[1]);
	if (n < 0) {
		sh->err = -n;
		_exit(1);
	}
	/* Exit only once M and N2 (one byte each) are ready. */
	while (got < 2) {
		r = read(ready[0], buf, sizeof(buf) - (size_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			_exit(2);
		for (ssize_t i = 0; i < r; i++)
			if (!buf[i])
				_exit(1); /* N could not fork N2: sh->err says why */
		got += r;
	}
	_exit(0);
}

static void scenario(struct nsc_ctx *ctx)
{
	struct death_shared *sh = nsc_shared_as(ctx, struct death_shared);
	int a[2], b[2], ready[2];
	char buf[2];
	pid_t t;

	NSC_SAFE(ctx, pipe2(a, O_NONBLOCK));
	NSC_SAFE(ctx, pipe2(b, O_NONBLOCK));
	NSC_SAFE(ctx, pipe(ready));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	t = NSC_SAFE(ctx, nsc_fork());
	if (t == 0) {
		close(a[0]);
		close(b[0]);
		init_proc(ctx, a[1], b[1], ready);
	}
	close(a[1]);
	close(b[1]);
	close(ready[0]);
	close(ready[1]);
	while (waitpid(t, &sh->status, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(nested init)");
	sh->ra = read(a[0], buf, 1);
	sh->ea = sh->ra < 0 ? errno : 0;
	sh->rb = read(b[0], buf, 1);
	sh->eb = sh->rb < 0 ? errno : 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct death_shared *sh = nsc_shared_as(ctx, struct death_shared);
	int status = nsc_pid_contain(ctx, scenario);

	NSC_ASSERT(ctx, WIFEXITED(status), "containing init ended with status 0x%x", status);
	nsc_pid_status_ok(ctx, sh->status, sh->err, "the nested namespace's init");
	NSC_ISOLATED(ctx, sh->ra == 0,
		     "a member of the namespace outlived its init (read %zd, errno %d)", sh->ra,
		     sh->ea);
	NSC_ISOLATED(ctx, sh->rb == 0,
		     "a member of a nested namespace outlived the outer init (read %zd, errno %d)",
		     sh->rb, sh->eb);
}

NSC_CASE(pid, init_death_kills_ns) = {
	.summary = "when a PID namespace's init exits, every member (nested ones too) is killed",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns05", "man:pid_namespaces(7)"),
};
