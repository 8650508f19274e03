// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.caps_dropped_on_exec_nonroot: the first process of a user
 * namespace has every capability there whatever its uid, but keeps none
 * across execve() when that uid is not 0 in the namespace.  The sandbox's
 * maps are "1000 <outer> 1" (.manual_idmap): it is uid 1000 inside, with
 * a full CapEff.  A helper forked there asks to be traced
 * (PTRACE_TRACEME) and executes the nscheck binary (/proc/self/exe, so no
 * other program is needed); the kernel stops it with SIGTRAP once the new
 * credentials are committed, before a single instruction of the new image
 * runs.  The sandbox reads the stopped helper's CapEff and CapPrm, then
 * kills it: both are 0.  Control: without CLONE_NEWUSER the helper is
 * real root (uid 0), which keeps its capabilities across execve().
 * Where ptrace(2) is refused (a seccomp filter, Yama level 3) it SKIPs.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "user.h"

#define MAPPED_ID 1000

struct exec_shared {
	int err; /* helper: -errno of PTRACE_TRACEME or execve */
	uint64_t eff_before;
};

static void helper(struct exec_shared *sh)
{
	char *const argv[] = { "nscheck", "--version", NULL };
	char *const envp[] = { NULL };

	if (nsc_user_status_hex(0, "CapEff", &sh->eff_before) < 0)
		sh->eff_before = 0;
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
		sh->err = -errno;
		_exit(1);
	}
	execve("/proc/self/exe", argv, envp);
	sh->err = -errno;
	_exit(1);
}

static void child(struct nsc_ctx *ctx)
{
	struct exec_shared *sh = nsc_shared_as(ctx, struct exec_shared);
	uint64_t eff = ~0ULL, prm = ~0ULL, bnd = 0;
	int status;
	pid_t pid;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	NSC_SAFE(ctx, nsc_user_status_hex(0, "CapBnd", &bnd));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0)
		helper(sh);
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (!WIFSTOPPED(status)) {
		if (sh->err == -EPERM || sh->err == -ENOSYS)
			nsc_skip(ctx, -sh->err,
				 "allow ptrace(2) (seccomp profile, kernel.yama.ptrace_scope < 3)",
				 "PTRACE_TRACEME is refused here: the exec'd image cannot be stopped to be read");
		nsc_error(ctx, sh->err < 0 ? -sh->err : 0,
			  "the exec helper did not stop (status %#x)", status);
	}
	NSC_SAFE(ctx, nsc_user_status_hex(pid, "CapEff", &eff));
	NSC_SAFE(ctx, nsc_user_status_hex(pid, "CapPrm", &prm));
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	NSC_EXPECT(ctx, sh->eff_before == bnd,
		   "CapEff before execve is %#" PRIx64 ", want the bounding set %#" PRIx64,
		   sh->eff_before, bnd);
	NSC_ISOLATED_EQ(ctx, eff, 0, "CapEff after execve() as uid %u in the namespace", getuid());
	NSC_EXPECT_EQ(ctx, prm, 0, "CapPrm after execve() as a non-root uid");
}

static void parent(struct nsc_ctx *ctx)
{
	nsc_user_map_sandbox(ctx, MAPPED_ID);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, caps_dropped_on_exec_nonroot) = {
	.summary = "a non-root uid in a user namespace keeps no capability across execve",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:userns06", "man:capabilities(7)", "man:user_namespaces(7)"),
};
