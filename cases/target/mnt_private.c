// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.mnt_private: the target's mount namespace is its own (not
 * nscheck's, not PID 1's); its root, as a probe that joined it sees "/",
 * is not nscheck's root directory (device and inode); and its /proc
 * belongs to the target's PID namespace (from inside both, /proc/self is
 * the probe's own PID there): it lists that namespace's processes only.
 * Control: nscheck's own case process as the target, in a disposable
 * mount namespace, shares nscheck's root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "nscheck.h"

struct mnt_seen {
	dev_t root_dev;
	ino_t root_ino;
	int proc_self; /* /proc/self inside, -1: no /proc */
	pid_t pid;     /* getpid() inside */
	unsigned int nproc;
};

static int setup(struct nsc_ctx *ctx)
{
	struct mnt_seen *sh = nsc_shared_as(ctx, struct mnt_seen);
	struct stat st;

	NSC_SAFE(ctx, stat("/", &st));
	sh->root_dev = st.st_dev;
	sh->root_ino = st.st_ino;
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct mnt_seen *sh = nsc_shared_as(ctx, struct mnt_seen);
	char buf[32];
	struct stat st;
	ssize_t n;

	NSC_SAFE(ctx, stat("/", &st));
	NSC_ISOLATED(ctx, st.st_dev != sh->root_dev || st.st_ino != sh->root_ino,
		     "the target's root directory is the host's (device %u:%u, inode %llu)",
		     major(st.st_dev), minor(st.st_dev), (unsigned long long)st.st_ino);
	sh->pid = getpid();
	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	sh->proc_self = n > 0 ? (buf[n] = '\0', atoi(buf)) : -1;
}

static void verify(struct nsc_ctx *ctx)
{
	struct mnt_seen *sh = nsc_shared_as(ctx, struct mnt_seen);

	nsc_target_ns_private(ctx, CLONE_NEWNS,
			      "mount namespace is the host's: the container shares the host's mounts");
	if (sh->proc_self < 0) {
		nsc_finding(ctx, "proc", "no /proc in the target's mount namespace");
		return;
	}
	nsc_finding(ctx, "proc",
		    "/proc/self is %d for the probe, PID %d in the target's PID namespace",
		    sh->proc_self, (int)sh->pid);
	NSC_EXPECT_EQ(ctx, sh->proc_self, sh->pid,
		      "/proc in the target's mount namespace belongs to its PID namespace");
}

NSC_CASE(target, mnt_private) = {
	.summary = "the target's mount namespace and root are its own; its /proc is its PID namespace's",
	.target_flags = CLONE_NEWNS | CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.verify = verify,
	.needs_root = true,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)", "man:setns(2)", "man:proc(5)"),
};
