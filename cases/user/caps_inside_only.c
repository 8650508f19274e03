// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.caps_inside_only: the first process of a new user namespace has
 * every capability there (CapEff equals CapBnd) yet cannot use them on
 * a resource owned by the parent user namespace: sethostname() on the
 * UTS namespace it shares with the case process fails with EPERM, while
 * in a UTS namespace it creates itself sethostname() works.  The "outer"
 * UTS namespace is the case's disposable one (.outer_flags), never the
 * host's.  Control: without CLONE_NEWUSER the same sethostname() succeeds.
 */
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "user.h"

struct caps_shared {
	char name[65];
};

static int setup(struct nsc_ctx *ctx)
{
	struct caps_shared *sh = nsc_shared_as(ctx, struct caps_shared);

	snprintf(sh->name, sizeof(sh->name), "nsc-%d-caps", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct caps_shared *sh = nsc_shared_as(ctx, struct caps_shared);
	uint64_t eff = 0, bnd = 0;
	char now[65] = "";
	int ret;

	NSC_SAFE(ctx, nsc_user_status_hex(0, "CapEff", &eff));
	NSC_SAFE(ctx, nsc_user_status_hex(0, "CapBnd", &bnd));
	NSC_EXPECT(ctx, eff == bnd && eff != 0,
		   "CapEff %#" PRIx64 " inside a new user namespace, want CapBnd %#" PRIx64, eff,
		   bnd);
	ret = sethostname(sh->name, strlen(sh->name)) < 0 ? -errno : 0;
	NSC_ISOLATED(ctx, ret == -EPERM,
		     "sethostname() on the parent user namespace's UTS namespace gave %d, want -EPERM",
		     ret);
	/* The same capability works on a namespace this user namespace owns. */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUTS));
	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->name, strlen(sh->name)));
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_EXPECT_STREQ(ctx, now, sh->name, "hostname in an owned UTS namespace");
}

NSC_CASE(user, caps_inside_only) = {
	.summary = "capabilities in a new user namespace do not reach outside resources",
	.clone_flags = CLONE_NEWUSER,
	.outer_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:userns01", "man:user_namespaces(7)", "man:capabilities(7)"),
};
