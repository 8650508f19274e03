// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.nstype: NS_GET_NSTYPE on a namespace fd of each type returns the
 * CLONE_NEW* value of that type, and the NS_GET_* ioctls on an fd that is
 * not a namespace (a pidfd, a memfd) fail with ENOTTY.  A type the kernel
 * is built without (no /proc entry) is left out; one type must be there.
 * No control: an API contract about fds, which no withheld namespace can
 * make fail.
 */
#include <sys/mman.h>

#include "nsfs.h"

static const struct {
	uint64_t flag;
	const char *name;
} nt_types[] = {
	{ CLONE_NEWCGROUP, "cgroup" }, { CLONE_NEWIPC, "ipc" }, { CLONE_NEWNS, "mnt" },
	{ CLONE_NEWNET, "net" },       { CLONE_NEWPID, "pid" }, { CLONE_NEWTIME, "time" },
	{ CLONE_NEWUSER, "user" },     { CLONE_NEWUTS, "uts" },
};

static void child(struct nsc_ctx *ctx)
{
	int pidfd, memfd, seen = 0;

	for (size_t i = 0; i < sizeof(nt_types) / sizeof(nt_types[0]); i++) {
		int fd = nsc_ns_open(0, nt_types[i].flag, nsc_errbuf(ctx));

		if (fd == -ENOENT)
			continue; /* the kernel lacks this type */
		fd = NSC_TRY(ctx, fd);
		NSC_EXPECT_EQ(ctx, nsc_nsfs_ioctl(fd, NS_GET_NSTYPE, 0), (long long)nt_types[i].flag,
			      "NS_GET_NSTYPE on a %s namespace fd", nt_types[i].name);
		close(fd);
		seen++;
	}
	NSC_EXPECT(ctx, seen > 0, "no namespace type could be opened");
	pidfd = NSC_SAFE(ctx, nsc_pidfd_open(getpid(), 0));
	memfd = NSC_SAFE(ctx, memfd_create("nsc-nstype", MFD_CLOEXEC));
	NSC_EXPECT_EQ(ctx, nsc_nsfs_ioctl(pidfd, NS_GET_NSTYPE, 0), -ENOTTY,
		      "NS_GET_NSTYPE on a pidfd");
	NSC_EXPECT_EQ(ctx, nsc_nsfs_ioctl(memfd, NS_GET_NSTYPE, 0), -ENOTTY,
		      "NS_GET_NSTYPE on a memfd");
	NSC_EXPECT_EQ(ctx, nsc_nsfs_ioctl(memfd, NS_GET_USERNS, 0), -ENOTTY,
		      "NS_GET_USERNS on a memfd");
	NSC_EXPECT_EQ(ctx, nsc_nsfs_ioctl(memfd, NS_GET_PARENT, 0), -ENOTTY,
		      "NS_GET_PARENT on a memfd");
	close(pidfd);
	close(memfd);
}

NSC_CASE(nsfs, nstype) = {
	.summary = "NS_GET_NSTYPE names each namespace fd's type; other fds give ENOTTY",
	.no_control = "an API contract about fds: withholding a namespace cannot make it fail",
	.clone_flags = CLONE_NEWUTS | CLONE_NEWIPC,
	.child = child,
	.min_kernel = "4.11",
	.anchors = NSC_ANCHORS("ltp:ioctl_ns07", "man:ioctl_ns(2)"),
};
