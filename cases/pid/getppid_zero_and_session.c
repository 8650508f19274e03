// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.getppid_zero_and_session: the init of a new PID namespace starts
 * in a session and process group whose leaders are outside, so
 * getsid(0) and getpgrp() read 0 there (like getppid()); after setsid()
 * it leads both, and reads sid = pgid = 1.  Outside, /proc/PID/status
 * shows NSsid and NSpgid with the outer number first and 1 innermost.
 * Control: without CLONE_NEWPID the inherited session and group are the
 * case process's (non-zero) and after setsid() both equal the sandbox's
 * own outer PID.
 */
#include <stdio.h>
#include <unistd.h>

#include "status.h"

static void child(struct nsc_ctx *ctx)
{
	NSC_ISOLATED_EQ(ctx, getppid(), 0, "getppid() of the namespace's init");
	NSC_ISOLATED_COND(ctx,
			  "nscheck's own session leader may be outside its PID namespace (nscheck as PID 1)",
			  getsid(0) == 0,
			  "getsid(0) before setsid() reads %d, want 0 (leader outside)",
			  (int)getsid(0));
	NSC_ISOLATED_EQ(ctx, getpgrp(), 0, "getpgrp() before setsid() (group leader outside)");
	NSC_SAFE(ctx, setsid());
	NSC_ISOLATED_EQ(ctx, getsid(0), 1, "getsid(0) of the namespace's init after setsid()");
	NSC_ISOLATED_EQ(ctx, getpgrp(), 1, "getpgrp() of the namespace's init after setsid()");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the outside has read our status */
}

static void parent(struct nsc_ctx *ctx)
{
	static const char *const keys[] = { "NSsid:", "NSpgid:" };
	pid_t pid = nsc_child_pid(ctx);

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		long v[2] = { 0, 0 };
		int n = nsc_pid_status_line(pid, keys[i], v, 2);

		if (n == -ENOENT || n == -EACCES) /* /proc of another PID namespace */
			break;
		NSC_EXPECT(ctx, n >= 1 && v[0] == pid,
			   "%s of the sandbox outside: %d field(s), first %ld, want %d", keys[i], n,
			   v[0], (int)pid);
		if (nsc_sandbox_flags(ctx) & CLONE_NEWPID)
			NSC_EXPECT(ctx, n == 2 && v[1] == 1,
				   "%s of the sandbox: innermost %ld, want 1", keys[i],
				   n == 2 ? v[1] : -1L);
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(pid, getppid_zero_and_session) = {
	.summary = "a PID namespace's init sees parent, session and group 0, then sid = pgid = 1 after setsid()",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.min_kernel = "4.1",
	.anchors = NSC_ANCHORS("ltp:pidns02", "man:pid_namespaces(7)", "man:proc(5)"),
};
