// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.move_mount_foreign_refused: a mount of another mount namespace,
 * reached through /proc/PID/root, cannot be moved into the caller's tree:
 * the case process's move_mount(2) of the sandbox's tmpfs fails EINVAL
 * (fs/namespace.c: the source must be in the caller's namespace), and so
 * does mount(MS_MOVE); the tmpfs stays where it was inside.  Control:
 * without CLONE_NEWNS the tmpfs is in the case process's own (disposable)
 * namespace and the move succeeds.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "mnt.h"

#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif

struct mvf_shared {
	char target[64], from[128], to[128], src[64];
	char after[256]; /* where the sandbox finds its tmpfs at the end */
};

static int setup(struct nsc_ctx *ctx)
{
	struct mvf_shared *sh = nsc_shared_as(ctx, struct mvf_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "mvf");
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->from, sizeof(sh->from), sh->target, "from"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->to, sizeof(sh->to), sh->target, "to"));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct mvf_shared *sh = nsc_shared_as(ctx, struct mvf_shared);
	struct nsc_mnt_info info;

	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->from, 0));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process tried to move it */
	if (NSC_SAFE(ctx, nsc_mnt_lookup(NULL, sh->src, &info)))
		snprintf(sh->after, sizeof(sh->after), "%s", info.target);
}

static void parent(struct nsc_ctx *ctx)
{
	struct mvf_shared *sh = nsc_shared_as(ctx, struct mvf_shared);
	char path[192];
	int fd, ret;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox mounted */
	snprintf(path, sizeof(path), "/proc/%d/root%s", (int)nsc_child_pid(ctx), sh->from);
	fd = NSC_SAFE(ctx, open(path, O_PATH | O_CLOEXEC));
	ret = (int)syscall(SYS_move_mount, fd, "", AT_FDCWD, sh->to, MOVE_MOUNT_F_EMPTY_PATH);
	if (ret < 0 && errno == ENOSYS) {
		/* Before 5.2: the same rule through mount(MS_MOVE). */
		ret = mount(path, sh->to, NULL, MS_MOVE, NULL);
	}
	NSC_ISOLATED_EQ(ctx, ret < 0 ? errno : 0, EINVAL,
			"move_mount of the sandbox's tmpfs (via /proc/PID/root) into the case process's tree");
	if (ret < 0) {
		ret = mount(path, sh->to, NULL, MS_MOVE, NULL);
		NSC_ISOLATED_COND(ctx, "tried only once move_mount was refused",
				  ret < 0 && errno == EINVAL,
				  "mount(MS_MOVE) of the sandbox's tmpfs: %s",
				  ret < 0 ? strerror(errno) : "moved");
	}
	close(fd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void verify(struct nsc_ctx *ctx)
{
	struct mvf_shared *sh = nsc_shared_as(ctx, struct mvf_shared);

	NSC_EXPECT_STREQ(ctx, sh->after, sh->from,
			 "the sandbox's tmpfs is still where it mounted it");
}

NSC_CASE(mnt, move_mount_foreign_refused) = {
	.summary = "a mount of another mount namespace cannot be moved into the caller's tree",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.verify = verify,
	.min_kernel = "2.6.15",
	.anchors = NSC_ANCHORS("man:move_mount(2)", "man:mount(2)", "other:no upstream test"),
};
