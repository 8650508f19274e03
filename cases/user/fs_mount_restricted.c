// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.fs_mount_restricted: with CAP_SYS_ADMIN only in a user namespace
 * that owns its mount namespace, a process may mount file systems marked
 * FS_USERNS_MOUNT (tmpfs, ramfs, devpts with newinstance) and no other:
 * debugfs, tracefs and securityfs, each tried where /proc/filesystems
 * lists it, fail EPERM.  Each instance is made as a detached mount
 * (fsopen(2), Linux 5.2: no mount point needed, never attached) in the
 * sandbox's own mount namespace.  Control: without CLONE_NEWUSER the
 * sandbox is real root in the case process's disposable mount namespace
 * (made private: nothing propagates to the host) and the same mounts
 * succeed (each may not where the host refuses it to root as well, e.g.
 * debugfs=off; at least one must).  Needs root and CAP_SYS_ADMIN for
 * that control.
 */
#include <stdio.h>

#include "user.h"

static const char *const refused[] = { "debugfs", "tracefs", "securityfs" };

/* @fs is listed in /proc/filesystems (unreadable: SKIP naming why, or ERROR). */
static bool fs_known(struct nsc_ctx *ctx, const char *fs)
{
	char line[128], name[64];
	bool found = false;
	FILE *f = fopen("/proc/filesystems", "re");

	if (!f) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, errno, "/proc/filesystems");
		nsc_error(ctx, errno, "open /proc/filesystems");
	}
	while (!found && fgets(line, sizeof(line), f))
		found = (sscanf(line, "nodev %63s", name) == 1 || sscanf(line, " %63s", name) == 1) &&
			!strcmp(name, fs);
	fclose(f);
	return found;
}

/* A new instance of @fs as a detached mount: 0 or -errno. */
static int try_mount(const char *fs, const char *const *opts)
{
	int mfd = nsc_user_fsmount(fs, opts);

	if (mfd < 0)
		return mfd;
	close(mfd);
	return 0;
}

static int setup(struct nsc_ctx *ctx)
{
	nsc_user_need_init_root(ctx);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	static const char *const size[] = { "size", "64k", NULL };
	static const char *const pts[] = { "ptmxmode", "0600", NULL };
	int tried = 0, ret;

	ret = try_mount("tmpfs", size);
	if (ret == -ENOSYS)
		nsc_skip(ctx, ENOSYS, "use Linux 5.2 or later", "no fsopen(2) (Linux < 5.2)");
	NSC_EXPECT_EQ(ctx, ret, 0, "mount tmpfs");
	NSC_EXPECT_EQ(ctx, try_mount("ramfs", NULL), 0, "mount ramfs");
	NSC_EXPECT_EQ(ctx, try_mount("devpts", pts), 0, "mount devpts (a new instance)");
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (!fs_known(ctx, refused[i]))
			continue;
		tried++;
		ret = try_mount(refused[i], NULL);
		NSC_ISOLATED_COND(ctx, "the host refuses it to root too (debugfs=off, lockdown)",
				  ret == -EPERM, "mount %s gave %d, want -EPERM", refused[i], ret);
	}
	if (!tried)
		nsc_skip(ctx, ENODEV, "build the kernel with CONFIG_DEBUG_FS or CONFIG_TRACING",
			 "none of debugfs, tracefs, securityfs is available to try");
}

NSC_CASE(user, fs_mount_restricted) = {
	.summary = "root of a user namespace mounts only file systems marked for it",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWNS,
	.needs_root = true, /* the control mounts debugfs as real root */
	.caps = NSC_CAP(CAP_SYS_ADMIN),
	.setup = setup,
	.child = child,
	.min_kernel = "3.9",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "man:mount_namespaces(7)"),
};
