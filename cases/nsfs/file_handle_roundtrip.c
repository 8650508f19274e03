// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.file_handle_roundtrip: namespace fds have file handles (Linux
 * 6.18): name_to_handle_at(nsfd, "", AT_EMPTY_PATH) gives one, and
 * open_by_handle_at(FD_NSFS_ROOT, handle, O_RDONLY) reopens the same
 * namespace (st_dev and st_ino equal, NS_GET_NSTYPE matching), for every
 * type the caller can open, also rootless: a sandbox with new UTS and IPC
 * namespaces reopens those and the ones it inherited.  A handle whose namespace id
 * was altered is ESTALE.  The open flags are checked: O_WRONLY, O_RDWR
 * and O_TRUNC are EPERM, O_DIRECT is EINVAL, O_DIRECTORY and O_TMPFILE
 * (which includes O_DIRECTORY; the catalogue said EINVAL, the kernel says
 * ENOTDIR) are ENOTDIR.
 * No control: an API contract, which no withheld namespace can break.  A
 * kernel without nsfs handles (EOPNOTSUPP) SKIPs.
 */
#include "nsfs.h"

static const struct {
	uint64_t flag;
	const char *name;
} fr_types[] = {
	{ CLONE_NEWCGROUP, "cgroup" }, { CLONE_NEWIPC, "ipc" }, { CLONE_NEWNS, "mnt" },
	{ CLONE_NEWNET, "net" },       { CLONE_NEWPID, "pid" }, { CLONE_NEWTIME, "time" },
	{ CLONE_NEWUSER, "user" },     { CLONE_NEWUTS, "uts" },
};

static const struct {
	int flags, err;
	const char *name;
} fr_flags[] = {
	{ O_WRONLY, EPERM, "O_WRONLY" },
	{ O_RDWR, EPERM, "O_RDWR" },
	{ O_RDONLY | O_TRUNC, EPERM, "O_TRUNC" },
	{ O_RDONLY | O_DIRECT, EINVAL, "O_DIRECT" },
	{ O_RDONLY | O_DIRECTORY, ENOTDIR, "O_DIRECTORY" },
	{ O_RDWR | O_TMPFILE, ENOTDIR, "O_TMPFILE" },
};

struct fr_handle {
	struct file_handle fh;
	unsigned char buf[MAX_HANDLE_SZ];
};

static int fr_open(struct fr_handle *h, int flags)
{
	int fd = open_by_handle_at(FD_NSFS_ROOT, &h->fh, flags | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return fd;
}

static void child(struct nsc_ctx *ctx)
{
	struct fr_handle h;
	int mount_id, fd, back;

	for (size_t i = 0; i < sizeof(fr_types) / sizeof(fr_types[0]); i++) {
		fd = nsc_ns_open(0, fr_types[i].flag, nsc_errbuf(ctx));
		if (fd == -ENOENT)
			continue; /* the kernel lacks this type */
		fd = NSC_TRY(ctx, fd);
		h.fh.handle_bytes = MAX_HANDLE_SZ;
		if (name_to_handle_at(fd, "", &h.fh, &mount_id, AT_EMPTY_PATH) < 0) {
			if (errno == EOPNOTSUPP || errno == EINVAL)
				nsc_skip(ctx, errno, "Linux >= 6.18",
					 "no file handles for namespace fds (%s)", strerror(errno));
			nsc_error(ctx, errno, "name_to_handle_at(%s nsfd)", fr_types[i].name);
		}
		back = fr_open(&h, O_RDONLY);
		nsc_nsfs_handle_denied(ctx, back);
		NSC_EXPECT(ctx, back >= 0, "open_by_handle_at() of a %s namespace handle: %s",
			   fr_types[i].name, back < 0 ? strerror(-back) : "ok");
		if (back >= 0) {
			NSC_EXPECT_EQ(ctx, nsc_nsfs_same(fd, back), 1,
				      "the reopened %s namespace is the same", fr_types[i].name);
			NSC_EXPECT_EQ(ctx, nsc_nsfs_ioctl(back, NS_GET_NSTYPE, 0),
				      (long long)fr_types[i].flag,
				      "NS_GET_NSTYPE of the reopened %s", fr_types[i].name);
			close(back);
		}
		close(fd);
	}
	/* h: the last type's handle */
	for (size_t i = 0; i < sizeof(fr_flags) / sizeof(fr_flags[0]); i++) {
		back = fr_open(&h, fr_flags[i].flags);
		if (back >= 0)
			close(back);
		NSC_EXPECT_EQ(ctx, back < 0 ? back : 0, -fr_flags[i].err,
			      "open_by_handle_at() of an nsfs handle with %s", fr_flags[i].name);
	}
	h.buf[0] ^= 0xff; /* f_handle[0]: struct nsfs_file_handle starts with ns_id */
	back = fr_open(&h, O_RDONLY);
	if (back >= 0)
		close(back);
	NSC_EXPECT_EQ(ctx, back < 0 ? back : 0, -ESTALE,
		      "open_by_handle_at() of a handle naming no namespace");
}

NSC_CASE(nsfs, file_handle_roundtrip) = {
	.summary = "a namespace's file handle reopens it; bad ids and write flags are refused",
	.no_control = "an API contract: withholding a namespace cannot break it",
	.clone_flags = CLONE_NEWUTS | CLONE_NEWIPC,
	.child = child,
	.min_kernel = "6.18",
	.kconfigs = NSC_KCONFIGS("CONFIG_FHANDLE"),
	.anchors = NSC_ANCHORS("kselftest:namespaces/file_handle_test.c", "man:open_by_handle_at(2)"),
};
