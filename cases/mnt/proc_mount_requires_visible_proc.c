// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.proc_mount_requires_visible_proc: a process that holds
 * CAP_SYS_ADMIN only in a user namespace may mount a new proc instance
 * only where a proc is already fully visible in its mount namespace
 * (fs/namespace.c mnt_already_visible(): no locked mount covers anything
 * in it but a permanently empty directory).  This is the rule that stops
 * a nested container from mounting proc while /proc paths are masked.
 *
 * The sandbox (new user, mount and PID namespaces) first mounts a fresh
 * proc on /proc, which must work (the host's proc is visible; a masked
 * host proc is SKIP naming the restriction), and covers /proc/driver in
 * it with a tmpfs, the way OCI runtimes mask paths.  It then unshares a
 * further user, mount and PID namespace: the copies are locked there, so
 * no proc is fully visible, and a proc mount by its PID 1 fails EPERM.
 * Control: without the namespaces (real root in the case process's
 * disposable mount namespace) the same mount succeeds despite the mask.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnt.h"

struct pv_shared {
	char src[64];
	int mount_errno; /* of the masked-proc mount, -1 before it ran */
};

static int setup(struct nsc_ctx *ctx)
{
	struct pv_shared *sh = nsc_shared_as(ctx, struct pv_shared);

	nsc_mnt_source(sh->src, sizeof(sh->src), "pv-mask");
	sh->mount_errno = -1;
	return 0;
}

/* Map root of the just unshared user namespace (if one was unshared) to us. */
static void map_self(struct nsc_ctx *ctx, uid_t uid, gid_t gid)
{
	char map[16] = "";
	ssize_t n;
	int fd = NSC_SAFE(ctx, open("/proc/self/uid_map", O_RDONLY | O_CLOEXEC));

	n = read(fd, map, sizeof(map) - 1);
	close(fd);
	if (n > 0)
		return; /* the user namespace was withheld: nothing to map */
	NSC_TRY(ctx, nsc_idmap_root(getpid(), uid, gid, nsc_errbuf(ctx)));
}

/*
 * Every other proc mount of the namespace (the old root's /proc after a
 * pivot_root, as in ci/deb's throwaway root) would be a fully visible
 * proc: cover each with a tmpfs, as a runtime masks them.
 */
static void mask_other_procs(struct nsc_ctx *ctx)
{
	struct nsc_mounts m;

	NSC_TRY(ctx, nsc_mountinfo_read("/proc/self/mountinfo", &m, nsc_errbuf(ctx)));
	for (size_t i = 0; i < m.n; i++)
		if (!strcmp(m.m[i].fstype, "proc") && strcmp(m.m[i].target, "/proc") &&
		    strncmp(m.m[i].target, "/proc/", 6) &&
		    mount("nscheck", m.m[i].target, "tmpfs", MS_NOEXEC, "size=4k") < 0 &&
		    errno != ENOENT && errno != EACCES)
			nsc_error(ctx, errno, "cover the proc mount on %s", m.m[i].target);
	nsc_mountinfo_free(&m);
}

static void child(struct nsc_ctx *ctx)
{
	struct pv_shared *sh = nsc_shared_as(ctx, struct pv_shared);
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int ret, status;
	pid_t pid;

	ret = nsc_proc_mount("/proc", nsc_errbuf(ctx));
	/* Rootless, the control's proc (the host PID namespace) is not ours. */
	if (ret == -EPERM && !(nsc_sandbox_flags(ctx) & CLONE_NEWPID))
		nsc_skip(ctx, EPERM, "run nscheck as root",
			 "mounting proc of a PID namespace nscheck does not own needs root");
	if (ret < 0)
		nsc_skip_if_restricted(ctx, NSC_OP_MOUNT_PROC, -ret, "/proc");
	NSC_TRY(ctx, ret);
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src, "/proc/driver", MS_NOEXEC));
	mask_other_procs(ctx);

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID));
	map_self(ctx, uid, gid);
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		ret = mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
		sh->mount_errno = ret < 0 ? errno : 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_ASSERT(ctx, sh->mount_errno >= 0, "the proc mount attempt did not run");
	NSC_ISOLATED_EQ(ctx, sh->mount_errno, EPERM,
			"proc mount with only a masked proc visible, from a nested user namespace");
}

NSC_CASE(mnt, proc_mount_requires_visible_proc) = {
	.summary = "a user namespace may mount proc only while a proc is fully visible",
	.clone_flags = CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_PROC_FS", "CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.min_kernel = "4.1",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)", "man:user_namespaces(7)",
			       "other:fs/namespace.c mnt_already_visible()"),
};
