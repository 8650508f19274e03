// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.setns_requires_caps: setns(2) into a cgroup namespace needs
 * CAP_SYS_ADMIN (over the caller's user namespace and the target's
 * owner): without it in the effective set it fails EPERM; with it the
 * joiner's /proc/self/cgroup is then read relative to the target's root.
 * Asserted on the sandbox's namespace (root: the case's own cgroup C,
 * cgroupns.h) from a process forked by the case process, which sits in
 * C's parent: first with CAP_SYS_ADMIN cleared from its effective set
 * (EPERM), then with it again (joins; reads "/..").  Control: without
 * CLONE_NEWCGROUP the target is the joiner's own namespace and its path
 * stays what it was (the cap-less EPERM holds there too: the kernel
 * checks before it looks whether the namespace is the caller's own).
 * Where nscheck cannot make a cgroup (rootless, not delegated) the case
 * runs in nscheck's cgroup when that is below its root ("/" then).
 */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "cgroupns.h"

struct src_shared {
	bool own;
	int nocap_ret, nocap_err, ret, err;
	char path[NSC_CG_PATH];
};

static int setup(struct nsc_ctx *ctx)
{
	struct src_shared *sh = nsc_shared_as(ctx, struct src_shared);
	struct nsc_cgroup cg;

	sh->own = nsc_cg_own(ctx, &cg, true);
	return 0;
}

/* CAP_SYS_ADMIN in or out of the effective set (it stays permitted). */
static int src_effective(bool on)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	if (on)
		d[0].effective |= 1u << CAP_SYS_ADMIN;
	else
		d[0].effective &= ~(1u << CAP_SYS_ADMIN);
	return (int)syscall(SYS_capset, &h, d);
}

/* In the joiner: both attempts, results to the shared page. */
static void src_join(struct src_shared *sh, int nsfd)
{
	if (src_effective(false) < 0)
		_exit(1);
	sh->nocap_ret = setns(nsfd, CLONE_NEWCGROUP);
	sh->nocap_err = errno;
	if (src_effective(true) < 0)
		_exit(1);
	sh->ret = setns(nsfd, CLONE_NEWCGROUP);
	sh->err = errno;
	if (nsc_cg_v2_of(0, sh->path, sizeof(sh->path)) < 0)
		_exit(1);
	_exit(0);
}

static void parent(struct nsc_ctx *ctx)
{
	struct src_shared *sh = nsc_shared_as(ctx, struct src_shared);
	int nsfd = NSC_TRY(ctx, nsc_ns_open(nsc_child_pid(ctx), CLONE_NEWCGROUP, nsc_errbuf(ctx)));
	int status;
	pid_t pid = NSC_SAFE_ERRNO(ctx, nsc_fork());

	if (pid == 0)
		src_join(sh, nsfd);
	close(nsfd);
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	nsc_sync_wake(ctx);
	NSC_ASSERT(ctx, WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "the joiner could not set its capabilities or read its cgroup (status 0x%x)",
		   status);
	NSC_EXPECT(ctx, sh->nocap_ret < 0 && sh->nocap_err == EPERM,
		   "setns(CLONE_NEWCGROUP) without CAP_SYS_ADMIN: %d (%s), want EPERM",
		   sh->nocap_ret, strerror(sh->nocap_err));
	/*
	 * The joiner sits in C's parent: one level above the target's root.
	 * First: in a rootless control the target (the joiner's own, owned
	 * by the initial user namespace) refuses the setns itself (EPERM),
	 * and the unchanged path is the sharing seen.
	 */
	NSC_ISOLATED_STREQ(ctx, sh->path, sh->own ? "/.." : "/",
			   "the joiner's /proc/self/cgroup after setns into the sandbox's namespace");
	NSC_EXPECT(ctx, sh->ret == 0, "setns(CLONE_NEWCGROUP) with CAP_SYS_ADMIN: %s",
		   strerror(sh->err));
}

static void child(struct nsc_ctx *ctx)
{
	nsc_sync_wait(ctx);
}

NSC_CASE(cgroup, setns_requires_caps) = {
	.summary = "setns into a cgroup namespace needs CAP_SYS_ADMIN and rebases /proc/self/cgroup",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.parent = parent,
	.child = child,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:setns(2)", "man:cgroup_namespaces(7)",
			       "kselftest:pidfd/pidfd_setns_test.c"),
};
