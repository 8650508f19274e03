// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.blind_probe (test-only): an "isolation" check that cannot fail,
 * because it compares the hostname with itself.  Its control never sees
 * sharing, so nscheck must call it BLIND / ERROR, never PASS.
 */
#include <unistd.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	char a[65] = "", b[65] = "";

	NSC_SAFE(ctx, gethostname(a, sizeof(a)));
	NSC_SAFE(ctx, gethostname(b, sizeof(b)));
	NSC_ISOLATED_STREQ(ctx, a, b, "hostname equals itself");
}

NSC_CASE(test, blind_probe) = {
	.summary = "test-only: a check that cannot fail",
	.clone_flags = CLONE_NEWUTS,
	.hidden = true,
	.child = child,
};
