// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.conditional_check (test-only): like test.partly_blind, but the
 * isolation check that cannot fire in the control is marked conditional
 * (NSC_ISOLATED_COND, with its reason): PASS, and sensitive in
 * --self-check.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	long long self = NSC_SAFE(ctx, tc_ns_ino("uts"));

	tc_uts_isolated(ctx);
	NSC_ISOLATED_COND(ctx, "test-only: compares the sandbox with itself, never fires",
			  NSC_SAFE(ctx, tc_ns_ino("uts")) == self,
			  "the sandbox's UTS namespace changed under it");
}

NSC_CASE(test, conditional_check) = {
	.summary = "test-only: an isolation check marked conditional",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
