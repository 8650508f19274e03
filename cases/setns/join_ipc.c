// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_ipc: setns(pidfd, CLONE_NEWIPC) makes the SysV objects of the
 * sandbox's IPC namespace reachable by key and hides those of the one the
 * caller left.  The sandbox creates a message queue; the case process has
 * one of its own in its disposable IPC namespace (.outer_flags).
 * Isolation check: before joining, the sandbox's key is not found
 * outside.  After joining, it is, and the case's own key is not.
 * Control: without CLONE_NEWIPC the sandbox's queue is found before any
 * join.
 */
#include "nscheck.h"

struct ji_shared {
	key_t outer_key, inner_key;
};

static int setup(struct nsc_ctx *ctx)
{
	struct ji_shared *sh = nsc_shared_as(ctx, struct ji_shared);

	sh->outer_key = nsc_sysv_key();
	sh->inner_key = nsc_sysv_key();
	return nsc_sysv_create(NSC_SYSV_MSG, sh->outer_key, nsc_errbuf(ctx));
}

static void child(struct nsc_ctx *ctx)
{
	struct ji_shared *sh = nsc_shared_as(ctx, struct ji_shared);

	NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_MSG, sh->inner_key, nsc_errbuf(ctx)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct ji_shared *sh = nsc_shared_as(ctx, struct ji_shared);
	int id;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	id = nsc_sysv_lookup(NSC_SYSV_MSG, sh->inner_key, NULL);
	NSC_ISOLATED(ctx, id == -ENOENT,
		     "the sandbox's message queue (key 0x%x) is found before any setns() (%d)",
		     (unsigned int)sh->inner_key, id);
	NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWIPC));
	id = nsc_sysv_lookup(NSC_SYSV_MSG, sh->inner_key, NULL);
	NSC_EXPECT(ctx, id >= 0, "the sandbox's queue after setns(pidfd, CLONE_NEWIPC): %d", id);
	id = nsc_sysv_lookup(NSC_SYSV_MSG, sh->outer_key, NULL);
	NSC_EXPECT(ctx, id == -ENOENT, "the left namespace's queue is still found after setns: %d",
		   id);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_ipc) = {
	.summary = "setns() into an IPC namespace swaps the SysV objects reachable by key",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("ltp:setns02", "rt:linux_ns_path", "man:setns(2)", "man:sysvipc(7)"),
};
