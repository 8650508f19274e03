// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.clone_flag_conflicts: clone(2) and clone3(2) refuse, with EINVAL
 * and before creating anything, the namespace flags that contradict a
 * sharing flag (kernel/fork.c copy_process, kernel/nsproxy.c
 * copy_namespaces): CLONE_NEWNS or CLONE_NEWUSER with CLONE_FS, CLONE_NEWPID
 * or CLONE_NEWUSER with CLONE_THREAD, CLONE_NEWIPC with CLONE_SYSVSEM; and
 * clone3 refuses an unknown flag bit.  (The catalogue also lists
 * CLONE_PARENT with CLONE_NEWUSER/CLONE_NEWPID: the kernel has no such
 * rule, CLONE_PARENT is refused only to an init, so it is not asserted.)
 * The probes run in a helper process forked in a sandbox, so that a kernel that wrongly
 * accepted one (a thread on a stack with no frames crashes) harms only
 * the helper; a plain clone3(CLONE_NEWUSER) from the same helper must
 * work, so the refusals are the conflicts and not a refused clone.
 * No control: argument rules, which no withheld namespace can break.
 */
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define CF_STACK 65536

struct cf_probe {
	const char *what;
	uint64_t flags;
	bool legacy; /* clone(2) too (no CLONE_VM in the flags) */
};

static const struct cf_probe cf_probes[] = {
	{ "CLONE_NEWNS | CLONE_FS", CLONE_NEWNS | CLONE_FS, true },
	{ "CLONE_NEWUSER | CLONE_FS", CLONE_NEWUSER | CLONE_FS, true },
	{ "CLONE_NEWIPC | CLONE_SYSVSEM", CLONE_NEWIPC | CLONE_SYSVSEM, true },
	{ "CLONE_NEWPID | CLONE_THREAD", CLONE_NEWPID | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM,
	  false },
	{ "CLONE_NEWUSER | CLONE_THREAD", CLONE_NEWUSER | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM,
	  false },
	{ "an unknown flag bit (1 << 63)", 1ULL << 63, false },
};
#define CF_N (sizeof(cf_probes) / sizeof(cf_probes[0]))

struct cf_shared {
	int done;	  /* probes the helper finished */
	int clone3[CF_N]; /* 0 or -errno */
	int clone[CF_N];
	int plain; /* clone3(CLONE_NEWUSER): 0 or -errno */
};

/* clone3 with @flags; a child that should not exist leaves at once. */
static int cf_clone3(uint64_t flags, void *stack)
{
	struct clone_args args = { .flags = flags, .exit_signal = SIGCHLD };
	long pid;
	int status;

	if (flags & CLONE_VM) {
		args.exit_signal = 0;
		args.stack = (uint64_t)(uintptr_t)stack;
		args.stack_size = CF_STACK;
	}
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -errno;
	if (!(flags & CLONE_THREAD))
		waitpid((pid_t)pid, &status, 0);
	return 0;
}

static int cf_clone(uint64_t flags)
{
	long pid = syscall(SYS_clone, (unsigned long)flags | SIGCHLD, 0UL, NULL, NULL, 0UL);
	int status;

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -errno;
	waitpid((pid_t)pid, &status, 0);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct cf_shared *sh = nsc_shared_as(ctx, struct cf_shared);
	void *stack;
	pid_t pid;
	int status;

	stack = mmap(NULL, CF_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stack == MAP_FAILED)
		nsc_error(ctx, errno, "mmap a stack");
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->plain = cf_clone3(CLONE_NEWUSER, NULL);
		for (size_t i = 0; i < CF_N; i++) {
			sh->clone3[i] = cf_clone3(cf_probes[i].flags, stack);
			if (cf_probes[i].legacy)
				sh->clone[i] = cf_clone(cf_probes[i].flags);
			sh->done = (int)i + 1;
		}
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	munmap(stack, CF_STACK);
	if (sh->plain == -ENOSYS)
		nsc_skip(ctx, ENOSYS,
			 "Linux >= 5.3, and no seccomp filter answering clone3() with ENOSYS",
			 "clone3() gives ENOSYS (an older kernel or a seccomp filter)");
	if (sh->plain == -EPERM || sh->plain == -EACCES || sh->plain == -ENOSPC)
		nsc_skip(ctx, -sh->plain, "allow unprivileged user namespaces",
			 "clone3(CLONE_NEWUSER) is refused here (%s)", strerror(-sh->plain));
	/* EAGAIN (a process limit) and the like are the host's, not a verdict. */
	if (sh->plain < 0)
		nsc_error(ctx, -sh->plain, "clone3(CLONE_NEWUSER) from the helper");
	NSC_ASSERT(ctx, WIFEXITED(status) && sh->done == (int)CF_N,
		   "the helper died (%s) after %d of %zu probes: the kernel accepted %s",
		   WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exit", sh->done, CF_N,
		   cf_probes[sh->done < (int)CF_N ? sh->done : 0].what);
	for (size_t i = 0; i < CF_N; i++) {
		NSC_EXPECT_EQ(ctx, sh->clone3[i], -EINVAL, "clone3(%s)", cf_probes[i].what);
		if (cf_probes[i].legacy)
			NSC_EXPECT_EQ(ctx, sh->clone[i], -EINVAL, "clone(%s)", cf_probes[i].what);
	}
}

NSC_CASE(setns, clone_flag_conflicts) = {
	.summary = "clone/clone3 refuse namespace flags that contradict CLONE_FS/THREAD/SYSVSEM",
	.no_control = "argument rules: withholding a namespace cannot make them fail",
	.clone_flags = CLONE_NEWUTS,
	.child = child,
	.min_kernel = "5.3",
	.anchors = NSC_ANCHORS("ltp:clone302", "man:clone(2)"),
};
