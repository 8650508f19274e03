// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.sibling_isolation: two sibling UTS namespaces, each unshared by one
 * of two children of the sandbox, each get a different hostname; the
 * first child reads its own name back after the second child set its
 * one, and the sandbox (whose namespace both were copied from) keeps the
 * name it set first.  Control: without CLONE_NEWUTS the children's
 * unshare() creates nothing, so the first child and the sandbox read the
 * second child's name (in a disposable outer UTS namespace).  The case
 * process is in a disposable UTS namespace in every run, so not even a
 * kernel that failed to make the siblings' namespaces could rename the
 * host.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct sib_shared {
	char parent[65], a[65], b[65]; /* names set by the sandbox and its two children */
	char a_read[65], b_read[65];   /* what each child read back */
	int a_err, b_err;	       /* errno of a child's failed step */
};

/* In a child: own UTS namespace, set @name, then (after @gate) read it back. */
static int sib_run(struct nsc_ctx *ctx, const char *name, int ready, int gate, char *out)
{
	int ret = nsc_unshare(ctx, CLONE_NEWUTS);
	char b = 1;

	if (ret < 0)
		return -ret;
	if (sethostname(name, strlen(name)) < 0)
		return errno;
	if (ready >= 0 && write(ready, &b, 1) != 1)
		return EPIPE;
	if (gate >= 0 && read(gate, &b, 1) != 1)
		return EPIPE;
	if (gethostname(out, 65) < 0)
		return errno;
	return 0;
}

static int setup(struct nsc_ctx *ctx)
{
	struct sib_shared *sh = nsc_shared_as(ctx, struct sib_shared);

	snprintf(sh->parent, sizeof(sh->parent), "nsc-%d-par", (int)getpid());
	snprintf(sh->a, sizeof(sh->a), "nsc-%d-a", (int)getpid());
	snprintf(sh->b, sizeof(sh->b), "nsc-%d-b", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct sib_shared *sh = nsc_shared_as(ctx, struct sib_shared);
	int ready[2], gate[2], status;
	char now[65] = "", b = 1;
	pid_t a, bpid;

	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->parent, strlen(sh->parent)));
	NSC_SAFE(ctx, pipe2(ready, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(gate, O_CLOEXEC));
	a = NSC_SAFE(ctx, nsc_fork());
	if (a == 0) {
		close(ready[0]);
		close(gate[1]);
		sh->a_err = sib_run(ctx, sh->a, ready[1], gate[0], sh->a_read);
		_exit(0);
	}
	close(ready[1]);
	close(gate[0]);
	if (read(ready[0], &b, 1) != 1) { /* a failed before it set its name */
		NSC_SAFE(ctx, waitpid(a, &status, 0));
		nsc_error(ctx, sh->a_err, "first child: set up its UTS namespace");
	}
	bpid = NSC_SAFE(ctx, nsc_fork());
	if (bpid == 0) {
		sh->b_err = sib_run(ctx, sh->b, -1, -1, sh->b_read);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(bpid, &status, 0));
	NSC_SAFE(ctx, write(gate[1], &b, 1));
	NSC_SAFE(ctx, waitpid(a, &status, 0));
	if (sh->b_err)
		nsc_error(ctx, sh->b_err, "second child: set up its UTS namespace");
	if (sh->a_err)
		nsc_error(ctx, sh->a_err, "first child: read its hostname");
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_ISOLATED_STREQ(ctx, sh->a_read, sh->a,
			   "first sibling's hostname after the second sibling set its own");
	NSC_EXPECT_STREQ(ctx, sh->b_read, sh->b, "second sibling's hostname");
	NSC_ISOLATED_STREQ(ctx, now, sh->parent,
			   "hostname of the namespace both siblings were copied from");
}

NSC_CASE(uts, sibling_isolation) = {
	.summary = "two sibling UTS namespaces each keep their own hostname",
	.clone_flags = CLONE_NEWUTS,
	.outer_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("ltp:utsname03_clone", "ltp:utsname03_unshare",
			       "man:uts_namespaces(7)"),
};
