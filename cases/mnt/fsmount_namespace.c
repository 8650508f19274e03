// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.fsmount_namespace: fsmount(fsfd, FSMOUNT_NAMESPACE) (Linux 7.1)
 * returns an nsfd of a new mount namespace whose mount is the new
 * filesystem: a fresh tmpfs (fsopen, fsconfig CREATE); the namespace's
 * id differs from the sandbox's, listmount() of it lists a tmpfs mount
 * (statmount fs_type), and a child can setns() into it; the sandbox's
 * mount table is unchanged.  Older kernels (EINVAL for the unknown flag)
 * SKIP naming the release.  No control: an explicit creation.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include "statmount.h"

#ifndef FSMOUNT_NAMESPACE
#define FSMOUNT_NAMESPACE 0x00000002
#endif
#define NSC_FSOPEN_CLOEXEC 0x00000001
#define NSC_FSMOUNT_CLOEXEC 0x00000001
#define NSC_FSCONFIG_CMD_CREATE 6

struct fsn_shared {
	int setns_errno;
};

static void child(struct nsc_ctx *ctx)
{
	struct fsn_shared *sh = nsc_shared_as(ctx, struct fsn_shared);
	uint64_t own = 0, id = 0, ids[64];
	struct nsc_statmount sm;
	int fsfd, fd, n, before, status, tmpfs = 0;
	pid_t pid;

	fsfd = (int)syscall(SYS_fsopen, "tmpfs", NSC_FSOPEN_CLOEXEC);
	if (fsfd < 0)
		nsc_mnt_skip_nosys(ctx, errno, "fsopen", "5.2");
	NSC_SAFE(ctx, fsfd);
	NSC_SAFE(ctx, syscall(SYS_fsconfig, fsfd, NSC_FSCONFIG_CMD_CREATE, NULL, NULL, 0));
	before = NSC_SAFE(ctx, nsc_mnt_count());
	fd = (int)syscall(SYS_fsmount, fsfd, NSC_FSMOUNT_CLOEXEC | FSMOUNT_NAMESPACE, 0);
	if (fd < 0)
		nsc_mnt_skip_nosys(ctx, errno, "fsmount", "5.2");
	if (fd < 0 && errno == EINVAL)
		nsc_skip(ctx, EINVAL, "needs Linux 7.1 or later",
			 "fsmount(FSMOUNT_NAMESPACE): EINVAL (flag unknown to this kernel)");
	NSC_SAFE(ctx, fd);
	close(fsfd);
	NSC_EXPECT_EQ(ctx, ioctl(fd, NSC_NS_GET_NSTYPE), CLONE_NEWNS,
		      "namespace type of the fd fsmount(FSMOUNT_NAMESPACE) returned");
	NSC_SAFE(ctx, nsc_mnt_ns_id(0, &own) < 0 ? -1 : 0);
	NSC_SAFE(ctx, nsc_mnt_ns_id_fd(fd, &id) < 0 ? -1 : 0);
	NSC_EXPECT(ctx, id && id != own,
		   "the new namespace's id %llu differs from the sandbox's %llu",
		   (unsigned long long)id, (unsigned long long)own);
	n = nsc_listmount(id, ids, 64);
	NSC_EXPECT(ctx, n >= 1, "listmount of the new namespace: %d mounts (%s)", n,
		   n < 0 ? strerror(-n) : "ok");
	for (int i = 0; i < n; i++)
		if (nsc_statmount(ids[i], id, NSC_STATMOUNT_FS_TYPE, &sm) == 0 &&
		    (sm.mask & NSC_STATMOUNT_FS_TYPE) && sm.fs_type < sizeof(sm.str) &&
		    !strcmp(sm.str + sm.fs_type, "tmpfs"))
			tmpfs++;
	NSC_EXPECT_EQ(ctx, tmpfs, 1, "tmpfs mounts listed in the new namespace");
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_count()), before,
		      "mounts in the sandbox after fsmount(FSMOUNT_NAMESPACE)");

	sh->setns_errno = -1;
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->setns_errno = setns(fd, CLONE_NEWNS) < 0 ? errno : 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, sh->setns_errno, 0, "setns() into the new mount namespace");
	close(fd);
}

NSC_CASE(mnt, fsmount_namespace) = {
	.summary = "fsmount(FSMOUNT_NAMESPACE) makes a new mount namespace of a new filesystem",
	.clone_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.no_control = "an explicit creation of a namespace, not a property of the sandbox's",
	.child = child,
	.min_kernel = "7.1",
	.anchors = NSC_ANCHORS("kselftest:filesystems/fsmount_ns/fsmount_ns_test.c", "man:fsmount(2)"),
};
