// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.hang_parent (test-only): the parent hook (case process) never
 * returns while the sandbox waits for it.  The runner must kill the case
 * process at the timeout; the sandbox dies with it (PDEATHSIG).
 */
#include <sys/prctl.h>
#include <unistd.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	prctl(PR_SET_NAME, "nsc-hang-test");
	nsc_sync_wait(ctx);
	NSC_EXPECT(ctx, false, "the parent hook woke the child (it never does)");
}

static void parent(struct nsc_ctx *ctx)
{
	prctl(PR_SET_NAME, "nsc-hang-test");
	for (;;)
		pause();
}

NSC_CASE(test, hang_parent) = {
	.summary = "test-only: a case process hook that hangs",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "test-only hang",
	.hidden = true,
	.child = child,
	.parent = parent,
};
