// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.no_check (test-only): the sandbox runs and evaluates no check at all: ERROR,
 * never PASS.
 */
#include "verdict_case.h"

static void child(struct nsc_ctx *ctx)
{
	(void)ctx;
}

NSC_CASE(test, no_check) = {
	.summary = "test-only: a case that evaluates nothing",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.setup = tc_setup,
	.child = child,
};
