// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.sysfs_requires_owned_netns: sysfs may be mounted by a process
 * privileged only in a user namespace if that user namespace owns the
 * caller's network namespace (sysfs: kobj_ns_current_may_mount()), and a
 * sysfs is fully visible there.  The sandbox (new user, mount and network
 * namespaces) mounts sysfs: its class/net/lo is another kernfs node
 * (st_dev, st_ino) than the lo of a sysfs the case process mounted for
 * its own network namespace (as root only), and no device but lo is
 * listed.  Its
 * child then unshares a further user and mount namespace, keeping the
 * sandbox's network namespace that the new user namespace does not own:
 * its sysfs mount fails EPERM.  Control: without the namespaces the
 * mounts are made with nscheck's real privilege (as root the first lists
 * the host's devices; rootless it is SKIP like proc) and the child's
 * mount succeeds.
 */
#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnt.h"

struct sy_shared {
	char target[64], outer[128], inner[128], own[128];
	bool own_mounted; /* the case process's sysfs of its network namespace */
	int nested_errno, unshare_errno;
};

static int setup(struct nsc_ctx *ctx)
{
	struct sy_shared *sh = nsc_shared_as(ctx, struct sy_shared);

	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->outer, sizeof(sh->outer), sh->target, "sys"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->inner, sizeof(sh->inner), sh->target, "nested"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->own, sizeof(sh->own), sh->target, "own"));
	/* Rootless, the host's network namespace is not nscheck's: no comparison. */
	sh->own_mounted =
		mount("sysfs", sh->own, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0;
	sh->nested_errno = -1;
	return 0;
}

/* Interfaces under @sys/class/net other than "lo"; -1 if unreadable. */
static int foreign_links(const char *sys, char *first, size_t len)
{
	char dir[160];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/class/net", sys);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, "lo"))
			continue;
		if (!n++)
			snprintf(first, len, "%s", de->d_name);
	}
	closedir(d);
	return n;
}

static void child(struct nsc_ctx *ctx)
{
	struct sy_shared *sh = nsc_shared_as(ctx, struct sy_shared);
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char first[64] = "", lo[160];
	struct stat mine, host;
	int ret, n, status;
	pid_t pid;

	ret = mount("sysfs", sh->outer, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (ret < 0 && errno == EPERM) {
		if (!(nsc_sandbox_flags(ctx) & CLONE_NEWNET))
			nsc_skip(ctx, EPERM, "run nscheck as root",
				 "mounting sysfs of a network namespace nscheck does not own needs root");
		nsc_skip(ctx, EPERM,
			 "run where /sys is not masked (container runtimes mask /sys paths)",
			 "sysfs is not fully visible: the kernel refuses a new sysfs mount in a user+network namespace (EPERM)");
	}
	NSC_SAFE(ctx, ret);
	n = foreign_links(sh->outer, first, sizeof(first));
	NSC_ASSERT(ctx, n >= 0, "%s/class/net is readable", sh->outer);
	NSC_EXPECT_EQ(ctx, n, 0, "interfaces besides lo in the sandbox's sysfs (first: %s)", first);
	snprintf(lo, sizeof(lo), "%s/class/net/lo", sh->outer);
	NSC_SAFE(ctx, stat(lo, &mine));
	snprintf(lo, sizeof(lo), "%s/class/net/lo", sh->own);
	if (sh->own_mounted && stat(lo, &host) == 0)
		NSC_ISOLATED(ctx, mine.st_dev != host.st_dev || mine.st_ino != host.st_ino,
			     "the sandbox's sysfs shows the case process's lo (dev %llu ino %llu)",
			     (unsigned long long)mine.st_dev, (unsigned long long)mine.st_ino);

	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->unshare_errno = -nsc_unshare(ctx, CLONE_NEWUSER | CLONE_NEWNS);
		if (sh->unshare_errno)
			_exit(0);
		/* Map root of the new user namespace (if not withheld) to us. */
		if (nsc_ns_same(0, getppid(), CLONE_NEWUSER, NULL) == 0)
			sh->unshare_errno = -nsc_idmap_root(getpid(), uid, gid, NULL);
		if (sh->unshare_errno)
			_exit(0);
		ret = mount("sysfs", sh->inner, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
		sh->nested_errno = ret < 0 ? errno : 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	/* A refused namespace: ERROR with its errno, reported as SKIP naming why. */
	if (sh->unshare_errno)
		nsc_error(ctx, sh->unshare_errno,
			  "the child's unshare(CLONE_NEWUSER | CLONE_NEWNS) or its id map");
	NSC_ASSERT(ctx, sh->nested_errno >= 0, "the nested sysfs mount did not run");
	NSC_ISOLATED_EQ(ctx, sh->nested_errno, EPERM,
			"sysfs mount from a user namespace that does not own the network namespace");
}

NSC_CASE(mnt, sysfs_requires_owned_netns) = {
	.summary = "sysfs mounts need a user namespace that owns the network namespace",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWNET,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSFS", "CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "man:sysfs(5)",
			       "other:LTP netns_sysfs (as root only)"),
};
