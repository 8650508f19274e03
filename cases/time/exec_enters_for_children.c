// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.exec_enters_for_children: after unshare(CLONE_NEWTIME) the
 * unsharer's own execve() moves it into the namespace it made for its
 * children (fs/exec "switch timens when a task gets a new mm"; kselftest
 * timens/exec.c checks a forked child only).  Older kernels keep the
 * unsharer where it was, which looks like a broken namespace: such a
 * kernel SKIPs by its release (measured under ci/kernel-matrix: Debian's
 * 6.1.0-57 keeps it, 6.12.117 moves it; the catalogue's 5.11 was wrong).  In the sandbox, a child C unshares a time
 * namespace (+10 days), then execs nscheck itself (/proc/self/exe --list
 * --long: no other program needs to exist, as in a FROM scratch image)
 * with its standard output on a pipe of one page, which the listing
 * overfills: the new image is alive and blocked while the sandbox reads
 * its ns/time, which must be the former time_for_children, not the one
 * C had before.
 * Control: without CLONE_NEWTIME nothing is unshared and the exec keeps
 * C's time namespace.
 */
#include "timens.h"

/* C: coverage of what follows the exec is not flushed (the image is replaced). */
static void __attribute__((noreturn)) unsharer(struct nsc_ctx *ctx, int ready, int go, int out)
{
	char *argv[] = { "nscheck", "--list", "--long", NULL };
	char b = 'r';

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	/* The sandbox reads our namespaces now, then lets us exec. */
	if (write(ready, &b, 1) != 1 || read(go, &b, 1) != 1)
		nsc_exit(ctx);
	if (dup2(out, STDOUT_FILENO) < 0)
		nsc_error(ctx, errno, "dup2 the listing pipe");
	fflush(NULL);
	execv("/proc/self/exe", argv);
	nsc_error(ctx, errno, "execv(/proc/self/exe)");
}

static void child(struct nsc_ctx *ctx)
{
	long long before, kids, after;
	int ready[2], go[2], out[2], status;
	char buf[4096];
	ssize_t n;
	pid_t c;

	nsc_timens_need(ctx, 6, 2, "the unsharer's execve() entering its namespace for children");

	NSC_SAFE(ctx, pipe2(ready, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(go, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(out, O_CLOEXEC));
	/* One page: the listing (tens of kilobytes) blocks in it. */
	NSC_SAFE(ctx, fcntl(out[1], F_SETPIPE_SZ, 4096));
	c = NSC_SAFE(ctx, nsc_fork());
	if (c == 0) {
		close(ready[0]);
		close(go[1]);
		close(out[0]);
		unsharer(ctx, ready[1], go[0], out[1]);
	}
	close(ready[1]);
	close(go[0]);
	close(out[1]);
	if (NSC_SAFE(ctx, read(ready[0], buf, 1)) != 1)
		nsc_error(ctx, 0, "the unsharer ended before its exec");
	close(ready[0]);
	before = NSC_TRY(ctx, nsc_ns_ino(c, CLONE_NEWTIME, nsc_errbuf(ctx)));
	kids = NSC_TRY(ctx, nsc_ns_children_ino(c, CLONE_NEWTIME, nsc_errbuf(ctx)));
	NSC_SAFE(ctx, write(go[1], "g", 1));
	close(go[1]);
	/* The first byte comes from the new image: the exec is done. */
	n = NSC_SAFE(ctx, read(out[0], buf, 1));
	if (n != 1)
		nsc_error(ctx, 0, "the exec'd nscheck wrote nothing");
	after = NSC_TRY(ctx, nsc_ns_ino(c, CLONE_NEWTIME, nsc_errbuf(ctx)));
	while (read(out[0], buf, sizeof(buf)) > 0)
		; /* drain: the listing ends, nscheck exits */
	close(out[0]);
	NSC_SAFE(ctx, waitpid(c, &status, 0));
	NSC_ISOLATED_NE(ctx, after, before,
			"time namespace of the unsharer after its own execve() (unchanged)");
	NSC_EXPECT_EQ(ctx, after, kids,
		      "time namespace of the unsharer after execve(), want the one it had made for its children");
}

NSC_CASE(time, exec_enters_for_children) = {
	.summary = "the unsharer's own execve() enters the time namespace it made for its children",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "6.2",
	.anchors = NSC_ANCHORS("kselftest:timens/exec.c", "man:time_namespaces(7)",
			       "other:fs/exec.c exec_task_namespaces()"),
};
