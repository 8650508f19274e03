// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.nested_levels: a PID namespace created inside the sandbox's PID
 * namespace nests: its first process is PID 1 and its NSpid line (read
 * through the outer /proc) has two more levels than the case process's,
 * with the middle level equal to the PID fork() returned in the sandbox.
 * Control: without CLONE_NEWPID nothing nests and NSpid has as many
 * levels as the case process's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "status.h"

#define NSC_NSPID_MAX 34 /* MAX_PID_NS_LEVEL + 2 */

struct nested_shared {
	int outer_levels; /* NSpid entries of the case process */
	int levels;	  /* NSpid entries of the grandchild */
	long nspid[NSC_NSPID_MAX];
	pid_t self; /* getpid() in the grandchild */
};

static int setup(struct nsc_ctx *ctx)
{
	struct nested_shared *sh = nsc_shared_as(ctx, struct nested_shared);
	long v[NSC_NSPID_MAX];

	sh->outer_levels = NSC_SAFE(ctx, nsc_pid_status_line(0, "NSpid:", v, NSC_NSPID_MAX));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct nested_shared *sh = nsc_shared_as(ctx, struct nested_shared);
	int status;
	pid_t pid;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->self = getpid();
		sh->levels = nsc_pid_status_line(0, "NSpid:", sh->nspid, NSC_NSPID_MAX);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (sh->levels < 0)
		nsc_error(ctx, -sh->levels, "read NSpid in the nested namespace");
	NSC_ISOLATED_EQ(ctx, sh->levels, sh->outer_levels + 2,
			"NSpid levels of a process two PID namespaces down");
	NSC_ISOLATED_EQ(ctx, sh->self, 1, "getpid() of the nested namespace's first process");
	if (sh->levels < 2)
		return; /* too few levels: FAILed above, no entries to compare */
	NSC_EXPECT_EQ(ctx, sh->nspid[sh->levels - 1], 1, "NSpid innermost entry");
	NSC_EXPECT_EQ(ctx, sh->nspid[sh->levels - 2], pid,
		      "NSpid middle entry equals what fork() returned in the sandbox");
}

NSC_CASE(pid, nested_levels) = {
	.summary = "a PID namespace inside a PID namespace adds a level to NSpid",
	.clone_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns05", "man:pid_namespaces(7)"),
};
