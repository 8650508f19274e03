// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.initial_copy: a new UTS namespace starts with a copy of its
 * creator's names, not the boot defaults: the case process (in its
 * disposable outer UTS namespace) sets a hostname and a domain name that
 * no boot default has, and the sandbox reads both.  It is a copy, not a
 * reference: a hostname the outside sets after the sandbox was created
 * does not show inside.  Control: without CLONE_NEWUTS the sandbox reads
 * the later outside name.
 */
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

struct copy_shared {
	char host[65];	/* set outside before the clone */
	char dom[65];	/* set outside before the clone */
	char later[65]; /* set outside after the clone */
};

static int setup(struct nsc_ctx *ctx)
{
	struct copy_shared *sh = nsc_shared_as(ctx, struct copy_shared);

	snprintf(sh->host, sizeof(sh->host), "nsc-%d-orig", (int)getpid());
	snprintf(sh->dom, sizeof(sh->dom), "nsc-%d-dom", (int)getpid());
	snprintf(sh->later, sizeof(sh->later), "nsc-%d-later", (int)getpid());
	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->host, strlen(sh->host)));
	NSC_SAFE_OP(ctx, NSC_OP_SETDOMAINNAME, NULL, setdomainname(sh->dom, strlen(sh->dom)));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct copy_shared *sh = nsc_shared_as(ctx, struct copy_shared);
	char host[65] = "", dom[65] = "";

	NSC_SAFE(ctx, gethostname(host, sizeof(host)));
	NSC_SAFE(ctx, getdomainname(dom, sizeof(dom)));
	NSC_EXPECT_STREQ(ctx, host, sh->host, "hostname of a new UTS namespace: the creator's");
	NSC_EXPECT_STREQ(ctx, dom, sh->dom, "domainname of a new UTS namespace: the creator's");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the outside renamed itself */
	NSC_SAFE(ctx, gethostname(host, sizeof(host)));
	NSC_ISOLATED_STREQ(ctx, host, sh->host, "hostname inside after the outside changed its own");
}

static void parent(struct nsc_ctx *ctx)
{
	struct copy_shared *sh = nsc_shared_as(ctx, struct copy_shared);

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->later, strlen(sh->later)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(uts, initial_copy) = {
	.summary = "a new UTS namespace starts with a copy of its creator's names",
	.clone_flags = CLONE_NEWUTS,
	.outer_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:clone(2)", "man:uts_namespaces(7)"),
};
