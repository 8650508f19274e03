// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.bind_mount_keeps_alive: a namespace outlives its last member while
 * an fd of it is open or its nsfs file is bind-mounted, and setns()
 * through either joins it, with the state the dead member left.  The
 * sandbox sets a hostname in its new UTS namespace; the case process
 * holds an fd of that namespace and bind-mounts it onto a file in its own
 * disposable mount namespace.  After the sandbox was reaped, a helper
 * joins through the fd, another through the bind mount, and both read
 * the hostname.  Where the kernel has nsfs file handles (6.18), a handle
 * of the namespace reopens it while it is held, and no longer once the
 * fd is closed and the bind mount gone (ESTALE or ENOENT); under a
 * seccomp filter denying open_by_handle_at(2) that part is left out.
 * Isolation check: before anything is joined, the sandbox's hostname is
 * not the case process's.  Control: without CLONE_NEWUTS the name shows
 * outside at once.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../mnt/mnt.h"
#include "nsfs.h"

struct ka_shared {
	char name[65];	/* set by the sandbox */
	char file[128]; /* the bind mount */
	char seen[65];	/* hostname a helper read after joining */
	int join_err;	/* -errno of the helper's setns(), or 0 */
};

static int nsc_ka_fd = -1;
static struct {
	struct file_handle fh;
	unsigned char buf[MAX_HANDLE_SZ];
} nsc_ka_handle;
static bool nsc_ka_has_handle;

/* In a helper: setns(@fd, CLONE_NEWUTS) and read the hostname. */
static void ka_join(struct nsc_ctx *ctx, int fd)
{
	struct ka_shared *sh = nsc_shared_as(ctx, struct ka_shared);
	pid_t pid;
	int status;

	memset(sh->seen, 0, sizeof(sh->seen));
	sh->join_err = 0;
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		if (setns(fd, CLONE_NEWUTS) < 0 || gethostname(sh->seen, sizeof(sh->seen) - 1) < 0)
			sh->join_err = -errno;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
}

/* open_by_handle_at() of the saved handle: 0 or -errno. */
static int ka_reopen(void)
{
	int fd = open_by_handle_at(FD_NSFS_ROOT, &nsc_ka_handle.fh, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int setup(struct nsc_ctx *ctx)
{
	struct ka_shared *sh = nsc_shared_as(ctx, struct ka_shared);
	char dir[96];
	int fd;

	snprintf(sh->name, sizeof(sh->name), "nsc-%d-alive", (int)getpid());
	nsc_mnt_make_target(ctx, dir, sizeof(dir));
	snprintf(sh->file, sizeof(sh->file), "%s/uts", dir);
	fd = NSC_SAFE(ctx, open(sh->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
	close(fd);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ka_shared *sh = nsc_shared_as(ctx, struct ka_shared);

	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->name, strlen(sh->name)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* then exit */
}

static void parent(struct nsc_ctx *ctx)
{
	struct ka_shared *sh = nsc_shared_as(ctx, struct ka_shared);
	char now[65] = "", src[64];
	int mount_id;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_ISOLATED_STRNE(ctx, now, sh->name, "the sandbox's hostname shows outside");
	nsc_ka_fd = NSC_TRY(ctx, nsc_ns_open(nsc_child_pid(ctx), CLONE_NEWUTS, nsc_errbuf(ctx)));
	snprintf(src, sizeof(src), "/proc/self/fd/%d", nsc_ka_fd);
	NSC_SAFE(ctx, mount(src, sh->file, NULL, MS_BIND, NULL));
	nsc_ka_handle.fh.handle_bytes = MAX_HANDLE_SZ;
	nsc_ka_has_handle =
		name_to_handle_at(nsc_ka_fd, "", &nsc_ka_handle.fh, &mount_id, AT_EMPTY_PATH) == 0;
	/* A seccomp filter denying open_by_handle_at(2): leave handles out. */
	if (nsc_ka_has_handle && ka_reopen() == -EPERM)
		nsc_ka_has_handle = false;
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void verify(struct nsc_ctx *ctx)
{
	struct ka_shared *sh = nsc_shared_as(ctx, struct ka_shared);
	int fd, r;

	/* The sandbox is reaped: only the fd and the bind mount hold it. */
	ka_join(ctx, nsc_ka_fd);
	NSC_EXPECT_EQ(ctx, sh->join_err, 0, "setns() through a held fd after the last member died");
	NSC_EXPECT_STREQ(ctx, sh->seen, sh->name, "hostname through the held fd");
	if (nsc_ka_has_handle) {
		r = ka_reopen();
		NSC_EXPECT_EQ(ctx, r, 0, "open_by_handle_at() of a held namespace");
	}
	close(nsc_ka_fd);
	nsc_ka_fd = -1;
	fd = NSC_SAFE(ctx, open(sh->file, O_RDONLY | O_CLOEXEC));
	ka_join(ctx, fd);
	close(fd);
	NSC_EXPECT_EQ(ctx, sh->join_err, 0, "setns() through the bind mount, no fd held");
	NSC_EXPECT_STREQ(ctx, sh->seen, sh->name, "hostname through the bind mount");
	NSC_SAFE(ctx, umount2(sh->file, 0));
	if (nsc_ka_has_handle) {
		r = ka_reopen();
		NSC_EXPECT(ctx, r == -ESTALE || r == -ENOENT,
			   "open_by_handle_at() of a namespace nothing holds gave %d, want ESTALE or "
			   "ENOENT",
			   r);
	}
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	if (nsc_ka_fd >= 0)
		close(nsc_ka_fd);
}

NSC_CASE(nsfs, bind_mount_keeps_alive) = {
	.summary = "a held fd or a bind mount keeps a namespace without members joinable",
	.clone_flags = CLONE_NEWUTS,
	.outer_flags = CLONE_NEWNS,
	.setup = setup,
	.child = child,
	.parent = parent,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:namespaces(7)", "man:setns(2)", "man:ip-netns(8)"),
};
