// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.listmount_foreign_ns: listmount(2) with a mount namespace id (Linux
 * 6.11) lists another namespace's mounts to a caller privileged over its
 * owner: from the case process, listmount(LSMT_ROOT, the sandbox's id)
 * returns mounts (at most as many as the sandbox's own mountinfo), and
 * statmount of each with that id reports it.  The sandbox (new user and
 * mount namespaces) is not privileged over the case process's namespace:
 * its listmount of that id fails (EPERM; ENOENT on 6.18, measured: the
 * namespace is not even admitted to exist).  Control: without the new
 * namespaces the sandbox holds the case process's privilege and lists
 * its mounts.  Older kernels SKIP naming the release.
 */
#include "statmount.h"

#define LM_MAX 512

struct lm_shared {
	uint64_t outer_ns;
	int inner_count; /* mounts in the sandbox's mountinfo */
	int foreign_errno;
};

static int setup(struct nsc_ctx *ctx)
{
	struct lm_shared *sh = nsc_shared_as(ctx, struct lm_shared);
	struct nsc_statmount sm;
	uint64_t ids[1], root = 0;

	nsc_statmount_skip(ctx, nsc_mnt_unique_id("/", &root), "statx");
	nsc_statmount_skip(ctx, nsc_statmount(root, 0, NSC_STATMOUNT_MNT_NS_ID, &sm), "statmount");
	nsc_statmount_skip(ctx, nsc_mnt_ns_id(0, &sh->outer_ns), "NS_GET_MNTNS_ID");
	nsc_statmount_skip(ctx, nsc_listmount(sh->outer_ns, ids, 1), "listmount");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct lm_shared *sh = nsc_shared_as(ctx, struct lm_shared);
	static uint64_t ids[LM_MAX];
	int n = nsc_listmount(sh->outer_ns, ids, LM_MAX);

	sh->foreign_errno = n < 0 ? -n : 0;
	NSC_ISOLATED(ctx, sh->foreign_errno == EPERM || sh->foreign_errno == ENOENT,
		     "listmount of the case process's namespace from a user namespace below it: %s",
		     n < 0 ? strerror(-n) : "listed");
	sh->inner_count = NSC_SAFE(ctx, nsc_mnt_count());
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process listed our mounts */
}

static void parent(struct nsc_ctx *ctx)
{
	struct lm_shared *sh = nsc_shared_as(ctx, struct lm_shared);
	static uint64_t ids[LM_MAX];
	struct nsc_statmount sm;
	uint64_t inner = 0;
	int n, bad = 0;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox counted its mounts */
	NSC_SAFE(ctx, nsc_mnt_ns_id(nsc_child_pid(ctx), &inner) < 0 ? -1 : 0);
	n = nsc_listmount(inner, ids, LM_MAX);
	/*
	 * As many as its mountinfo on 6.18 and 7.2; in 6.12's initramfs
	 * guest listmount(LSMT_ROOT) gave 1 of 7 (measured): at least one,
	 * never more.
	 */
	NSC_EXPECT(ctx, n >= 1 && n <= sh->inner_count,
		   "listmount of the sandbox's namespace: %d mounts, its mountinfo %d", n,
		   sh->inner_count);
	for (int i = 0; i < n; i++)
		if (nsc_statmount(ids[i], inner, NSC_STATMOUNT_MNT_NS_ID, &sm) < 0 ||
		    sm.mnt_ns_id != inner)
			bad++;
	NSC_EXPECT_EQ(ctx, bad, 0, "mounts listed whose statmount does not report the sandbox's id");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(mnt, listmount_foreign_ns) = {
	.summary = "listmount() of another mount namespace needs privilege over its owner",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER,
	.outer_flags = CLONE_NEWNS,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "6.11",
	.anchors = NSC_ANCHORS("ltp:listmount04",
			       "kselftest:filesystems/statmount/statmount_test_ns.c",
			       "man:listmount(2)"),
};
