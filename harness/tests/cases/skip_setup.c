// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.skip_setup (test-only): setup() in the case process says the host
 * cannot host the property, before any sandbox exists: SKIP.  With
 * test.skip_always (a SKIP from inside the sandbox) it makes the SKIP
 * count of harness/tests/integration/report_counts.sh differ from every
 * other count.
 */
#include "nscheck.h"

static int setup(struct nsc_ctx *ctx)
{
	nsc_skip(ctx, EOPNOTSUPP, "nothing to enable", "test-only: setup always skips");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	NSC_EXPECT(ctx, false, "the sandbox ran although setup skipped");
}

NSC_CASE(test, skip_setup) = {
	.summary = "test-only: SKIP from setup",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "test-only skip",
	.hidden = true,
	.setup = setup,
	.child = child,
};
