// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.uid_map_contents: in a new user namespace the ids read as the
 * overflow ids until the maps are written; after "0 <outer> 1" (setgroups
 * "deny" first) the maps read back exactly that from inside and outside,
 * the process is uid 0 inside and keeps its outer uid outside.  Control:
 * without CLONE_NEWUSER the ids are the real ones from the start.
 */
#include <stdio.h>
#include <unistd.h>

#include "user.h"

/* The map at /proc/<pid>/<which> is exactly one line "0 <outer> 1". */
static void expect_map(struct nsc_ctx *ctx, pid_t pid, const char *which, unsigned long outer)
{
	struct nsc_idmap_ent e[NSC_IDMAP_MAX];
	char buf[4096];
	int n;

	NSC_TRY(ctx, nsc_idmap_read(pid, which, buf, sizeof(buf), nsc_errbuf(ctx)));
	n = NSC_TRY(ctx, nsc_idmap_parse(buf, e, NSC_IDMAP_MAX, nsc_errbuf(ctx)));
	NSC_EXPECT(ctx, n == 1 && e[0].inside == 0 && e[0].outside == outer && e[0].count == 1,
		   "%s of pid %d reads '%.60s', want '0 %lu 1'", which, (int)pid, buf, outer);
}

static void child(struct nsc_ctx *ctx)
{
	long ouid = nsc_sysctl_long(ctx, "/proc/sys/kernel/overflowuid");
	long ogid = nsc_sysctl_long(ctx, "/proc/sys/kernel/overflowgid");
	char buf[32];

	NSC_ISOLATED_EQ(ctx, getuid(), ouid, "uid before uid_map is written");
	NSC_ISOLATED_EQ(ctx, getgid(), ogid, "gid before gid_map is written");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	NSC_EXPECT_EQ(ctx, getuid(), 0, "uid inside after the map");
	NSC_EXPECT_EQ(ctx, getgid(), 0, "gid inside after the map");
	expect_map(ctx, getpid(), "uid_map", nsc_outer_uid(ctx));
	expect_map(ctx, getpid(), "gid_map", nsc_outer_gid(ctx));
	NSC_TRY(ctx, nsc_idmap_read(getpid(), "setgroups", buf, sizeof(buf), nsc_errbuf(ctx)));
	NSC_EXPECT_STREQ(ctx, buf, "deny\n", "setgroups inside");
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* child saw the overflow ids */
	NSC_TRY(ctx, nsc_idmap_root(pid, nsc_outer_uid(ctx), nsc_outer_gid(ctx), nsc_errbuf(ctx)));
	expect_map(ctx, pid, "uid_map", nsc_outer_uid(ctx));
	expect_map(ctx, pid, "gid_map", nsc_outer_gid(ctx));
	NSC_EXPECT_EQ(ctx, nsc_user_status_uid(pid), nsc_outer_uid(ctx),
		      "uid of the sandbox seen from outside");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, uid_map_contents) = {
	.summary = "uid_map/gid_map of a new user namespace read back as written",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:userns02", "rt:linux_uid_mappings", "man:user_namespaces(7)"),
};
