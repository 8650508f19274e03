// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.isolation_fail (test-only): a sandbox cloned with CLONE_NEWUTS only
 * checks that its IPC namespace is private, which it is not: a real FAIL
 * (exit 1), with a control that sees the same sharing.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	tc_ipc_shared(ctx);
}

NSC_CASE(test, isolation_fail) = {
	.summary = "test-only: an isolation check that observes real sharing",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
