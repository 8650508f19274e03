// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.futex_abs_timeout: an absolute FUTEX_WAIT_BITSET timeout (on
 * CLOCK_MONOTONIC, the default without FUTEX_CLOCK_REALTIME) is in the
 * time namespace's time.  Outside, the sandbox reads CLOCK_MONOTONIC (t0);
 * a child in a namespace with +10 days waits on a futex whose value
 * matches until t0 + 10 days: inside that instant has passed, so the wait
 * must time out at once (ETIMEDOUT).  A kernel that took the timeout as
 * host time would wait ten days: a guard signal every 0.5 ms interrupts it
 * (EINTR), so a missing positive offset is detected in 0.5 ms.
 * Control: without CLONE_NEWTIME, t0 + 10 days is ten days ahead: EINTR.
 */
#include <linux/futex.h>
#include <sys/syscall.h>

#include "timens.h"

struct futex_shared {
	long long t0;
};

static void inside(struct nsc_ctx *ctx)
{
	struct futex_shared *sh = nsc_shared_as(ctx, struct futex_shared);
	struct timespec ts = nsc_timens_ts(sh->t0 + NSC_TIMENS_OFFSET_S * 1000000000LL);
	uint32_t word = 0;
	long ret;
	int err;

	nsc_timens_guard(ctx);
	ret = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, &ts, NULL,
		      FUTEX_BITSET_MATCH_ANY);
	err = ret < 0 ? errno : 0;
	if (err != ETIMEDOUT && err != EINTR)
		nsc_error(ctx, err, "futex(FUTEX_WAIT_BITSET) returned %ld", ret);
	NSC_ISOLATED(ctx, err == ETIMEDOUT,
		     "FUTEX_WAIT_BITSET until the outside's CLOCK_MONOTONIC + %lld s waited in the namespace (interrupted), want ETIMEDOUT at once",
		     NSC_TIMENS_OFFSET_S);
}

static void child(struct nsc_ctx *ctx)
{
	struct futex_shared *sh = nsc_shared_as(ctx, struct futex_shared);
	char offsets[64];

	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\n", NSC_TIMENS_OFFSET_S);
	nsc_timens_fresh(ctx, offsets);
	sh->t0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	nsc_timens_in_child(ctx, inside);
}

NSC_CASE(time, futex_abs_timeout) = {
	.summary = "an absolute futex timeout is in namespace time",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("kselftest:timens/futex.c", "man:time_namespaces(7)", "man:futex(2)"),
};
