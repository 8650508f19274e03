// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_user: setns(pidfd, CLONE_NEWUSER) into a child user namespace
 * the caller owns gives the caller the ids of that namespace (uid 0 by
 * the sandbox's map) and a full effective capability set there, and
 * joining the user namespace one is already in fails with EINVAL.
 * After joining, the caller reads the sandbox's own view of uid_map.
 * Isolation check: before joining, the sandbox's user namespace is not
 * the caller's (nsfs identity; the uid_map text alone cannot tell them
 * apart: rootless, both read "0 0 1").  Control: without CLONE_NEWUSER
 * the sandbox is in the caller's user namespace (and the join itself
 * would be EINVAL, which is why the case stops there).
 */
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "../user/user.h"

struct ju_shared {
	char map[256]; /* the sandbox's uid_map */
};

static void child(struct nsc_ctx *ctx)
{
	struct ju_shared *sh = nsc_shared_as(ctx, struct ju_shared);

	NSC_TRY(ctx, nsc_idmap_read(getpid(), "uid_map", sh->map, sizeof(sh->map), nsc_errbuf(ctx)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct ju_shared *sh = nsc_shared_as(ctx, struct ju_shared);
	char mine[256];
	uint64_t eff = 0, bnd = 0;
	int self, same;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	same = NSC_TRY(ctx, nsc_ns_same(0, nsc_child_pid(ctx), CLONE_NEWUSER, nsc_errbuf(ctx)));
	if (!NSC_ISOLATED_EQ(ctx, same, 0, "the sandbox is in the caller's user namespace"))
		goto out;
	NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWUSER));
	NSC_EXPECT_EQ(ctx,
		      NSC_TRY(ctx, nsc_ns_same(0, nsc_child_pid(ctx), CLONE_NEWUSER, nsc_errbuf(ctx))),
		      1, "ns/user of the caller is the sandbox's after setns(pidfd, CLONE_NEWUSER)");
	NSC_EXPECT_EQ(ctx, geteuid(), 0, "euid after joining a user namespace mapping it to 0");
	NSC_TRY(ctx, nsc_idmap_read(getpid(), "uid_map", mine, sizeof(mine), nsc_errbuf(ctx)));
	NSC_EXPECT_STREQ(ctx, mine, sh->map, "the caller's uid_map after joining");
	NSC_SAFE(ctx, nsc_user_status_hex(0, "CapEff", &eff));
	NSC_SAFE(ctx, nsc_user_status_hex(0, "CapBnd", &bnd));
	NSC_EXPECT(ctx, eff == bnd && eff != 0,
		   "CapEff %#" PRIx64 " after joining an owned user namespace, want CapBnd %#" PRIx64,
		   eff, bnd);
	self = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, setns(self, CLONE_NEWUSER) < 0 ? -errno : 0, -EINVAL,
		      "setns() into the user namespace the caller is in");
	close(self);
out:
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_user) = {
	.summary = "setns() into an owned user namespace grants its ids and capabilities",
	.clone_flags = CLONE_NEWUSER,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "man:setns(2)",
			       "man:user_namespaces(7)"),
};
