// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.ucount_limits_private: the /proc/sys/user limits on namespace
 * counts are per user namespace.  Root of the sandbox's new user
 * namespace sets its max_uts_namespaces to 0: a UTS namespace can then
 * not be made there (ENOSPC), while the parent namespace still reads its
 * own value and its processes still make UTS namespaces.  The parent is
 * the case process's disposable user namespace (.outer_flags), never the
 * host's: even the control writes no host limit.  The unshare(2) calls
 * are raw: ENOSPC is the property, which nsc_unshare() would report as a
 * limit of the host; each runs in a forked helper.  The case process
 * first makes one UTS namespace through nsc_unshare() (its own, in its
 * disposable user namespace), so that a filter denying unshare() SKIPs.  Control: without
 * CLONE_NEWUSER the sandbox writes the case process's own limit: the case
 * process reads 0 and cannot make a UTS namespace.
 */
#include <sys/wait.h>

#include "user.h"

struct ucount_shared {
	long long outer; /* the case namespace's limit before the sandbox */
	int err;	 /* a helper's unshare() result */
};

/* unshare(CLONE_NEWUTS) in a forked helper: 0 or -errno. */
static int try_uts(struct nsc_ctx *ctx, struct ucount_shared *sh)
{
	int status;
	pid_t pid = NSC_SAFE(ctx, nsc_fork());

	if (pid == 0) {
		sh->err = unshare(CLONE_NEWUTS) < 0 ? -errno : 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	return sh->err;
}

static const char *max_path(struct nsc_ctx *ctx)
{
	static char path[64];

	NSC_TRY(ctx, nsc_ns_max_path(CLONE_NEWUTS, path, sizeof(path), nsc_errbuf(ctx)));
	return path;
}

static int setup(struct nsc_ctx *ctx)
{
	struct ucount_shared *sh = nsc_shared_as(ctx, struct ucount_shared);

	nsc_user_map_outer(ctx);
	/* One UTS namespace through the harness: a filter denying unshare() SKIPs. */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUTS));
	sh->outer = nsc_sysctl_long(ctx, max_path(ctx));
	if (sh->outer < 2)
		nsc_skip(ctx, ENOSPC, "raise the UTS namespace limit (sysctl)",
			 "%s is %lld: the parent could not make a UTS namespace either",
			 max_path(ctx), sh->outer);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ucount_shared *sh = nsc_shared_as(ctx, struct ucount_shared);
	const char *path = max_path(ctx);

	nsc_sysctl_set_long(ctx, path, 0);
	NSC_EXPECT_EQ(ctx, nsc_sysctl_long(ctx, path), 0, "%s read back inside", path);
	NSC_EXPECT_EQ(ctx, try_uts(ctx, sh), -ENOSPC, "a UTS namespace made where the limit is 0");
}

static void verify(struct nsc_ctx *ctx)
{
	struct ucount_shared *sh = nsc_shared_as(ctx, struct ucount_shared);
	const char *path = max_path(ctx);

	NSC_ISOLATED_EQ(ctx, nsc_sysctl_long(ctx, path), sh->outer,
			"%s of the parent namespace after the sandbox set its own to 0", path);
	NSC_ISOLATED_EQ(ctx, try_uts(ctx, sh), 0, "a UTS namespace made in the parent namespace");
}

NSC_CASE(user, ucount_limits_private) = {
	.summary = "a user namespace's limits on namespace counts bind only its own subtree",
	.clone_flags = CLONE_NEWUSER,
	.outer_flags = CLONE_NEWUSER,
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "4.9",
	.anchors = NSC_ANCHORS("man:namespaces(7)"),
};
