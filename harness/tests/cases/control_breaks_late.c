// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.control_breaks_late (test-only): the positive control sees the
 * sharing at the first isolation check, then breaks (as a fork refused by
 * pids.max would) before the second: that check is unproven, so ERROR
 * "control run broke before the isolation check at ... could fire" with the
 * cause, never "probe blind" and never PASS.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	struct tc_shared *sh = nsc_shared_as(ctx, struct tc_shared);

	tc_uts_isolated(ctx);
	if (tc_withheld(ctx))
		nsc_error(ctx, EAGAIN, "test-only: the control breaks late");
	NSC_ISOLATED_NE(ctx, NSC_SAFE(ctx, tc_ns_ino("uts")), sh->uts,
			"the sandbox shares the case process's UTS namespace (second check)");
}

NSC_CASE(test, control_breaks_late) = {
	.summary = "test-only: the positive control breaks after the sharing was seen",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
