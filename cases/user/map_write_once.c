// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.map_write_once: uid_map and gid_map of a user namespace accept
 * exactly one successful write.  The parent writes the sandbox's maps
 * itself (.manual_idmap, uid "1000 <outer> 1"): the first write of each
 * succeeds, a second
 * one fails EPERM even when it is identical, and the maps then read back
 * as first written.  Control: without CLONE_NEWUSER the sandbox is in
 * the case process's user namespace, whose maps were written long ago,
 * so even the first write fails EPERM.
 */
#include <stdio.h>

#include "user.h"

/*
 * uid 1000 inside, not 0: mapping uid 0 needs CAP_SETFCAP besides
 * (Linux 5.12), which is not the property.
 */
#define INSIDE 1000

static int write_map(pid_t pid, const char *which, const char *text)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, which);
	return nsc_user_write(path, text);
}

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the parent wrote, or tried */
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);
	struct nsc_idmap_ent e[4];
	char uidm[32], gidm[32], buf[256];
	int ret, n;

	snprintf(uidm, sizeof(uidm), "%d %u 1\n", INSIDE, (unsigned int)nsc_outer_uid(ctx));
	snprintf(gidm, sizeof(gidm), "0 %u 1\n", (unsigned int)nsc_outer_gid(ctx));
	ret = write_map(pid, "setgroups", "deny");
	if (ret < 0 && ret != -ENOENT && ret != -EPERM)
		nsc_error(ctx, -ret, "write deny to setgroups");
	ret = write_map(pid, "uid_map", uidm);
	NSC_ISOLATED_EQ(ctx, ret, 0, "first write to a new user namespace's uid_map");
	ret = write_map(pid, "gid_map", gidm);
	NSC_ISOLATED_EQ(ctx, ret, 0, "first write to a new user namespace's gid_map");
	NSC_EXPECT_EQ(ctx, write_map(pid, "uid_map", uidm), -EPERM,
		      "second, identical write to uid_map");
	NSC_EXPECT_EQ(ctx, write_map(pid, "gid_map", gidm), -EPERM,
		      "second, identical write to gid_map");
	NSC_TRY(ctx, nsc_idmap_read(pid, "uid_map", buf, sizeof(buf), nsc_errbuf(ctx)));
	n = NSC_TRY(ctx, nsc_idmap_parse(buf, e, 4, nsc_errbuf(ctx)));
	NSC_EXPECT(ctx,
		   n == 1 && e[0].inside == INSIDE && e[0].outside == nsc_outer_uid(ctx) &&
			   e[0].count == 1,
		   "uid_map after the refused second write reads '%.60s', want '%s'", buf, uidm);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, map_write_once) = {
	.summary = "uid_map and gid_map accept one write; a second fails EPERM",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	/* measured on 6.18: without it even "1000 <own uid> 1" is refused */
	.caps = NSC_CAP(CAP_SETFCAP),
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)"),
};
