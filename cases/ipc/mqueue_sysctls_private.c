// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.mqueue_sysctls_private: the POSIX message queue limits
 * fs.mqueue.queues_max, msg_max, msgsize_max, msg_default and
 * msgsize_default belong to the IPC namespace.  The sandbox writes a value
 * to each that differs from the outer one and reads it back, and a queue
 * it then creates without attributes gets its msg_default as mq_maxmsg;
 * the case process (in its disposable outer IPC namespace) still reads its
 * own values, and a queue it creates without attributes gets its own
 * msg_default.  (msg_default is the limit whose effect no capability
 * overrides: queues_max and msg_max yield to CAP_SYS_RESOURCE in the
 * initial user namespace, which nscheck holds as root.)  Control: without
 * CLONE_NEWIPC the writes land in the disposable outer namespace, and the
 * outer queue gets the sandbox's msg_default.
 */
#include <mqueue.h>
#include <stdlib.h>

#include "ipc_sysctl.h"

struct mq_sysctl {
	const char *name, *a, *b; /* the value written: a, or b if the outer one is a */
};

static const struct mq_sysctl mq_sysctls[] = {
	{ "fs/mqueue/queues_max", "100", "101" },	 { "fs/mqueue/msg_max", "9", "8" },
	{ "fs/mqueue/msgsize_max", "4096", "4097" },	 { "fs/mqueue/msg_default", "3", "4" },
	{ "fs/mqueue/msgsize_default", "1024", "1025" },
};

#define MQS_N (sizeof(mq_sysctls) / sizeof(mq_sysctls[0]))
#define MQS_DEFAULT 3 /* index of msg_default */

struct mqs_shared {
	char before[MQS_N][NSC_IPC_VAL];
	const char *set[MQS_N];
	char inner[64], outer[64]; /* queue names */
	long inner_maxmsg;	   /* mq_maxmsg of the queue made inside */
};

/* mq_maxmsg of a new queue @name made without attributes, or -errno. */
static long mqs_default_maxmsg(const char *name)
{
	struct mq_attr attr;
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, NULL);
	long ret;

	if (q == (mqd_t)-1)
		return -errno;
	ret = mq_getattr(q, &attr) < 0 ? -errno : attr.mq_maxmsg;
	mq_close(q);
	return ret;
}

static int setup(struct nsc_ctx *ctx)
{
	struct mqs_shared *sh = nsc_shared_as(ctx, struct mqs_shared);

	for (size_t i = 0; i < MQS_N; i++) {
		nsc_ipc_sysctl_read(ctx, mq_sysctls[i].name, sh->before[i], NSC_IPC_VAL);
		sh->set[i] = strcmp(sh->before[i], mq_sysctls[i].a) ? mq_sysctls[i].a :
								      mq_sysctls[i].b;
	}
	snprintf(sh->inner, sizeof(sh->inner), "/nsc-%d-mqs-in", (int)getpid());
	snprintf(sh->outer, sizeof(sh->outer), "/nsc-%d-mqs-out", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct mqs_shared *sh = nsc_shared_as(ctx, struct mqs_shared);
	char now[NSC_IPC_VAL];

	for (size_t i = 0; i < MQS_N; i++) {
		nsc_ipc_sysctl_write(ctx, mq_sysctls[i].name, sh->set[i]);
		nsc_ipc_sysctl_read(ctx, mq_sysctls[i].name, now, sizeof(now));
		NSC_EXPECT_STREQ(ctx, now, sh->set[i], "%s reads back inside", mq_sysctls[i].name);
	}
	sh->inner_maxmsg = mqs_default_maxmsg(sh->inner);
	if (sh->inner_maxmsg < 0)
		nsc_error(ctx, (int)-sh->inner_maxmsg, "mq_open(%s, O_CREAT) inside", sh->inner);
	NSC_EXPECT_EQ(ctx, sh->inner_maxmsg, strtol(sh->set[MQS_DEFAULT], NULL, 10),
		      "mq_maxmsg of a queue made inside without attributes");
}

static void verify(struct nsc_ctx *ctx)
{
	struct mqs_shared *sh = nsc_shared_as(ctx, struct mqs_shared);
	char now[NSC_IPC_VAL];
	long maxmsg;

	for (size_t i = 0; i < MQS_N; i++) {
		nsc_ipc_sysctl_read(ctx, mq_sysctls[i].name, now, sizeof(now));
		NSC_ISOLATED_STRNE(ctx, now, sh->set[i], "%s written inside shows outside",
				   mq_sysctls[i].name);
		NSC_EXPECT_STREQ(ctx, now, sh->before[i], "outer %s unchanged", mq_sysctls[i].name);
	}
	maxmsg = mqs_default_maxmsg(sh->outer);
	if (maxmsg < 0)
		nsc_error(ctx, (int)-maxmsg, "mq_open(%s, O_CREAT) outside", sh->outer);
	NSC_ISOLATED_NE(ctx, maxmsg, sh->inner_maxmsg,
			"mq_maxmsg of a queue made outside follows the msg_default set inside");
	NSC_EXPECT_EQ(ctx, maxmsg, strtol(sh->before[MQS_DEFAULT], NULL, 10),
		      "mq_maxmsg of a queue made outside: the outer msg_default");
}

/* Tidy; the queues die with their disposable IPC namespaces anyway. */
static void cleanup(struct nsc_ctx *ctx)
{
	struct mqs_shared *sh = nsc_shared_as(ctx, struct mqs_shared);

	if (sh->outer[0])
		mq_unlink(sh->outer);
	if (sh->inner[0])
		mq_unlink(sh->inner);
}

NSC_CASE(ipc, mqueue_sysctls_private) = {
	.summary = "POSIX mqueue sysctls written inside a new IPC namespace leave the outer ones",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_POSIX_MQUEUE", "CONFIG_SYSCTL"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "3.5",
	.anchors = NSC_ANCHORS("man:mq_overview(7)", "man:ipc_namespaces(7)"),
};
