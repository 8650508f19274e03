// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.proc_ns_access: opening another process's namespace files is a
 * ptrace read check (PTRACE_MODE_READ_FSCREDS): the caller needs to share
 * the target's user namespace with a superset of its capabilities, or
 * CAP_SYS_PTRACE over the target's user namespace.  A process in a new
 * user namespace therefore cannot open the namespace files of its parent
 * (EACCES; the same uid does not help), while it opens its own and the
 * parent, which holds every capability over the child's user namespace,
 * opens the child's.  Isolation check: the EACCES.  Control: without
 * CLONE_NEWUSER the sandbox opens its parent's namespace files.
 */
#include <unistd.h>

#include "nscheck.h"

static void child(struct nsc_ctx *ctx)
{
	static const uint64_t types[] = { CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWUSER };
	pid_t outside = getppid();

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		int fd = nsc_ns_open(outside, types[i], NULL), own;

		if (fd >= 0)
			close(fd);
		NSC_ISOLATED_EQ(ctx, fd < 0 ? fd : 0, -EACCES,
				"open the parent's namespace file (flag %#llx) from a child user namespace",
				(unsigned long long)types[i]);
		own = NSC_TRY(ctx, nsc_ns_open(0, types[i], nsc_errbuf(ctx)));
		close(own);
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
}

static void parent(struct nsc_ctx *ctx)
{
	int fd;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	fd = nsc_ns_open(nsc_child_pid(ctx), CLONE_NEWUSER, NULL);
	NSC_EXPECT(ctx, fd >= 0, "the parent opens the child's user namespace file: %s",
		   fd < 0 ? strerror(-fd) : "ok");
	if (fd >= 0)
		close(fd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(nsfs, proc_ns_access) = {
	.summary = "a child user namespace cannot open its parent's /proc/PID/ns files",
	.clone_flags = CLONE_NEWUSER,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.tags = "gap: no LTP or kselftest case checks the ptrace gate on /proc/PID/ns",
	.anchors = NSC_ANCHORS("man:namespaces(7)", "man:proc_pid_ns(5)", "man:ptrace(2)"),
};
