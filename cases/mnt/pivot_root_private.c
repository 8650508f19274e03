// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.pivot_root_private: pivot_root() to a tmpfs in the sandbox's new
 * mount namespace, followed by detaching the old root, changes only the
 * sandbox's root: inside, "/" is the tmpfs and the mount table holds one
 * mount; outside, the case process's "/" (st_dev, st_ino) and its mount
 * table are as before.  Control: without CLONE_NEWNS pivot_root() moves
 * the root of every process of the case process's (disposable) mount
 * namespace whose root was the old one, so the case process's "/"
 * changes.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mnt.h"

struct pr_shared {
	char target[64], src[64];
	dev_t dev;
	ino_t ino;
	int mounts;
};

/* Is "/" the initial rootfs (an initramfs nscheck runs from)? */
static bool root_is_rootfs(void)
{
	struct nsc_mounts mi;
	bool rootfs = false;

	if (nsc_mountinfo_read(NULL, &mi, NULL) < 0)
		return false;
	for (size_t i = 0; i < mi.n; i++)
		if (!strcmp(mi.m[i].target, "/"))
			rootfs = !strcmp(mi.m[i].fstype, "rootfs") ||
				 !strcmp(mi.m[i].source, "rootfs");
	nsc_mountinfo_free(&mi);
	return rootfs;
}

static int setup(struct nsc_ctx *ctx)
{
	struct pr_shared *sh = nsc_shared_as(ctx, struct pr_shared);
	struct stat st;

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "pr");
	NSC_SAFE(ctx, stat("/", &st));
	sh->dev = st.st_dev;
	sh->ino = st.st_ino;
	sh->mounts = NSC_SAFE(ctx, nsc_mnt_count());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct pr_shared *sh = nsc_shared_as(ctx, struct pr_shared);
	char old[128], mark[128];
	struct stat st;
	int oldroot;

	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->target, 0));
	NSC_SAFE(ctx, nsc_mnt_subdir(old, sizeof(old), sh->target, "old"));
	NSC_SAFE(ctx, nsc_mnt_subdir(mark, sizeof(mark), sh->target, "nsc-new-root"));
	oldroot = NSC_SAFE(ctx, open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
	if (syscall(SYS_pivot_root, sh->target, old) < 0) {
		int err = errno;

		/* Before Linux 7.x the initramfs's rootfs cannot be pivoted away. */
		if (err == EINVAL && root_is_rootfs())
			nsc_skip(ctx, err,
				 "run nscheck from a root filesystem other than the initramfs",
				 "pivot_root(2) cannot move the initramfs's rootfs (EINVAL): / is rootfs");
		nsc_error(ctx, err, "pivot_root(%s, %s)", sh->target, old);
	}
	NSC_SAFE(ctx, chdir("/"));
	NSC_SAFE(ctx, umount2("/old", MNT_DETACH));
	NSC_EXPECT_EQ(ctx, stat("/nsc-new-root", &st), 0, "the new root is the tmpfs");
	NSC_EXPECT(ctx, st.st_dev != sh->dev, "st_dev of / changed inside");
	/*
	 * Back into the detached old root (kept alive by @oldroot): what the
	 * sandbox writes as it exits (coverage counters of a coverage build)
	 * goes to the files it had, not to the tmpfs.
	 */
	NSC_SAFE(ctx, fchdir(oldroot));
	NSC_SAFE(ctx, chroot("."));
	close(oldroot);
}

static void verify(struct nsc_ctx *ctx)
{
	struct pr_shared *sh = nsc_shared_as(ctx, struct pr_shared);
	struct stat st;

	NSC_SAFE(ctx, stat("/", &st));
	NSC_ISOLATED(ctx, st.st_dev == sh->dev && st.st_ino == sh->ino,
		     "the case process's / changed after pivot_root() in the sandbox (dev %llu ino %llu)",
		     (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	if (st.st_dev == sh->dev && st.st_ino == sh->ino)
		NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_count()), sh->mounts,
			      "mounts in the case process's namespace after the sandbox's pivot_root()");
}

NSC_CASE(mnt, pivot_root_private) = {
	.summary = "pivot_root() in a new mount namespace leaves the outside root untouched",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.4.19",
	.anchors = NSC_ANCHORS("ltp:pivot_root01", "man:pivot_root(2)"),
};
