// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.fail_then_skip (test-only): an isolation check fails (real sharing), then the case
 * calls nsc_skip(): the FAIL must not be hidden by the SKIP (issue 10.1:
 * it was reported ok # SKIP, exit 4).
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	tc_ipc_shared(ctx);
	nsc_skip(ctx, EOPNOTSUPP, "nothing to enable", "test-only: a skip after a failed check");
}

NSC_CASE(test, fail_then_skip) = {
	.summary = "test-only: a failed isolation check, then a SKIP",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
