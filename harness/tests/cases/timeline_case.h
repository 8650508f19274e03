/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the test-only cases test.timeline_a ... test.timeline_f: each
 * case process notes when it started (setup) and, after a sandbox that
 * sleeps 300 ms, appends "id start_ns end_ns" (CLOCK_MONOTONIC) to the
 * file named by NSC_TEST_TIMELINE, with one O_APPEND write.
 * harness/tests/integration/parallel_bound.sh reads the intervals and
 * checks that -j N runs at most, and really, N case processes at once.
 * Without NSC_TEST_TIMELINE they SKIP.
 */
#ifndef NSC_TEST_TIMELINE_CASE_H
#define NSC_TEST_TIMELINE_CASE_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "nscheck.h"

struct tl_shared {
	long long start_ns;
};

static inline long long tl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline int tl_setup(struct nsc_ctx *ctx)
{
	const char *f = getenv("NSC_TEST_TIMELINE");

	if (!f || !*f)
		nsc_skip(ctx, 0, "harness/tests/integration/parallel_bound.sh sets it",
			 "test-only: runs only with NSC_TEST_TIMELINE=FILE");
	nsc_shared_as(ctx, struct tl_shared)->start_ns = tl_now_ns();
	return 0;
}

static inline void tl_child(struct nsc_ctx *ctx)
{
	struct timespec nap = { 0, 300 * 1000 * 1000 };

	NSC_SAFE(ctx, nanosleep(&nap, NULL));
	NSC_EXPECT(ctx, true, "slept 300 ms");
}

static inline void tl_verify(struct nsc_ctx *ctx)
{
	const char *f = getenv("NSC_TEST_TIMELINE");
	char line[160];
	int fd, n;

	n = snprintf(line, sizeof(line), "%s %lld %lld\n", nsc_case_of(ctx)->id,
		     nsc_shared_as(ctx, struct tl_shared)->start_ns, tl_now_ns());
	fd = NSC_SAFE(ctx, open(f, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, write(fd, line, (size_t)n)), n, "timeline line written");
	close(fd);
}

/* clang-format off */
#define TL_CASE(name)                                          \
	NSC_CASE(test, name) = {                               \
		.summary = "test-only: sleeps 300 ms, notes when", \
		.clone_flags = CLONE_NEWUTS,                   \
		.no_control = "test-only timing",              \
		.hidden = true,                                \
		.setup = tl_setup,                             \
		.child = tl_child,                             \
		.verify = tl_verify,                           \
	}
/* clang-format on */

#endif
