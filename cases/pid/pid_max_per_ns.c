// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.pid_max_per_ns: since Linux 6.14 kernel.pid_max belongs to the
 * writer's PID namespace.  The init T of a nested namespace writes 1000
 * to /proc/sys/kernel/pid_max and reads it back; with ns_last_pid at 998
 * its next child gets 999 and the one after wraps below 1000.  The
 * namespace around it (K) keeps its own value.  Control: without
 * CLONE_NEWPID T is a process of K and K's pid_max reads 1000.
 * Safe on the host even if the value were global: K and T's namespace
 * belong to a user namespace of the case's own (unshared with K, ids
 * unmapped; both proven by identity before anything is written), and a
 * global pid_max needs CAP_SYS_ADMIN in the initial user namespace,
 * which nothing there has.  Before 6.14 the sysctl is
 * global: SKIP naming the version.
 */
#include <stdio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define NSC_PID_MAX 1000
#define NSC_PID_MAX_PATH "/proc/sys/kernel/pid_max"
#define NSC_LAST_PID_PATH "/proc/sys/kernel/ns_last_pid"

struct pm_shared {
	int err;       /* errno of the first step that failed in K or T */
	int step;      /* which: 1 unshare, 2 fork, 3 write pid_max, 4 write ns_last_pid,
			  * 5 the containing namespaces were not created */
	long t_max;    /* pid_max read back in T's namespace */
	pid_t kids[2]; /* getpid() of T's two children */
	long k_max;    /* pid_max in K afterwards */
};

/* The value of @path, or -errno (no ctx here: K and T are forked helpers). */
static long read_long(const char *path)
{
	long v;
	int ret = nsc_sysctl_get_long(path, &v, NULL);

	return ret < 0 ? ret : v;
}

static void fail(struct pm_shared *sh, int step, int err)
{
	sh->step = step;
	sh->err = err;
	_exit(1);
}

static pid_t fork_wait(pid_t *where)
{
	pid_t pid = nsc_fork();

	if (pid == 0) {
		*where = getpid();
		_exit(0);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	return pid;
}

static void __attribute__((noreturn)) init_proc(struct pm_shared *sh)
{
	int ret = nsc_sysctl_put_long(NSC_PID_MAX_PATH, NSC_PID_MAX, NULL);

	if (ret < 0)
		fail(sh, 3, -ret);
	sh->t_max = read_long(NSC_PID_MAX_PATH);
	ret = nsc_sysctl_put_long(NSC_LAST_PID_PATH, NSC_PID_MAX - 2, NULL);
	if (ret < 0)
		fail(sh, 4, -ret);
	for (int i = 0; i < 2; i++)
		if (fork_wait(&sh->kids[i]) < 0)
			fail(sh, 2, errno);
	_exit(0);
}

/* The containing init C of K: T's namespace below, then K's value. */
static void __attribute__((noreturn)) contained(struct nsc_ctx *ctx, struct pm_shared *sh)
{
	int status, ret = nsc_unshare(ctx, CLONE_NEWPID);
	pid_t t;

	if (ret < 0)
		fail(sh, 1, -ret);
	t = nsc_fork();
	if (t < 0)
		fail(sh, 2, -t);
	if (t == 0)
		init_proc(sh);
	while (waitpid(t, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		_exit(1);
	sh->k_max = read_long(NSC_PID_MAX_PATH);
	_exit(0);
}

static bool kernel_has_it(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return false;
	return major > 6 || (major == 6 && minor >= 14);
}

static void child(struct nsc_ctx *ctx)
{
	struct pm_shared *sh = nsc_shared_as(ctx, struct pm_shared);
	long long user, pidns;
	int status;
	pid_t w;

	if (!kernel_has_it())
		nsc_skip(ctx, 0, "use Linux >= 6.14",
			 "kernel.pid_max is per PID namespace only since Linux 6.14");
	user = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	pidns = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	w = NSC_SAFE(ctx, nsc_fork());
	if (w == 0) {
		pid_t c;

		/* K, in a user namespace of ours: no capability over the host. */
		if (unshare(CLONE_NEWUSER | CLONE_NEWPID) < 0)
			fail(sh, 1, errno);
		/* Proven by identity before anything is written. */
		if (nsc_ns_ino(0, CLONE_NEWUSER, NULL) == user)
			fail(sh, 5, 0);
		c = nsc_fork();
		if (c < 0)
			fail(sh, 2, -c);
		if (c == 0) {
			if (getpid() != 1 || nsc_ns_ino(0, CLONE_NEWPID, NULL) == pidns)
				fail(sh, 5, 0);
			contained(ctx, sh);
		}
		while (waitpid(c, &status, 0) < 0 && errno == EINTR)
			;
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
	}
	NSC_SAFE(ctx, waitpid(w, &status, 0));
	if (sh->step == 1 && (sh->err == EPERM || sh->err == EACCES || sh->err == ENOSPC))
		nsc_skip(ctx, sh->err, "allow unshare(2) of user and PID namespaces",
			 "cannot create the containing user and PID namespaces (a seccomp filter, an LSM policy or a namespace limit refuses them): %s",
			 strerror(sh->err));
	if (sh->step == 3 || sh->step == 4)
		/* ENOENT: hidden (proc subset=pid), as a read would find it. */
		nsc_skip_if_restricted(ctx, sh->err == ENOENT ? NSC_OP_READ : NSC_OP_WRITE, sh->err,
				       sh->step == 3 ? NSC_PID_MAX_PATH : NSC_LAST_PID_PATH);
	NSC_ASSERT(ctx, sh->step != 5,
		   "namespace not created: unshare(CLONE_NEWUSER|CLONE_NEWPID) returned success, "
		   "but the containing namespaces are still the sandbox's");
	if (sh->step)
		nsc_error(ctx, sh->err, "step %d in the contained namespaces failed", sh->step);
	NSC_ASSERT(ctx, WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "the contained namespaces failed (status 0x%x)", status);
	NSC_EXPECT_EQ(ctx, sh->t_max, NSC_PID_MAX, "pid_max read back where it was written");
	NSC_EXPECT_EQ(ctx, sh->kids[0], NSC_PID_MAX - 1, "PID of the child after ns_last_pid=998");
	NSC_EXPECT(ctx, sh->kids[1] > 0 && sh->kids[1] < NSC_PID_MAX - 1,
		   "the next PID after %d with pid_max %d is %d, want it to wrap below",
		   NSC_PID_MAX - 1, NSC_PID_MAX, (int)sh->kids[1]);
	NSC_ISOLATED_NE(ctx, sh->k_max, NSC_PID_MAX, "pid_max of the parent PID namespace");
}

NSC_CASE(pid, pid_max_per_ns) = {
	.summary = "kernel.pid_max written inside a PID namespace bounds only that namespace's PIDs",
	.clone_flags = CLONE_NEWPID,
	.kconfigs = NSC_KCONFIGS("CONFIG_CHECKPOINT_RESTORE"),
	.child = child,
	.min_kernel = "6.14",
	.anchors = NSC_ANCHORS("kselftest:pid_namespace/pid_max.c", "man:proc(5)"),
};
