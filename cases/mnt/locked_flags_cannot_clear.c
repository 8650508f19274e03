// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.locked_flags_cannot_clear: in a mount namespace owned by a new user
 * namespace, the per-mount flags of mounts copied from the more
 * privileged namespace are locked: a bind remount that would clear ro,
 * nosuid, nodev or noexec, or change the atime mode (noatime to
 * relatime), fails EPERM, each tried alone; a remount that keeps them
 * works, and adding flags to an inherited mount works.  statvfs() shows
 * the flags still set.  Control: without the new user and mount
 * namespaces each clearing remount succeeds (in the case process's
 * disposable mount namespace).
 */
#include <sys/statvfs.h>
#include <unistd.h>

#include "mnt.h"

#define LK_ALL (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME)

struct lkf_shared {
	char target[64], tight[128], loose[128];
	char src_tight[64], src_loose[64];
};

static const struct {
	unsigned long clear, add;
	const char *name;
} lkf_tries[] = {
	{ MS_RDONLY, 0, "ro" },
	{ MS_NOSUID, 0, "nosuid" },
	{ MS_NODEV, 0, "nodev" },
	{ MS_NOEXEC, 0, "noexec" },
	{ MS_NOATIME, MS_RELATIME, "noatime" },
};

static int setup(struct nsc_ctx *ctx)
{
	struct lkf_shared *sh = nsc_shared_as(ctx, struct lkf_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src_tight, sizeof(sh->src_tight), "lkf-tight");
	nsc_mnt_source(sh->src_loose, sizeof(sh->src_loose), "lkf-loose");
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->tight, sizeof(sh->tight), sh->target, "tight"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->loose, sizeof(sh->loose), sh->target, "loose"));
	NSC_SAFE(ctx, mount(sh->src_tight, sh->tight, "tmpfs", LK_ALL, "size=64k"));
	NSC_SAFE(ctx, mount(sh->src_loose, sh->loose, "tmpfs", MS_STRICTATIME, "size=64k"));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct lkf_shared *sh = nsc_shared_as(ctx, struct lkf_shared);
	const unsigned long rb = MS_REMOUNT | MS_BIND;
	struct statvfs sv;
	int ret;

	for (size_t i = 0; i < sizeof(lkf_tries) / sizeof(lkf_tries[0]); i++) {
		ret = mount(NULL, sh->tight, NULL,
			    rb | ((LK_ALL & ~lkf_tries[i].clear) | lkf_tries[i].add), NULL);
		NSC_ISOLATED_EQ(ctx, ret < 0 ? errno : 0, EPERM,
				"bind remount clearing the inherited mount's %s", lkf_tries[i].name);
	}
	NSC_SAFE(ctx, statvfs(sh->tight, &sv));
	NSC_EXPECT_EQ(ctx, sv.f_flag & (ST_RDONLY | ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_NOATIME),
		      ST_RDONLY | ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_NOATIME,
		      "statvfs flags of the inherited mount after the refused remounts");
	ret = mount(NULL, sh->tight, NULL, rb | LK_ALL, NULL);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, 0, "bind remount keeping every locked flag");
	ret = mount(NULL, sh->loose, NULL,
		    rb | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_STRICTATIME, NULL);
	NSC_EXPECT_EQ(ctx, ret < 0 ? errno : 0, 0, "bind remount adding flags to an inherited mount");
}

NSC_CASE(mnt, locked_flags_cannot_clear) = {
	.summary = "inherited mount flags are locked in a less privileged mount namespace",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.min_kernel = "3.17",
	.anchors = NSC_ANCHORS("kselftest:mount/unprivileged-remount-test.c",
			       "man:mount_namespaces(7)", "man:mount(2)"),
};
