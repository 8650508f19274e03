// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.setgroups_deny: in a new user namespace whose setgroups file was
 * set to "deny" before gid_map (the harness's default maps), setgroups()
 * fails with EPERM although the process is root there with CAP_SETGID;
 * once gid_map is written, "allow" cannot be written back (EPERM).
 * Control: without CLONE_NEWUSER setgroups() succeeds.  SKIPs when the
 * case process's own user namespace already denies setgroups (rootless:
 * the control would be blind).
 */
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

static int read_setgroups(pid_t pid, char *buf, size_t len)
{
	return nsc_idmap_read(pid, "setgroups", buf, len, NULL);
}

static int setup(struct nsc_ctx *ctx)
{
	char buf[32] = "";

	NSC_SAFE(ctx, read_setgroups(getpid(), buf, sizeof(buf)));
	if (!strncmp(buf, "deny", 4))
		nsc_skip(ctx, EPERM, "run nscheck as root",
			 "the case process's own user namespace already denies setgroups (rootless): the control would be blind");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	char buf[32] = "";
	gid_t g = getgid();
	int ret;

	ret = setgroups(1, &g) < 0 ? -errno : 0;
	NSC_ISOLATED(ctx, ret == -EPERM,
		     "setgroups() inside a user namespace with setgroups 'deny' gave %d, want -EPERM",
		     ret);
	NSC_SAFE(ctx, read_setgroups(getpid(), buf, sizeof(buf)));
	NSC_EXPECT_STREQ(ctx, buf, "deny\n", "setgroups file inside");
	NSC_EXPECT_EQ(ctx, getgid(), 0, "gid inside (mapped)");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* parent tried "allow" */
}

static void parent(struct nsc_ctx *ctx)
{
	char path[64];
	int fd, ret;

	/* After the child's check: the control must observe sharing first. */
	NSC_TRY(ctx, nsc_sync_wait(ctx));
	snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)nsc_child_pid(ctx));
	fd = NSC_SAFE(ctx, open(path, O_WRONLY | O_CLOEXEC));
	ret = write(fd, "allow", 5) < 0 ? -errno : 0;
	close(fd);
	NSC_EXPECT_EQ(ctx, ret, -EPERM, "writing 'allow' to setgroups after gid_map");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, setgroups_deny) = {
	.summary = "setgroups() is denied in a user namespace whose setgroups says deny",
	.clone_flags = CLONE_NEWUSER,
	.caps = NSC_CAP(CAP_SETGID), /* the control's setgroups() */
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.19",
	.anchors = NSC_ANCHORS("ltp:userns03", "man:user_namespaces(7)"),
};
