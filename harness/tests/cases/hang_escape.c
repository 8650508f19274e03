// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.hang_escape (test-only): like test.hang_setsid but without a PID
 * namespace, so nothing dies with an init: the setsid()-ed sandbox and
 * its setsid()-ed grandchild (which has no PDEATHSIG) escape the process
 * group kill and must be found as orphans by the runner (a child
 * subreaper) and killed.  Named "nsc-hang-test" for pgrep.
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
		if (fork() == 0)
			sleep_forever(); /* a great-grandchild too */
		sleep_forever();
	}
	sleep_forever();
}

NSC_CASE(test, hang_escape) = {
	.summary = "test-only: setsid()-ed sandbox and grandchildren without a PID namespace",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "test-only hang",
	.hidden = true,
	.child = child,
};
