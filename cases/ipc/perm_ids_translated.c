// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.perm_ids_translated: the ids in a SysV object's ipc_perm (uid, gid,
 * cuid, cgid) are shown through the reader's user namespace.  The sandbox
 * is a new user namespace that maps its uid and gid 1000 to the case
 * process's ids and shares the case process's (disposable) IPC namespace.
 * A queue the case process made reads as owned by 1000 inside; a queue
 * the sandbox made reads as owned by 1000 inside and by the case
 * process's ids outside.  Control: without CLONE_NEWUSER there is no map
 * and both sides read the same ids.
 */
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

#include "nscheck.h"

#define PI_ID 1000 /* inside id mapped to the case process's uid and gid */

struct pi_shared {
	key_t outer_key, inner_key;
};

static int setup(struct nsc_ctx *ctx)
{
	struct pi_shared *sh = nsc_shared_as(ctx, struct pi_shared);

	sh->outer_key = nsc_sysv_key();
	sh->inner_key = nsc_sysv_key();
	NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_MSG, sh->outer_key, nsc_errbuf(ctx)));
	return 0;
}

static void stat_key(struct nsc_ctx *ctx, key_t key, struct msqid_ds *ds)
{
	int id = NSC_TRY(ctx, nsc_sysv_lookup(NSC_SYSV_MSG, key, nsc_errbuf(ctx)));

	NSC_SAFE(ctx, msgctl(id, IPC_STAT, ds));
}

static void child(struct nsc_ctx *ctx)
{
	struct pi_shared *sh = nsc_shared_as(ctx, struct pi_shared);
	struct msqid_ds ds;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	stat_key(ctx, sh->outer_key, &ds);
	NSC_ISOLATED_EQ(ctx, ds.msg_perm.uid, PI_ID, "uid of the outer queue read inside");
	NSC_ISOLATED_EQ(ctx, ds.msg_perm.cgid, PI_ID, "cgid of the outer queue read inside");
	NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_MSG, sh->inner_key, nsc_errbuf(ctx)));
	stat_key(ctx, sh->inner_key, &ds);
	NSC_ISOLATED_EQ(ctx, ds.msg_perm.cuid, PI_ID, "cuid of the sandbox's queue read inside");
	NSC_ISOLATED_EQ(ctx, ds.msg_perm.gid, PI_ID, "gid of the sandbox's queue read inside");
}

static void parent(struct nsc_ctx *ctx)
{
	pid_t pid = nsc_child_pid(ctx);
	char um[64], gm[64];

	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER) {
		snprintf(um, sizeof(um), "%d %u 1", PI_ID, (unsigned int)nsc_outer_uid(ctx));
		snprintf(gm, sizeof(gm), "%d %u 1", PI_ID, (unsigned int)nsc_outer_gid(ctx));
		NSC_TRY(ctx, nsc_idmap_write(pid, um, gm, true, nsc_errbuf(ctx)));
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void verify(struct nsc_ctx *ctx)
{
	struct pi_shared *sh = nsc_shared_as(ctx, struct pi_shared);
	struct msqid_ds ds;

	stat_key(ctx, sh->inner_key, &ds);
	NSC_EXPECT_EQ(ctx, ds.msg_perm.uid, nsc_outer_uid(ctx), "uid of the sandbox's queue outside");
	NSC_EXPECT_EQ(ctx, ds.msg_perm.cuid, nsc_outer_uid(ctx),
		      "cuid of the sandbox's queue outside");
	NSC_EXPECT_EQ(ctx, ds.msg_perm.gid, nsc_outer_gid(ctx), "gid of the sandbox's queue outside");
	NSC_EXPECT_EQ(ctx, ds.msg_perm.cgid, nsc_outer_gid(ctx),
		      "cgid of the sandbox's queue outside");
}

NSC_CASE(ipc, perm_ids_translated) = {
	.summary = "ids in a SysV object's ipc_perm read through the reader's user namespace",
	.clone_flags = CLONE_NEWUSER,
	.outer_flags = CLONE_NEWIPC,
	.manual_idmap = true,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.verify = verify,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "man:msgctl(2)"),
};
