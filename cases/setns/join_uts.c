// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_uts: the case process joins the sandbox's UTS namespace with
 * setns(pidfd, CLONE_NEWUTS): afterwards it reads the hostname the
 * sandbox set, its /proc/self/ns/uts is the sandbox's, and a hostname it
 * sets is seen by the sandbox.  Isolation check: before joining, the
 * sandbox's name is not visible outside.  Control: without CLONE_NEWUTS
 * the name shows outside before any join (so the join is not what made
 * it visible); the outer UTS namespace is disposable.
 */
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

struct join_shared {
	char inner[65]; /* set by the sandbox */
	char back[65];	/* set by the case process after joining */
};

static int setup(struct nsc_ctx *ctx)
{
	struct join_shared *sh = nsc_shared_as(ctx, struct join_shared);

	snprintf(sh->inner, sizeof(sh->inner), "nsc-%d-in", (int)getpid());
	snprintf(sh->back, sizeof(sh->back), "nsc-%d-back", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct join_shared *sh = nsc_shared_as(ctx, struct join_shared);
	char now[65] = "";

	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->inner, strlen(sh->inner)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process joined */
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_EXPECT_STREQ(ctx, now, sh->back, "hostname set by the joined process");
}

static void parent(struct nsc_ctx *ctx)
{
	struct join_shared *sh = nsc_shared_as(ctx, struct join_shared);
	pid_t pid = nsc_child_pid(ctx);
	char now[65] = "";

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox set its name */
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_ISOLATED_STRNE(ctx, now, sh->inner,
			   "the sandbox's hostname shows outside before any setns()");
	NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWUTS));
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_ns_same(0, pid, CLONE_NEWUTS, nsc_errbuf(ctx))), 1,
		      "ns/uts of the caller is the sandbox's after setns(pidfd, CLONE_NEWUTS)");
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_EXPECT_STREQ(ctx, now, sh->inner, "hostname after joining the sandbox");
	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->back, strlen(sh->back)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_uts) = {
	.summary = "setns() into a sandbox's UTS namespace shares its hostname both ways",
	.clone_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("ltp:setns02", "kselftest:pidfd/pidfd_setns_test.c", "man:setns(2)"),
};
