// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.binfmt_misc_private: since Linux 6.7 binfmt_misc mounted inside a
 * user namespace (with a mount namespace it owns) is an instance of that
 * user namespace.  The sandbox makes a binfmt_misc instance (a detached
 * mount, fsopen(2): no mount point needed), registers a handler named
 * after the case (an extension that no file has, an interpreter that does
 * not exist: it is never used) and sees it listed; the new instance lists
 * nothing else (no handler of the parent's).  While the sandbox holds it,
 * the case process makes its own instance in its own user namespace:
 * the handler is absent there.  That parent is the case process's
 * disposable user namespace (.outer_flags): even the control never
 * registers a handler in the host's instance.  Control: without
 * CLONE_NEWUSER the sandbox registers in the case process's instance,
 * which then lists the handler.  Before 6.7 binfmt_misc cannot be
 * mounted inside a user namespace: SKIP naming the version.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "user.h"

struct bm_shared {
	char name[32];
};

/* Entries of the instance at @mfd other than register, status and @name. */
static int others(int mfd, const char *name)
{
	struct dirent *d;
	int fd = openat(mfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0;
	DIR *dir = fd < 0 ? NULL : fdopendir(fd);

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.' && strcmp(d->d_name, "register") &&
		    strcmp(d->d_name, "status") && strcmp(d->d_name, name))
			n++;
	closedir(dir);
	return n;
}

static int setup(struct nsc_ctx *ctx)
{
	struct bm_shared *sh = nsc_shared_as(ctx, struct bm_shared);

	nsc_user_map_outer(ctx);
	snprintf(sh->name, sizeof(sh->name), "nsc-%d", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct bm_shared *sh = nsc_shared_as(ctx, struct bm_shared);
	int mfd = nsc_user_fsmount("binfmt_misc", NULL), fd;
	char rule[96];
	struct stat st;

	if (mfd == -ENODEV)
		nsc_skip(ctx, ENODEV, "build the kernel with CONFIG_BINFMT_MISC",
			 "binfmt_misc is not a known file system here");
	if (mfd == -ENOSYS)
		nsc_skip(ctx, ENOSYS, "use Linux 6.7 or later", "no fsopen(2) (Linux < 5.2)");
	if (mfd == -EPERM && nsc_user_kernel_older(6, 7))
		nsc_skip(ctx, EPERM, "use Linux 6.7 or later",
			 "binfmt_misc cannot be mounted in a user namespace before Linux 6.7");
	NSC_SAFE(ctx, mfd);
	NSC_EXPECT_EQ(ctx, others(mfd, sh->name), 0, "handlers listed by a fresh instance");
	snprintf(rule, sizeof(rule), ":%s:E::nscx%d::/nonexistent/nsc:", sh->name, (int)getpid());
	fd = NSC_SAFE(ctx, openat(mfd, "register", O_WRONLY | O_CLOEXEC));
	NSC_SAFE(ctx, write(fd, rule, strlen(rule)));
	close(fd);
	NSC_EXPECT(ctx, fstatat(mfd, sh->name, &st, 0) == 0,
		   "the handler registered inside is listed there");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* hold the instance until the parent looked */
	close(mfd);
}

static void parent(struct nsc_ctx *ctx)
{
	struct bm_shared *sh = nsc_shared_as(ctx, struct bm_shared);
	struct stat st;
	int mfd, ret;

	if (nsc_sync_wait(ctx) < 0)
		return; /* the sandbox left (SKIP or ERROR recorded there) */
	/* A mount namespace its user namespace owns (the control has one). */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWNS));
	mfd = nsc_user_fsmount("binfmt_misc", NULL);
	if (mfd < 0)
		nsc_error(ctx, -mfd, "binfmt_misc instance of the case process");
	ret = fstatat(mfd, sh->name, &st, 0) < 0 ? -errno : 0;
	close(mfd);
	NSC_ISOLATED_EQ(ctx, ret, -ENOENT,
			"the sandbox's handler seen in the parent user namespace's instance");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, binfmt_misc_private) = {
	.summary = "binfmt_misc mounted in a user namespace is an instance of its own",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWNS,
	.outer_flags = CLONE_NEWUSER,
	.kconfigs = NSC_KCONFIGS("CONFIG_BINFMT_MISC"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "6.7",
	.anchors = NSC_ANCHORS("other:Documentation/admin-guide/binfmt-misc.rst",
			       "other:kernel 6.7 binfmt_misc: enable sandboxed mounts"),
};
