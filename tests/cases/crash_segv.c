// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.crash_segv (test-only): the sandbox child dereferences NULL.  The
 * case must be ERROR naming SIGSEGV.  The default action is restored
 * first so that a sanitizer's handler does not turn the crash into an
 * exit status.
 */
#include <signal.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	volatile int *volatile p = NULL;

	signal(SIGSEGV, SIG_DFL);
	*p = 1;
	NSC_EXPECT(ctx, false, "survived a NULL store");
}

NSC_CASE(test, crash_segv,
	.summary = "test-only: SIGSEGV in the sandbox",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "test-only crash",
	.hidden = true,
	.child = child);
