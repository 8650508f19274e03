// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.realtime_not_namespaced: time namespaces virtualise only
 * CLOCK_MONOTONIC and CLOCK_BOOTTIME.  An offset for CLOCK_REALTIME is
 * refused (EINVAL), and in a time namespace whose monotonic offset is
 * +10 days (checked, so the namespace is known to be in effect)
 * CLOCK_REALTIME reads between the outside readings taken before and
 * after.  No control: the property is the absence of an offset, which a
 * missing namespace cannot make fail.
 */
#include "timens.h"

struct rt_shared {
	long long mono, real; /* grandchild's readings */
};

static void child(struct nsc_ctx *ctx)
{
	struct rt_shared *sh = nsc_shared_as(ctx, struct rt_shared);
	const long long off = NSC_TIMENS_OFFSET_S * 1000000000LL;
	long long m0, m1, r0, r1;
	int status;
	char num[16];
	pid_t pid;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	snprintf(num, sizeof(num), "%d", (int)CLOCK_REALTIME);
	/* First the write that must work: without CAP_SYS_TIME it SKIPs. */
	NSC_SAFE_OP(ctx, NSC_OP_TIMENS_OFFSETS, NULL,
		    nsc_timens_write_offset("monotonic", NSC_TIMENS_OFFSET_S));
	NSC_EXPECT_EQ(ctx, nsc_timens_write_offset(num, NSC_TIMENS_OFFSET_S), -EINVAL,
		      "writing a CLOCK_REALTIME offset to timens_offsets");
	m0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	r0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_REALTIME));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->mono = nsc_timens_now(CLOCK_MONOTONIC);
		sh->real = nsc_timens_now(CLOCK_REALTIME);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	r1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_REALTIME));
	m1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	NSC_ASSERT(ctx, sh->mono >= m0 + off && sh->mono <= m1 + off,
		   "monotonic offset not in effect in the new time namespace (%+lld ns)",
		   sh->mono - m0);
	NSC_EXPECT(ctx, sh->real >= r0 && sh->real <= r1,
		   "CLOCK_REALTIME in the time namespace reads %+lld ns from the outside",
		   sh->real - r0);
}

NSC_CASE(time, realtime_not_namespaced) = {
	.summary = "CLOCK_REALTIME is the same inside a time namespace",
	.clone_flags = CLONE_NEWTIME,
	.no_control = "the property is the absence of an offset: a missing time namespace cannot make it fail",
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:timens01", "man:time_namespaces(7)"),
};
