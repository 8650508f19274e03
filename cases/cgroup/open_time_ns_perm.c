// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.open_time_ns_perm: a migration through a cgroup.procs fd is
 * checked against the cgroup namespace captured when the fd was opened
 * (cgroup_file_open stores it in the open file's context; since 5.16,
 * e57457641613 "cgroup: Use open-time cgroup namespace for process
 * migration perm checks", the CVE-2021-4197 fix, also in the stable
 * series), not the writer's: an fd opened inside a lesser cgroup
 * namespace cannot move a task outside that namespace's root even when a
 * task of the parent namespace writes to it (ENOENT, with nsdelegate).
 * Asserted on the case's own cgroup C (cgroupns.h) with children a and
 * b: the sandbox starts in C/a with a new cgroup namespace (root C/a),
 * opens C/b's cgroup.procs and passes the fd to the case process
 * (SCM_RIGHTS), which writes the sandbox's pid to it: ENOENT.  A kernel
 * without the fix lets the write through (FAIL).  Control: without
 * CLONE_NEWCGROUP for the opener the write succeeds.
 * Catalogue row checked against the kernel (__cgroup_procs_write,
 * cgroup_file_open): right, with one precision: the credentials half is
 * another commit of the same CVE set, 1756d7994ad8 "cgroup: Use open-time
 * credentials for process migraton perm checks" (5.16, the DAC check runs
 * with the opener's f_cred); it is not asserted here (it needs a writer
 * of another uid; kselftest cgroup/test_core.c test_cgcore_lesser_euid_open).
 * Without nsdelegate the namespace part of the check does not exist:
 * SKIP (see nsdelegate_migration_boundary.c).
 */
#include <fcntl.h>
#include <sys/socket.h>

#include "cgroupns.h"

struct otp_shared {
	int b_fd;
	int sock[2];
};

static int setup(struct nsc_ctx *ctx)
{
	struct otp_shared *sh = nsc_shared_as(ctx, struct otp_shared);
	struct nsc_cgroup cg;

	nsc_cg_need_nsdelegate(ctx);
	nsc_cg_own_only(ctx, &cg);
	nsc_cgroup_sandbox(ctx, nsc_cg_mkdir(ctx, cg.fd, "a"));
	sh->b_fd = nsc_cg_mkdir(ctx, cg.fd, "b");
	NSC_SAFE(ctx, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sh->sock));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct otp_shared *sh = nsc_shared_as(ctx, struct otp_shared);
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, byte = 0;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf)
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	int fd;

	/* Opened here, inside the namespace rooted at C/a. */
	fd = (int)NSC_SAFE(ctx, openat(sh->b_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	NSC_SAFE(ctx, sendmsg(sh->sock[1], &mh, MSG_NOSIGNAL));
	close(fd);
	/* Stay in C/a until the case process has written. */
	nsc_sync_wait(ctx);
}

/* The fd the sandbox sends, or ERROR when it sent none. */
static int otp_receive(struct nsc_ctx *ctx, int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf)
	};
	struct cmsghdr *c;
	int fd = -1;

	if (NSC_SAFE(ctx, recvmsg(sock, &mh, MSG_CMSG_CLOEXEC)) == 0)
		nsc_error(ctx, EPIPE, "the sandbox sent no cgroup.procs fd");
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		nsc_error(ctx, EPROTO, "the sandbox's message carries no fd");
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static void parent(struct nsc_ctx *ctx)
{
	struct otp_shared *sh = nsc_shared_as(ctx, struct otp_shared);
	char b[24];
	int fd, n, ret = 0;

	/* Ours closed: a sandbox that dies before sending gives EOF. */
	close(sh->sock[1]);
	fd = otp_receive(ctx, sh->sock[0]);
	n = snprintf(b, sizeof(b), "%d", (int)nsc_child_pid(ctx));
	if (write(fd, b, (size_t)n) != n)
		ret = -errno;
	close(fd);
	nsc_sync_wake(ctx);
	if (ret < 0 && ret != -ENOENT)
		nsc_error(ctx, -ret, "cgroup.procs write through the sandbox's fd");
	NSC_ISOLATED_EQ(ctx, ret, -ENOENT,
			"moving the sandbox out of its cgroup namespace root through an fd it opened, written from the parent namespace (CVE-2021-4197)");
}

NSC_CASE(cgroup, open_time_ns_perm) = {
	.summary = "cgroup.procs migration is checked against the opener's cgroup namespace",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.parent = parent,
	.child = child,
	.min_kernel = "5.16",
	.anchors = NSC_ANCHORS("kselftest:cgroup/test_core.c", "ltp:cgroup_core02"),
	.tags = "CVE-2021-4197; e57457641613 (5.16)",
};
