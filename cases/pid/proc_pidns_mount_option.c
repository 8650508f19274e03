// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.proc_pidns_mount_option: a proc instance mounted with the pidns=
 * option shows the PID namespace it names, not the mounter's.  The case
 * process (outside) mounts proc with pidns= naming the sandbox's
 * namespace (by an nsfd, through /proc/self/fd) on a directory of a
 * tmpfs in its disposable mount namespace (over /tmp, or another directory
 * that exists): the mount lists exactly the
 * sandbox, as PID 1, and its "self" resolves to nothing (the mounter is
 * not in that namespace).  Control: without CLONE_NEWPID the named namespace is the
 * case process's own and the mount lists every process of it.  Kernels
 * without the option refuse it (EINVAL): SKIP naming the version.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"

#define PNS_MAX 65536

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespace alive */
}

static void parent(struct nsc_ctx *ctx)
{
	static pid_t pids[PNS_MAX];
	static const char *const tops[] = { "/tmp", "/mnt", "/run", "/dev/shm" };
	char data[64], dir[64], self[80];
	long long own, box;
	int fd, n, ret;
	size_t i;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	own = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	box = NSC_TRY(ctx, nsc_ns_ino(nsc_child_pid(ctx), CLONE_NEWPID, nsc_errbuf(ctx)));
	NSC_ISOLATED_NE(ctx, box, own, "the PID namespace pidns= names is the mounter's own");
	fd = NSC_TRY(ctx, nsc_ns_open(nsc_child_pid(ctx), CLONE_NEWPID, nsc_errbuf(ctx)));
	/*
	 * A tmpfs of our own mount namespace over a directory that exists
	 * (a container image may lack /tmp): nothing on the host.
	 */
	for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++)
		if (mount("tmpfs", tops[i], "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") == 0)
			break;
	if (i == sizeof(tops) / sizeof(tops[0]))
		nsc_error(ctx, errno, "mount a tmpfs on any of /tmp, /mnt, /run, /dev/shm");
	snprintf(dir, sizeof(dir), "%s/nscheck-pidns-proc", tops[i]);
	NSC_SAFE(ctx, mkdir(dir, 0555));
	snprintf(data, sizeof(data), "pidns=/proc/self/fd/%d", fd);
	ret = mount("proc", dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, data);
	if (ret < 0 && errno == EINVAL)
		nsc_skip(ctx, EINVAL, "use Linux >= 6.18",
			 "proc does not know the pidns= mount option");
	/* Rootless control: proc of nscheck's namespace is not ours to mount. */
	if (ret < 0 && errno == EPERM && !(nsc_sandbox_flags(ctx) & CLONE_NEWPID))
		goto out;
	if (ret < 0)
		nsc_skip_if_restricted(ctx, NSC_OP_MOUNT_PROC, errno, dir);
	NSC_SAFE(ctx, ret);
	n = NSC_TRY(ctx, nsc_proc_pids(dir, pids, PNS_MAX, nsc_errbuf(ctx)));
	NSC_ISOLATED_COND(ctx, "rootless, the control cannot mount proc of nscheck's namespace",
			  n == 1 && pids[0] == 1,
			  "proc mounted with pidns= lists %d PIDs (first %d), want only 1 (the sandbox)",
			  n, n ? (int)pids[0] : 0);
	snprintf(self, sizeof(self), "%s/self", dir);
	ret = (int)readlink(self, data, sizeof(data));
	NSC_EXPECT(ctx, ret < 0, "self in proc of a namespace the mounter is not in resolves");
	umount2(dir, MNT_DETACH);
out:
	close(fd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(pid, proc_pidns_mount_option) = {
	.summary = "proc mounted with pidns= shows the named PID namespace, not the mounter's",
	.clone_flags = CLONE_NEWPID,
	.outer_flags = CLONE_NEWNS,
	.child = child,
	.parent = parent,
	.min_kernel = "6.18",
	.anchors = NSC_ANCHORS("kselftest:proc/proc-pidns.c", "man:proc(5)"),
};
