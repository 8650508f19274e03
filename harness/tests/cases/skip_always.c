// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.skip_always (test-only): the case always says the host cannot host it: run
 * alone, nscheck exits 4 (everything skipped).
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	nsc_skip(ctx, EOPNOTSUPP, "nothing to enable", "test-only: this case always skips");
}

NSC_CASE(test, skip_always) = {
	.summary = "test-only: always SKIP",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
