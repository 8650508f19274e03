// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.mountinfo_poll_scoped: /proc/PID/mountinfo is pollable (proc(5)):
 * POLLPRI|POLLERR is raised when the mount table of the reader's mount
 * namespace changes.  The case process opens and reads its mountinfo;
 * a tmpfs mounted in the sandbox's new mount namespace does not wake it
 * (poll with timeout 0: no event pending), a tmpfs it then mounts itself
 * does.  Control: without CLONE_NEWNS the sandbox's mount is in the case
 * process's (disposable) namespace and raises the event.
 */
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "mnt.h"

struct poll_shared {
	char target[64], dir_in[128], dir_out[128], src_in[64], src_out[64];
};

static int setup(struct nsc_ctx *ctx)
{
	struct poll_shared *sh = nsc_shared_as(ctx, struct poll_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src_in, sizeof(sh->src_in), "poll-in");
	nsc_mnt_source(sh->src_out, sizeof(sh->src_out), "poll-out");
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->dir_in, sizeof(sh->dir_in), sh->target, "in"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->dir_out, sizeof(sh->dir_out), sh->target, "out"));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct poll_shared *sh = nsc_shared_as(ctx, struct poll_shared);

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process has read its mountinfo */
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_in, sh->dir_in, 0));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

/* Read @fd to its end: poll then reports only later changes. */
static void drain(struct nsc_ctx *ctx, int fd)
{
	char buf[4096];
	ssize_t n;

	NSC_SAFE(ctx, lseek(fd, 0, SEEK_SET));
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	NSC_SAFE(ctx, n);
}

static short pending(struct nsc_ctx *ctx, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLPRI };

	NSC_SAFE(ctx, poll(&p, 1, 0));
	return p.revents;
}

static void parent(struct nsc_ctx *ctx)
{
	struct poll_shared *sh = nsc_shared_as(ctx, struct poll_shared);
	int fd = NSC_SAFE(ctx, open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC));
	short ev;

	drain(ctx, fd);
	NSC_EXPECT_EQ(ctx, pending(ctx, fd), 0, "mountinfo events pending before any mount");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox mounted */
	ev = pending(ctx, fd);
	NSC_ISOLATED(ctx, !(ev & (POLLPRI | POLLERR)),
		     "a mount in the sandbox's namespace woke a poll on the case process's mountinfo (revents 0x%x)",
		     ev);
	drain(ctx, fd);
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_out, sh->dir_out, 0));
	ev = pending(ctx, fd);
	NSC_EXPECT(ctx, ev & POLLPRI, "a mount in the own namespace wakes the poll (revents 0x%x)",
		   ev);
	close(fd);
}

NSC_CASE(mnt, mountinfo_poll_scoped) = {
	.summary = "poll on mountinfo sees mount changes of its own mount namespace only",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_PROC_FS", "CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "2.6.15",
	.anchors = NSC_ANCHORS("man:proc(5)", "other:no upstream test"),
};
