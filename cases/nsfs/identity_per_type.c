// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.identity_per_type: a namespace is identified by the (st_dev,
 * st_ino) of its nsfs file, and the link text of that file is
 * "<type>:[<st_ino>]".  The sandbox, cloned with a new namespace of each
 * of seven types (time is created only by unshare or clone3 and has its
 * own cases), reads the identity and link text of each of its namespaces
 * through an fd of it; outside, each must differ from the case process's
 * (isolation check, per type) and equal what the case process reads
 * through /proc for the sandbox.  Control: without the flags every
 * identity is inherited, the case process's own.
 */
#include <stdio.h>
#include <unistd.h>

#include "nsfs.h"

static const struct {
	uint64_t flag;
	const char *name;
} it_types[] = {
	{ CLONE_NEWCGROUP, "cgroup" }, { CLONE_NEWIPC, "ipc" }, { CLONE_NEWNS, "mnt" },
	{ CLONE_NEWNET, "net" },       { CLONE_NEWPID, "pid" }, { CLONE_NEWUSER, "user" },
	{ CLONE_NEWUTS, "uts" },
};
#define IT_N (sizeof(it_types) / sizeof(it_types[0]))

struct it_shared {
	struct {
		unsigned long long dev, ino;
		char link[64];
	} ns[IT_N];
};

static void child(struct nsc_ctx *ctx)
{
	struct it_shared *sh = nsc_shared_as(ctx, struct it_shared);

	for (size_t i = 0; i < IT_N; i++) {
		int fd = NSC_TRY(ctx, nsc_ns_open(0, it_types[i].flag, nsc_errbuf(ctx)));
		char path[64];
		struct stat st;
		ssize_t n;

		NSC_SAFE(ctx, fstat(fd, &st));
		sh->ns[i].dev = st.st_dev;
		sh->ns[i].ino = st.st_ino;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = NSC_SAFE(ctx, readlink(path, sh->ns[i].link, sizeof(sh->ns[i].link) - 1));
		sh->ns[i].link[n] = '\0';
		close(fd);
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespaces alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct it_shared *sh = nsc_shared_as(ctx, struct it_shared);
	pid_t pid = nsc_child_pid(ctx);

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	for (size_t i = 0; i < IT_N; i++) {
		int fd = NSC_TRY(ctx, nsc_ns_open(0, it_types[i].flag, nsc_errbuf(ctx)));
		char want[64];
		struct stat mine;

		NSC_SAFE(ctx, fstat(fd, &mine));
		close(fd);
		NSC_ISOLATED(ctx, sh->ns[i].dev != mine.st_dev || sh->ns[i].ino != mine.st_ino,
			     "the sandbox's %s namespace is the case process's (%llu:%llu)",
			     it_types[i].name, sh->ns[i].dev, sh->ns[i].ino);
		NSC_EXPECT_EQ(ctx, sh->ns[i].ino,
			      NSC_TRY(ctx, nsc_ns_ino(pid, it_types[i].flag, nsc_errbuf(ctx))),
			      "st_ino of the sandbox's %s namespace, inside and through /proc",
			      it_types[i].name);
		snprintf(want, sizeof(want), "%s:[%llu]", it_types[i].name, sh->ns[i].ino);
		NSC_EXPECT_STREQ(ctx, sh->ns[i].link, want, "link text of a %s namespace fd",
				 it_types[i].name);
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(nsfs, identity_per_type) = {
	.summary = "each namespace is named by its nsfs (st_dev, st_ino) and '<type>:[ino]'",
	.clone_flags = CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID |
		       CLONE_NEWUSER | CLONE_NEWUTS,
	.child = child,
	.parent = parent,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("ltp:userns05", "rt:linux_ns_itype", "rt:linux_ns_nopath",
			       "man:namespaces(7)"),
};
