// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.pidfd_multi_atomic: setns(pidfd, several CLONE_NEW* flags) joins
 * all of them or none.  A helper whose active PID namespace is a sibling
 * of the sandbox's (it unshared one and forked) asks for the sandbox's
 * UTS, IPC, network and PID namespaces at once.  The kernel validates
 * them in the order user, mnt, uts, ipc, pid, cgroup, net, time
 * (kernel/nsproxy.c validate_nsset), so UTS and IPC pass before the PID
 * namespace, which is not a descendant of the helper's, refuses with
 * EINVAL: afterwards every one of the helper's namespaces is unchanged.
 * The same call without CLONE_NEWPID then joins all three, so the refused
 * call had joinable parts.
 * No control: atomicity is an API contract; withholding a namespace
 * cannot make it fail.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define MA_TYPES 3

static const uint64_t ma_flag[MA_TYPES] = { CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET };
static const char *const ma_name[MA_TYPES] = { "uts", "ipc", "net" };

struct ma_shared {
	int err;		    /* errno of a helper step that broke, or 0 */
	int refused, joined;	    /* the two setns() results */
	long long before[MA_TYPES]; /* the helper's namespaces at the start */
	long long after[MA_TYPES];  /* ... after the refused call */
	long long final[MA_TYPES];  /* ... after the accepted one */
};

static int ma_read(long long *ino)
{
	for (int i = 0; i < MA_TYPES; i++)
		if ((ino[i] = nsc_ns_ino(0, ma_flag[i], NULL)) < 0)
			return (int)-ino[i];
	return 0;
}

/* The grandchild: in a PID namespace that is the sandbox's sibling. */
static void ma_probe(struct ma_shared *sh, int pidfd)
{
	const int all = CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET;

	if ((sh->err = ma_read(sh->before)))
		return;
	sh->refused = setns(pidfd, all | CLONE_NEWPID) < 0 ? -errno : 0;
	if ((sh->err = ma_read(sh->after)))
		return;
	sh->joined = setns(pidfd, all) < 0 ? -errno : 0;
	sh->err = ma_read(sh->final);
}

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespaces alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct ma_shared *sh = nsc_shared_as(ctx, struct ma_shared);
	pid_t pid = nsc_child_pid(ctx), helper;
	int status;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	sh->err = -1;
	helper = NSC_SAFE(ctx, nsc_fork());
	if (helper == 0) {
		int r = nsc_unshare(ctx, CLONE_NEWPID);
		pid_t g;

		if (r < 0) {
			sh->err = -r;
			_exit(1);
		}
		g = nsc_fork();
		if (g == 0) {
			ma_probe(sh, nsc_child_pidfd(ctx));
			_exit(0);
		}
		if (g < 0 || waitpid(g, &status, 0) < 0)
			sh->err = g < 0 ? (int)-g : errno;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(helper, &status, 0));
	if (sh->err)
		nsc_error(ctx, sh->err < 0 ? 0 : sh->err, "helper in a sibling PID namespace");
	NSC_EXPECT_EQ(ctx, sh->refused, -EINVAL,
		      "setns(pidfd, UTS | IPC | NET | PID) from a sibling PID namespace");
	for (int i = 0; i < MA_TYPES; i++)
		NSC_EXPECT_EQ(ctx, sh->after[i], sh->before[i],
			      "ns/%s of the caller after a refused multi-flag setns()", ma_name[i]);
	NSC_EXPECT_EQ(ctx, sh->joined, 0, "setns(pidfd, UTS | IPC | NET) from the same helper");
	for (int i = 0; i < MA_TYPES; i++)
		NSC_EXPECT_EQ(ctx, sh->final[i],
			      NSC_TRY(ctx, nsc_ns_ino(pid, ma_flag[i], nsc_errbuf(ctx))),
			      "ns/%s of the caller after the accepted multi-flag setns()",
			      ma_name[i]);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, pidfd_multi_atomic) = {
	.summary = "setns(pidfd) with several flags joins all namespaces or none",
	.clone_flags = CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID,
	.no_control = "atomicity is an API contract: withholding a namespace cannot make it fail",
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "man:setns(2)"),
};
