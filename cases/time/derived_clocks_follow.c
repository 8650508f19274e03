// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.derived_clocks_follow: the clocks derived from CLOCK_MONOTONIC and
 * CLOCK_BOOTTIME carry their namespace's offsets: CLOCK_MONOTONIC_RAW and
 * CLOCK_MONOTONIC_COARSE the monotonic one (+10 days), CLOCK_BOOTTIME_ALARM
 * the boottime one (+20 days, so that the two cannot be confused), read
 * both through the vDSO (clock_gettime(3)) and the raw syscall.  Each
 * reading of a process inside must lie exactly in [t0 + off, t1 + off],
 * t0/t1 the same clock read outside just before and after (no timing
 * tolerance).  CLOCK_BOOTTIME_ALARM needs an RTC (EINVAL without one): its
 * checks are left out there, said in the output.
 * Control: without CLONE_NEWTIME no offset is set and every reading lies
 * in [t0, t1].
 */
#include <sys/syscall.h>

#include "timens.h"

#define MONO_S 864000LL	 /* +10 days */
#define BOOT_S 1728000LL /* +20 days */

static const struct derived {
	clockid_t clk;
	const char *name;
	long long off_s;
} clocks[] = {
	{ CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW", MONO_S },
	{ CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE", MONO_S },
	{ CLOCK_BOOTTIME_ALARM, "CLOCK_BOOTTIME_ALARM", BOOT_S },
};

#define NCLOCKS (sizeof(clocks) / sizeof(clocks[0]))

struct derived_shared {
	long long t0[NCLOCKS], t1[NCLOCKS];
	long long vdso[NCLOCKS], raw[NCLOCKS];
	int err[NCLOCKS]; /* errno of the reading inside, 0: read */
};

static long long raw_now(clockid_t clk)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clk, &ts) < 0)
		return -errno;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void inside(struct nsc_ctx *ctx)
{
	struct derived_shared *sh = nsc_shared_as(ctx, struct derived_shared);

	for (size_t i = 0; i < NCLOCKS; i++) {
		sh->vdso[i] = nsc_timens_now(clocks[i].clk);
		sh->raw[i] = raw_now(clocks[i].clk);
		sh->err[i] = sh->raw[i] < 0 ? (int)-sh->raw[i] : sh->vdso[i] < 0 ? errno : 0;
	}
}

static void child(struct nsc_ctx *ctx)
{
	struct derived_shared *sh = nsc_shared_as(ctx, struct derived_shared);
	char offsets[96];

	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\nboottime %lld 0\n", MONO_S, BOOT_S);
	nsc_timens_fresh(ctx, offsets);
	for (size_t i = 0; i < NCLOCKS; i++)
		sh->t0[i] = nsc_timens_now(clocks[i].clk);
	nsc_timens_in_child(ctx, inside);
	for (size_t i = 0; i < NCLOCKS; i++)
		sh->t1[i] = nsc_timens_now(clocks[i].clk);
	for (size_t i = 0; i < NCLOCKS; i++) {
		long long off = clocks[i].off_s * 1000000000LL;

		if (sh->err[i] == EINVAL && clocks[i].clk == CLOCK_BOOTTIME_ALARM) {
			printf("%s: EINVAL (no RTC device): not checked\n", clocks[i].name);
			continue;
		}
		if (sh->err[i] || sh->t0[i] < 0 || sh->t1[i] < 0)
			nsc_error(ctx, sh->err[i], "reading %s", clocks[i].name);
		NSC_ISOLATED(ctx, sh->vdso[i] >= sh->t0[i] + off && sh->vdso[i] <= sh->t1[i] + off,
			     "%s through the vDSO in the new time namespace reads %+lld ns from the outside, want %+lld s",
			     clocks[i].name, sh->vdso[i] - sh->t0[i], clocks[i].off_s);
		NSC_ISOLATED(ctx, sh->raw[i] >= sh->t0[i] + off && sh->raw[i] <= sh->t1[i] + off,
			     "%s through the syscall in the new time namespace reads %+lld ns from the outside, want %+lld s",
			     clocks[i].name, sh->raw[i] - sh->t0[i], clocks[i].off_s);
	}
}

NSC_CASE(time, derived_clocks_follow) = {
	.summary = "MONOTONIC_RAW, MONOTONIC_COARSE and BOOTTIME_ALARM carry the namespace's offsets",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("kselftest:timens/timens.c", "man:time_namespaces(7)"),
};
