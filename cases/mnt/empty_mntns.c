// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.empty_mntns: unshare(UNSHARE_EMPTY_MNTNS) (Linux 7.1; clone3 has
 * CLONE_EMPTY_MNTNS) gives the caller a new mount namespace that holds
 * exactly one mount, a root that is its own parent, with the caller's
 * root and cwd on it: listmount() lists one mount, statmount() gives
 * mnt_parent_id == mnt_id, and "/" and "." are the same inode.  The
 * sandbox's own mount table is unchanged.  Older kernels (EINVAL for
 * the unknown flag) SKIP naming the release.  No control: an explicit
 * creation.
 */
#include <sys/wait.h>

#include "statmount.h"

#ifndef UNSHARE_EMPTY_MNTNS
#define UNSHARE_EMPTY_MNTNS 0x00100000
#endif

struct em_shared {
	int unshare_errno; /* of the child's unshare, -1 before it ran */
	int same_ns;	   /* the one mount in the old namespace (1 while unknown) */
	int nmounts, own_parent, root_is_cwd;
};

static void probe(struct nsc_ctx *ctx, struct em_shared *sh)
{
	struct nsc_statmount sm;
	struct stat root, cwd;
	uint64_t ids[8], old = 0;

	/* No /proc in an empty namespace: the old id is taken before. */
	if (nsc_mnt_ns_id(0, &old) < 0)
		return;
	sh->unshare_errno = -nsc_unshare(ctx, UNSHARE_EMPTY_MNTNS);
	if (sh->unshare_errno)
		return;
	sh->nmounts = nsc_listmount(0, ids, 8);
	if (sh->nmounts == 1 &&
	    nsc_statmount(ids[0], 0, NSC_STATMOUNT_MNT_BASIC | NSC_STATMOUNT_MNT_NS_ID, &sm) == 0) {
		sh->own_parent = sm.mnt_parent_id == sm.mnt_id;
		sh->same_ns = sm.mnt_ns_id == old;
	}
	if (stat("/", &root) == 0 && stat(".", &cwd) == 0)
		sh->root_is_cwd = root.st_dev == cwd.st_dev && root.st_ino == cwd.st_ino;
}

static void child(struct nsc_ctx *ctx)
{
	struct em_shared *sh = nsc_shared_as(ctx, struct em_shared);
	int before, status;
	uint64_t id;
	pid_t pid;

	nsc_statmount_skip(ctx, nsc_listmount(0, &id, 1), "listmount");
	before = NSC_SAFE(ctx, nsc_mnt_count());
	sh->unshare_errno = -1;
	sh->same_ns = 1;
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		probe(ctx, sh);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (sh->unshare_errno == EINVAL)
		nsc_skip(ctx, EINVAL, "needs Linux 7.1 or later",
			 "unshare(UNSHARE_EMPTY_MNTNS): EINVAL (flag unknown to this kernel)");
	if ((sh->unshare_errno == EPERM || sh->unshare_errno == EACCES) && nsc_mnt_seccomp_filtered())
		nsc_skip(ctx, sh->unshare_errno,
			 "allow unshare in the seccomp profile, or run without it",
			 "a seccomp filter denies unshare() (%s)", strerror(sh->unshare_errno));
	if (sh->unshare_errno == ENOSPC)
		nsc_skip(ctx, ENOSPC, "raise the mount namespace limit of the user namespace",
			 "mount namespace limit reached (unshare(UNSHARE_EMPTY_MNTNS): ENOSPC)");
	if (sh->unshare_errno == EPERM)
		nsc_skip(ctx, EPERM, "run nscheck with CAP_SYS_ADMIN",
			 "unshare(UNSHARE_EMPTY_MNTNS) needs CAP_SYS_ADMIN (EPERM)");
	if (sh->unshare_errno)
		nsc_error(ctx, sh->unshare_errno < 0 ? EPIPE : sh->unshare_errno,
			  "the child's unshare(UNSHARE_EMPTY_MNTNS)");
	NSC_EXPECT_EQ(ctx, sh->same_ns, 0, "the one mount belongs to a new mount namespace");
	NSC_EXPECT_EQ(ctx, sh->nmounts, 1, "mounts listmount() lists in the empty mount namespace");
	NSC_EXPECT(ctx, sh->own_parent, "the one mount is its own parent");
	NSC_EXPECT(ctx, sh->root_is_cwd, "root and cwd are the same directory");
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_count()), before,
		      "mounts in the sandbox after the child's UNSHARE_EMPTY_MNTNS");
}

NSC_CASE(mnt, empty_mntns) = {
	.summary = "an empty mount namespace holds one mount, its own parent",
	.clone_flags = CLONE_NEWNS,
	.no_control = "an explicit creation of a namespace, not a property of the sandbox's",
	.child = child,
	.min_kernel = "7.1",
	.anchors = NSC_ANCHORS("kselftest:filesystems/empty_mntns/empty_mntns_test.c",
			       "man:unshare(2)"),
};
