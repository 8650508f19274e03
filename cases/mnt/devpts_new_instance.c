// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.devpts_new_instance: a devpts mounted in the sandbox's mount
 * namespace is a new instance (the default since Linux 4.7): it has its
 * own device number, the first pty opened through its ptmx gets index 0
 * whatever the other instances hold, and its directory lists only that
 * pty (and ptmx); the pty is not in the case process's view.  No control:
 * the instance is private because of the mount, not of the namespace.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "mnt.h"

struct pts_shared {
	char target[64];
};

static int setup(struct nsc_ctx *ctx)
{
	struct pts_shared *sh = nsc_shared_as(ctx, struct pts_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	return 0;
}

static int count_entries(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		     strcmp(de->d_name, "ptmx");
	closedir(d);
	return n;
}

static void child(struct nsc_ctx *ctx)
{
	struct pts_shared *sh = nsc_shared_as(ctx, struct pts_shared);
	char ptmx[128], pty[128];
	struct stat st, outer;
	unsigned int idx = 99;
	int fd, ret;

	ret = mount("devpts", sh->target, "devpts", MS_NOSUID | MS_NOEXEC, "ptmxmode=0600,mode=0600");
	if (ret < 0 && (errno == ENODEV || errno == EPERM))
		nsc_skip(ctx, errno, "build the kernel with CONFIG_UNIX98_PTYS (devpts)",
			 "mount devpts: %s", strerror(errno));
	NSC_SAFE(ctx, ret);
	snprintf(ptmx, sizeof(ptmx), "%s/ptmx", sh->target);
	fd = NSC_SAFE(ctx, open(ptmx, O_RDWR | O_NOCTTY | O_CLOEXEC));
	NSC_SAFE(ctx, ioctl(fd, TIOCGPTN, &idx));
	NSC_EXPECT_EQ(ctx, idx, 0, "index of the first pty of the new devpts instance");
	NSC_EXPECT_EQ(ctx, count_entries(sh->target), 1, "ptys listed in the new devpts instance");
	snprintf(pty, sizeof(pty), "%s/%u", sh->target, idx);
	NSC_SAFE(ctx, stat(pty, &st));
	if (stat("/dev/pts/ptmx", &outer) == 0)
		NSC_EXPECT(ctx, st.st_dev != outer.st_dev,
			   "the new instance has its own device number (not /dev/pts's)");
	close(fd);
}

static void verify(struct nsc_ctx *ctx)
{
	struct pts_shared *sh = nsc_shared_as(ctx, struct pts_shared);
	char pty[128];

	snprintf(pty, sizeof(pty), "%s/0", sh->target);
	NSC_EXPECT(ctx, access(pty, F_OK) < 0, "the sandbox's pty shows outside at %s", pty);
}

NSC_CASE(mnt, devpts_new_instance) = {
	.summary = "a devpts mounted in a new mount namespace is a new, private instance",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_UNIX98_PTYS", "CONFIG_TMPFS"),
	.no_control = "the instance is private because of the devpts mount (new instance since 4.7), not of the namespace",
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "4.7",
	.anchors = NSC_ANCHORS("kselftest:filesystems/devpts_pts.c", "man:pts(4)",
			       "other:Documentation/filesystems/devpts.rst"),
};
