// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.mqueue_mount_bound_to_ns: an mqueue filesystem shows the queues of
 * the IPC namespace of the process that mounted it, for as long as the
 * mount lives.  The sandbox mounts mqueue on a directory (in the case
 * process's disposable mount namespace, on a staging tmpfs), creates a
 * queue with mq_open() and exits; the mount still lists that queue.  The
 * case process then creates a queue of its own (in its disposable outer
 * IPC namespace) and mounts a second mqueue instance: neither mount lists
 * the other namespace's queue.  Control: without CLONE_NEWIPC both mounts
 * show one namespace and list both queues.  Rootless the mounts need
 * Linux 3.9 or later (mqueue mountable in a user namespace).
 */
#include <dirent.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"
#include "../mnt/mnt.h"

struct mqm_shared {
	char in[128], out[128]; /* mount points: the sandbox's, the case process's */
	char qin[64], qout[64]; /* queue names ("/name") */
};

/* Does directory @dir list @name ("/name")?  1, 0 or -errno. */
static int mqm_lists(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d)))
		if (!strcmp(e->d_name, name + 1))
			found = 1;
	closedir(d);
	return found;
}

static void mqm_create(struct nsc_ctx *ctx, const char *name)
{
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 16 };
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attr);

	if (q == (mqd_t)-1)
		nsc_error(ctx, errno, "mq_open(%s, O_CREAT|O_EXCL)", name);
	mq_close(q);
}

static int setup(struct nsc_ctx *ctx)
{
	struct mqm_shared *sh = nsc_shared_as(ctx, struct mqm_shared);
	char dir[96];

	nsc_mnt_make_target(ctx, dir, sizeof(dir));
	snprintf(sh->in, sizeof(sh->in), "%s/in", dir);
	snprintf(sh->out, sizeof(sh->out), "%s/out", dir);
	NSC_SAFE(ctx, mkdir(sh->in, 0700));
	NSC_SAFE(ctx, mkdir(sh->out, 0700));
	snprintf(sh->qin, sizeof(sh->qin), "/nsc-%d-mqm-in", (int)getpid());
	snprintf(sh->qout, sizeof(sh->qout), "/nsc-%d-mqm-out", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct mqm_shared *sh = nsc_shared_as(ctx, struct mqm_shared);

	NSC_SAFE(ctx, mount("mqueue", sh->in, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
	mqm_create(ctx, sh->qin);
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, mqm_lists(sh->in, sh->qin)), 1,
		      "the sandbox's mqueue mount lists its queue");
}

static void verify(struct nsc_ctx *ctx)
{
	struct mqm_shared *sh = nsc_shared_as(ctx, struct mqm_shared);

	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, mqm_lists(sh->in, sh->qin)), 1,
		      "the sandbox's mqueue mount lists its queue after the sandbox exited");
	mqm_create(ctx, sh->qout);
	NSC_SAFE(ctx, mount("mqueue", sh->out, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
	NSC_EXPECT_EQ(ctx, NSC_SAFE(ctx, mqm_lists(sh->out, sh->qout)), 1,
		      "an mqueue mount made outside lists the outer queue");
	NSC_ISOLATED_EQ(ctx, NSC_SAFE(ctx, mqm_lists(sh->out, sh->qin)), 0,
			"an mqueue mount made outside lists the sandbox's queue");
	NSC_ISOLATED_EQ(ctx, NSC_SAFE(ctx, mqm_lists(sh->in, sh->qout)), 0,
			"the sandbox's mqueue mount lists a queue made outside");
}

/* Tidy; queues and mounts die with the disposable namespaces anyway. */
static void cleanup(struct nsc_ctx *ctx)
{
	struct mqm_shared *sh = nsc_shared_as(ctx, struct mqm_shared);

	if (sh->qout[0])
		mq_unlink(sh->qout);
}

NSC_CASE(ipc, mqueue_mount_bound_to_ns) = {
	.summary = "an mqueue mount shows the IPC namespace that mounted it, also after it is left",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC | CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_POSIX_MQUEUE", "CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "2.6.30",
	.anchors = NSC_ANCHORS("ltp:mqns_03_unshare", "ltp:mqns_03_clone", "ltp:mqns_04_unshare",
			       "ltp:mqns_04_clone", "man:mq_overview(7)"),
};
