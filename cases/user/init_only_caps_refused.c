// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.init_only_caps_refused: some capabilities act only in the initial
 * user namespace.  Root of a new user namespace, with every capability
 * there, is refused (EPERM) what only initial-namespace root may do:
 * setting the system time and timezone (CAP_SYS_TIME), loading a module
 * (CAP_SYS_MODULE) and making a device node (CAP_MKNOD).  The arguments
 * are chosen so that nothing can change even where the capability is
 * granted: settimeofday(NULL, tz) with tz_minuteswest out of the +-15 h
 * range (the kernel checks the capability first, then refuses the zone
 * with EINVAL: a real root gets EINVAL); finit_module() of fd -1 (the
 * capability is checked before the fd: a real root gets EBADF); mknod()
 * of a character device 1:3 on a tmpfs instance the sandbox made in its
 * own mount namespace (detached, fsopen(2): never attached anywhere).  Control: without CLONE_NEWUSER (real root, in a
 * disposable mount namespace) the first two get EINVAL and EBADF and the
 * node is made.  The time and module checks cannot fire where the case
 * process itself lacks the capability (a container) or the host refuses
 * modules (kernel.modules_disabled); a kernel without CONFIG_MODULES
 * answers ENOSYS to everyone, and the module check is left out there.
 * mknod needs CAP_MKNOD (.caps).
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>

#include "user.h"

static int setup(struct nsc_ctx *ctx)
{
	nsc_user_need_init_root(ctx);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	static const char *const size[] = { "size", "64k", NULL };
	struct timezone tz = { .tz_minuteswest = 24 * 60, .tz_dsttime = 0 };
	int ret, mfd;

	ret = syscall(SYS_settimeofday, NULL, &tz) < 0 ? -errno : 0;
	NSC_ISOLATED_COND(ctx, "the case process lacks CAP_SYS_TIME itself (a container)",
			  ret == -EPERM,
			  "settimeofday() with an out-of-range timezone gave %d, want -EPERM", ret);
	ret = syscall(SYS_finit_module, -1, "", 0) < 0 ? -errno : 0;
	/* ENOSYS: a kernel without CONFIG_MODULES, nothing to load or refuse. */
	if (ret != -ENOSYS)
		NSC_ISOLATED_COND(ctx,
				  "the case process lacks CAP_SYS_MODULE, or kernel.modules_disabled is 1, or a filter denies finit_module()",
				  ret == -EPERM, "finit_module(-1) gave %d, want -EPERM", ret);
	mfd = nsc_user_fsmount("tmpfs", size);
	if (mfd == -ENOSYS)
		nsc_skip(ctx, ENOSYS, "use Linux 5.2 or later", "no fsopen(2) (Linux < 5.2)");
	if (mfd < 0)
		nsc_error(ctx, -mfd, "a tmpfs instance in the sandbox's mount namespace");
	ret = mknodat(mfd, "nsc-null", S_IFCHR | 0600, makedev(1, 3)) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, ret, -EPERM, "mknod() of a character device on a private tmpfs");
	NSC_SAFE(ctx, mknodat(mfd, "nsc-fifo", S_IFIFO | 0600, 0));
	close(mfd);
}

NSC_CASE(user, init_only_caps_refused) = {
	.summary = "root of a user namespace cannot set the clock, load modules or mknod",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWNS,
	.needs_root = true, /* the control is initial-namespace root */
	.caps = NSC_CAP(CAP_MKNOD),
	.setup = setup,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "man:capabilities(7)"),
};
