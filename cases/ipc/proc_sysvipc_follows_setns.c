// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.proc_sysvipc_follows_setns: /proc/sysvipc/shm lists the segments of
 * the reader's current IPC namespace, also after setns(CLONE_NEWIPC) when
 * the file was read (its dentry cached) before the switch.  The case
 * process holds a segment in its disposable outer IPC namespace, the
 * sandbox one in its new namespace.  The case process reads
 * /proc/sysvipc/shm (its own key, not the sandbox's), joins the sandbox's
 * IPC namespace through an nsfd and reads it again: now the sandbox's key
 * and not its own.  Control: without CLONE_NEWIPC one namespace holds both
 * segments and both listings show both keys.
 *
 * Not a regression fix, whatever the catalogue says: /proc/sysvipc files
 * take the reader's IPC namespace in their open() hook, so they never had
 * the dcache bug of the files under /proc/net (fixed by 1fde6f21d90f
 * after setns(2)); kselftest proc/setns-sysvipc.c (2019) guards against
 * it appearing.  The property holds since setns(2) (3.0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "nscheck.h"

struct pss_shared {
	key_t outer, inner;
};

/* Does /proc/sysvipc/shm list @key?  1, 0, or -errno. */
static int pss_lists(key_t key)
{
	char line[512];
	int found = 0, first = 1;
	FILE *f = fopen("/proc/sysvipc/shm", "re");

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (first) { /* header */
			first = 0;
			continue;
		}
		if (strtol(line, NULL, 10) == (long)key)
			found = 1;
	}
	fclose(f);
	return found;
}

static int pss_read(struct nsc_ctx *ctx, key_t key)
{
	int ret = pss_lists(key);

	if (ret < 0) { /* /proc mounted with subset=pid hides /proc/sysvipc */
		nsc_skip_if_restricted(ctx, NSC_OP_READ, -ret, "/proc/sysvipc/shm");
		nsc_error(ctx, -ret, "read /proc/sysvipc/shm");
	}
	return ret;
}

static int setup(struct nsc_ctx *ctx)
{
	struct pss_shared *sh = nsc_shared_as(ctx, struct pss_shared);

	sh->outer = nsc_sysv_key();
	sh->inner = nsc_sysv_key();
	NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_SHM, sh->outer, nsc_errbuf(ctx)));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct pss_shared *sh = nsc_shared_as(ctx, struct pss_shared);

	NSC_TRY(ctx, nsc_sysv_create(NSC_SYSV_SHM, sh->inner, nsc_errbuf(ctx)));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keep the namespace alive until the reads are done */
}

static void parent(struct nsc_ctx *ctx)
{
	struct pss_shared *sh = nsc_shared_as(ctx, struct pss_shared);
	int fd;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	NSC_EXPECT_EQ(ctx, pss_read(ctx, sh->outer), 1,
		      "/proc/sysvipc/shm lists the case process's own segment");
	NSC_ISOLATED_EQ(ctx, pss_read(ctx, sh->inner), 0,
			"/proc/sysvipc/shm outside lists the sandbox's segment");
	fd = NSC_TRY(ctx, nsc_ns_open(nsc_child_pid(ctx), CLONE_NEWIPC, nsc_errbuf(ctx)));
	NSC_SAFE(ctx, setns(fd, CLONE_NEWIPC));
	close(fd);
	NSC_EXPECT_EQ(ctx, pss_read(ctx, sh->inner), 1,
		      "/proc/sysvipc/shm after setns() lists the sandbox's segment");
	NSC_ISOLATED_EQ(ctx, pss_read(ctx, sh->outer), 0,
			"/proc/sysvipc/shm after setns() into the sandbox lists the old namespace's segment");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(ipc, proc_sysvipc_follows_setns) = {
	.summary = "/proc/sysvipc follows setns(CLONE_NEWIPC), also when read before",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.0",
	.anchors = NSC_ANCHORS("kselftest:proc/setns-sysvipc.c", "man:setns(2)",
			       "man:ipc_namespaces(7)"),
};
