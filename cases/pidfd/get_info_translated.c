// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfd.get_info_translated: PIDFD_GET_INFO (Linux 6.13) reports pid, tgid
 * and ppid in the PID namespace of the caller, and the ids in its user
 * namespace.  The sandbox (new PID and user namespaces, the case's uid
 * mapped to 0) asks about itself: pid and tgid 1 and ppid 0, its parent
 * being outside (isolation checks), ruid and euid 0.  The case process
 * asks about the sandbox: the pid fork() returned, the ppid /proc shows
 * (the case process, or with --via unshare the stub that forked the
 * sandbox) and its own uid.  Control: without the flags the sandbox sees its outer
 * pid and a real parent.  A kernel without the ioctl SKIPs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../nsfs/nsfs.h"

struct gi_shared {
	int err;
	struct nsc_pidfd_info in;
};

static int gi_info(int pidfd, struct nsc_pidfd_info *info)
{
	memset(info, 0, sizeof(*info));
	info->mask = NSC_PIDFD_INFO_PID | NSC_PIDFD_INFO_CREDS;
	return ioctl(pidfd, NSC_PIDFD_GET_INFO, info) < 0 ? -errno : 0;
}

/* The PPid: line of /proc/@pid/status, or -errno. */
static long gi_ppid(pid_t pid)
{
	char path[64], line[256];
	long ppid = -ENOENT;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "PPid:", 5))
			ppid = strtol(line + 5, NULL, 10);
	fclose(f);
	return ppid;
}

static void child(struct nsc_ctx *ctx)
{
	struct gi_shared *sh = nsc_shared_as(ctx, struct gi_shared);
	int self = NSC_SAFE(ctx, nsc_pidfd_open(getpid(), 0));

	sh->err = gi_info(self, &sh->in);
	close(self);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
}

static void parent(struct nsc_ctx *ctx)
{
	struct gi_shared *sh = nsc_shared_as(ctx, struct gi_shared);
	struct nsc_pidfd_info out;
	pid_t pid = nsc_child_pid(ctx);
	int r;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	r = gi_info(nsc_child_pidfd(ctx), &out);
	if (r == -ENOTTY || r == -EINVAL)
		nsc_skip(ctx, -r, "Linux >= 6.13", "no PIDFD_GET_INFO in this kernel (%s)",
			 strerror(-r));
	if (r < 0)
		nsc_error(ctx, -r, "PIDFD_GET_INFO on the sandbox's pidfd");
	if (sh->err < 0)
		nsc_error(ctx, -sh->err, "PIDFD_GET_INFO inside the sandbox");
	NSC_ISOLATED_EQ(ctx, sh->in.pid, 1, "pid of the sandbox's PIDFD_GET_INFO about itself");
	NSC_ISOLATED_EQ(ctx, sh->in.ppid, 0, "ppid of the sandbox's PIDFD_GET_INFO about itself");
	NSC_EXPECT_EQ(ctx, sh->in.tgid, sh->in.pid, "tgid inside equals pid");
	NSC_EXPECT(ctx, (sh->in.mask & NSC_PIDFD_INFO_CREDS) && sh->in.ruid == 0 && sh->in.euid == 0,
		   "ruid/euid inside %u/%u (mask %#llx), want 0 (the mapped root)", sh->in.ruid,
		   sh->in.euid, (unsigned long long)sh->in.mask);
	NSC_EXPECT_EQ(ctx, out.pid, pid, "pid of PIDFD_GET_INFO outside");
	NSC_EXPECT_EQ(ctx, out.tgid, pid, "tgid of PIDFD_GET_INFO outside");
	NSC_EXPECT_EQ(ctx, out.ppid, NSC_SAFE(ctx, gi_ppid(pid)),
		      "ppid of PIDFD_GET_INFO outside, as /proc shows it");
	NSC_EXPECT_EQ(ctx, out.ruid, nsc_outer_uid(ctx), "ruid of PIDFD_GET_INFO outside");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(pidfd, get_info_translated) = {
	.summary = "PIDFD_GET_INFO reports pids and ids as the caller's namespaces see them",
	.clone_flags = CLONE_NEWPID | CLONE_NEWUSER,
	.child = child,
	.parent = parent,
	.min_kernel = "6.13",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_info_test.c", "ltp:ioctl_pidfd01",
			       "man:pidfd_open(2)"),
};
