// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.crash_segv (test-only): the sandbox child stores to page 0.  The
 * case must be ERROR naming SIGSEGV.  The default action is restored
 * first, with the raw system call: AddressSanitizer intercepts signal()
 * and sigaction() and keeps its own handler, which would turn the crash
 * into an exit status.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	/* All zero is SIG_DFL, no flags, empty mask in every layout. */
	unsigned long ksa[8] = { 0 };
	/* Not NULL: UBSan would stop a NULL store before it faults. */
	volatile int *volatile p = (volatile int *)16;

	NSC_SAFE(ctx, syscall(SYS_rt_sigaction, SIGSEGV, ksa, NULL, sizeof(unsigned long)));
	*p = 1;
	NSC_EXPECT(ctx, false, "survived a store to page 0");
}

NSC_CASE(test, crash_segv) = {
	.summary = "test-only: SIGSEGV in the sandbox",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "test-only crash",
	.hidden = true,
	.child = child,
};
