// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.open_tree_namespace: open_tree(path, OPEN_TREE_NAMESPACE) (Linux
 * 7.1) returns an nsfd of a new mount namespace holding a copy of the
 * tree at path (the tmpfs the sandbox mounted, with a marker file): its
 * id (NS_GET_MNTNS_ID) differs from the sandbox's, listmount() of it
 * lists at least one mount, and a child can setns() into it and then
 * finds the marker at "/"; the sandbox's own mount table is unchanged.
 * AT_RECURSIVE without OPEN_TREE_CLONE or OPEN_TREE_NAMESPACE is EINVAL
 * on every kernel.  Older kernels (EINVAL for the unknown flag) SKIP
 * naming the release.  No control: an explicit creation, not the
 * sandbox's namespace.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include "statmount.h"

#ifndef OPEN_TREE_NAMESPACE
#define OPEN_TREE_NAMESPACE (1 << 1)
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

struct otn_shared {
	char target[64], src[64];
	int setns_errno, marker_errno;
};

static int setup(struct nsc_ctx *ctx)
{
	struct otn_shared *sh = nsc_shared_as(ctx, struct otn_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "otn");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct otn_shared *sh = nsc_shared_as(ctx, struct otn_shared);
	uint64_t own = 0, id = 0, ids[64];
	char marker[128];
	int fd, n, before, status;
	pid_t pid;

	fd = (int)syscall(SYS_open_tree, AT_FDCWD, "/", AT_RECURSIVE | O_CLOEXEC);
	if (fd < 0)
		nsc_mnt_skip_nosys(ctx, errno, "open_tree", "5.2");
	NSC_EXPECT_EQ(ctx, fd < 0 ? errno : 0, EINVAL, "open_tree(AT_RECURSIVE) alone");
	if (fd >= 0)
		close(fd);

	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, sh->target, 0));
	snprintf(marker, sizeof(marker), "%s/nsc-otn-marker", sh->target);
	fd = NSC_SAFE(ctx, open(marker, O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
	close(fd);
	before = NSC_SAFE(ctx, nsc_mnt_count());
	fd = (int)syscall(SYS_open_tree, AT_FDCWD, sh->target, OPEN_TREE_NAMESPACE | O_CLOEXEC);
	if (fd < 0 && errno == EINVAL)
		nsc_skip(ctx, EINVAL, "needs Linux 7.1 or later",
			 "open_tree(OPEN_TREE_NAMESPACE): EINVAL (flag unknown to this kernel)");
	NSC_SAFE(ctx, fd);
	NSC_EXPECT_EQ(ctx, ioctl(fd, NSC_NS_GET_NSTYPE), CLONE_NEWNS,
		      "namespace type of the fd open_tree(OPEN_TREE_NAMESPACE) returned");
	NSC_SAFE(ctx, nsc_mnt_ns_id(0, &own) < 0 ? -1 : 0);
	NSC_SAFE(ctx, nsc_mnt_ns_id_fd(fd, &id) < 0 ? -1 : 0);
	NSC_EXPECT(ctx, id && id != own,
		   "the new namespace's id %llu differs from the sandbox's %llu",
		   (unsigned long long)id, (unsigned long long)own);
	n = nsc_listmount(id, ids, 64);
	NSC_EXPECT(ctx, n >= 1, "listmount of the new namespace: %d mounts (%s)", n,
		   n < 0 ? strerror(-n) : "ok");
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_count()), before,
		      "mounts in the sandbox after open_tree(OPEN_TREE_NAMESPACE)");

	sh->setns_errno = sh->marker_errno = -1;
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->setns_errno = setns(fd, CLONE_NEWNS) < 0 ? errno : 0;
		if (!sh->setns_errno)
			sh->marker_errno = access("/nsc-otn-marker", F_OK) < 0 ? errno : 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, sh->setns_errno, 0, "setns() into the new mount namespace");
	NSC_EXPECT_EQ(ctx, sh->marker_errno, 0, "the copied tree's marker file at / after setns()");
	close(fd);
}

NSC_CASE(mnt, open_tree_namespace) = {
	.summary = "open_tree(OPEN_TREE_NAMESPACE) makes a new mount namespace of a copied tree",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.no_control = "an explicit creation of a namespace, not a property of the sandbox's",
	.setup = setup,
	.child = child,
	.min_kernel = "7.1",
	.anchors = NSC_ANCHORS("kselftest:filesystems/open_tree_ns/open_tree_ns_test.c",
			       "man:open_tree(2)"),
};
