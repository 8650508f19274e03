// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.hostname_private: a hostname set inside a new UTS namespace reads
 * back inside, while the outside keeps its own name.  Control: without
 * CLONE_NEWUTS the name set by the child shows outside (in a disposable
 * outer UTS namespace, never the host's).
 */
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

struct uts_shared {
	char before[65]; /* outside name before the child ran */
	char set[65];	 /* what the child set */
};

static int setup(struct nsc_ctx *ctx)
{
	struct uts_shared *sh = nsc_shared_as(ctx, struct uts_shared);

	NSC_SAFE(ctx, gethostname(sh->before, sizeof(sh->before)));
	snprintf(sh->set, sizeof(sh->set), "nsc-%d-uts", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct uts_shared *sh = nsc_shared_as(ctx, struct uts_shared);
	char now[65] = "";

	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->set, strlen(sh->set)));
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_EXPECT_STREQ(ctx, now, sh->set, "hostname reads back inside");
}

static void verify(struct nsc_ctx *ctx)
{
	struct uts_shared *sh = nsc_shared_as(ctx, struct uts_shared);
	char now[65] = "";

	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_ISOLATED_STRNE(ctx, now, sh->set, "hostname set inside the UTS namespace shows outside");
	NSC_EXPECT_STREQ(ctx, now, sh->before, "outside hostname unchanged");
}

NSC_CASE(uts, hostname_private) = {
	.summary = "hostname set inside a new UTS namespace is invisible outside",
	.clone_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("ltp:utsname01", "ltp:utsname02", "rt:hostname",
			       "man:uts_namespaces(7)"),
};
