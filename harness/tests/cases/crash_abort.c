// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.crash_abort (test-only): verify() calls abort() in the case
 * process after a passing child.  The case must be ERROR naming SIGABRT.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	NSC_EXPECT_EQ(ctx, getpid(), 1, "sandbox is PID 1 of its namespace");
}

static void verify(struct nsc_ctx *ctx)
{
	signal(SIGABRT, SIG_DFL);
	abort();
}

NSC_CASE(test, crash_abort) = {
	.summary = "test-only: abort() in verify",
	.clone_flags = CLONE_NEWPID,
	.no_control = "test-only crash",
	.hidden = true,
	.child = child,
	.verify = verify,
};
