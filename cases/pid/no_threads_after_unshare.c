// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.no_threads_after_unshare: after unshare(CLONE_NEWPID), while the
 * caller's pid_for_children differs from its own PID namespace, it cannot
 * create threads: clone(CLONE_THREAD), as pthread_create() does, fails
 * with EINVAL (a thread would have to live in the caller's namespace,
 * not the one its children get).  Asserted on pthread_create()'s
 * return.  Control: without CLONE_NEWPID the thread is created (and
 * joined).
 */
#include <pthread.h>

#include "nscheck.h"

static void *thread_fn(void *arg)
{
	return arg;
}

static void child(struct nsc_ctx *ctx)
{
	pthread_t t;
	int ret;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	ret = pthread_create(&t, NULL, thread_fn, NULL);
	if (ret == 0)
		pthread_join(t, NULL);
	if (ret == EAGAIN)
		nsc_error(ctx, ret, "pthread_create: out of threads");
	NSC_ISOLATED_EQ(ctx, ret, EINVAL,
			"pthread_create() after unshare(CLONE_NEWPID) (0: created)");
}

NSC_CASE(pid, no_threads_after_unshare) = {
	.summary = "after unshare(CLONE_NEWPID) the caller cannot create threads (EINVAL)",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:clone(2)", "man:unshare(2)", "other:no anchor tests it"),
};
