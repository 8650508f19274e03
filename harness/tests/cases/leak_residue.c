// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.leak_residue (test-only): deliberately leaves residue in the
 * namespaces nscheck runs in, for the residue audit to catch: a hostname,
 * a SysV shared memory segment and a named network namespace
 * (/run/netns/nsc-residue-test, a bind mount).  It runs only with
 * NSC_TEST_PLANT_RESIDUE=1, which harness/tests/integration/robust_audit.sh sets
 * inside private mount/UTS/IPC/net namespaces with a tmpfs on /run: the
 * real host is never touched.  Otherwise it SKIPs.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"

#define LEAK_NAME "nsc-residue-test"

static int setup(struct nsc_ctx *ctx)
{
	const char *v = getenv("NSC_TEST_PLANT_RESIDUE");

	if (!v || strcmp(v, "1"))
		nsc_skip(ctx, 0,
			 "harness/tests/integration/robust_audit.sh runs it in private namespaces",
			 "test-only: plants host residue, runs only with NSC_TEST_PLANT_RESIDUE=1");
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	nsc_sync_wake(ctx);
	nsc_sync_wait(ctx);
	NSC_EXPECT(ctx, true, "sandbox netns held until named");
}

/* Name the sandbox's network namespace like `ip netns add` would. */
static void parent(struct nsc_ctx *ctx)
{
	char ns[64];
	int fd;

	NSC_EXPECT_EQ(ctx, nsc_sync_wait(ctx), 0, "sandbox started");
	if (mkdir("/run/netns", 0755) < 0 && errno != EEXIST)
		nsc_error(ctx, errno, "mkdir /run/netns");
	fd = NSC_SAFE(ctx, open("/run/netns/" LEAK_NAME, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0));
	close(fd);
	snprintf(ns, sizeof(ns), "/proc/%d/ns/net", (int)nsc_child_pid(ctx));
	NSC_SAFE(ctx, mount(ns, "/run/netns/" LEAK_NAME, NULL, MS_BIND, NULL));
	NSC_SAFE(ctx, sethostname(LEAK_NAME, strlen(LEAK_NAME)));
	NSC_SAFE(ctx, shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600));
	nsc_sync_wake(ctx);
}

NSC_CASE(test, leak_residue) = {
	.summary = "test-only: leaves a hostname, a SysV segment and a named netns behind",
	.clone_flags = CLONE_NEWNET,
	.no_control = "test-only residue plant",
	.hidden = true,
	.setup = setup,
	.child = child,
	.parent = parent,
};
