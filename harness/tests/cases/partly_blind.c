// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.partly_blind (test-only): two isolation checks, of which only the
 * first can fail (the second compares the UTS namespace of the sandbox
 * with itself).  The case as a whole fires in its control, but nscheck
 * must call it probe blind (ERROR) naming the second check's location,
 * and --self-check BLIND with that location: every isolation check must
 * be proven able to fail, not just one per case.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	long long self = NSC_SAFE(ctx, tc_ns_ino("uts"));

	tc_uts_isolated(ctx);
	NSC_ISOLATED_EQ(ctx, NSC_SAFE(ctx, tc_ns_ino("uts")), self,
			"the sandbox's UTS namespace changed under it");
}

NSC_CASE(test, partly_blind) = {
	.summary = "test-only: one of two isolation checks cannot fail",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
