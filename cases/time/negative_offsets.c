// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.negative_offsets: a negative CLOCK_MONOTONIC offset moves the
 * namespace's clock back: with an offset of minus half the current uptime
 * (at least 1 s) a process inside reads exactly in [t0 - h, t1 - h], t0/t1
 * the outside readings before and after.  An offset that would take the
 * clock below zero is refused with ERANGE (and changes nothing).
 * Control: without CLONE_NEWTIME no offset is set and the clock reads
 * the same inside.
 */
#include "timens.h"

struct neg_shared {
	long long t0, t1, inner;
};

static void inside(struct nsc_ctx *ctx)
{
	nsc_shared_as(ctx, struct neg_shared)->inner = nsc_timens_now(CLOCK_MONOTONIC);
}

static void child(struct nsc_ctx *ctx)
{
	struct neg_shared *sh = nsc_shared_as(ctx, struct neg_shared);
	long long up = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC)) / 1000000000LL;
	long long h = up / 2;
	char too_far[64], offsets[64];
	bool fresh;

	if (h < 1)
		nsc_skip(ctx, 0, "run it later",
			 "CLOCK_MONOTONIC reads %lld s: too early for a negative offset", up);
	snprintf(too_far, sizeof(too_far), "monotonic %lld 0\n", -(up + 86400));
	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\n", -h);
	fresh = nsc_timens_fresh(ctx, offsets);
	if (fresh)
		NSC_EXPECT_EQ(ctx, nsc_timens_write(too_far), -ERANGE,
			      "writing an offset that takes CLOCK_MONOTONIC below zero");
	sh->t0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	nsc_timens_in_child(ctx, inside);
	sh->t1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	if (sh->inner < 0)
		nsc_error(ctx, 0, "the child could not read CLOCK_MONOTONIC");
	NSC_ISOLATED(ctx,
		     sh->inner >= sh->t0 - h * 1000000000LL && sh->inner <= sh->t1 - h * 1000000000LL,
		     "CLOCK_MONOTONIC in the new time namespace reads %+lld ns from the outside, want -%lld s",
		     sh->inner - sh->t0, h);
}

NSC_CASE(time, negative_offsets) = {
	.summary = "a negative monotonic offset moves the namespace's clock back",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("kselftest:timens/timens.c", "man:time_namespaces(7)"),
};
