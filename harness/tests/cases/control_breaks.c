// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.control_breaks (test-only): the real run passes, the positive control (and the
 * --self-check run) break with an ERROR before any check: ERROR "control
 * run broke", and BLIND (not sensitive) in --self-check.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	if (tc_withheld(ctx))
		nsc_error(ctx, EIO, "test-only: the control breaks");
	tc_uts_isolated(ctx);
}

NSC_CASE(test, control_breaks) = {
	.summary = "test-only: the positive control breaks",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
