// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfd.get_info_foreign_ns: PIDFD_GET_INFO on a pidfd whose task has no
 * pid in the caller's PID namespace refuses to answer (EREMOTE since
 * Linux 7.0 and the stable 6.18.14 and 6.19.10; ESRCH before), rather than
 * reporting a pid the caller could not use.  The sandbox, in a new PID
 * namespace, inherits a pidfd of the case process (opened before the
 * clone), which lives outside.  Isolation check: the refusal.  Control:
 * without CLONE_NEWPID the case process is visible and the answer is its
 * pid.  A kernel without PIDFD_GET_INFO SKIPs.
 */
#include <unistd.h>

#include "../nsfs/nsfs.h"

static int nsc_gf_outer = -1; /* pidfd of the case process */

static int setup(struct nsc_ctx *ctx)
{
	nsc_gf_outer = NSC_SAFE(ctx, nsc_pidfd_open(getpid(), 0));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct nsc_pidfd_info info = { .mask = NSC_PIDFD_INFO_PID };
	int self = NSC_SAFE(ctx, nsc_pidfd_open(getpid(), 0)), r;

	r = ioctl(self, NSC_PIDFD_GET_INFO, &info) < 0 ? -errno : 0;
	close(self);
	if (r == -ENOTTY || r == -EINVAL)
		nsc_skip(ctx, -r, "Linux >= 6.13", "no PIDFD_GET_INFO in this kernel (%s)",
			 strerror(-r));
	memset(&info, 0, sizeof(info));
	info.mask = NSC_PIDFD_INFO_PID;
	r = ioctl(nsc_gf_outer, NSC_PIDFD_GET_INFO, &info) < 0 ? -errno : 0;
	NSC_ISOLATED(ctx, r == -EREMOTE || r == -ESRCH,
		     "PIDFD_GET_INFO on a task outside the caller's PID namespace gave %d (pid %u), "
		     "want -EREMOTE or -ESRCH",
		     r, info.pid);
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	close(nsc_gf_outer);
}

NSC_CASE(pidfd, get_info_foreign_ns) = {
	.summary = "PIDFD_GET_INFO refuses a task that has no pid in the caller's PID namespace",
	.clone_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.cleanup = cleanup,
	.min_kernel = "6.13",
	.anchors = NSC_ANCHORS("ltp:ioctl_pidfd06", "man:pidfd_open(2)"),
};
