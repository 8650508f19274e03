// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.map_view_relative: /proc/PID/uid_map is shown relative to the
 * reader's user namespace.  The sandbox's map is "0 <outer> 1": read by
 * the case process (the parent namespace) and by the sandbox itself the
 * second field is the outer uid.  A sibling user namespace, made by a
 * helper process that maps itself as "7 <outer> 1", reads the same file
 * as "0 7 1": the lower id translated into the sibling.  Control:
 * without CLONE_NEWUSER neither namespace exists: the sandbox's uid_map
 * is the case process's own map, which the helper reads unchanged.
 */
#include <stdio.h>
#include <sys/wait.h>

#include "user.h"

#define SIBLING_ID 7

struct view_shared {
	int err;	   /* helper: -errno of its first failing step */
	char sibling[256]; /* the sandbox's uid_map as the helper read it */
	struct nsc_idmap_ent own[4];
	int own_n;
};

/* In the helper: a sibling user namespace mapping our uid to 7. */
static void helper(struct nsc_ctx *ctx, struct view_shared *sh, pid_t sandbox)
{
	char map[32];
	int ret;

	ret = nsc_unshare(ctx, CLONE_NEWUSER);
	if (ret == 0 && (nsc_sandbox_flags(ctx) & CLONE_NEWUSER)) {
		snprintf(map, sizeof(map), "%d %u 1", SIBLING_ID, (unsigned int)nsc_outer_uid(ctx));
		ret = nsc_user_write("/proc/self/uid_map", map);
	}
	if (ret == 0)
		ret = nsc_idmap_read(sandbox, "uid_map", sh->sibling, sizeof(sh->sibling), NULL);
	sh->err = ret < 0 ? ret : 0;
	_exit(0);
}

static void child(struct nsc_ctx *ctx)
{
	struct view_shared *sh = nsc_shared_as(ctx, struct view_shared);
	char buf[256];

	NSC_TRY(ctx, nsc_idmap_read(getpid(), "uid_map", buf, sizeof(buf), nsc_errbuf(ctx)));
	sh->own_n = NSC_TRY(ctx, nsc_idmap_parse(buf, sh->own, 4, nsc_errbuf(ctx)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the helper has read our map */
}

static void parent(struct nsc_ctx *ctx)
{
	struct view_shared *sh = nsc_shared_as(ctx, struct view_shared);
	unsigned long ou = nsc_outer_uid(ctx);
	struct nsc_idmap_ent e[4];
	pid_t pid, sandbox = nsc_child_pid(ctx);
	char buf[256];
	int n, status;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0)
		helper(ctx, sh, sandbox);
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (sh->err < 0)
		nsc_error(ctx, -sh->err, "sibling helper");
	n = NSC_TRY(ctx, nsc_idmap_parse(sh->sibling, e, 4, nsc_errbuf(ctx)));
	NSC_ISOLATED(ctx, n == 1 && e[0].inside == 0 && e[0].outside == SIBLING_ID && e[0].count == 1,
		     "the sandbox's uid_map read from a sibling user namespace is '%.60s', want '0 %d 1'",
		     sh->sibling, SIBLING_ID);
	NSC_TRY(ctx, nsc_idmap_read(sandbox, "uid_map", buf, sizeof(buf), nsc_errbuf(ctx)));
	n = NSC_TRY(ctx, nsc_idmap_parse(buf, e, 4, nsc_errbuf(ctx)));
	NSC_EXPECT(ctx, n == 1 && e[0].inside == 0 && e[0].outside == ou && e[0].count == 1,
		   "the sandbox's uid_map read from its parent is '%.60s', want '0 %lu 1'", buf, ou);
	NSC_EXPECT(ctx, sh->own_n == 1 && sh->own[0].inside == 0 && sh->own[0].outside == ou,
		   "the sandbox reads its own uid_map with the parent's ids (want '0 %lu 1')", ou);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, map_view_relative) = {
	.summary = "/proc/PID/uid_map is shown relative to the reader's user namespace",
	.clone_flags = CLONE_NEWUSER,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)"),
};
