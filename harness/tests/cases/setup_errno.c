// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.setup_errno (test-only): setup() fails the nscheck way, returning
 * -EPERM with the message in nsc_errbuf(ctx) (which carries the errno
 * text).  The case is ERROR and its reason names the errno text once:
 * "setup: test-only setup failure: Operation not permitted", never
 * "...: Operation not permitted: Operation not permitted".
 */
#include <errno.h>

#include "nscheck.h"

static int setup(struct nsc_ctx *ctx)
{
	return nsc_err_set(nsc_errbuf(ctx), EPERM, "test-only setup failure");
}

static void child(struct nsc_ctx *ctx)
{
	NSC_EXPECT(ctx, false, "the child ran although setup failed");
}

NSC_CASE(test, setup_errno) = {
	.summary = "test-only: setup fails with EPERM and a message",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "test-only setup failure",
	.hidden = true,
	.setup = setup,
	.child = child,
};
