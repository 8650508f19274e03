// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.proc_self_requires_remount: a proc instance shows the PID
 * namespace of whoever mounted it, not of the reader.  In a new PID
 * namespace the inherited /proc still resolves /proc/self to the
 * process's PID in the mounter's namespace (never 1), or not at all when
 * it is invisible there; after a fresh proc is mounted inside (own mount
 * namespace), /proc/self reads "1".  Control: without CLONE_NEWPID (and
 * CLONE_NEWNS; the case process's mount namespace is disposable) the
 * inherited /proc/self already reads the sandbox's getpid().
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "nscheck.h"

/* The number /proc/self points at, or -errno. */
static long proc_self(void)
{
	char buf[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

static void child(struct nsc_ctx *ctx)
{
	long before = proc_self(), after;
	int ret;

	if (before < 0 && before != -ENOENT)
		nsc_error(ctx, (int)-before, "readlink /proc/self");
	NSC_ISOLATED_NE(ctx, before, getpid(),
			"/proc/self through the inherited proc resolves to getpid()");
	ret = nsc_proc_mount("/proc", nsc_errbuf(ctx));
	/*
	 * Rootless control: proc of a PID namespace nscheck does not own
	 * cannot be mounted; the check above already saw the sharing.
	 */
	if (ret == -EPERM && !(nsc_sandbox_flags(ctx) & CLONE_NEWPID))
		return;
	if (ret < 0)
		nsc_skip_if_restricted(ctx, NSC_OP_MOUNT_PROC, -ret, "/proc");
	NSC_TRY(ctx, ret);
	after = proc_self();
	NSC_EXPECT_EQ(ctx, after, getpid(), "/proc/self after mounting a fresh proc");
	NSC_ISOLATED_COND(ctx, "rootless, the control cannot mount proc of nscheck's PID namespace",
			  after == 1, "/proc/self after a fresh proc reads %ld, want 1 (the init)",
			  after);
}

NSC_CASE(pid, proc_self_requires_remount) = {
	.summary = "/proc/self shows the mounter's PID namespace until proc is mounted inside",
	.clone_flags = CLONE_NEWPID | CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.child = child,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("ltp:pidns03", "man:pid_namespaces(7)"),
};
