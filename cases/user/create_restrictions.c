// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.create_restrictions: who may not create a user namespace.
 * unshare(CLONE_NEWUSER) fails EINVAL in a multithreaded process (a user
 * namespace implies a thread group of its own) and EPERM in a chrooted
 * one (a chroot could otherwise be escaped with the new capabilities);
 * clone(CLONE_NEWUSER | CLONE_FS) fails EINVAL (a shared fs_struct would
 * carry the root across).  Each is tried in a helper process forked in
 * the sandbox (which has CAP_SYS_CHROOT in its own user namespace).  The
 * helpers call unshare(2) and clone(2) themselves: the calls are the
 * property.  The sandbox first makes a user namespace through
 * nsc_unshare() (where a filter denies unshare() that SKIPs naming it),
 * and a plain clone(CLONE_NEWUSER) must work, so that the refusals are
 * known to come from the rules.  No control: these are rules of
 * creation, which withholding the sandbox's namespace cannot turn into
 * sharing.
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "user.h"

struct restrict_shared {
	int threaded;	 /* unshare() with a second thread */
	int chrooted;	 /* unshare() after chroot() */
	int clone_fs;	 /* clone(CLONE_NEWUSER | CLONE_FS) */
	int clone_plain; /* clone(CLONE_NEWUSER) */
	int err;	 /* the last helper's -errno, or 0 */
};

static int pipefd[2];

static void *thread_fn(void *arg)
{
	char b;

	(void)arg;
	while (read(pipefd[0], &b, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static int try_unshare(void)
{
	return unshare(CLONE_NEWUSER) < 0 ? -errno : 0;
}

/* clone(2) like fork(2) plus @flags; the new process exits at once. */
static int try_clone(unsigned long flags)
{
	int status;
	long pid = syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, 0);

	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(0);
	waitpid((pid_t)pid, &status, 0);
	return 0;
}

/* @fn in a forked helper; its -errno travels back through @sh->err. */
static int run(int (*fn)(struct restrict_shared *), struct restrict_shared *sh)
{
	int status;
	pid_t pid = nsc_fork();

	if (pid < 0)
		return (int)pid;
	if (pid == 0) {
		sh->err = fn(sh);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return sh->err;
}

static int threaded(struct restrict_shared *sh)
{
	pthread_t t;
	int ret;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -errno;
	ret = pthread_create(&t, NULL, thread_fn, NULL);
	if (ret)
		return -ret;
	sh->threaded = try_unshare();
	close(pipefd[1]);
	pthread_join(t, NULL);
	return 0;
}

static int chrooted(struct restrict_shared *sh)
{
	int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC), ret;

	if (root < 0)
		return -errno;
	ret = chroot("/proc") < 0 ? -errno : 0;
	if (!ret) {
		sh->chrooted = try_unshare();
		/* Back out: what the helper writes as it exits (coverage counters) lands as before. */
		ret = fchdir(root) < 0 || chroot(".") < 0 ? -errno : 0;
	}
	close(root);
	return ret;
}

static int cloned(struct restrict_shared *sh)
{
	sh->clone_fs = try_clone(CLONE_NEWUSER | CLONE_FS);
	sh->clone_plain = try_clone(CLONE_NEWUSER);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct restrict_shared *sh = nsc_shared_as(ctx, struct restrict_shared);

	sh->threaded = sh->chrooted = 1;
	sh->clone_fs = sh->clone_plain = 1;
	/* First one that must work (a filter denying unshare() SKIPs). */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUSER));
	/* Its creator must be mapped to make further ones: itself, to 0. */
	NSC_TRY(ctx, nsc_idmap_root(getpid(), 0, 0, nsc_errbuf(ctx)));
	NSC_TRY(ctx, run(threaded, sh));
	NSC_TRY(ctx, run(chrooted, sh));
	NSC_TRY(ctx, run(cloned, sh));
	/* A thread or process the limits refused says nothing of the rules. */
	NSC_NO_EXHAUSTION(ctx, sh->threaded, "a second thread");
	NSC_NO_EXHAUSTION(ctx, sh->clone_fs, "clone(CLONE_NEWUSER | CLONE_FS)");
	NSC_NO_EXHAUSTION(ctx, sh->clone_plain, "clone(CLONE_NEWUSER)");
	NSC_EXPECT_EQ(ctx, sh->threaded, -EINVAL, "unshare(CLONE_NEWUSER) with a second thread");
	NSC_EXPECT_EQ(ctx, sh->chrooted, -EPERM, "unshare(CLONE_NEWUSER) after chroot()");
	NSC_EXPECT_EQ(ctx, sh->clone_fs, -EINVAL, "clone(CLONE_NEWUSER | CLONE_FS)");
	NSC_EXPECT_EQ(ctx, sh->clone_plain, 0, "clone(CLONE_NEWUSER)");
}

NSC_CASE(user, create_restrictions) = {
	.summary = "no user namespace for a threaded or chrooted process, nor with CLONE_FS",
	.clone_flags = CLONE_NEWUSER,
	.no_control = "rules of creation: withholding the sandbox's user namespace shows no sharing",
	.child = child,
	.min_kernel = "3.9",
	.anchors = NSC_ANCHORS("man:unshare(2)", "man:clone(2)"),
};
