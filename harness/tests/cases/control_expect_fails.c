// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.control_expect_fails (test-only): the real run passes; in the positive control a
 * functional NSC_EXPECT fails before the isolation check: that is no
 * sharing seen, ERROR "control run broke".
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	NSC_EXPECT(ctx, !tc_withheld(ctx), "test-only: a functional check fails in the control");
	tc_uts_isolated(ctx);
}

NSC_CASE(test, control_expect_fails) = {
	.summary = "test-only: a functional check fails in the control",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
