// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.clone_vm_stays: after unshare(CLONE_NEWTIME) a thread of the
 * unsharer (a CLONE_VM clone: it shares the vvar page of the old
 * namespace) stays in the unsharer's time namespace and sees no offset,
 * while a forked child enters the new one: with +10 days on
 * CLOCK_MONOTONIC the forked child reads exactly [t0 + off, t1 + off], the
 * thread [t0, t1], and the thread's ns/time is the unsharer's.  Older
 * kernels refuse such a CLONE_VM clone with EINVAL: SKIP (measured under
 * ci/kernel-matrix: Debian's 6.1.0-57 refuses it, 6.12.117 allows it;
 * the catalogue's 5.11 was wrong).
 * Control: without CLONE_NEWTIME no offset is set: the forked child reads
 * the outside's clock.
 */
#include <pthread.h>

#include "timens.h"

#define OFF_S 864000LL

struct vm_shared {
	long long thread_clock, thread_ns, forked;
	int thread_err;
	struct nsc_err err;
};

static void *thread_main(void *arg)
{
	struct vm_shared *sh = nsc_shared_as((struct nsc_ctx *)arg, struct vm_shared);

	sh->thread_clock = nsc_timens_now(CLOCK_MONOTONIC);
	sh->thread_ns = nsc_ns_ino(0, CLONE_NEWTIME, &sh->err);
	sh->thread_err = sh->thread_clock < 0 || sh->thread_ns < 0;
	return NULL;
}

static void forked(struct nsc_ctx *ctx)
{
	nsc_shared_as(ctx, struct vm_shared)->forked = nsc_timens_now(CLOCK_MONOTONIC);
}

static void child(struct nsc_ctx *ctx)
{
	struct vm_shared *sh = nsc_shared_as(ctx, struct vm_shared);
	const long long off = OFF_S * 1000000000LL;
	long long self, t0, t1;
	char offsets[64];
	pthread_t t;
	int ret;

	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\n", OFF_S);
	nsc_timens_fresh(ctx, offsets);
	self = NSC_TRY(ctx, nsc_timens_ino(false, nsc_errbuf(ctx)));
	t0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	ret = pthread_create(&t, NULL, thread_main, ctx);
	if (ret == EINVAL)
		nsc_skip(ctx, ret, "needs Linux 6.2",
			 "this kernel refuses a thread (CLONE_VM) after unshare(CLONE_NEWTIME): EINVAL");
	if (ret)
		nsc_error(ctx, ret, "pthread_create after unshare(CLONE_NEWTIME)");
	pthread_join(t, NULL);
	nsc_timens_in_child(ctx, forked);
	t1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	if (sh->thread_err)
		nsc_error(ctx, 0, "the thread could not read its clock or namespace");
	NSC_ISOLATED(ctx, sh->forked >= t0 + off && sh->forked <= t1 + off,
		     "CLOCK_MONOTONIC of a forked child after unshare(CLONE_NEWTIME) and a +%lld s offset reads %+lld ns, want +%lld s",
		     OFF_S, sh->forked - t0, OFF_S);
	NSC_EXPECT(ctx, sh->thread_clock >= t0 && sh->thread_clock <= t1,
		   "CLOCK_MONOTONIC of a thread of the unsharer reads %+lld ns from its own, want 0",
		   sh->thread_clock - t0);
	NSC_EXPECT_EQ(ctx, sh->thread_ns, self, "time namespace of a thread of the unsharer");
}

NSC_CASE(time, clone_vm_stays) = {
	.summary = "a thread of the unsharer stays in its old time namespace",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "6.2",
	.anchors = NSC_ANCHORS("kselftest:timens/vfork_exec.c", "man:time_namespaces(7)"),
};
