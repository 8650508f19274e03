// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.fail_and_error (test-only): an isolation check fails (real sharing), then a
 * fixture breaks: FAIL wins over the later ERROR (exit 1), as README's
 * verdict rules say.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	tc_ipc_shared(ctx);
	nsc_error(ctx, EIO, "test-only: a fixture breaks after the failed check");
}

NSC_CASE(test, fail_and_error) = {
	.summary = "test-only: a failed isolation check, then an ERROR",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
