// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.semundo_applied_on_unshare: unshare(CLONE_NEWIPC) implies
 * CLONE_SYSVSEM, so the caller's SEM_UNDO adjustments are applied at the
 * unshare, not when it exits.  In the sandbox (its new IPC namespace) a
 * forked holder raises a semaphore by 1 with SEM_UNDO, then unshares a
 * further IPC namespace and stays alive; the sandbox reads the value back
 * at 0 while the holder still lives.  Control: without CLONE_NEWIPC the
 * holder's unshare() creates nothing and undoes nothing: the value stays
 * 1 until the holder exits.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct su_shared {
	int err;
	const char *step;
};

/* The holder: +1 with SEM_UNDO, (gate) unshare, (gate) exit. */
static void holder(struct nsc_ctx *ctx, int id, int ready, int gate)
{
	struct su_shared *sh = nsc_shared_as(ctx, struct su_shared);
	struct sembuf up = { .sem_num = 0, .sem_op = 1, .sem_flg = SEM_UNDO | IPC_NOWAIT };
	char b = 1;
	int ret;

	if (semop(id, &up, 1) < 0) {
		sh->err = errno;
		sh->step = "semop(+1, SEM_UNDO)";
		_exit(0);
	}
	if (write(ready, &b, 1) != 1 || read(gate, &b, 1) != 1)
		_exit(0);
	ret = nsc_unshare(ctx, CLONE_NEWIPC);
	if (ret < 0) {
		sh->err = -ret;
		sh->step = "unshare(CLONE_NEWIPC)";
		_exit(0);
	}
	if (write(ready, &b, 1) != 1 || read(gate, &b, 1) != 1)
		_exit(0);
	_exit(0);
}

static void step(struct nsc_ctx *ctx, int ready, pid_t pid)
{
	struct su_shared *sh = nsc_shared_as(ctx, struct su_shared);
	int status;
	char b;

	if (read(ready, &b, 1) == 1)
		return;
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	nsc_error(ctx, sh->err, "holder: %s", sh->step ? sh->step : "died");
}

static void child(struct nsc_ctx *ctx)
{
	int id = NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_SEM, IPC_PRIVATE, nsc_errbuf(ctx)));
	int ready[2], gate[2], status;
	pid_t pid;
	char b = 1;

	NSC_SAFE(ctx, pipe2(ready, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(gate, O_CLOEXEC));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		close(ready[0]);
		close(gate[1]);
		holder(ctx, id, ready[1], gate[0]);
	}
	close(ready[1]);
	close(gate[0]);
	step(ctx, ready[0], pid); /* raised */
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, semctl(id, 0, GETVAL)), 1,
		      "semaphore after the holder's semop(+1, SEM_UNDO)");
	NSC_SAFE(ctx, write(gate[1], &b, 1));
	step(ctx, ready[0], pid); /* unshared, still alive */
	NSC_ISOLATED_EQ(ctx, NSC_SAFE(ctx, semctl(id, 0, GETVAL)), 0,
			"semaphore after its SEM_UNDO holder unshared its IPC namespace (holder alive)");
	NSC_SAFE(ctx, write(gate[1], &b, 1));
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, semctl(id, 0, GETVAL)), 0,
		      "semaphore after its SEM_UNDO holder exited");
}

NSC_CASE(ipc, semundo_applied_on_unshare) = {
	.summary = "unshare(CLONE_NEWIPC) applies the caller's SEM_UNDO adjustments at once",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.child = child,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:unshare(2)", "man:semop(2)", "man:ipc_namespaces(7)"),
};
