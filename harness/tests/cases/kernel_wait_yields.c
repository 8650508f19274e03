// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.kernel_wait_yields (test-only): a case process inside
 * nsc_kernel_wait_begin/end leaves its -j slot.  Its verify waits (at
 * most 5 s) for the timeline file NSC_TEST_TIMELINE to hold a line of
 * another case (test.timeline_a, run in the same -j 1 run after it):
 * that case can only have run if this one gave its slot away.  Kept,
 * the slot would block test.timeline_a until the 5 s ran out: FAIL.
 * harness/tests/integration/parallel_bound.sh runs it.  Without
 * NSC_TEST_TIMELINE it SKIPs.
 */
#include <poll.h>
#include <sys/stat.h>

#include "timeline_case.h"

static void kw_verify(struct nsc_ctx *ctx)
{
	const char *f = getenv("NSC_TEST_TIMELINE");
	long long deadline = tl_now_ns() + 5000000000LL;
	struct stat st = { 0 };

	if (!f || !*f)
		nsc_skip(ctx, 0, "harness/tests/integration/parallel_bound.sh sets it",
			 "test-only: runs only with NSC_TEST_TIMELINE=FILE");
	nsc_kernel_wait_begin(ctx);
	while (tl_now_ns() < deadline && (stat(f, &st) < 0 || st.st_size == 0))
		poll(NULL, 0, 10);
	nsc_kernel_wait_end(ctx);
	NSC_EXPECT(ctx, st.st_size > 0,
		   "another case ran at -j 1 while this one waited in nsc_kernel_wait_begin()");
}

NSC_CASE(test, kernel_wait_yields) = {
	.summary = "test-only: a kernel wait leaves the -j slot to the next case",
	.no_control = "test-only scheduling",
	.kernel_wait = "test-only: another case's run, at most 5 s",
	.hidden = true,
	.verify = kw_verify,
};
