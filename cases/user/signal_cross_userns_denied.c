// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.signal_cross_userns_denied: capabilities in a child user namespace
 * give no power over processes outside it.  The sandbox's maps are
 * "0 <X> 1" with X a spare unprivileged host uid (gid: the case
 * process's own); after setresuid(0)
 * inside, the sandbox is host uid X with every capability in its own
 * namespace (CAP_KILL included).  kill(case process, 0) then fails EPERM:
 * the case process (another host uid, in the parent namespace) is out of
 * reach.  Signal 0 only checks permission, so nothing is delivered
 * whatever the verdict.  Control: without CLONE_NEWUSER the sandbox is
 * real root and the same kill() succeeds.  Needs root: rootless, the
 * case's user namespace maps one id, so the sandbox could only be the
 * case process's own uid, which may signal it anyway.
 */
#include <stdio.h>
#include <signal.h>

#include "user.h"

#define SPARE_ID 4000001u /* an id no process of the host needs */

static int setup(struct nsc_ctx *ctx)
{
	nsc_user_need_uids(ctx, SPARE_ID, 1);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	pid_t target = getppid();
	int ret;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER) {
		NSC_SAFE(ctx, setresgid(0, 0, 0));
		NSC_SAFE(ctx, setresuid(0, 0, 0));
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* parent checked our host uid */
	ret = kill(target, 0) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, ret, -EPERM,
			"kill(0) of the case process from root of a child user namespace");
	ret = kill(getpid(), 0) < 0 ? -errno : 0;
	NSC_EXPECT_EQ(ctx, ret, 0, "kill(0) of itself");
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);
	char m[32], g[32];

	snprintf(m, sizeof(m), "0 %u 1", SPARE_ID);
	snprintf(g, sizeof(g), "0 %u 1", (unsigned int)nsc_outer_gid(ctx));
	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER)
		NSC_TRY(ctx, nsc_idmap_write(pid, m, g, true, nsc_errbuf(ctx)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER)
		NSC_ASSERT_EQ(ctx, nsc_user_status_uid(pid), SPARE_ID,
			      "host uid of the sandbox after setresuid(0)");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, signal_cross_userns_denied) = {
	.summary = "root of a child user namespace cannot signal another uid outside it",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.needs_root = true,
	.caps = NSC_CAP(CAP_SETUID), /* a map of an id other than its own */
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:kill(2)", "man:user_namespaces(7)"),
};
