// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.cap_ipc_owner_scoped: CAP_IPC_OWNER (access despite the mode) and
 * CAP_SYS_ADMIN (IPC_RMID/IPC_SET of another's object) count only in the
 * user namespace that owns the IPC namespace.  The sandbox is uid 0 with
 * every capability in a new user namespace mapped to two spare host ids
 * (it setresuid()s to 0 there: until then it keeps its creator's ids, which
 * that map leaves out, and reads as the overflow uid) and shares the case process's (disposable) IPC namespace, owned by the
 * initial user namespace.  A 0600 queue of the case process (real root):
 * msgsnd() fails EACCES and IPC_RMID EPERM.  In an IPC namespace the
 * sandbox's user namespace owns, a 0600 queue made by its uid 1 takes the
 * sandbox's message and its IPC_RMID.  Control: without CLONE_NEWUSER the
 * sandbox is real root, whose capabilities reach the queue.
 *
 * Needs root of the initial user namespace: in any other (nscheck's own
 * when rootless, or a container's) there are no spare ids to map, so no
 * object of another owner can exist there; the case SKIPs.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define CO_SPARE 1912340000U /* host ids the sandbox's 0 and 1 map to: no one's */

struct co_shared {
	int outer_id;
	int helper_id; /* queue made by uid 1 in the owned IPC namespace, or -errno */
};

struct co_msg {
	long mtype;
	char text[8];
};

static int setup(struct nsc_ctx *ctx)
{
	struct co_shared *sh = nsc_shared_as(ctx, struct co_shared);

	if (!nsc_userns_is_initial())
		nsc_skip(ctx, EPERM, "run nscheck as root of the initial user namespace",
			 "needs root of the initial user namespace: nscheck runs in a user namespace that maps no spare ids for the sandbox");
	sh->outer_id = NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_MSG, IPC_PRIVATE, nsc_errbuf(ctx)));
	return 0;
}

static int co_send(int id)
{
	struct co_msg m = { .mtype = 1, .text = "nsc" };

	return msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT) < 0 ? -errno : 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct co_shared *sh = nsc_shared_as(ctx, struct co_shared);
	int ret, status;
	pid_t pid;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	/* Become the mapped root: until then the credentials are the creator's. */
	NSC_SAFE(ctx, setgroups(0, NULL));
	NSC_SAFE(ctx, setresgid(0, 0, 0));
	NSC_SAFE(ctx, setresuid(0, 0, 0));
	NSC_EXPECT_EQ(ctx, getuid(), 0, "uid of the sandbox");
	ret = co_send(sh->outer_id);
	NSC_ISOLATED_EQ(ctx, ret, -EACCES,
			"msgsnd() to another owner's 0600 queue of an IPC namespace the initial user namespace owns");
	ret = msgctl(sh->outer_id, IPC_RMID, NULL) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, ret, -EPERM,
			"IPC_RMID of another owner's queue of an IPC namespace the initial user namespace owns");

	/* The same capabilities in an IPC namespace this user namespace owns. */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWIPC));
	sh->helper_id = -ESRCH; /* until the helper says otherwise */
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		if (setresuid(1, 1, 1) < 0)
			sh->helper_id = -errno;
		else
			sh->helper_id = nsc_sysv_create(NSC_SYSV_MSG, IPC_PRIVATE, NULL);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (!WIFEXITED(status) || WEXITSTATUS(status) || sh->helper_id == -ESRCH)
		nsc_error(ctx, 0, "uid 1's helper ended (status 0x%x) without making its queue",
			  status);
	if (sh->helper_id < 0)
		nsc_error(ctx, -sh->helper_id, "uid 1: make a 0600 queue in the owned IPC namespace");
	NSC_EXPECT_EQ(ctx, co_send(sh->helper_id), 0,
		      "msgsnd() to uid 1's 0600 queue of an IPC namespace the sandbox's user namespace owns");
	NSC_EXPECT_EQ(ctx, msgctl(sh->helper_id, IPC_RMID, NULL) < 0 ? -errno : 0, 0,
		      "IPC_RMID of uid 1's queue of an IPC namespace the sandbox's user namespace owns");
}

static void parent(struct nsc_ctx *ctx)
{
	char map[64];

	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER) {
		snprintf(map, sizeof(map), "0 %u 2", CO_SPARE);
		NSC_TRY(ctx, nsc_idmap_write(nsc_child_pid(ctx), map, map, false, nsc_errbuf(ctx)));
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(ipc, cap_ipc_owner_scoped) = {
	.summary = "CAP_IPC_OWNER and CAP_SYS_ADMIN act on IPC objects only where their user namespace owns the IPC namespace",
	.clone_flags = CLONE_NEWUSER,
	.outer_flags = CLONE_NEWIPC,
	.manual_idmap = true,
	.needs_root = true,
	.caps = NSC_CAP(CAP_SETUID) | NSC_CAP(CAP_SETGID), /* the map of two spare ids */
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "man:capabilities(7)", "man:msgop(2)"),
};
