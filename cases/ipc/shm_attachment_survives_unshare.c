// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.shm_attachment_survives_unshare: a shared memory segment attached
 * before unshare(CLONE_NEWIPC) stays mapped and shared afterwards, while
 * the new namespace no longer knows it by key or by id.  The sandbox (in
 * its new IPC namespace) creates and attaches a segment, a forked helper
 * attaches it by key too, then the sandbox unshares a further IPC
 * namespace: its mapping still holds the old bytes, shmget() of the key
 * fails ENOENT and shmctl(IPC_STAT) of the id EINVAL, and bytes written
 * through the mapping reach the helper and back.  Control: without
 * CLONE_NEWIPC the unshare() creates nothing and key and id still work.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

/* No attachment: shmat() gave (void *)-1, or NULL where we did not call it. */
static bool shm_failed(const void *p)
{
	return !p || (intptr_t)p == -1;
}

struct sa_shared {
	char helper_saw[32]; /* what the helper read through its own attachment */
	int helper_err;
	const char *helper_step;
};

static void helper(struct nsc_ctx *ctx, key_t key, int ready, int gate)
{
	struct sa_shared *sh = nsc_shared_as(ctx, struct sa_shared);
	int id = shmget(key, 0, 0);
	char *p = id < 0 ? NULL : shmat(id, NULL, 0), b = 1;

	if (shm_failed(p)) {
		sh->helper_err = errno;
		sh->helper_step = "attach the segment by key";
	}
	if (write(ready, &b, 1) != 1 || read(gate, &b, 1) != 1 || shm_failed(p))
		_exit(0);
	snprintf(sh->helper_saw, sizeof(sh->helper_saw), "%s", p);
	snprintf(p, 32, "from-helper");
	_exit(0);
}

static void child(struct nsc_ctx *ctx)
{
	struct sa_shared *sh = nsc_shared_as(ctx, struct sa_shared);
	key_t key = nsc_sysv_key();
	int id = NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_SHM, key, nsc_errbuf(ctx)));
	int ready[2], gate[2], status, ret;
	struct shmid_ds ds;
	char *p, b = 1;
	pid_t pid;

	p = shmat(id, NULL, 0);
	if (shm_failed(p))
		nsc_error(ctx, errno, "shmat");
	snprintf(p, 32, "before-unshare");
	NSC_SAFE(ctx, pipe2(ready, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(gate, O_CLOEXEC));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		close(ready[0]);
		close(gate[1]);
		shmdt(p); /* the helper's attachment is its own */
		helper(ctx, key, ready[1], gate[0]);
	}
	close(ready[1]);
	close(gate[0]);
	if (read(ready[0], &b, 1) != 1 || sh->helper_step) {
		NSC_SAFE(ctx, waitpid(pid, &status, 0));
		nsc_error(ctx, sh->helper_err, "helper: %s",
			  sh->helper_step ? sh->helper_step : "died");
	}

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWIPC));
	NSC_EXPECT_STREQ(ctx, p, "before-unshare", "bytes in the attachment after unshare");
	ret = shmget(key, 0, 0) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, ret, -ENOENT, "shmget() of the attached segment's key after unshare");
	ret = shmctl(id, IPC_STAT, &ds) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, ret, -EINVAL,
			"shmctl(IPC_STAT) of the attached segment's id after unshare");
	snprintf(p, 32, "after-unshare");
	NSC_SAFE(ctx, write(gate[1], &b, 1));
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_STREQ(ctx, sh->helper_saw, "after-unshare",
			 "bytes written after unshare, read by a process of the old namespace");
	NSC_EXPECT_STREQ(ctx, p, "from-helper",
			 "bytes written by a process of the old namespace, read after unshare");
	NSC_EXPECT_EQ(ctx, shmdt(p) < 0 ? -errno : 0, 0, "shmdt() after unshare");
}

NSC_CASE(ipc, shm_attachment_survives_unshare) = {
	.summary = "a shm segment attached before unshare(CLONE_NEWIPC) stays mapped, its key gone",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.child = child,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:unshare(2)", "man:ipc_namespaces(7)", "man:shmop(2)"),
};
