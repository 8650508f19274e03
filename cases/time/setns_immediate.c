// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.setns_immediate: setns(CLONE_NEWTIME) takes effect for the caller
 * at once, without a fork or an exec: the sandbox makes a time namespace
 * with +10 days on CLOCK_MONOTONIC (a forked member holds it and lends its
 * /proc/PID/ns/time), joins it, and its own CLOCK_MONOTONIC read through
 * the vDSO and through the raw syscall lies exactly in [t0 + off, t1 +
 * off], t0/t1 read just before joining and just after joining back its
 * original namespace, which removes the offset again.
 * Control: without CLONE_NEWTIME no namespace is made, the member is in
 * ours (nothing to join: setns is not called) and no offset shows.
 */
#include <sys/syscall.h>

#include "timens.h"

#define OFF_S 864000LL

static long long raw_mono(void)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) < 0)
		return -errno;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void child(struct nsc_ctx *ctx)
{
	const long long off = OFF_S * 1000000000LL;
	long long t0, t1, vdso, raw;
	int hold[2], newfd, oldfd, same, status;
	char offsets[64], b;
	pid_t member;

	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\n", OFF_S);
	nsc_timens_fresh(ctx, offsets);
	NSC_SAFE(ctx, pipe2(hold, O_CLOEXEC));
	member = NSC_SAFE(ctx, nsc_fork());
	if (member == 0) {
		close(hold[1]);
		if (read(hold[0], &b, 1) < 0)
			b = 0;
		nsc_exit(ctx);
	}
	close(hold[0]);
	newfd = NSC_TRY(ctx, nsc_ns_open(member, CLONE_NEWTIME, nsc_errbuf(ctx)));
	oldfd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWTIME, nsc_errbuf(ctx)));
	same = NSC_TRY(ctx, nsc_ns_same(0, member, CLONE_NEWTIME, nsc_errbuf(ctx)));
	t0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	if (!same)
		NSC_SAFE(ctx, setns(newfd, CLONE_NEWTIME));
	vdso = nsc_timens_now(CLOCK_MONOTONIC);
	raw = raw_mono();
	if (!same)
		NSC_SAFE(ctx, setns(oldfd, CLONE_NEWTIME));
	t1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	close(hold[1]);
	NSC_SAFE(ctx, waitpid(member, &status, 0));
	close(newfd);
	close(oldfd);
	if (vdso < 0 || raw < 0)
		nsc_error(ctx, errno, "clock_gettime(CLOCK_MONOTONIC) after setns");
	NSC_ISOLATED(ctx, vdso >= t0 + off && vdso <= t1 + off,
		     "CLOCK_MONOTONIC through the vDSO right after setns() into a +%lld s time namespace reads %+lld ns, want +%lld s",
		     OFF_S, vdso - t0, OFF_S);
	NSC_ISOLATED(ctx, raw >= t0 + off && raw <= t1 + off,
		     "CLOCK_MONOTONIC through the syscall right after setns() into a +%lld s time namespace reads %+lld ns, want +%lld s",
		     OFF_S, raw - t0, OFF_S);
	NSC_EXPECT(ctx, t1 - t0 < off / 2,
		   "CLOCK_MONOTONIC after setns() back to the original namespace still carries %+lld ns",
		   t1 - t0);
}

NSC_CASE(time, setns_immediate) = {
	.summary = "setns() into a time namespace shifts the caller's own clocks at once",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("kselftest:timens/timens.c", "man:setns(2)", "man:time_namespaces(7)"),
};
