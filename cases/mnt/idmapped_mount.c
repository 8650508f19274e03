// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.idmapped_mount: mount_setattr(MOUNT_ATTR_IDMAP) (Linux 5.12; tmpfs
 * since 6.3) on a detached copy (open_tree OPEN_TREE_CLONE) of a tmpfs
 * translates ids through the user namespace given: with the map
 * "0 B 16", a file owned by 0 shows as owned by B through the copy, and
 * a file created through it with fsuid B is owned by 0 on the filesystem.
 * Idmapping the attached mount fails EINVAL, and the initial user
 * namespace is refused (EPERM: it stands for "not idmapped").  No
 * control: the mapping is explicit, not a property of a namespace the
 * sandbox got.  Needs root: the map is written from the initial user
 * namespace (rootless, nscheck holds one id only).
 */
#include <signal.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnt.h"

#define IDM_BASE 3000000
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef MOUNT_ATTR_IDMAP
#define MOUNT_ATTR_IDMAP 0x00100000
#endif

struct nsc_mount_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};

struct idm_shared {
	char target[64], src[64];
};

static int setup(struct nsc_ctx *ctx)
{
	struct idm_shared *sh = nsc_shared_as(ctx, struct idm_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "idm");
	return 0;
}

static int setattr(int dfd, const char *path, unsigned int flags, int userns)
{
	struct nsc_mount_attr attr = { .attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (uint64_t)userns };

	return (int)syscall(SYS_mount_setattr, dfd, path, flags, &attr, sizeof(attr));
}

/* A user namespace with "0 IDM_BASE 16" (held by a paused child @pid). */
static int idmap_userns(struct nsc_ctx *ctx, pid_t *pid)
{
	char map[32];
	int ret;

	*pid = nsc_mnt_holder(ctx, CLONE_NEWUSER);
	snprintf(map, sizeof(map), "0 %d 16", IDM_BASE);
	ret = nsc_idmap_write(*pid, map, map, false, nsc_errbuf(ctx));
	/* nscheck's own user namespace may map fewer ids (unshare -r). */
	if (ret == -EPERM)
		nsc_skip(ctx, EPERM, "run nscheck as root of the initial user namespace",
			 "cannot map ids %d-%d for the idmapping: %s", IDM_BASE, IDM_BASE + 15,
			 nsc_errbuf(ctx)->msg);
	NSC_TRY(ctx, ret);
	return NSC_TRY(ctx, nsc_ns_open(*pid, CLONE_NEWUSER, nsc_errbuf(ctx)));
}

static void child(struct nsc_ctx *ctx)
{
	struct idm_shared *sh = nsc_shared_as(ctx, struct idm_shared);
	char file[128];
	struct stat st;
	int userns, tree, init_ns, fd, ret;
	pid_t holder;

	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->target, 0));
	snprintf(file, sizeof(file), "%s/f", sh->target);
	fd = NSC_SAFE(ctx, open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
	close(fd);
	userns = idmap_userns(ctx, &holder);

	tree = (int)syscall(SYS_open_tree, AT_FDCWD, sh->target, OPEN_TREE_CLONE | O_CLOEXEC);
	if (tree < 0)
		nsc_mnt_skip_nosys(ctx, errno, "open_tree", "5.2");
	NSC_SAFE(ctx, tree);
	ret = setattr(tree, "", AT_EMPTY_PATH, userns);
	if (ret < 0)
		nsc_mnt_skip_nosys(ctx, errno, "mount_setattr", "5.12");
	if (ret < 0 && errno == EINVAL && nsc_mnt_kernel_before(6, 3))
		nsc_skip(ctx, EINVAL, "needs Linux 6.3 or later (idmapped tmpfs)",
			 "mount_setattr(MOUNT_ATTR_IDMAP) on tmpfs: EINVAL");
	NSC_SAFE(ctx, ret);
	NSC_SAFE(ctx, fstatat(tree, "f", &st, 0));
	NSC_EXPECT_EQ(ctx, st.st_uid, IDM_BASE,
		      "owner of a root-owned file through the idmapped copy");
	NSC_EXPECT_EQ(ctx, st.st_gid, IDM_BASE,
		      "group of a root-owned file through the idmapped copy");

	setfsgid(IDM_BASE);
	setfsuid(IDM_BASE);
	fd = openat(tree, "g", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	ret = fd < 0 ? errno : 0;
	setfsuid(0);
	setfsgid(0);
	NSC_EXPECT_EQ(ctx, ret, 0, "create a file through the idmapped copy as fsuid %d", IDM_BASE);
	if (fd >= 0) {
		close(fd);
		snprintf(file, sizeof(file), "%s/g", sh->target);
		NSC_SAFE(ctx, stat(file, &st));
		NSC_EXPECT_EQ(ctx, st.st_uid, 0, "on-disk owner of a file created through the copy");
	}

	ret = setattr(AT_FDCWD, sh->target, 0, userns);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, EINVAL, "MOUNT_ATTR_IDMAP on an attached mount");
	close(tree);
	tree = NSC_SAFE(ctx,
			syscall(SYS_open_tree, AT_FDCWD, sh->target, OPEN_TREE_CLONE | O_CLOEXEC));
	init_ns = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	ret = setattr(tree, "", AT_EMPTY_PATH, init_ns);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, EPERM,
		      "MOUNT_ATTR_IDMAP with the initial user namespace");
	close(init_ns);
	close(tree);
	close(userns);
	nsc_mnt_holder_end(holder);
}

NSC_CASE(mnt, idmapped_mount) = {
	.summary = "an idmapped mount shows and stores ids through its user namespace",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.needs_root = true,
	.caps = NSC_CAP(CAP_SETUID) | NSC_CAP(CAP_SETGID),
	.no_control = "the id mapping is explicit (mount_setattr), not a property of the sandbox's namespace",
	.setup = setup,
	.child = child,
	.min_kernel = "5.12",
	.anchors = NSC_ANCHORS("kselftest:mount_setattr/mount_setattr_test.c", "man:mount_setattr(2)"),
};
