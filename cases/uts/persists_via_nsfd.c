// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.persists_via_nsfd: a UTS namespace outlives its last member while
 * something holds it.  The sandbox sets a hostname and exits; before it
 * exits the case process opens its UTS namespace (nsc_ns_open) and
 * bind-mounts that fd (/proc/self/fd/N) onto a file (in its disposable mount namespace, on a staging tmpfs).
 * After the sandbox is gone, a process that setns()es through the held
 * fd, and one that setns()es through the bind mount, each read the name
 * the dead member set.  Isolation check: the case process itself does not
 * have that name.  Control: without CLONE_NEWUTS the "namespace" is the
 * disposable outer one, whose name the case process then reads.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"
#include "../mnt/mnt.h"

struct keep_shared {
	char name[65];	  /* set by the sandbox */
	char file[128];	  /* bind mount of the sandbox's UTS nsfd */
	char via_fd[65];  /* read after setns() through the held fd */
	char via_mnt[65]; /* read after setns() through the bind mount */
	int fd_err, mnt_err;
};

static int keep_fd = -1;

static int setup(struct nsc_ctx *ctx)
{
	struct keep_shared *sh = nsc_shared_as(ctx, struct keep_shared);
	char dir[96];
	int fd;

	snprintf(sh->name, sizeof(sh->name), "nsc-%d-kept", (int)getpid());
	nsc_mnt_make_target(ctx, dir, sizeof(dir));
	snprintf(sh->file, sizeof(sh->file), "%s/uts", dir);
	fd = (int)NSC_SAFE(ctx, open(sh->file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
	close(fd);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct keep_shared *sh = nsc_shared_as(ctx, struct keep_shared);

	NSC_SAFE_OP(ctx, NSC_OP_SETHOSTNAME, NULL, sethostname(sh->name, strlen(sh->name)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* held: now exit */
}

static void parent(struct nsc_ctx *ctx)
{
	struct keep_shared *sh = nsc_shared_as(ctx, struct keep_shared);
	char path[64];

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	keep_fd = NSC_TRY(ctx, nsc_ns_open(nsc_child_pid(ctx), CLONE_NEWUTS, nsc_errbuf(ctx)));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", keep_fd);
	NSC_SAFE(ctx, mount(path, sh->file, NULL, MS_BIND, NULL));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

/* In a forked process: join the UTS namespace behind @fd, read the name. */
static int read_via(int fd, char *out)
{
	if (setns(fd, CLONE_NEWUTS) < 0)
		return errno;
	return gethostname(out, 65) < 0 ? errno : 0;
}

static void verify(struct nsc_ctx *ctx)
{
	struct keep_shared *sh = nsc_shared_as(ctx, struct keep_shared);
	char now[65] = "";
	int status, mfd;
	pid_t pid;

	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_ISOLATED_STRNE(ctx, now, sh->name, "hostname the sandbox set shows outside");
	mfd = (int)NSC_SAFE(ctx, open(sh->file, O_RDONLY | O_CLOEXEC));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->fd_err = read_via(keep_fd, sh->via_fd);
		sh->mnt_err = read_via(mfd, sh->via_mnt);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	close(mfd);
	if (sh->fd_err)
		nsc_error(ctx, sh->fd_err, "setns through the held ns/uts fd");
	if (sh->mnt_err)
		nsc_error(ctx, sh->mnt_err, "setns through the bind mount of ns/uts");
	NSC_EXPECT_STREQ(ctx, sh->via_fd, sh->name,
			 "hostname of a UTS namespace held by an fd after its last member exited");
	NSC_EXPECT_STREQ(ctx, sh->via_mnt, sh->name,
			 "hostname of a UTS namespace held by a bind mount after its last member exited");
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	if (keep_fd >= 0)
		close(keep_fd);
	keep_fd = -1;
}

NSC_CASE(uts, persists_via_nsfd) = {
	.summary = "a UTS namespace held by an nsfd or a bind mount keeps its name after its members exit",
	.clone_flags = CLONE_NEWUTS,
	.outer_flags = CLONE_NEWUTS | CLONE_NEWNS,
	.setup = setup,
	.child = child,
	.parent = parent,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:namespaces(7)", "man:setns(2)"),
};
