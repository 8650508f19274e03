// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.file_handle_foreign_userns: an nsfs file handle (Linux 6.18) of a
 * namespace outside the caller's reach does not open.  The case process
 * makes handles of its own (disposable) UTS and IPC namespaces before the
 * clone; the sandbox, in a new user namespace with new UTS and IPC
 * namespaces, gets ESTALE from open_by_handle_at() for both (isolation
 * checks), while a handle of its own UTS namespace reopens it.
 * Control: without the flags the handles name the sandbox's own
 * namespaces and open.  A kernel without nsfs handles SKIPs.
 */
#include "nsfs.h"

struct ff_handle {
	struct file_handle fh;
	unsigned char buf[MAX_HANDLE_SZ];
};

static struct ff_handle nsc_ff_uts, nsc_ff_ipc;

/* Handle of the caller's namespace of type @flag into @h: 0 or -errno. */
static int ff_make(uint64_t flag, struct ff_handle *h)
{
	int fd = nsc_ns_open(0, flag, NULL), mount_id, r;

	if (fd < 0)
		return fd;
	h->fh.handle_bytes = MAX_HANDLE_SZ;
	r = name_to_handle_at(fd, "", &h->fh, &mount_id, AT_EMPTY_PATH) < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int ff_open(struct ff_handle *h)
{
	int fd = open_by_handle_at(FD_NSFS_ROOT, &h->fh, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int setup(struct nsc_ctx *ctx)
{
	int r = ff_make(CLONE_NEWUTS, &nsc_ff_uts);

	if (r == -EOPNOTSUPP || r == -EINVAL)
		nsc_skip(ctx, -r, "Linux >= 6.18", "no file handles for namespace fds (%s)",
			 strerror(-r));
	NSC_SAFE(ctx, r < 0 ? (errno = -r, -1) : 0);
	r = ff_make(CLONE_NEWIPC, &nsc_ff_ipc);
	NSC_SAFE(ctx, r < 0 ? (errno = -r, -1) : 0);
	r = ff_open(&nsc_ff_uts);
	nsc_nsfs_handle_denied(ctx, r);
	NSC_EXPECT_EQ(ctx, r, 0, "the case process reopens its own UTS handle");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ff_handle own;
	int r;

	r = ff_open(&nsc_ff_uts);
	NSC_ISOLATED_EQ(ctx, r, -ESTALE,
			"open_by_handle_at() of the parent's UTS namespace from a child user namespace");
	r = ff_open(&nsc_ff_ipc);
	NSC_ISOLATED_EQ(ctx, r, -ESTALE,
			"open_by_handle_at() of the parent's IPC namespace from a child user namespace");
	NSC_SAFE(ctx, (r = ff_make(CLONE_NEWUTS, &own)) < 0 ? (errno = -r, -1) : 0);
	NSC_EXPECT_EQ(ctx, ff_open(&own), 0, "the sandbox reopens a handle of its own UTS namespace");
}

NSC_CASE(nsfs, file_handle_foreign_userns) = {
	.summary = "nsfs handles of namespaces outside a child user namespace give ESTALE",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC,
	.outer_flags = CLONE_NEWUTS | CLONE_NEWIPC,
	.setup = setup,
	.child = child,
	.min_kernel = "6.18",
	.kconfigs = NSC_KCONFIGS("CONFIG_FHANDLE"),
	.anchors = NSC_ANCHORS("kselftest:namespaces/file_handle_test.c",
			       "man:open_by_handle_at(2)", "man:user_namespaces(7)"),
};
