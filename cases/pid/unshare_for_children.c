// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.unshare_for_children: unshare(CLONE_NEWPID) leaves the caller in
 * its PID namespace (ns/pid unchanged, getpid() unchanged) and points
 * only ns/pid_for_children at the new one.  Until the first child
 * exists that entry has no target up to 6.18 (ENOENT: the namespace has
 * no init yet; 7.2 shows the new namespace at once); the first child
 * forked afterwards is PID 1 there, with parent 0 (its parent is
 * outside), and its ns/pid is the caller's pid_for_children.
 * Asserted by nsfs identity before and after and by the child's own
 * getpid()/getppid().  Control: without CLONE_NEWPID pid_for_children
 * stays equal to pid and the child is an ordinary process.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct ufc_shared {
	pid_t self, parent; /* getpid()/getppid() in the first child */
	long long ino;	    /* its ns/pid */
};

static void child(struct nsc_ctx *ctx)
{
	struct ufc_shared *sh = nsc_shared_as(ctx, struct ufc_shared);
	long long pid0, kids0, pid1, kids1, early;
	pid_t me = getpid(), pid;
	int status, hold[2];

	pid0 = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	kids0 = NSC_TRY(ctx, nsc_ns_children_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, kids0, pid0, "the children's PID namespace before unshare equals the own");
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	/*
	 * Until its init exists the new namespace has no nsfs entry (ENOENT)
	 * up to 6.18; sid's 7.2.13 shows the new namespace at once.  Either
	 * way not the caller's own.
	 */
	early = nsc_ns_children_ino(0, CLONE_NEWPID, nsc_errbuf(ctx));
	if (early < 0 && early != -ENOENT)
		NSC_TRY(ctx, early);
	NSC_ISOLATED_NE(ctx, early, pid0,
			"the children's PID namespace after unshare, before the first child");
	pid1 = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, pid1, pid0, "ns/pid of the caller after unshare(CLONE_NEWPID)");
	NSC_EXPECT_EQ(ctx, getpid(), me, "getpid() of the caller after unshare(CLONE_NEWPID)");

	NSC_SAFE(ctx, pipe(hold));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		char b;

		sh->self = getpid();
		sh->parent = getppid();
		sh->ino = nsc_ns_ino(0, CLONE_NEWPID, NULL);
		close(hold[1]);
		while (read(hold[0], &b, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(hold[0]);
	/* The child holds the namespace until hold[1] closes. */
	kids1 = nsc_ns_children_ino(0, CLONE_NEWPID, nsc_errbuf(ctx));
	close(hold[1]);
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (kids1 < 0)
		nsc_error_msg_at(ctx, (int)-kids1, __FILE__, __LINE__, nsc_errbuf(ctx)->msg);
	if (sh->ino < 0)
		nsc_error(ctx, (int)-sh->ino, "the first child's ns/pid");
	NSC_ISOLATED_NE(ctx, kids1, pid1, "the children's PID namespace once the first child exists");
	NSC_EXPECT_EQ(ctx, sh->ino, kids1,
		      "the first child's PID namespace equals the caller's one for children");
	if (early >= 0)
		NSC_EXPECT_EQ(ctx, early, kids1,
			      "the children's PID namespace before and after the first child");
	NSC_ISOLATED_EQ(ctx, sh->self, 1, "getpid() of the first child after unshare(CLONE_NEWPID)");
	NSC_ISOLATED_EQ(ctx, sh->parent, 0, "getppid() of the first child (its parent is outside)");
}

NSC_CASE(pid, unshare_for_children) = {
	.summary = "unshare(CLONE_NEWPID) moves only the caller's children into a new PID namespace",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.min_kernel = "4.12",
	.anchors = NSC_ANCHORS("ltp:unshare05", "kselftest:pid_namespace/pidns_init_via_setns.c",
			       "man:namespaces(7)", "man:unshare(2)"),
};
