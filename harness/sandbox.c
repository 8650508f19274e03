// SPDX-License-Identifier: GPL-2.0-only
/*
 * The case process and its sandbox.
 *
 *   case process: own process group, dies with the runner (PDEATHSIG),
 *   optionally enters a user namespace of its own (rootless), unshares
 *   the case's disposable outer namespaces (plus, for a control run, the
 *   mutable namespaces being withheld, so that even the control never
 *   touches the host), then runs setup, the sandbox, verify, cleanup.
 *
 *   sandbox: clone3(CLONE_PIDFD | flags minus withheld), waits on a gate
 *   until the parent wrote the id maps, runs the child hook, exits
 *   through nsc_exit() which flushes coverage.  Dies with the case
 *   process (PDEATHSIG); killing it kills its PID namespace.
 *
 *   --via clone: the same through clone(2).  --via unshare: a plain
 *   child (the stub) unshare()s the flags; PID and time namespaces are
 *   then its children's, so it forks the sandbox and stays outside,
 *   relaying the sandbox's exit status.  Either way the sandbox runs the
 *   child hook inside every namespace, PID 1 of a new PID namespace, and
 *   proves them by identity first; nsc_child_pid() is the sandbox's pid.
 *
 * Withholding flags for the control and --self-check happens here and in
 * nsc_unshare() only.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "internal.h"
#include "probe.h"

/* Enter a user namespace of our own that maps our ids to root. */
static int enter_own_userns(struct nsc_ctx *ctx)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();

	int ret = nsc_unshare_checked(ctx, NSC_NS_FLAG(USER), "rootless: unshare a user namespace");

	if (ret < 0)
		return ret;
	return nsc_idmap_root(getpid(), uid, gid, &ctx->err);
}

static uint64_t outer_flags(const struct nsc_ctx *ctx)
{
	uint64_t f = ctx->c->outer_flags;

	if (ctx->mode != NSC_MODE_REAL)
		f |= (ctx->c->clone_flags | ctx->c->target_flags) & nsc_ns_mutable_flags();
	return f;
}

/* Make every mount private so nothing a case mounts can propagate out. */
static int make_mounts_private(struct nsc_err *err)
{
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return nsc_err_set(err, errno, "make / rprivate");
	return 0;
}

/*
 * What the sandbox side tells the case process on the ready pipe, in
 * records of one write each (atomic: the stub and the sandbox may both
 * write).  The sandbox: READY once its namespaces are proven.  The stub
 * (--via unshare): PID, the sandbox's pid, or UNSHARE/FORK with an errno.
 */
enum sb_kind { SB_READY = 1, SB_PID, SB_UNSHARE, SB_FORK };

struct sb_msg {
	int kind;
	int val;
};

static void sb_send(int fd, int kind, int val)
{
	struct sb_msg m = { kind, val };

	if (write(fd, &m, sizeof(m)) != sizeof(m))
		return; /* the case process is gone; we die with it */
}

static void close_pair(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
}

/*
 * In the sandbox, before the case body: every namespace it was cloned to
 * get differs from the one it would have inherited (@parent), by
 * identity.  A clone that succeeded without creating one is FAIL.
 */
static void sandbox_verify_ns(struct nsc_ctx *ctx, const struct nsc_ns_ids *parent, uint64_t flags)
{
	struct nsc_ns_ids self;
	uint64_t same;

	if (nsc_ns_ids_self(flags, false, &self, &ctx->err) < 0)
		nsc_error_msg_at(ctx, ctx->err.err, __FILE__, __LINE__, ctx->err.msg);
	same = nsc_ns_ids_same(parent, &self, flags);
	if (same)
		nsc_ctx_not_created(ctx, same, "the sandbox clone");
}

static void __attribute__((noreturn)) sandbox_child(struct nsc_ctx *ctx, int gate, int ready[2],
						    const struct nsc_ns_ids *parent, uint64_t flags)
{
	ctx->in_child = true;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	close(ready[0]);
	close(ctx->sync_c2p[0]);
	close(ctx->sync_p2c[1]);
	/* Before anything else (the parent's id maps included). */
	sandbox_verify_ns(ctx, parent, flags);
	sb_send(ready[1], SB_READY, 0);
	close(ready[1]);
	if (nsc_spawn_pass(gate) < 0)
		nsc_exit(ctx); /* the parent gave up; it recorded why */
	/*
	 * A sandbox copied from a disposable outer mount namespace (made
	 * rprivate there) shares peer groups only with what the case itself
	 * marked shared: the propagation cases need them kept.
	 */
	if ((flags & NSC_NS_FLAG(MNT)) && !(outer_flags(ctx) & NSC_NS_FLAG(MNT)) &&
	    make_mounts_private(&ctx->err) < 0)
		nsc_error(ctx, ctx->err.err, "%s", ctx->err.msg);
	if (nsc_case_is_target(ctx->c))
		nsc_target_join(ctx);
	ctx->c->child(ctx);
	nsc_exit(ctx);
}

/* The stub: end as the sandbox ended (exit status, or its signal). */
static void __attribute__((noreturn)) stub_relay(pid_t pid)
{
	struct rlimit none = { 0, 0 };
	sigset_t all;
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			nsc_cov_dump();
			_exit(126);
		}
	nsc_cov_dump();
	if (WIFEXITED(status))
		_exit(WEXITSTATUS(status));
	/* Die of the same signal, without a core file on the host. */
	setrlimit(RLIMIT_CORE, &none);
	signal(WTERMSIG(status), SIG_DFL);
	sigemptyset(&all);
	sigaddset(&all, WTERMSIG(status));
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	raise(WTERMSIG(status));
	_exit(128 + WTERMSIG(status));
}

/*
 * --via unshare, in the stub (a plain child of the case process):
 * unshare the flags, then be the sandbox, or fork it when the flags hold
 * a type that unshare(2) creates for children only (PID, time).
 */
static void __attribute__((noreturn)) sandbox_unshare(struct nsc_ctx *ctx, int gate, int ready[2],
						      const struct nsc_ns_ids *parent, uint64_t flags)
{
	pid_t pid;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare((int)flags) < 0) {
		sb_send(ready[1], SB_UNSHARE, errno);
		nsc_cov_dump();
		_exit(0);
	}
	if (!(flags & nsc_ns_for_children_flags())) {
		sb_send(ready[1], SB_PID, getpid());
		sandbox_child(ctx, gate, ready, parent, flags);
	}
	pid = fork();
	if (pid < 0) {
		sb_send(ready[1], SB_FORK, errno);
		nsc_cov_dump();
		_exit(0);
	}
	if (pid == 0) {
		nsc_cov_reset(); /* the stub's counters stay the stub's */
		sandbox_child(ctx, gate, ready, parent, flags);
	}
	sb_send(ready[1], SB_PID, pid);
	/* Only the sandbox may hold these: the case process waits for EOF. */
	close(gate);
	close_pair(ready);
	close_pair(ctx->sync_c2p);
	close_pair(ctx->sync_p2c);
	stub_relay(pid);
}

/*
 * In the case process: the sandbox's records until it is ready (and, via
 * unshare, its pid is known).  Returns true when ready; false when the
 * sandbox side ended first (it recorded why) or the stub failed, in
 * which case *@kind and *@err say how.
 */
static bool sandbox_wait_ready(int fd, bool stub, pid_t *inner, int *kind, int *err)
{
	bool ready = false;
	struct sb_msg m;
	ssize_t n;

	*kind = *err = 0;
	while (!ready || (stub && !*inner)) {
		do
			n = read(fd, &m, sizeof(m));
		while (n < 0 && errno == EINTR);
		if (n != sizeof(m))
			return false;
		if (m.kind == SB_READY) {
			ready = true;
		} else if (m.kind == SB_PID) {
			*inner = m.val;
		} else {
			*kind = m.kind;
			*err = m.val;
			return false;
		}
	}
	return true;
}

/*
 * The sandbox's word on @ready (closed here): it proved its namespaces,
 * else it recorded why and left, or (--via unshare) the stub failed.
 * Returns only when it is ready.
 */
static void sandbox_ready(struct nsc_ctx *ctx, int ready, bool stub, uint64_t flags, int gate)
{
	int kind, err;
	bool ok = sandbox_wait_ready(ready, stub, &ctx->child_pid, &kind, &err);

	close(ready);
	if (ok)
		return;
	if (gate >= 0)
		close(gate);
	if (kind == SB_UNSHARE) {
		nsc_ctx_ns_failed(ctx, flags, err);
		nsc_err_setx(&ctx->err, err, "unshare(flags 0x%llx): %s", (unsigned long long)flags,
			     strerror(err));
		nsc_error_msg_at(ctx, err, __FILE__, __LINE__, ctx->err.msg);
	}
	if (kind == SB_FORK)
		nsc_error(ctx, err, "--via unshare: fork the sandbox");
	nsc_ctx_leave(ctx);
}

static void run_sandbox(struct nsc_ctx *ctx)
{
	uint64_t flags = nsc_sandbox_flags(ctx);
	bool stub = ctx->via == NSC_VIA_UNSHARE && flags;
	struct nsc_ns_ids parent;
	int gate = -1, ready[2] = { -1, -1 }, pidfd = -1, wait_fd = -1, ret;
	siginfo_t si;
	pid_t pid;
	bool idmap, early;

	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(ctx->sync_c2p, O_CLOEXEC) < 0 ||
	    pipe2(ctx->sync_p2c, O_CLOEXEC) < 0)
		nsc_error(ctx, errno, "sandbox pipes");
	/* What the sandbox would inherit: it must differ in every type of @flags. */
	ret = nsc_ns_ids_self(flags, true, &parent, &ctx->err);
	if (ret < 0)
		nsc_error_msg_at(ctx, -ret, __FILE__, __LINE__, ctx->err.msg);
	/*
	 * Into the case's cgroup (nsc_cgroup_enter) with CLONE_INTO_CGROUP:
	 * no migration (each costs a few ms: an RCU grace period) and a new
	 * cgroup namespace gets that cgroup as its root.  Without clone3 or
	 * CLONE_INTO_CGROUP (--via clone, < 5.7, a seccomp filter) the case
	 * process moves itself there for the clone and back (into nscheck's
	 * cgroup, where it came from) after it: the same start for the
	 * sandbox, the same place for the case process.
	 */
	nsc_spawn_cgroup(ctx->sandbox_cgroup, nsc_cgroup_runner_fd(), &ctx->err);
	pid = nsc_spawn(stub ? 0 : flags, ctx->via == NSC_VIA_CLONE, &pidfd, &gate, &ctx->err);
	if (pid < 0) {
		nsc_ctx_ns_failed(ctx, flags, -pid);
		nsc_error_msg_at(ctx, -pid, __FILE__, __LINE__, ctx->err.msg);
	}
	if (pid == 0 && stub)
		sandbox_unshare(ctx, gate, ready, &parent, flags);
	if (pid == 0)
		sandbox_child(ctx, gate, ready, &parent, flags);

	/*
	 * Nothing for the case process to do before the body (no id maps, no
	 * parent hook): the gate opens now, and the sandbox proves its
	 * namespaces and goes on without a round trip to us; we read its word
	 * after its exit.  Its proof still comes before the body; a sandbox
	 * without it leaves.
	 */
	idmap = (flags & NSC_NS_FLAG(USER)) && !ctx->c->manual_idmap;
	early = !stub && !ctx->c->parent && !idmap;
	if (early) {
		ret = nsc_spawn_open(gate, &ctx->err);
		gate = -1;
		if (ret < 0)
			nsc_error(ctx, -ret, "sandbox: %s", ctx->err.msg);
	}
	ctx->child_pid = stub ? 0 : pid;
	ctx->child_pidfd = pidfd;
	close(ready[1]);
	close(ctx->sync_c2p[1]);
	close(ctx->sync_p2c[0]);
	ctx->sync_c2p[1] = ctx->sync_p2c[0] = -1;
	if (!early)
		sandbox_ready(ctx, ready[0], stub, flags, gate);
	if (stub && ctx->child_pid != pid) {
		/* The sandbox is the stub's child: our pidfd of it, to signal and poll. */
		wait_fd = pidfd;
		ctx->child_pidfd = nsc_pidfd_open(ctx->child_pid);
		if (ctx->child_pidfd < 0) {
			close(gate);
			nsc_error(ctx, -ctx->child_pidfd, "pidfd_open(sandbox)");
		}
	}
	if (idmap) {
		ret = nsc_idmap_root(ctx->child_pid, ctx->outer_uid, ctx->outer_gid, &ctx->err);
		if (ret < 0) {
			close(gate);
			nsc_error(ctx, -ret, "%s", ctx->err.msg);
		}
	}
	ret = gate >= 0 ? nsc_spawn_open(gate, &ctx->err) : 0;
	if (ret < 0)
		nsc_error(ctx, -ret, "sandbox: %s", ctx->err.msg);
	if (ctx->c->parent)
		ctx->c->parent(ctx);
	close_pair(ctx->sync_c2p);
	close_pair(ctx->sync_p2c);

	/* Via the stub, it relays the sandbox's end. */
	ret = nsc_pidfd_wait(wait_fd >= 0 ? wait_fd : pidfd, &si, WEXITED);
	if (ret < 0)
		nsc_error(ctx, -ret, "waitid(sandbox)");
	if (wait_fd >= 0)
		close(wait_fd);
	close(ctx->child_pidfd);
	ctx->child_pidfd = -1;
	/* Its word is in the pipe, or EOF: nothing else held the other end. */
	if (early)
		sandbox_ready(ctx, ready[0], false, flags, -1);
	if (si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED)
		nsc_error(ctx, 0, "sandbox killed by %s", nsc_signal_name(si.si_status));
	if (si.si_status != 0)
		nsc_error(ctx, 0, "sandbox exited with status %d", si.si_status);
	/* A sandbox that skipped or broke left nothing for verify to check. */
	if (atomic_load(&ctx->shm->skip_seq) || atomic_load(&ctx->shm->error_seq))
		nsc_ctx_leave(ctx);
}

void nsc_case_process(struct nsc_ctx *ctx)
{
	const struct nsc_case *c = ctx->c;
	jmp_buf leave;
	uint64_t outer, missing;
	int ret;

	/* job_child() reset the coverage counters: it runs before us. */
	ctx->leave = &leave;
	ctx->child_pidfd = -1;
	ctx->target_pidfd = -1;
	ctx->sandbox_cgroup = -1;
	ctx->sync_c2p[0] = ctx->sync_c2p[1] = -1;
	ctx->sync_p2c[0] = ctx->sync_p2c[1] = -1;
	if (setjmp(leave) == 0) {
		if (ctx->rootless && (ret = enter_own_userns(ctx)) < 0)
			nsc_error(ctx, -ret, "%s", ctx->err.msg);
		/* Capabilities a case needs and nscheck lacks (capsh --drop=...). */
		if (c->caps && !ctx->rootless && (missing = nsc_caps_missing(c->caps))) {
			struct nsc_probe p;

			nsc_probe_classify_caps(&p, missing);
			nsc_skip(ctx, p.err, p.hint, "%s", p.reason);
		}
		ctx->outer_uid = geteuid();
		ctx->outer_gid = getegid();
		outer = outer_flags(ctx);
		if (outer && (ret = nsc_unshare_checked(ctx, outer,
							"unshare disposable outer namespaces")) < 0)
			nsc_error_msg_at(ctx, -ret, __FILE__, __LINE__, ctx->err.msg);
		if ((outer & NSC_NS_FLAG(MNT)) && make_mounts_private(&ctx->err) < 0)
			nsc_error(ctx, ctx->err.err, "%s", ctx->err.msg);
		if (nsc_case_is_target(c))
			nsc_target_prepare(ctx);
		if (c->setup && (ret = c->setup(ctx)) < 0)
			nsc_error(ctx, -ret, "setup: %s", ctx->err.msg[0] ? ctx->err.msg : "failed");
		if (c->child)
			run_sandbox(ctx);
		if (c->verify)
			c->verify(ctx);
	}
	if (c->cleanup && setjmp(leave) == 0)
		c->cleanup(ctx);
	atomic_store(&ctx->shm->finished, 1);
	fflush(stdout);
	fflush(stderr);
	nsc_cov_dump();
	_exit(0);
}
