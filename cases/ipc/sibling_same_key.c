// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sibling_same_key: two sibling IPC namespaces, each unshared by one
 * of two children of the sandbox, each create a message queue, a shared
 * memory segment and a semaphore set under one and the same key with
 * IPC_EXCL.  The first fills them (a message, bytes, a semaphore value)
 * and waits; the second's IPC_EXCL creates succeed, it finds its objects
 * empty, fills them with its own data and exits; the first then finds its
 * own data unchanged.  Control: without CLONE_NEWIPC the children's
 * unshare() creates nothing (both are in the disposable outer IPC
 * namespace): the second create fails EEXIST, the second child opens the
 * first one's objects, reads their data and overwrites it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

/* No attachment: shmat() gave (void *)-1, or NULL where we did not call it. */
static bool shm_failed(const void *p)
{
	return !p || (intptr_t)p == -1;
}

#define SIB_KINDS 3

/* What one sibling saw of its three objects (msg, shm, sem). */
struct sib_view {
	int create_err[SIB_KINDS]; /* IPC_EXCL create: 0 or errno */
	long msgs;		   /* messages queued */
	char bytes[16];		   /* start of the segment */
	int semval;		   /* semaphore 0 */
	int err;		   /* errno of a failed step */
	const char *step;	   /* that step */
};

struct sib_shared {
	key_t key;
	struct sib_view a_first, a_last, b;
};

struct sib_msg {
	long mtype;
	char text[16];
};

static const enum nsc_sysv_kind sib_kinds[SIB_KINDS] = { NSC_SYSV_MSG, NSC_SYSV_SHM, NSC_SYSV_SEM };

static int sib_fail(struct sib_view *v, const char *step)
{
	v->err = errno ? errno : EIO;
	v->step = step;
	return -1;
}

/* Read the three objects into @v (ids in @id). */
static int sib_read(const int *id, struct sib_view *v)
{
	struct msqid_ds ds;
	void *p;

	if (msgctl(id[0], IPC_STAT, &ds) < 0)
		return sib_fail(v, "msgctl(IPC_STAT)");
	v->msgs = (long)ds.msg_qnum;
	p = shmat(id[1], NULL, SHM_RDONLY);
	if (shm_failed(p))
		return sib_fail(v, "shmat");
	memcpy(v->bytes, p, sizeof(v->bytes) - 1);
	shmdt(p);
	v->semval = semctl(id[2], 0, GETVAL);
	if (v->semval < 0)
		return sib_fail(v, "semctl(GETVAL)");
	return 0;
}

/* Fill the three objects with @tag's data. */
static int sib_fill(const int *id, const char *tag, int semval, struct sib_view *v)
{
	struct sib_msg m = { .mtype = 1 };
	void *p;

	snprintf(m.text, sizeof(m.text), "%s", tag);
	if (msgsnd(id[0], &m, sizeof(m.text), IPC_NOWAIT) < 0)
		return sib_fail(v, "msgsnd");
	p = shmat(id[1], NULL, 0);
	if (shm_failed(p))
		return sib_fail(v, "shmat");
	snprintf(p, 16, "%s", tag);
	shmdt(p);
	if (semctl(id[2], 0, SETVAL, semval) < 0)
		return sib_fail(v, "semctl(SETVAL)");
	return 0;
}

/* A sibling's own IPC namespace and its three objects under @key. */
static int sib_open(struct nsc_ctx *ctx, key_t key, int *id, struct sib_view *v)
{
	int ret = nsc_unshare(ctx, CLONE_NEWIPC);

	if (ret < 0) {
		errno = -ret;
		return sib_fail(v, "unshare(CLONE_NEWIPC)");
	}
	for (int k = 0; k < SIB_KINDS; k++) {
		id[k] = nsc_sysv_create(sib_kinds[k], key, NULL);
		v->create_err[k] = id[k] < 0 ? -id[k] : 0;
		if (id[k] == -EEXIST) /* shared namespace: take the other's */
			id[k] = nsc_sysv_lookup(sib_kinds[k], key, NULL);
		if (id[k] < 0) {
			errno = -id[k];
			return sib_fail(v, "create or look up by key");
		}
	}
	return 0;
}

static void sib_first(struct nsc_ctx *ctx, int ready, int gate)
{
	struct sib_shared *sh = nsc_shared_as(ctx, struct sib_shared);
	int id[SIB_KINDS] = { -1, -1, -1 };
	char b = 1;

	if (sib_open(ctx, sh->key, id, &sh->a_first) == 0 &&
	    sib_fill(id, "nsc-first", 7, &sh->a_first) == 0)
		sib_read(id, &sh->a_first);
	if (write(ready, &b, 1) != 1 || read(gate, &b, 1) != 1)
		_exit(0);
	sib_read(id, &sh->a_last);
	_exit(0);
}

static void sib_second(struct nsc_ctx *ctx)
{
	struct sib_shared *sh = nsc_shared_as(ctx, struct sib_shared);
	int id[SIB_KINDS] = { -1, -1, -1 };

	if (sib_open(ctx, sh->key, id, &sh->b) == 0 && sib_read(id, &sh->b) == 0)
		sib_fill(id, "nsc-second", 9, &sh->b);
	_exit(0);
}

static void sib_errors(struct nsc_ctx *ctx, const struct sib_view *v, const char *who)
{
	if (v->step)
		nsc_error(ctx, v->err, "%s sibling: %s", who, v->step);
}

static void child(struct nsc_ctx *ctx)
{
	struct sib_shared *sh = nsc_shared_as(ctx, struct sib_shared);
	int ready[2], gate[2], status;
	pid_t a, b;
	char c = 1;

	sh->key = nsc_sysv_key();
	NSC_SAFE(ctx, pipe2(ready, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(gate, O_CLOEXEC));
	a = NSC_SAFE(ctx, nsc_fork());
	if (a == 0) {
		close(ready[0]);
		close(gate[1]);
		sib_first(ctx, ready[1], gate[0]);
	}
	close(ready[1]);
	close(gate[0]);
	if (read(ready[0], &c, 1) != 1) {
		NSC_SAFE(ctx, waitpid(a, &status, 0));
		sib_errors(ctx, &sh->a_first, "first");
		nsc_error(ctx, EPIPE, "first sibling died");
	}
	sib_errors(ctx, &sh->a_first, "first");
	b = NSC_SAFE(ctx, nsc_fork());
	if (b == 0)
		sib_second(ctx);
	NSC_SAFE(ctx, waitpid(b, &status, 0));
	NSC_SAFE(ctx, write(gate[1], &c, 1));
	NSC_SAFE(ctx, waitpid(a, &status, 0));
	sib_errors(ctx, &sh->b, "second");
	sib_errors(ctx, &sh->a_last, "first");

	for (int k = 0; k < SIB_KINDS; k++)
		NSC_EXPECT_EQ(ctx, sh->a_first.create_err[k], 0, "first sibling creates sysv %s",
			      nsc_sysv_name(sib_kinds[k]));
	for (int k = 0; k < SIB_KINDS; k++)
		NSC_ISOLATED_EQ(ctx, sh->b.create_err[k], 0,
				"second sibling's IPC_EXCL create of sysv %s under the first one's key (errno)",
				nsc_sysv_name(sib_kinds[k]));
	NSC_ISOLATED_EQ(ctx, sh->b.msgs, 0, "messages the second sibling finds in its new queue");
	NSC_ISOLATED_STREQ(ctx, sh->b.bytes, "", "bytes the second sibling finds in its new segment");
	NSC_ISOLATED_EQ(ctx, sh->b.semval, 0, "value the second sibling finds in its new semaphore");
	NSC_ISOLATED_EQ(ctx, sh->a_last.msgs, 1, "messages in the first sibling's queue at the end");
	NSC_ISOLATED_STREQ(ctx, sh->a_last.bytes, "nsc-first",
			   "bytes in the first sibling's segment at the end");
	NSC_ISOLATED_EQ(ctx, sh->a_last.semval, 7,
			"value of the first sibling's semaphore at the end");
}

NSC_CASE(ipc, sibling_same_key) = {
	.summary = "two sibling IPC namespaces each own SysV objects under the same key",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.child = child,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("ltp:shm_comm", "ltp:msg_comm", "ltp:sem_comm",
			       "ltp:shmem_2nstest_none", "ltp:shmem_2nstest_clone",
			       "ltp:shmem_2nstest_unshare", "ltp:semtest_2ns_none",
			       "ltp:semtest_2ns_clone", "ltp:semtest_2ns_unshare",
			       "man:ipc_namespaces(7)"),
};
