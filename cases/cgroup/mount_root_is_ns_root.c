// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.mount_root_is_ns_root: cgroup2 mounted inside a new cgroup (and
 * mount) namespace is rooted at the namespace's root: its top directory
 * is the creator's cgroup, so it lists only that subtree, and its
 * mountinfo root field reads "/".  Asserted on the case's own cgroup C
 * (cgroupns.h), the sandbox's cgroup and namespace root, with a child
 * "sub": the sandbox mounts cgroup2 in its private mount namespace and
 * finds "sub" at the top and its own pid in the top's cgroup.procs.
 * Control: without the flags the mount (in the case process's disposable
 * mount namespace) shows the hierarchy from the case process's root,
 * where neither is at the top.  The case process has a cgroup namespace
 * of its own (.outer_flags, rooted at nscheck's cgroup): mounting cgroup2
 * needs CAP_SYS_ADMIN over the owner of the mounter's cgroup namespace,
 * which a control in the initial one lacks wherever nscheck runs in a
 * user namespace ("unshare -U -r", rootless with a delegated cgroup).
 */
#include <fcntl.h>
#include <sys/mount.h>

#include "cgroupns.h"

/* Mount cgroup2 over the first directory there is; its path or NULL. */
static const char *mrn_mount(void)
{
	static const char *const dirs[] = { "/sys/fs/cgroup", "/sys", "/mnt", "/tmp", "/run", "/dev" };

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (mount("cgroup2", dirs[i], "cgroup2", 0, NULL) == 0)
			return dirs[i];
	return NULL;
}

/* Is @pid listed in @dir/cgroup.procs? */
static bool mrn_lists(struct nsc_ctx *ctx, const char *dir, pid_t pid)
{
	char path[128], *buf, *p, *end;
	size_t len;
	bool found = false;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	NSC_TRY(ctx, nsc_file_read(path, 1 << 20, &buf, &len, nsc_errbuf(ctx)));
	for (p = buf;; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		found |= v == pid;
	}
	free(buf);
	return found;
}

static int setup(struct nsc_ctx *ctx)
{
	struct nsc_cgroup cg;

	nsc_cg_own_only(ctx, &cg);
	nsc_cg_mkdir(ctx, cg.fd, "sub");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	const char *dir = mrn_mount();
	struct nsc_mounts mi;
	char sub[128];
	int id = -1;

	if (!dir)
		nsc_error(ctx, errno, "mount cgroup2 in the sandbox's mount namespace");
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	NSC_ISOLATED(ctx, access(sub, F_OK) == 0,
		     "the creator's child cgroup 'sub' at the top of a cgroup2 mount made inside");
	NSC_ISOLATED(ctx, mrn_lists(ctx, dir, getpid()),
		     "the top of a cgroup2 mount made inside lists the namespace's member");
	NSC_TRY(ctx, nsc_mountinfo_read(NULL, &mi, nsc_errbuf(ctx)));
	for (size_t k = 0; k < mi.n; k++)
		if (!strcmp(mi.m[k].target, dir) && !strcmp(mi.m[k].fstype, "cgroup2")) {
			id = mi.m[k].id;
			NSC_EXPECT_STREQ(ctx, mi.m[k].root, "/",
					 "mountinfo root of the new cgroup2 mount");
		}
	nsc_mountinfo_free(&mi);
	NSC_EXPECT(ctx, id >= 0, "the new cgroup2 mount on %s is in mountinfo", dir);
}

NSC_CASE(cgroup, mount_root_is_ns_root) = {
	.summary = "cgroup2 mounted inside a cgroup namespace is rooted at the namespace root",
	.clone_flags = CLONE_NEWCGROUP | CLONE_NEWNS,
	.outer_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:cgroup_namespaces(7)"),
};
