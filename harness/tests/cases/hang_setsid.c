// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.hang_setsid (test-only): the sandbox init (PID namespace) calls
 * setsid(), forks a grandchild that setsid()s too, and both sleep
 * forever.  The runner must kill it all at the timeout (killing a PID
 * namespace's init kills the namespace) and report ERROR "timeout".
 * The sleepers are named "nsc-hang-test" for pgrep.
 */
#include <sys/prctl.h>
#include <unistd.h>

#include "nscheck.h"

static void __attribute__((noreturn)) sleep_forever(void)
{
	prctl(PR_SET_NAME, "nsc-hang-test");
	for (;;)
		pause();
}

static void child(struct nsc_ctx *ctx)
{
	NSC_SAFE(ctx, setsid());
	if (NSC_SAFE(ctx, fork()) == 0) {
		setsid();
		sleep_forever();
	}
	sleep_forever();
}

NSC_CASE(test, hang_setsid) = {
	.summary = "test-only: a setsid()-ed sandbox init and grandchild that never end",
	.clone_flags = CLONE_NEWPID | CLONE_NEWUTS,
	.no_control = "test-only hang",
	.hidden = true,
	.child = child,
};
