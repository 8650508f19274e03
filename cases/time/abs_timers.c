// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.abs_timers: absolute timer deadlines are in the time namespace's
 * time.  Outside, the sandbox reads CLOCK_MONOTONIC and CLOCK_BOOTTIME
 * (t0); a child in a namespace with +10 days on both arms, for each clock,
 * a timerfd (TFD_TIMER_ABSTIME) and a POSIX timer (TIMER_ABSTIME,
 * SIGEV_NONE) at t0 + 10 days.  Inside that instant has passed (the
 * namespace's clock reads at least t0 + 10 days): timerfd_gettime() and
 * timer_gettime() must report the timer expired (0 left) and the timerfd
 * must have fired.  A kernel that took the deadline as host time would
 * report ten days left: a missing positive offset is detected, without
 * waiting for anything.  Also: a deadline one day ahead in namespace time
 * reports one day left, not one day minus the offset.
 * Control: without CLONE_NEWTIME, t0 + 10 days is ten days ahead.
 */
#include <poll.h>
#include <signal.h>
#include <sys/timerfd.h>

#include "timens.h"

#define DAY_S 86400LL

struct timers_shared {
	long long t0[NSC_TIMENS_NCLOCKS];
};

static void check_timerfd(struct nsc_ctx *ctx, size_t i, long long deadline)
{
	struct itimerspec its = { .it_value = nsc_timens_ts(deadline) }, left;
	int fd = NSC_SAFE(ctx, timerfd_create(nsc_timens_clock(i)->clk, TFD_NONBLOCK | TFD_CLOEXEC));
	uint64_t fired = 0;
	ssize_t n;

	NSC_SAFE(ctx, timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	NSC_SAFE(ctx, timerfd_gettime(fd, &left));
	/*
	 * An expired deadline fires from the next timer interrupt, not
	 * inside timerfd_settime(): under emulation (qemu TCG) the read came
	 * first.  Wait for it (bounded), but only when the timer reports
	 * expiry: the control's ten days never fire and cost no wait.
	 */
	if (nsc_timens_ns(&left.it_value) == 0)
		poll(&(struct pollfd){ .fd = fd, .events = POLLIN }, 1, 2000);
	n = read(fd, &fired, sizeof(fired));
	NSC_ISOLATED(ctx, nsc_timens_ns(&left.it_value) == 0,
		     "timerfd on %s armed at the outside's now + %lld s reports %lld s left in the namespace, want 0 (expired)",
		     nsc_timens_clock(i)->name, NSC_TIMENS_OFFSET_S, (long long)left.it_value.tv_sec);
	NSC_ISOLATED(ctx, n == (ssize_t)sizeof(fired) && fired == 1,
		     "timerfd on %s armed at the outside's now + %lld s has not fired in the namespace",
		     nsc_timens_clock(i)->name, NSC_TIMENS_OFFSET_S);
	/* One day ahead in namespace time: one day left, in namespace terms. */
	its.it_value = nsc_timens_ts(NSC_SAFE(ctx, nsc_timens_now(nsc_timens_clock(i)->clk)) +
				     DAY_S * 1000000000LL);
	NSC_SAFE(ctx, timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL));
	NSC_SAFE(ctx, timerfd_gettime(fd, &left));
	NSC_EXPECT(ctx, left.it_value.tv_sec >= DAY_S - 60 && left.it_value.tv_sec <= DAY_S,
		   "timerfd on %s armed one day ahead reports %lld s left",
		   nsc_timens_clock(i)->name, (long long)left.it_value.tv_sec);
	close(fd);
}

static void check_posix(struct nsc_ctx *ctx, size_t i, long long deadline)
{
	struct sigevent sev = { .sigev_notify = SIGEV_NONE };
	struct itimerspec its = { .it_value = nsc_timens_ts(deadline) }, left;
	timer_t t;

	NSC_SAFE(ctx, timer_create(nsc_timens_clock(i)->clk, &sev, &t));
	NSC_SAFE(ctx, timer_settime(t, TIMER_ABSTIME, &its, NULL));
	NSC_SAFE(ctx, timer_gettime(t, &left));
	NSC_ISOLATED(ctx, nsc_timens_ns(&left.it_value) == 0,
		     "POSIX timer on %s armed at the outside's now + %lld s reports %lld s left in the namespace, want 0 (expired)",
		     nsc_timens_clock(i)->name, NSC_TIMENS_OFFSET_S, (long long)left.it_value.tv_sec);
	timer_delete(t);
}

static void inside(struct nsc_ctx *ctx)
{
	struct timers_shared *sh = nsc_shared_as(ctx, struct timers_shared);

	for (size_t i = 0; i < NSC_TIMENS_NCLOCKS; i++) {
		long long deadline = sh->t0[i] + NSC_TIMENS_OFFSET_S * 1000000000LL;

		check_timerfd(ctx, i, deadline);
		check_posix(ctx, i, deadline);
	}
}

static void child(struct nsc_ctx *ctx)
{
	nsc_timens_run_ahead(ctx, nsc_shared_as(ctx, struct timers_shared)->t0, inside);
}

NSC_CASE(time, abs_timers) = {
	.summary = "absolute timerfd and POSIX timer deadlines are in namespace time",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:timerfd04", "kselftest:timens/timer.c",
			       "kselftest:timens/timerfd.c", "man:time_namespaces(7)",
			       "man:timerfd_create(2)", "man:timer_settime(2)"),
};
