// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.mount_private: a tmpfs mounted inside a new mount namespace (with
 * a unique source name) is listed in the sandbox's mountinfo but not in
 * the outside one.  Control: without CLONE_NEWNS the mount shows up in
 * the case process's mountinfo (a disposable outer mount namespace,
 * never the host's).  The case process is in a mount namespace of its own
 * in the real run too: it makes the directory to mount over there
 * (nsc_mnt_make_target()).
 */
#include <sys/mount.h>
#include <unistd.h>

#include "mnt.h"

struct mp_shared {
	char src[64];
	char target[64]; /* made by the case process in its mount namespace */
};

static int setup(struct nsc_ctx *ctx)
{
	struct mp_shared *sh = nsc_shared_as(ctx, struct mp_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src, sizeof(sh->src), "mp");
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_find(sh->src, NULL, 0)), 0,
		      "mount %s listed before the sandbox ran", sh->src);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct mp_shared *sh = nsc_shared_as(ctx, struct mp_shared);
	char at[1024] = "";

	NSC_SAFE(ctx,
		 mount(sh->src, sh->target, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700"));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_find(sh->src, at, sizeof(at))), 1,
		      "the tmpfs is listed in the sandbox's mountinfo");
	NSC_EXPECT_STREQ(ctx, at, sh->target, "mount point of the tmpfs inside");
}

static void verify(struct nsc_ctx *ctx)
{
	struct mp_shared *sh = nsc_shared_as(ctx, struct mp_shared);
	char at[1024] = "";
	int found = NSC_SAFE(ctx, nsc_mnt_find(sh->src, at, sizeof(at)));

	NSC_ISOLATED(ctx, !found, "tmpfs %s mounted inside shows outside at %s", sh->src, at);
}

NSC_CASE(mnt, mount_private) = {
	.summary = "a mount made in a new mount namespace is invisible outside",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.4.19",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)"),
};
