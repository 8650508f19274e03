// SPDX-License-Identifier: GPL-2.0-only
/*
 * pidfd.fdinfo_nspid: /proc/self/fdinfo of a pidfd shows the task's
 * "Pid:" in the reader's PID namespace and "NSpid:" from there down to
 * the task's own namespace: "<outer>\t1" for the init of a child PID
 * namespace (isolation check: two levels, the last 1).  After the task
 * has exited and been reaped both read -1 (both since Linux 5.5: "pidfd:
 * add NSpid entries to fdinfo", "pidfd: check pid has attached task in
 * fdinfo").  Control: without CLONE_NEWPID NSpid has one level, the outer
 * pid.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "nscheck.h"

static int nsc_fn_dup = -1; /* the sandbox's pidfd, kept past the reaping */

/* "Pid:" and "NSpid:" of pidfd @fd: the NSpid levels, or -errno. */
static int fn_read(int fd, long *pid, long *nspid, int max)
{
	char path[64], line[256], *p, *end;
	int n = -ENOENT;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	*pid = 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Pid:", 4)) {
			*pid = strtol(line + 4, NULL, 10);
		} else if (!strncmp(line, "NSpid:", 6)) {
			for (n = 0, p = line + 6; n < max; p = end) {
				long v = strtol(p, &end, 10);

				if (end == p)
					break;
				nspid[n++] = v;
			}
		}
	}
	fclose(f);
	return n;
}

static void child(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
}

static void parent(struct nsc_ctx *ctx)
{
	long pid = 0, nspid[34] = { 0 };
	int n;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	nsc_fn_dup = NSC_SAFE(ctx, fcntl(nsc_child_pidfd(ctx), F_DUPFD_CLOEXEC, 0));
	n = fn_read(nsc_child_pidfd(ctx), &pid, nspid, 34);
	if (n == -ENOENT)
		nsc_skip(ctx, ENOENT, "Linux >= 5.5", "no NSpid line in a pidfd's fdinfo");
	n = NSC_SAFE(ctx, n);
	NSC_EXPECT_EQ(ctx, pid, nsc_child_pid(ctx), "Pid: in the pidfd's fdinfo");
	NSC_ISOLATED_EQ(ctx, n, 2, "NSpid levels of the init of a child PID namespace");
	if (n >= 1)
		NSC_EXPECT_EQ(ctx, nspid[0], nsc_child_pid(ctx), "first NSpid entry");
	if (n >= 2)
		NSC_EXPECT_EQ(ctx, nspid[n - 1], 1, "last NSpid entry");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void verify(struct nsc_ctx *ctx)
{
	long pid = 0, nspid[34] = { 0 };
	int n = NSC_SAFE(ctx, fn_read(nsc_fn_dup, &pid, nspid, 34));

	NSC_EXPECT_EQ(ctx, pid, -1, "Pid: of a reaped task's pidfd");
	NSC_EXPECT(ctx, n == 1 && nspid[0] == -1, "NSpid: of a reaped task's pidfd: %d levels, %ld",
		   n, n > 0 ? nspid[0] : 0);
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	close(nsc_fn_dup);
}

NSC_CASE(pidfd, fdinfo_nspid) = {
	.summary = "a pidfd's fdinfo shows NSpid from the reader's PID namespace down",
	.clone_flags = CLONE_NEWPID,
	.child = child,
	.parent = parent,
	.verify = verify,
	.cleanup = cleanup,
	.min_kernel = "5.5",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_fdinfo_test.c", "man:pidfd_open(2)",
			       "man:proc_pid_fdinfo(5)"),
};
