// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.unmapped_ids_overflow: an id that the reader's user namespace does
 * not map reads as the overflow id, and cannot be used: the sandbox (uid
 * 0 by the harness's map) unshares a further user namespace whose maps it
 * never writes, so every id is unmapped there.  fstat() of a memfd it
 * created before (owned by its mapped uid 0) then shows
 * /proc/sys/kernel/overflowuid and overflowgid, and fchown() of that
 * memfd to uid 0, which the namespace does not map, fails EINVAL (the
 * kernel refuses the id before any permission check).  Control: without
 * CLONE_NEWUSER nothing is unshared, the owner reads as the real uid and
 * gid, and fchown() to the owner's own uid succeeds.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include "user.h"

static void child(struct nsc_ctx *ctx)
{
	long long ouid = nsc_sysctl_long(ctx, "/proc/sys/kernel/overflowuid");
	long long ogid = nsc_sysctl_long(ctx, "/proc/sys/kernel/overflowgid");
	uid_t uid = getuid();
	gid_t gid = getgid();
	struct stat st;
	int fd, ret;

	fd = NSC_SAFE(ctx, memfd_create("nsc-unmapped", MFD_CLOEXEC));
	NSC_SAFE(ctx, fstat(fd, &st));
	NSC_EXPECT(ctx, st.st_uid == uid && st.st_gid == gid,
		   "memfd owned by %u:%u in the sandbox, want its creator %u:%u", st.st_uid,
		   st.st_gid, uid, gid);
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUSER));
	NSC_SAFE(ctx, fstat(fd, &st));
	NSC_ISOLATED_EQ(ctx, st.st_uid, ouid, "owner uid read from a user namespace without a map");
	NSC_ISOLATED_EQ(ctx, st.st_gid, ogid, "owner gid read from a user namespace without a map");
	NSC_ISOLATED_EQ(ctx, getuid(), ouid, "own uid in a user namespace without a map");
	ret = fchown(fd, 0, (gid_t)-1) < 0 ? -errno : 0;
	NSC_ISOLATED_EQ(ctx, ret, -EINVAL, "fchown() to uid 0, unmapped in the reader's namespace");
	close(fd);
}

NSC_CASE(user, unmapped_ids_overflow) = {
	.summary = "ids a user namespace does not map read as the overflow ids and are refused",
	.clone_flags = CLONE_NEWUSER,
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:userns01", "man:user_namespaces(7)"),
};
