// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.abs_nanosleep: clock_nanosleep(TIMER_ABSTIME) takes its deadline
 * in the time namespace's time.  Outside, the sandbox reads CLOCK_MONOTONIC
 * and CLOCK_BOOTTIME (t0); a child in a namespace with +10 days on both
 * sleeps, on each clock, until t0 + 10 days: inside that instant has
 * passed, so the call must return 0 at once.  A kernel that took the
 * deadline as host time would sleep ten days: a guard signal every 0.5 ms
 * interrupts it (EINTR), so a missing positive offset is detected in 0.5 ms
 * and no correct run waits at all.
 * Control: without CLONE_NEWTIME, t0 + 10 days is ten days ahead: EINTR.
 */
#include "timens.h"

struct sleep_shared {
	long long t0[NSC_TIMENS_NCLOCKS];
};

static void inside(struct nsc_ctx *ctx)
{
	struct sleep_shared *sh = nsc_shared_as(ctx, struct sleep_shared);

	nsc_timens_guard(ctx);
	for (size_t i = 0; i < NSC_TIMENS_NCLOCKS; i++) {
		const struct nsc_timens_clock *c = nsc_timens_clock(i);
		struct timespec ts = nsc_timens_ts(sh->t0[i] + NSC_TIMENS_OFFSET_S * 1000000000LL);
		int ret = clock_nanosleep(c->clk, TIMER_ABSTIME, &ts, NULL);

		if (ret && ret != EINTR)
			nsc_error(ctx, ret, "clock_nanosleep(%s, TIMER_ABSTIME)", c->name);
		NSC_ISOLATED(ctx, ret == 0,
			     "clock_nanosleep(%s, TIMER_ABSTIME) until the outside's now + %lld s slept in the namespace (interrupted), want an immediate return",
			     c->name, NSC_TIMENS_OFFSET_S);
	}
}

static void child(struct nsc_ctx *ctx)
{
	nsc_timens_run_ahead(ctx, nsc_shared_as(ctx, struct sleep_shared)->t0, inside);
}

NSC_CASE(time, abs_nanosleep) = {
	.summary = "an absolute clock_nanosleep deadline is in namespace time",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:clock_nanosleep03", "kselftest:timens/clock_nanosleep.c",
			       "man:time_namespaces(7)", "man:clock_nanosleep(2)"),
};
