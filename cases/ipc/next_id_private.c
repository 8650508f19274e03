// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.next_id_private: kernel.msg_next_id, shm_next_id and sem_next_id
 * (the checkpoint/restore knobs that choose the id of the next object)
 * belong to the IPC namespace.  The sandbox sets each to a distinct id;
 * the case process (in its disposable outer IPC namespace) then still
 * reads -1 and its new objects do not get those ids; the sandbox's next
 * objects do, and its *_next_id read -1 again afterwards.  Control:
 * without CLONE_NEWIPC the case process reads the ids the sandbox set
 * and its objects consume them.  The knobs came with Linux 3.8 (with
 * kselftest ipc/msgque.c); writing them needs CAP_SYS_ADMIN or
 * CAP_CHECKPOINT_RESTORE over the IPC namespace's user namespace since
 * 5.16 (5563cabdde7e; root before), so older kernels SKIP rootless.
 */
#include <stdlib.h>
#include <sys/ipc.h>

#include "ipc_sysctl.h"

struct nid_kind {
	enum nsc_sysv_kind kind;
	const char *sysctl, *id; /* the id the sandbox asks for */
};

static const struct nid_kind nid_kinds[] = {
	{ NSC_SYSV_MSG, "kernel/msg_next_id", "4242" },
	{ NSC_SYSV_SHM, "kernel/shm_next_id", "4243" },
	{ NSC_SYSV_SEM, "kernel/sem_next_id", "4244" },
};

#define NID_N (sizeof(nid_kinds) / sizeof(nid_kinds[0]))

static int setup(struct nsc_ctx *ctx)
{
	char now[NSC_IPC_VAL];

	for (size_t i = 0; i < NID_N; i++) {
		nsc_ipc_sysctl_read(ctx, nid_kinds[i].sysctl, now, sizeof(now));
		NSC_EXPECT_STREQ(ctx, now, "-1", "%s in a new IPC namespace", nid_kinds[i].sysctl);
	}
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	char now[NSC_IPC_VAL];
	int id;

	for (size_t i = 0; i < NID_N; i++)
		nsc_ipc_sysctl_write(ctx, nid_kinds[i].sysctl, nid_kinds[i].id);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the outside made its objects */
	for (size_t i = 0; i < NID_N; i++) {
		id = nsc_sysv_create(nid_kinds[i].kind, IPC_PRIVATE, nsc_errbuf(ctx));
		NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, id), strtol(nid_kinds[i].id, NULL, 10),
			      "id of the next sysv %s made inside after %s",
			      nsc_sysv_name(nid_kinds[i].kind), nid_kinds[i].sysctl);
		nsc_ipc_sysctl_read(ctx, nid_kinds[i].sysctl, now, sizeof(now));
		NSC_EXPECT_STREQ(ctx, now, "-1", "%s after it was used", nid_kinds[i].sysctl);
	}
}

static void parent(struct nsc_ctx *ctx)
{
	char now[NSC_IPC_VAL];
	int id;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox set its next ids */
	for (size_t i = 0; i < NID_N; i++) {
		nsc_ipc_sysctl_read(ctx, nid_kinds[i].sysctl, now, sizeof(now));
		NSC_ISOLATED_STRNE(ctx, now, nid_kinds[i].id,
				   "outer %s after the sandbox set its own", nid_kinds[i].sysctl);
		id = nsc_sysv_create(nid_kinds[i].kind, IPC_PRIVATE, nsc_errbuf(ctx));
		NSC_ISOLATED_NE(ctx, NSC_TRY(ctx, id), strtol(nid_kinds[i].id, NULL, 10),
				"id of a sysv %s made outside", nsc_sysv_name(nid_kinds[i].kind));
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(ipc, next_id_private) = {
	.summary = "kernel.{msg,shm,sem}_next_id set inside a new IPC namespace steer only its ids",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC", "CONFIG_SYSCTL", "CONFIG_CHECKPOINT_RESTORE"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:msgget04", "ltp:msgget05", "kselftest:ipc/msgque.c",
			       "man:proc(5)", "man:ipc_namespaces(7)"),
};
