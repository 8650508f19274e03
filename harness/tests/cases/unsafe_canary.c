// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.unsafe_canary (test-only): an .unsafe case.  Without --unsafe it
 * must SKIP naming --unsafe; with it, it runs.  Its sandbox has a UTS
 * namespace of its own (isolation check, against the case process's).
 * The canary: wherever the UTS namespace is shared (the positive control
 * and --self-check, where a real unsafe case's dangerous operation would
 * reach the host), the sandbox must be outside the initial user namespace,
 * where the kernel refuses every operation on the host's clocks, reboot and
 * sysctls; else ERROR.  (The harness runs an unsafe case's control in a
 * user namespace of its own: harness/job.c.)
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nscheck.h"

struct canary_shared {
	pid_t case_pid;
};

static int setup(struct nsc_ctx *ctx)
{
	nsc_shared_as(ctx, struct canary_shared)->case_pid = getpid();
	return 0;
}

/* The initial user namespace maps every id to itself: "0 0 4294967295". */
static bool in_init_userns(struct nsc_ctx *ctx)
{
	unsigned long a = 1, b = 1, n = 0;
	FILE *f = fopen("/proc/self/uid_map", "re");

	if (!f)
		nsc_error(ctx, errno, "open /proc/self/uid_map");
	if (fscanf(f, "%lu %lu %lu", &a, &b, &n) != 3)
		nsc_error(ctx, 0, "/proc/self/uid_map: no map line");
	fclose(f);
	return a == 0 && b == 0 && n == 4294967295UL;
}

static void child(struct nsc_ctx *ctx)
{
	struct canary_shared *sh = nsc_shared_as(ctx, struct canary_shared);
	int same = NSC_TRY(ctx, nsc_ns_same(0, sh->case_pid, CLONE_NEWUTS, nsc_errbuf(ctx)));

	if (same && in_init_userns(ctx))
		nsc_error(ctx, 0,
			  "an unsafe case ran with a shared namespace in the initial user namespace");
	NSC_ISOLATED(ctx, !same, "the sandbox shares the case process's UTS namespace");
}

NSC_CASE(test, unsafe_canary) = {
	.summary = "test-only: an unsafe case whose control must not reach the host",
	.clone_flags = CLONE_NEWUTS,
	.unsafe = true,
	.hidden = true,
	.setup = setup,
	.child = child,
};
