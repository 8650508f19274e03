// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.nsfs_bind_loop_refused: bind-mounting a mount namespace file
 * (the nsfs file of a mount namespace) into a mount namespace that is not older than it
 * would let the namespace pin itself, so the kernel refuses it
 * (fs/namespace.c mnt_ns_loop(), EINVAL): the sandbox's own namespace
 * file and that of the case process (older) are refused, while the file
 * of a newer namespace, unshared by a child of the sandbox, is accepted.
 * "Older" is the order of the namespaces' ids: Linux 6.18 hands mount
 * namespace ids out of per-CPU batches (measured here: a namespace made
 * later on the other CPU got a lower id), so a newer namespace made on
 * another CPU may be refused and an older one accepted.  Where
 * NS_GET_MNTNS_ID answers, the case expects exactly the id order; the own
 * namespace is always refused.  Still no loop can form: the order is
 * total.  No control: a loop-prevention rule, not a property of the
 * sandbox's namespace.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnt.h"

struct loop_shared {
	char target[64];
};

static int setup(struct nsc_ctx *ctx)
{
	struct loop_shared *sh = nsc_shared_as(ctx, struct loop_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	return 0;
}

/* Bind-mount the namespace file of nsfd @fd onto @dst: 0 or the errno. */
static int bind_errno(int fd, const char *dst)
{
	char src[32];

	/* The magic link of the fd is the nsfs file itself. */
	snprintf(src, sizeof(src), "/proc/self/fd/%d", fd);
	if (mount(src, dst, NULL, MS_BIND, NULL) < 0)
		return errno;
	umount2(dst, MNT_DETACH);
	return 0;
}

/*
 * What binding the namespace of nsfd @fd into ours must give: EINVAL
 * unless it is newer (@newer: by creation) or, where ids are known, has
 * the higher id.
 */
static int want_errno(int own, int fd, bool newer)
{
	uint64_t a, b;

	if (nsc_mnt_ns_id_fd(own, &a) < 0 || nsc_mnt_ns_id_fd(fd, &b) < 0)
		return newer ? 0 : EINVAL;
	return b > a ? 0 : EINVAL;
}

static void child(struct nsc_ctx *ctx)
{
	struct loop_shared *sh = nsc_shared_as(ctx, struct loop_shared);
	int fd, own, ns;
	char file[128];
	pid_t pid;

	snprintf(file, sizeof(file), "%s/nsfile", sh->target);
	fd = NSC_SAFE(ctx, open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
	close(fd);
	own = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNS, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, bind_errno(own, file), EINVAL,
		      "bind mount of the own mount namespace's file");
	ns = NSC_TRY(ctx, nsc_ns_open(getppid(), CLONE_NEWNS, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, bind_errno(ns, file), want_errno(own, ns, false),
		      "bind mount of the (older) case process's mount namespace file");
	close(ns);

	pid = nsc_mnt_holder(ctx, CLONE_NEWNS); /* a newer mount namespace */
	ns = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWNS, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, bind_errno(ns, file), want_errno(own, ns, true),
		      "bind mount of a newer mount namespace's file");
	close(ns);
	close(own);
	nsc_mnt_holder_end(pid);
}

NSC_CASE(mnt, nsfs_bind_loop_refused) = {
	.summary = "a mount namespace file cannot be bind-mounted into a namespace not older than it",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS"),
	.no_control = "a loop-prevention rule of bind mounts, not a property of the sandbox's namespace",
	.setup = setup,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:namespaces(7)", "man:unshare(1)",
			       "other:fs/namespace.c mnt_ns_loop()"),
};
