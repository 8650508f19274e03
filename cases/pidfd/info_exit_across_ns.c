// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfd.info_exit_across_ns: PIDFD_GET_INFO with PIDFD_INFO_EXIT (Linux
 * 6.15) returns the exit status of a reaped task, inside a PID namespace
 * and across it: the sandbox (new user and PID namespaces) reads the
 * status 7 of a child it forked and reaped, and the case process reads
 * the sandbox's own exit (status 0) after the harness reaped it.  Asked
 * without PIDFD_INFO_EXIT, a reaped task is ESRCH.
 * No control: exit information is an API contract that no withheld
 * namespace can break.  A kernel without PIDFD_GET_INFO or without
 * PIDFD_INFO_EXIT (the flag missing from the answer's mask) SKIPs.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../nsfs/nsfs.h"

struct ie_shared {
	int err, plain;
	struct nsc_pidfd_info info;
};

static int nsc_ie_dup = -1; /* the sandbox's pidfd, kept past the reaping */

static int ie_info(int pidfd, uint64_t mask, struct nsc_pidfd_info *info)
{
	memset(info, 0, sizeof(*info));
	info->mask = mask;
	return ioctl(pidfd, NSC_PIDFD_GET_INFO, info) < 0 ? -errno : 0;
}

/* SKIP unless @r and @info show PIDFD_GET_INFO with PIDFD_INFO_EXIT. */
static void ie_need(struct nsc_ctx *ctx, int r, const struct nsc_pidfd_info *info)
{
	if (r == -ENOTTY || r == -EINVAL)
		nsc_skip(ctx, -r, "Linux >= 6.15", "no PIDFD_GET_INFO in this kernel (%s)",
			 strerror(-r));
	if (r == -ESRCH)
		nsc_skip(ctx, ESRCH, "Linux >= 6.15",
			 "PIDFD_GET_INFO of a reaped task is ESRCH: no PIDFD_INFO_EXIT");
	if (r < 0)
		nsc_error(ctx, -r, "PIDFD_GET_INFO(PIDFD_INFO_EXIT)");
	if (!(info->mask & NSC_PIDFD_INFO_EXIT))
		nsc_skip(ctx, EOPNOTSUPP, "Linux >= 6.15",
			 "PIDFD_GET_INFO answers without PIDFD_INFO_EXIT (mask %#llx)",
			 (unsigned long long)info->mask);
}

static void child(struct nsc_ctx *ctx)
{
	struct ie_shared *sh = nsc_shared_as(ctx, struct ie_shared);
	struct nsc_pidfd_info info;
	int pidfd, status;
	pid_t pid = NSC_SAFE(ctx, nsc_fork());

	if (pid == 0)
		_exit(7);
	pidfd = NSC_SAFE(ctx, nsc_pidfd_open(pid, 0));
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	sh->plain = ie_info(pidfd, NSC_PIDFD_INFO_PID, &info);
	sh->err = ie_info(pidfd, NSC_PIDFD_INFO_EXIT, &sh->info);
	close(pidfd);
}

static void parent(struct nsc_ctx *ctx)
{
	nsc_ie_dup = NSC_SAFE(ctx, fcntl(nsc_child_pidfd(ctx), F_DUPFD_CLOEXEC, 0));
}

static void verify(struct nsc_ctx *ctx)
{
	struct ie_shared *sh = nsc_shared_as(ctx, struct ie_shared);
	struct nsc_pidfd_info out;
	int r;

	ie_need(ctx, sh->err, &sh->info);
	NSC_EXPECT_EQ(ctx, sh->info.exit_code, 7 << 8,
		      "PIDFD_INFO_EXIT status of a reaped child, read inside the PID namespace");
	NSC_EXPECT_EQ(ctx, sh->plain, -ESRCH, "PIDFD_GET_INFO without PIDFD_INFO_EXIT, reaped task");
	r = ie_info(nsc_ie_dup, NSC_PIDFD_INFO_EXIT, &out);
	ie_need(ctx, r, &out);
	NSC_EXPECT_EQ(ctx, out.exit_code, 0,
		      "PIDFD_INFO_EXIT status of the sandbox (a PID namespace's init), read outside");
	r = ie_info(nsc_ie_dup, NSC_PIDFD_INFO_PID, &out);
	NSC_EXPECT_EQ(ctx, r, -ESRCH, "PIDFD_GET_INFO without PIDFD_INFO_EXIT, reaped sandbox");
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	close(nsc_ie_dup);
}

NSC_CASE(pidfd, info_exit_across_ns) = {
	.summary = "PIDFD_INFO_EXIT gives a reaped task's status inside and across PID namespaces",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWPID,
	.no_control = "exit information is an API contract: withholding a namespace cannot break it",
	.child = child,
	.parent = parent,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "6.15",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_info_test.c", "ltp:ioctl_pidfd02",
			       "man:pidfd_open(2)"),
};
