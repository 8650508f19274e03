// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.target_vanish (hidden, test-only target case): waits up to 10 s
 * for the target to exit (the integration test starts a short sleep as
 * the target), then goes on like any target case: the harness must
 * report ERROR naming the target that vanished, never PASS or FAIL.
 */
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

static int setup(struct nsc_ctx *ctx)
{
	int fd = (int)syscall(SYS_pidfd_open, nsc_target_pid(ctx), 0);
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (fd >= 0) {
		poll(&p, 1, 10000);
		close(fd);
	}
	nsc_target_ns_private(ctx, CLONE_NEWUTS, "UTS namespace is the host's");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	NSC_EXPECT(ctx, false, "the probe must not run after its target vanished");
}

NSC_CASE(test, target_vanish) = {
	.summary = "test-only: a target that exits during the run is ERROR naming it",
	.target_flags = CLONE_NEWUTS,
	.hidden = true,
	.no_control = "test-only case",
	.setup = setup,
	.child = child,
};
