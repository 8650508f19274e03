// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.settime_not_namespaced: a time namespace offers no way to move the
 * host's clocks.  Inside new user and time namespaces (root there, so
 * CAP_SYS_TIME only in the child user namespace): clock_settime() of
 * CLOCK_REALTIME and clock_adjtime(ADJ_SETOFFSET) on it fail with EPERM;
 * CLOCK_MONOTONIC and CLOCK_BOOTTIME cannot be set at all (EINVAL), inside
 * a time namespace as everywhere.
 * Unsafe (.unsafe, runs only with --unsafe): were the user namespace
 * broken, these calls would set the host's clock.  To keep even that
 * harmless the values written are the clock's own reading taken just
 * before (a step back of microseconds at most) and an offset of zero; the
 * calls run in the sandbox, after the harness verified its namespaces by
 * identity.  No control: an absence of capability; a control without the
 * user namespace would be the very write the case must not make.
 */
#include <sys/timex.h>

#include "timens.h"

static void child(struct nsc_ctx *ctx)
{
	struct timex tx = { .modes = ADJ_SETOFFSET | ADJ_NANO };
	static const struct {
		clockid_t clk;
		const char *name;
	} unsettable[] = {
		{ CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
		{ CLOCK_BOOTTIME, "CLOCK_BOOTTIME" },
	};
	struct timespec now;
	int ret;

	for (size_t i = 0; i < sizeof(unsettable) / sizeof(unsettable[0]); i++) {
		NSC_SAFE(ctx, clock_gettime(unsettable[i].clk, &now));
		ret = clock_settime(unsettable[i].clk, &now) < 0 ? errno : 0;
		NSC_EXPECT_EQ(ctx, ret, EINVAL, "clock_settime(%s) in a time namespace",
			      unsettable[i].name);
	}
	NSC_SAFE(ctx, clock_gettime(CLOCK_REALTIME, &now));
	ret = clock_settime(CLOCK_REALTIME, &now) < 0 ? errno : 0;
	NSC_EXPECT_EQ(ctx, ret, EPERM,
		      "clock_settime(CLOCK_REALTIME) with CAP_SYS_TIME in a child user namespace only");
	ret = clock_adjtime(CLOCK_REALTIME, &tx) < 0 ? errno : 0;
	NSC_EXPECT_EQ(ctx, ret, EPERM,
		      "clock_adjtime(CLOCK_REALTIME, ADJ_SETOFFSET 0) with CAP_SYS_TIME in a child user namespace only");
}

NSC_CASE(time, settime_not_namespaced) = {
	.summary = "no host clock can be set from a time namespace with a child user namespace's CAP_SYS_TIME",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWTIME,
	.unsafe = true,
	.no_control = "an absence of capability: a control without the user namespace would set the host's clock",
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("man:time_namespaces(7)", "man:clock_settime(2)",
			       "man:user_namespaces(7)"),
};
