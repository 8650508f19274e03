// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.ns_last_pid_private: kernel.ns_last_pid is the last PID allocated
 * in the writer's own PID namespace.  In a containing namespace K
 * (contain.h) a nested namespace is made whose init T writes N to
 * /proc/sys/kernel/ns_last_pid; its next child gets N + 1.  K's counter
 * is untouched: the next process forked in K gets a small PID, below N.
 * Control: without CLONE_NEWPID T is a process of K, its write moves K's
 * counter and K's next PID is N + 2.  K is the case's own, so that even
 * the control never moves the counter of nscheck's namespace.
 */
#include <stdio.h>

#include "contain.h"

#define NSC_LAST_PID 1000
#define NSC_NS_LAST_PID "/proc/sys/kernel/ns_last_pid"

struct nlp_shared {
	int write_err; /* errno of T's write, 0 when it worked */
	pid_t t_child; /* getpid() of T's child after the write */
	pid_t k_child; /* getpid() of the process forked in K afterwards */
	int status;    /* T's wait status */
	int err;       /* errno of a failed fork or unshare below */
};

/* Fork a child that records its getpid() in *@where; wait for it. */
static int fork_record(pid_t *where)
{
	int status;
	pid_t pid = nsc_fork();

	if (pid == 0) {
		*where = getpid();
		_exit(0);
	}
	if (pid < 0)
		return pid;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

static void scenario(struct nsc_ctx *ctx)
{
	struct nlp_shared *sh = nsc_shared_as(ctx, struct nlp_shared);
	int kfd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	pid_t t;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	t = NSC_SAFE(ctx, nsc_fork());
	if (t == 0) {
		sh->write_err = -nsc_sysctl_put_long(NSC_NS_LAST_PID, NSC_LAST_PID, NULL);
		if (!sh->write_err)
			sh->err = -fork_record(&sh->t_child);
		_exit(sh->write_err || sh->err);
	}
	while (waitpid(t, &sh->status, 0) < 0)
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(nested init)");
	/* Children of ours in K again (our own namespace: always allowed). */
	NSC_SAFE(ctx, setns(kfd, CLONE_NEWPID));
	close(kfd);
	NSC_SAFE(ctx, fork_record(&sh->k_child));
}

static void child(struct nsc_ctx *ctx)
{
	struct nlp_shared *sh = nsc_shared_as(ctx, struct nlp_shared);
	int status = nsc_pid_contain(ctx, scenario);

	NSC_ASSERT(ctx, WIFEXITED(status), "containing init ended with status 0x%x", status);
	if (sh->write_err) {
		/* ENOENT: hidden (proc subset=pid), as a read would find it. */
		nsc_skip_if_restricted(ctx, sh->write_err == ENOENT ? NSC_OP_READ : NSC_OP_WRITE,
				       sh->write_err, NSC_NS_LAST_PID);
		nsc_error(ctx, sh->write_err, "write %s in a new PID namespace", NSC_NS_LAST_PID);
	}
	nsc_pid_status_ok(ctx, sh->status, sh->err, "the nested namespace's init");
	NSC_EXPECT_EQ(ctx, sh->t_child, NSC_LAST_PID + 1,
		      "PID of the next child after ns_last_pid=1000");
	NSC_ISOLATED(ctx, sh->k_child < NSC_LAST_PID,
		     "the next PID in the parent namespace is %d after a child wrote ns_last_pid=%d",
		     (int)sh->k_child, NSC_LAST_PID);
}

NSC_CASE(pid, ns_last_pid_private) = {
	.summary = "kernel.ns_last_pid written inside a PID namespace moves only that namespace's PIDs",
	.clone_flags = CLONE_NEWPID,
	.kconfigs = NSC_KCONFIGS("CONFIG_CHECKPOINT_RESTORE"),
	.child = child,
	.min_kernel = "3.3",
	.anchors = NSC_ANCHORS("man:proc(5)", "other:no anchor tests it"),
};
