// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.unshare_unshares_fs: unshare(CLONE_NEWNS) implies CLONE_FS: a
 * process that shares its fs_struct (root, cwd, umask) with another,
 * made by clone(CLONE_FS), gets its own copy, so a later chdir() by the
 * other no longer moves its cwd, nor does a umask() change.  clone() with
 * CLONE_NEWNS and CLONE_FS together fails EINVAL.
 * Control: without the unshare the fs_struct stays shared and the other
 * process's chdir() moves the caller's cwd.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mnt.h"

static void child(struct nsc_ctx *ctx)
{
	char cwd[64] = "", b = 0;
	int go[2], done[2], status;
	mode_t old;
	long pid;

	NSC_SAFE(ctx, chdir("/"));
	old = umask(022);
	NSC_SAFE(ctx, pipe2(go, O_CLOEXEC));
	NSC_SAFE(ctx, pipe2(done, O_CLOEXEC));
	pid = NSC_SAFE(ctx, syscall(SYS_clone, CLONE_FS | SIGCHLD, NULL, NULL, NULL, NULL));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (read(go[0], &b, 1) == 1 && chdir("/proc") == 0) {
			umask(077);
			if (write(done[1], "x", 1) == 1)
				_exit(0);
		}
		_exit(1);
	}
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWNS));
	NSC_SAFE(ctx, write(go[1], "x", 1));
	NSC_ASSERT_EQ(ctx, read(done[0], &b, 1), 1, "the CLONE_FS sibling changed its cwd");
	NSC_SAFE(ctx, waitpid((pid_t)pid, &status, 0));
	NSC_SAFE(ctx, getcwd(cwd, sizeof(cwd)) ? 0 : -1);
	NSC_ISOLATED_STREQ(ctx, cwd, "/",
			   "cwd after the CLONE_FS sibling's chdir(\"/proc\"), past unshare(CLONE_NEWNS)");
	NSC_ISOLATED_EQ(ctx, umask(old), 022,
			"umask after the CLONE_FS sibling's umask(077), past unshare(CLONE_NEWNS)");
	errno = 0;
	pid = syscall(SYS_clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid((pid_t)pid, &status, 0);
	NSC_EXPECT_EQ(ctx, pid < 0 ? errno : 0, EINVAL, "clone(CLONE_NEWNS | CLONE_FS)");
}

NSC_CASE(mnt, unshare_unshares_fs) = {
	.summary = "unshare(CLONE_NEWNS) also unshares the fs_struct (cwd, root, umask)",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.child = child,
	.min_kernel = "2.6.16",
	.anchors = NSC_ANCHORS("ltp:unshare04", "man:unshare(2)", "man:clone(2)"),
};
