// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.proc_uptime_offset: /proc/uptime and sysinfo(2)'s uptime read in a
 * time namespace include its boottime offset (+10 days).  Bracketed by the
 * CLOCK_BOOTTIME readings outside before and after, in each interface's
 * own unit: /proc/uptime truncates to 1/100 s, sysinfo rounds up to whole
 * seconds.  Control: without CLONE_NEWTIME no offset is set and both read
 * the outside's uptime.
 */
#include <stdlib.h>
#include <sys/sysinfo.h>

#include "timens.h"

#define BOOT_S 864000LL

struct uptime_shared {
	long long t0, t1;	   /* CLOCK_BOOTTIME outside, ns */
	long long proc_cs;	   /* /proc/uptime inside, 1/100 s */
	long long sysinfo_s;	   /* sysinfo().uptime inside */
	int proc_err, sysinfo_err; /* errno, 0: read */
};

static void inside(struct nsc_ctx *ctx)
{
	struct uptime_shared *sh = nsc_shared_as(ctx, struct uptime_shared);
	unsigned long long s = 0, cs = 0;
	struct sysinfo si;
	FILE *f;

	f = fopen("/proc/uptime", "re");
	if (!f)
		sh->proc_err = errno;
	else if (fscanf(f, "%llu.%2llu", &s, &cs) != 2)
		sh->proc_err = EINVAL;
	if (f)
		fclose(f);
	sh->proc_cs = (long long)(s * 100 + cs);
	if (sysinfo(&si) < 0)
		sh->sysinfo_err = errno;
	sh->sysinfo_s = si.uptime;
}

static void child(struct nsc_ctx *ctx)
{
	struct uptime_shared *sh = nsc_shared_as(ctx, struct uptime_shared);
	const long long off = BOOT_S * 1000000000LL;
	char offsets[64];

	snprintf(offsets, sizeof(offsets), "boottime %lld 0\n", BOOT_S);
	nsc_timens_fresh(ctx, offsets);
	sh->t0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_BOOTTIME));
	nsc_timens_in_child(ctx, inside);
	sh->t1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_BOOTTIME));
	if (sh->proc_err) {
		/* Hidden where /proc is mounted with subset=pid: SKIP naming it. */
		nsc_skip_if_restricted(ctx, NSC_OP_READ, sh->proc_err, "/proc/uptime");
		nsc_error(ctx, sh->proc_err, "read /proc/uptime in the new time namespace");
	}
	if (sh->sysinfo_err)
		nsc_error(ctx, sh->sysinfo_err, "sysinfo() in the new time namespace");
	NSC_ISOLATED(ctx,
		     sh->proc_cs >= (sh->t0 + off) / 10000000LL &&
			     sh->proc_cs <= (sh->t1 + off) / 10000000LL,
		     "/proc/uptime in the new time namespace reads %lld.%02lld s, want the outside's %lld s %+lld s",
		     sh->proc_cs / 100, sh->proc_cs % 100, sh->t0 / 1000000000LL, BOOT_S);
	NSC_ISOLATED(ctx,
		     sh->sysinfo_s >= (sh->t0 + off) / 1000000000LL &&
			     sh->sysinfo_s <= (sh->t1 + off) / 1000000000LL + 1,
		     "sysinfo().uptime in the new time namespace reads %lld s, want the outside's %lld s %+lld s",
		     sh->sysinfo_s, sh->t0 / 1000000000LL, BOOT_S);
}

NSC_CASE(time, proc_uptime_offset) = {
	.summary = "/proc/uptime and sysinfo() uptime include the boottime offset",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:sysinfo03", "kselftest:timens/procfs.c",
			       "man:time_namespaces(7)", "man:proc(5)"),
};
