// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.nesting_limit: PID namespaces nest at most 32 levels below the
 * initial one (MAX_PID_NS_LEVEL): the sandbox nests one level after
 * another (unshare + fork, each first child going on) until
 * unshare(CLONE_NEWPID) fails, which must be with ENOSPC, in the
 * namespace of level 32.  The level of nscheck's own namespace is known
 * when /proc belongs to the initial PID namespace (its PID 1 has the
 * initial namespace's fixed inode, PROC_PID_INIT_INO): NSpid then has one
 * entry per level, and the failing level must be exactly 32; otherwise
 * (nscheck in a container) at most 32.  No control: a limit, not an
 * isolation; a missing namespace cannot make it fail.
 */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define NSC_PID_MAX_LEVEL 32
#define NSC_PROC_PID_INIT_INO 0xEFFFFFFCLL

struct nest_shared {
	int case_level; /* level of the case process's namespace, -1 unknown */
	int depth;	/* namespaces the sandbox's chain created below itself */
	int err;	/* errno of the unshare that failed */
};

/* NSpid entries of /proc/self/status, or -errno. */
static int nspid_levels(void)
{
	char line[1024];
	int n = -ENOENT;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *p = line + 6, *end;

		if (strncmp(line, "NSpid:", 6))
			continue;
		for (n = 0;; p = end, n++) {
			strtol(p, &end, 10);
			if (end == p)
				break;
		}
		break;
	}
	fclose(f);
	return n;
}

static int setup(struct nsc_ctx *ctx)
{
	struct nest_shared *sh = nsc_shared_as(ctx, struct nest_shared);
	long long init = nsc_ns_ino(1, CLONE_NEWPID, NULL);
	int n = nspid_levels();

	sh->case_level = init == NSC_PROC_PID_INIT_INO && n > 0 ? n - 1 : -1;
	return 0;
}

/*
 * The chain shares the sandbox's memory (CLONE_VM | CLONE_VFORK, each
 * level on a stack of its own): 33 processes without 33 copies of the
 * address space to make and tear down (25 ms with fork, 4 ms so).  Each
 * level blocks in clone() until the level below it exited.
 */
#define NEST_STACK (32 * 1024)

struct nest_level {
	struct nsc_ctx *ctx;
	char *stacks;
	int depth;
};

static int dive(void *arg);

/* The first process of a new PID namespace below the caller, or -errno. */
static int nest_once(struct nest_level *l)
{
	struct nest_shared *sh = nsc_shared_as(l->ctx, struct nest_shared);
	char *top = l->stacks + (size_t)(l->depth + 1) * NEST_STACK;
	int status, ret = nsc_unshare(l->ctx, CLONE_NEWPID);
	pid_t pid;

	if (ret < 0) {
		sh->depth = l->depth;
		sh->err = -ret;
		return 0;
	}
	pid = clone(dive, top, CLONE_VM | CLONE_VFORK | SIGCHLD,
		    &(struct nest_level){ l->ctx, l->stacks, l->depth + 1 });
	if (pid < 0) {
		sh->depth = l->depth;
		sh->err = errno;
		return 1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* One level of the chain: the first process of the depth-th namespace below the sandbox. */
/* NOLINTNEXTLINE(misc-no-recursion): one call per level, at most 33 */
static int dive(void *arg)
{
	return nest_once(arg);
}

static void child(struct nsc_ctx *ctx)
{
	struct nest_shared *sh = nsc_shared_as(ctx, struct nest_shared);
	int status, level;
	char *stacks;
	pid_t pid;

	sh->err = 0;
	/* The first level here: a host that refuses it SKIPs, named. */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	stacks = mmap(NULL, (NSC_PID_MAX_LEVEL + 2) * NEST_STACK, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stacks == MAP_FAILED)
		nsc_error(ctx, errno, "mmap the chain's stacks");
	pid = clone(dive, stacks + NEST_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD,
		    &(struct nest_level){ ctx, stacks, 1 });
	NSC_SAFE(ctx, pid);
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	munmap(stacks, (NSC_PID_MAX_LEVEL + 2) * NEST_STACK);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		nsc_error(ctx, sh->err ? sh->err : ECHILD,
			  "the chain of nested namespaces broke at depth %d", sh->depth);
	NSC_EXPECT_EQ(ctx, sh->err, ENOSPC, "errno of unshare(CLONE_NEWPID) beyond the limit");
	/* The sandbox is one level below the case process; its chain sh->depth more. */
	if (sh->case_level < 0) {
		NSC_EXPECT(ctx, sh->depth + 1 <= NSC_PID_MAX_LEVEL,
			   "%d nested PID namespaces below nscheck's own, more than %d",
			   sh->depth + 1, NSC_PID_MAX_LEVEL);
		return;
	}
	level = sh->case_level + 1 + sh->depth;
	/* ENOSPC earlier: the user namespace's count limit, not the level limit. */
	if (level < NSC_PID_MAX_LEVEL && sh->err == ENOSPC)
		nsc_skip(ctx, ENOSPC, "raise the user namespace limit of PID namespaces",
			 "ENOSPC at PID namespace level %d: the limit on the number of PID namespaces came first",
			 level);
	NSC_EXPECT_EQ(ctx, level, NSC_PID_MAX_LEVEL, "deepest PID namespace level reached");
}

NSC_CASE(pid, nesting_limit) = {
	.summary = "PID namespaces nest at most 32 levels deep (ENOSPC beyond)",
	.clone_flags = CLONE_NEWPID,
	.no_control = "a limit, not an isolation: a missing namespace cannot make it fail",
	.setup = setup,
	.child = child,
	.min_kernel = "3.7",
	.anchors = NSC_ANCHORS("ltp:pidns32", "man:pid_namespaces(7)", "man:clone(2)"),
};
