// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.control_skips (test-only): the real run passes, the positive control skips: an
 * unproven check is not a proven one, SKIP (not PASS).
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	if (tc_withheld(ctx))
		nsc_skip(ctx, EOPNOTSUPP, "nothing to enable", "test-only: the control skips");
	tc_uts_isolated(ctx);
}

NSC_CASE(test, control_skips) = {
	.summary = "test-only: the positive control skips",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
