// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_mnt: setns(pidfd, CLONE_NEWNS) puts the caller in the
 * sandbox's mount namespace: it sees the tmpfs the sandbox mounted, and
 * its working directory (and root) are reset to the root of that
 * namespace, whatever directory it was in.  A process sharing its
 * fs_struct with another (clone(CLONE_FS)) cannot join a mount namespace
 * (EINVAL).  Isolation check: before the join, the sandbox's mount (a
 * unique tmpfs source) is not in the case process's mountinfo.  Control:
 * without CLONE_NEWNS the sandbox mounts in the case process's mount
 * namespace (its disposable one, .outer_flags), where the mount shows at
 * once.
 */
#include <linux/sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../mnt/mnt.h"

struct jm_shared {
	char src[64];
	char target[96];
	int fs_shared; /* setns(CLONE_NEWNS) from a CLONE_FS child: 0 or -errno */
};

static int setup(struct nsc_ctx *ctx)
{
	struct jm_shared *sh = nsc_shared_as(ctx, struct jm_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "joinmnt");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct jm_shared *sh = nsc_shared_as(ctx, struct jm_shared);

	NSC_SAFE(ctx,
		 mount(sh->src, sh->target, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700"));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

/* setns(@pidfd, CLONE_NEWNS) from a child sharing our fs_struct. */
static int jm_fs_shared(struct nsc_ctx *ctx, int pidfd)
{
	struct jm_shared *sh = nsc_shared_as(ctx, struct jm_shared);
	long pid = NSC_SAFE(ctx, syscall(SYS_clone, (unsigned long)(CLONE_FS | SIGCHLD), 0UL, NULL,
					 NULL, 0UL));
	int status;

	if (pid == 0) {
		sh->fs_shared = setns(pidfd, CLONE_NEWNS) < 0 ? -errno : 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid((pid_t)pid, &status, 0));
	return sh->fs_shared;
}

static void parent(struct nsc_ctx *ctx)
{
	struct jm_shared *sh = nsc_shared_as(ctx, struct jm_shared);
	int pidfd = nsc_child_pidfd(ctx), found;
	char cwd[256] = "";

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	found = NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0));
	if (!NSC_ISOLATED_EQ(ctx, found, 0, "the sandbox's tmpfs shows before any setns()"))
		goto out;
	NSC_EXPECT_EQ(ctx, jm_fs_shared(ctx, pidfd), -EINVAL,
		      "setns(CLONE_NEWNS) from a process sharing its fs_struct (CLONE_FS)");
	NSC_SAFE(ctx, chdir("/proc"));
	NSC_SAFE(ctx, setns(pidfd, CLONE_NEWNS));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0)), 1,
		      "the sandbox's tmpfs after setns(pidfd, CLONE_NEWNS)");
	NSC_EXPECT(ctx, getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"),
		   "working directory after joining a mount namespace: '%s', want '/'", cwd);
out:
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_mnt) = {
	.summary = "setns() into a mount namespace shows its mounts and resets cwd to its root",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "rt:linux_ns_path",
			       "man:setns(2)", "man:mount_namespaces(7)"),
};
