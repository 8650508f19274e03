// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.error_then_fail (test-only): the sandbox breaks before doing its part, and verify
 * would then observe "sharing" of what was never set up: ERROR, never
 * FAIL (verify does not run after a broken sandbox; and an ERROR recorded
 * first decides).
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	nsc_error(ctx, EIO, "test-only: the sandbox breaks");
}

static void verify(struct nsc_ctx *ctx)
{
	tc_ipc_shared(ctx); /* from the case process: always equal */
}

NSC_CASE(test, error_then_fail) = {
	.summary = "test-only: an ERROR, then a failing check in verify",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
	.verify = verify,
};
