// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.proc_only_ns_pids: proc mounted inside a new mount+PID namespace
 * lists exactly the namespace's processes (init and its two children),
 * and the mount does not appear in the outside mount table.  Control:
 * without the namespaces the same mount lists every process of the host
 * PID namespace and shows up outside (in a disposable mount namespace).
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnt.h"

#define NSC_PROC_MAX 65536

struct mnt_shared {
	int mounts_before;
};

static int setup(struct nsc_ctx *ctx)
{
	struct mnt_shared *sh = nsc_shared_as(ctx, struct mnt_shared);

	sh->mounts_before = NSC_SAFE(ctx, nsc_mnt_count());
	return 0;
}

static pid_t spawn_sleeper(struct nsc_ctx *ctx)
{
	/* Not fork(): a sleeper must not outlive a killed runner. */
	pid_t pid = NSC_SAFE(ctx, nsc_fork());

	if (pid == 0)
		nsc_park();
	return pid;
}

static void child(struct nsc_ctx *ctx)
{
	static pid_t pids[NSC_PROC_MAX];
	pid_t a = spawn_sleeper(ctx), b = spawn_sleeper(ctx);
	int n, ret;

	ret = nsc_proc_mount("/proc", nsc_errbuf(ctx));
	/* Rootless, proc of a PID namespace we do not own cannot be mounted. */
	if (ret == -EPERM && !(nsc_sandbox_flags(ctx) & CLONE_NEWPID))
		nsc_skip(ctx, EPERM, "run nscheck as root",
			 "mounting proc of a PID namespace nscheck does not own needs root");
	if (ret < 0)
		nsc_skip_if_restricted(ctx, NSC_OP_MOUNT_PROC, -ret, "/proc");
	NSC_TRY(ctx, ret);
	n = NSC_TRY(ctx, nsc_proc_pids("/proc", pids, NSC_PROC_MAX, nsc_errbuf(ctx)));
	NSC_ISOLATED(ctx, n == 3 && pids[0] == 1 && pids[1] == a && pids[2] == b,
		     "/proc inside lists %d PIDs (first %d), want exactly 1, %d, %d", n,
		     n ? (int)pids[0] : 0, (int)a, (int)b);
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
}

static void verify(struct nsc_ctx *ctx)
{
	struct mnt_shared *sh = nsc_shared_as(ctx, struct mnt_shared);
	char self[64];

	NSC_ISOLATED_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_count()), sh->mounts_before,
			"mounts outside after the sandbox mounted proc");
	snprintf(self, sizeof(self), "/proc/%d", (int)getpid());
	NSC_EXPECT(ctx, access(self, F_OK) == 0, "the outside /proc still lists the case process");
}

NSC_CASE(mnt, proc_only_ns_pids) = {
	.summary = "proc mounted in a new mount+PID namespace lists only its PIDs",
	.clone_flags = CLONE_NEWNS | CLONE_NEWPID,
	.kconfigs = NSC_KCONFIGS("CONFIG_PROC_FS"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns03", "man:pid_namespaces(7)", "man:proc(5)"),
};
