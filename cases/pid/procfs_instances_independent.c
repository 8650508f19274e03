// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.procfs_instances_independent: since Linux 5.8 every proc mount is
 * its own instance with its own options, even within one PID namespace.
 * In its PID and mount namespaces the sandbox mounts proc with
 * subset=pid (only process directories) on one tmpfs directory, then a
 * plain proc on another: the first still hides meminfo and sys, the
 * second shows them, and both list the sandbox as PID 1.  Before 5.8 the
 * second mount shared the first's superblock and options.  No control:
 * a property of proc mounts, which a missing namespace cannot break.
 */
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"

static bool exists(const char *dir, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static void mount_proc(struct nsc_ctx *ctx, const char *dir, const char *opts)
{
	NSC_SAFE(ctx, mkdir(dir, 0555));
	if (mount("proc", dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, opts) == 0)
		return;
	if (errno == EINVAL && opts)
		nsc_skip(ctx, EINVAL, "use Linux >= 5.8", "proc does not know the %s option", opts);
	nsc_skip_if_restricted(ctx, NSC_OP_MOUNT_PROC, errno, dir);
	nsc_error(ctx, errno, "mount proc on %s", dir);
}

static void child(struct nsc_ctx *ctx)
{
	static const char *const tops[] = { "/tmp", "/mnt", "/run", "/dev/shm" };
	char a[64], b[64];
	size_t i;

	/* Mount points on a tmpfs of the sandbox's own mount namespace. */
	for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++)
		if (mount("tmpfs", tops[i], "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") == 0)
			break;
	if (i == sizeof(tops) / sizeof(tops[0]))
		nsc_error(ctx, errno, "mount a tmpfs on any of /tmp, /mnt, /run, /dev/shm");
	snprintf(a, sizeof(a), "%s/nsc-proc-a", tops[i]);
	snprintf(b, sizeof(b), "%s/nsc-proc-b", tops[i]);
	mount_proc(ctx, a, "subset=pid");
	NSC_EXPECT(ctx, !exists(a, "meminfo") && !exists(a, "sys"),
		   "proc mounted with subset=pid shows meminfo or sys");
	mount_proc(ctx, b, NULL);
	NSC_EXPECT(ctx, exists(b, "meminfo") && exists(b, "sys"),
		   "a second, plain proc mount lacks meminfo or sys");
	NSC_EXPECT(ctx, !exists(a, "meminfo") && !exists(a, "sys"),
		   "after a second, plain proc mount the subset=pid one shows meminfo or sys");
	NSC_EXPECT(ctx, exists(a, "1") && exists(b, "1"), "PID 1 missing from a proc mount");
	umount2(b, MNT_DETACH);
	umount2(a, MNT_DETACH);
}

NSC_CASE(pid, procfs_instances_independent) = {
	.summary = "two proc mounts in one PID namespace keep their own options (subset=pid)",
	.clone_flags = CLONE_NEWPID | CLONE_NEWNS,
	.no_control = "a property of proc mounts: a missing namespace cannot break it",
	.child = child,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:proc/proc-multiple-procfs.c",
			       "kselftest:proc/proc-subset-pid.c", "man:proc(5)"),
};
