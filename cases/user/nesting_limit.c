// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.nesting_limit: user namespaces nest to a fixed depth; one more
 * unshare(CLONE_NEWUSER) fails ENOSPC (EUSERS on 3.11-4.8).  The kernel
 * creates a namespace while its parent's level is at most 32
 * (kernel/user_namespace.c), so the deepest is level 33, the initial
 * namespace being level 0: "32 levels of nesting" below the first child,
 * as user_namespaces(7) counts (the catalogue's "32" needed that
 * precision; measured on 6.18: the sandbox at level 1, then 32 more).
 * The sandbox (one level below the case process) unshares a user
 * namespace, maps itself to 0 there (a process may create a namespace
 * only while its ids are mapped) and repeats until unshare() fails.  The
 * first level is made through nsc_unshare() (a filter denying unshare()
 * SKIPs there); the loop calls unshare(2) itself: ENOSPC is the property,
 * which nsc_unshare() would report as a limit of the host.  Where the case
 * process is in the initial user namespace (its inode is the fixed
 * PROC_USER_INIT_INO) the sandbox is level 1 and exactly 32 more levels
 * must succeed; elsewhere (rootless, a container with a user namespace)
 * the case process's own depth is unknown from inside, and the count is
 * checked as between 1 and 31.  A user.max_user_namespaces too small for
 * the chain would also give ENOSPC: below 64 the case SKIPs naming it.
 * No control: a limit of depth, which withholding the sandbox's user
 * namespace would only shift by one level.
 */
#include <stdio.h>

#include "user.h"

#define MAX_LEVEL 33		    /* the deepest level; the initial namespace is 0 */
#define INIT_USER_INO 0xEFFFFFFDULL /* PROC_USER_INIT_INO */

struct nest_shared {
	bool case_is_init;
};

static int setup(struct nsc_ctx *ctx)
{
	struct nest_shared *sh = nsc_shared_as(ctx, struct nest_shared);
	char path[64];
	long long max;

	NSC_TRY(ctx, nsc_ns_max_path(CLONE_NEWUSER, path, sizeof(path), nsc_errbuf(ctx)));
	max = nsc_sysctl_long(ctx, path);
	if (max < 64)
		nsc_skip(ctx, ENOSPC, "raise the user namespace limit to 64 or more (sysctl)",
			 "%s is %lld: the chain of %d levels could hit that limit first", path, max,
			 MAX_LEVEL);
	sh->case_is_init = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUSER, nsc_errbuf(ctx))) ==
			   (long long)INIT_USER_INO;
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct nest_shared *sh = nsc_shared_as(ctx, struct nest_shared);
	int made = 0, ret = 0;

	/* The first level through the harness: a filter denying unshare() SKIPs. */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUSER));
	made++;
	NSC_TRY(ctx, nsc_idmap_root(getpid(), 0, 0, nsc_errbuf(ctx)));
	for (;;) {
		if (unshare(CLONE_NEWUSER) < 0) {
			ret = -errno;
			break;
		}
		made++;
		NSC_TRY(ctx, nsc_idmap_root(getpid(), 0, 0, nsc_errbuf(ctx)));
		if (made >= MAX_LEVEL)
			break; /* no limit: FAILs below */
	}
	NSC_EXPECT(ctx, ret == -ENOSPC || ret == -EUSERS,
		   "unshare(CLONE_NEWUSER) after %d nested levels gave %d, want -ENOSPC", made, ret);
	if (sh->case_is_init)
		NSC_EXPECT_EQ(ctx, made, MAX_LEVEL - 1,
			      "user namespaces nested below the sandbox (level 1)");
	else
		NSC_EXPECT(ctx, made >= 1 && made <= MAX_LEVEL - 2,
			   "%d user namespaces nested below a sandbox at level 2 or deeper", made);
}

NSC_CASE(user, nesting_limit) = {
	.summary = "user namespaces nest at most 32 levels deep, then ENOSPC",
	.clone_flags = CLONE_NEWUSER,
	.no_control = "a depth limit: withholding the sandbox's user namespace only shifts the count",
	.setup = setup,
	.child = child,
	.min_kernel = "4.9",
	.anchors = NSC_ANCHORS("ltp:userns07", "man:user_namespaces(7)"),
};
