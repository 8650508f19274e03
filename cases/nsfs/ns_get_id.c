// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.ns_get_id: NS_GET_ID (Linux 6.18) gives every namespace a non-zero
 * 64-bit id: the same through every fd of one namespace and for every
 * member (the sandbox reads its own, the case process reads the
 * sandbox's through /proc), and a different one for each namespace the
 * sandbox was cloned with (isolation check, per type).  For a mount
 * namespace, NS_GET_MNTNS_ID (6.12) agrees with it.  Control: without
 * the flags the sandbox's ids are the caller's.  A kernel without NS_GET_ID
 * (ENOTTY) SKIPs.
 */
#include "nsfs.h"

static const uint64_t id_types[] = { CLONE_NEWUTS, CLONE_NEWIPC,  CLONE_NEWNS,
				     CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWCGROUP };
#define ID_N (sizeof(id_types) / sizeof(id_types[0]))

struct id_shared {
	int err;
	uint64_t inner[ID_N]; /* the sandbox's own ids, read inside */
};

/* NS_GET_ID of @pid's namespace of type @flag; -errno in *@err. */
static uint64_t ns_id(pid_t pid, uint64_t flag, int *err)
{
	int fd = nsc_ns_open(pid, flag, NULL);
	uint64_t id = 0;

	*err = 0;
	if (fd < 0) {
		*err = fd;
		return 0;
	}
	if (ioctl(fd, NS_GET_ID, &id) < 0)
		*err = -errno;
	close(fd);
	return id;
}

static void child(struct nsc_ctx *ctx)
{
	struct id_shared *sh = nsc_shared_as(ctx, struct id_shared);

	for (size_t i = 0; i < ID_N && !sh->err; i++)
		sh->inner[i] = ns_id(0, id_types[i], &sh->err);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keeps the namespaces alive */
}

static void parent(struct nsc_ctx *ctx)
{
	struct id_shared *sh = nsc_shared_as(ctx, struct id_shared);
	pid_t pid = nsc_child_pid(ctx);
	uint64_t outer, mine, again, mnt = 0;
	int err, fd;

	NSC_TRY(ctx, nsc_sync_wait(ctx));
	if (sh->err == -ENOTTY)
		nsc_skip(ctx, ENOTTY, "Linux >= 6.18", "no NS_GET_ID in this kernel (ENOTTY)");
	if (sh->err)
		nsc_error(ctx, -sh->err, "NS_GET_ID inside the sandbox");
	for (size_t i = 0; i < ID_N; i++) {
		outer = ns_id(pid, id_types[i], &err);
		if (!err)
			again = ns_id(pid, id_types[i], &err);
		if (!err)
			mine = ns_id(0, id_types[i], &err);
		if (err)
			nsc_error(ctx, -err, "NS_GET_ID (flag %#llx)",
				  (unsigned long long)id_types[i]);
		NSC_EXPECT(ctx, outer != 0, "NS_GET_ID is 0 (flag %#llx)",
			   (unsigned long long)id_types[i]);
		NSC_EXPECT_EQ(ctx, again, outer, "NS_GET_ID through a second fd (flag %#llx)",
			      (unsigned long long)id_types[i]);
		NSC_EXPECT_EQ(ctx, sh->inner[i], outer,
			      "NS_GET_ID read inside equals the one read outside (flag %#llx)",
			      (unsigned long long)id_types[i]);
		NSC_ISOLATED_NE(ctx, outer, mine,
				"NS_GET_ID of the sandbox's namespace is the caller's (flag %#llx)",
				(unsigned long long)id_types[i]);
	}
	fd = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWNS, nsc_errbuf(ctx)));
	if (ioctl(fd, NS_GET_MNTNS_ID, &mnt) == 0)
		NSC_EXPECT_EQ(ctx, mnt, ns_id(pid, CLONE_NEWNS, &err),
			      "NS_GET_MNTNS_ID agrees with NS_GET_ID");
	close(fd);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(nsfs, ns_get_id) = {
	.summary = "NS_GET_ID gives each namespace one non-zero id, shared by all its members",
	.clone_flags = CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUSER |
		       CLONE_NEWCGROUP,
	.child = child,
	.parent = parent,
	.min_kernel = "6.18",
	.anchors = NSC_ANCHORS("kselftest:namespaces/nsid_test.c", "man:ioctl_ns(2)"),
};
