// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.posix_mqueue_private: a POSIX message queue created in the case
 * process's (disposable) IPC namespace is not found by mq_open(O_RDONLY)
 * inside a new IPC namespace (ENOENT), and one created inside is gone
 * outside.  Control: without CLONE_NEWIPC the sandbox opens the outer
 * queue.  No mqueue mount is needed: mq_open uses the IPC namespace's
 * internal mount.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

struct mq_shared {
	char outer[64];
	char inner[64];
};

static int mq_probe(const char *name)
{
	mqd_t q = mq_open(name, O_RDONLY | O_CLOEXEC);

	if (q == (mqd_t)-1)
		return -errno;
	mq_close(q);
	return 0;
}

static void mq_create(struct nsc_ctx *ctx, const char *name)
{
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 16 };
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attr);

	if (q == (mqd_t)-1) {
		if (errno == ENOSYS)
			nsc_skip(ctx, ENOSYS, "build the kernel with CONFIG_POSIX_MQUEUE=y",
				 "POSIX message queues are not supported (CONFIG_POSIX_MQUEUE)");
		nsc_error(ctx, errno, "mq_open(%s, O_CREAT|O_EXCL)", name);
	}
	mq_close(q);
}

static int setup(struct nsc_ctx *ctx)
{
	struct mq_shared *sh = nsc_shared_as(ctx, struct mq_shared);

	snprintf(sh->outer, sizeof(sh->outer), "/nsc-%d-outer", (int)getpid());
	snprintf(sh->inner, sizeof(sh->inner), "/nsc-%d-inner", (int)getpid());
	mq_create(ctx, sh->outer);
	NSC_EXPECT_EQ(ctx, mq_probe(sh->outer), 0, "the queue opens where it was created");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct mq_shared *sh = nsc_shared_as(ctx, struct mq_shared);
	int ret = mq_probe(sh->outer);

	NSC_ISOLATED(ctx, ret == -ENOENT, "outer POSIX queue %s opens inside (mq_open gave %d)",
		     sh->outer, ret);
	mq_create(ctx, sh->inner);
}

static void verify(struct nsc_ctx *ctx)
{
	struct mq_shared *sh = nsc_shared_as(ctx, struct mq_shared);
	int ret = mq_probe(sh->inner);

	NSC_ISOLATED(ctx, ret == -ENOENT,
		     "POSIX queue %s created inside opens outside (mq_open gave %d)", sh->inner, ret);
}

/* Tidy; the queues die with their disposable IPC namespaces anyway. */
static void cleanup(struct nsc_ctx *ctx)
{
	struct mq_shared *sh = nsc_shared_as(ctx, struct mq_shared);

	if (sh->outer[0])
		mq_unlink(sh->outer);
	if (sh->inner[0])
		mq_unlink(sh->inner);
}

NSC_CASE(ipc, posix_mqueue_private) = {
	.summary = "POSIX message queues are private to their IPC namespace",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_POSIX_MQUEUE"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "2.6.30",
	.anchors = NSC_ANCHORS("ltp:mqns_01", "ltp:mqns_01_clone", "ltp:mqns_01_unshare",
			       "ltp:mqns_02", "ltp:mqns_02_clone", "ltp:mqns_02_unshare",
			       "man:mq_overview(7)"),
};
