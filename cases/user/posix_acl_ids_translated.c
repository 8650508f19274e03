// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.posix_acl_ids_translated: the ids in a POSIX ACL read through
 * getxattr(system.posix_acl_access) are translated into the reader's user
 * namespace, and reading does not change them.  The case process gives a
 * memfd an ACL with an entry for its own uid; the sandbox's maps are
 * "1000 <outer> 1", so inside that entry reads as uid 1000, and a second
 * read gives the same bytes (LTP getxattr05 guards a regression where the
 * cached ACL was translated in place).  Control: without CLONE_NEWUSER
 * the entry reads as the case process's uid.  Needs CONFIG_TMPFS_POSIX_ACL
 * (memfd lives on tmpfs); SKIPs without it.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/xattr.h>

#include "user.h"

#define MAPPED_ID 1000
#define ACL_VERSION 2
#define TAG_USER_OBJ 0x01
#define TAG_USER 0x02
#define TAG_GROUP_OBJ 0x04
#define TAG_MASK 0x10
#define TAG_OTHER 0x20

struct acl_entry {
	uint16_t tag, perm;
	uint32_t id;
};

struct acl_xattr {
	uint32_t version;
	struct acl_entry e[5];
};

struct acl_shared {
	int memfd;
};

static int setup(struct nsc_ctx *ctx)
{
	struct acl_shared *sh = nsc_shared_as(ctx, struct acl_shared);
	struct acl_xattr acl = {
		.version = ACL_VERSION,
		.e = { { TAG_USER_OBJ, 6, (uint32_t)-1 },
		       { TAG_USER, 4, nsc_outer_uid(ctx) },
		       { TAG_GROUP_OBJ, 4, (uint32_t)-1 },
		       { TAG_MASK, 4, (uint32_t)-1 },
		       { TAG_OTHER, 0, (uint32_t)-1 } },
	};

	sh->memfd = NSC_SAFE(ctx, memfd_create("nsc-acl", MFD_CLOEXEC));
	if (fsetxattr(sh->memfd, "system.posix_acl_access", &acl, sizeof(acl), 0) < 0) {
		if (errno == EOPNOTSUPP)
			nsc_skip(ctx, EOPNOTSUPP, "build the kernel with CONFIG_TMPFS_POSIX_ACL",
				 "tmpfs (memfd) takes no POSIX ACL here");
		nsc_error(ctx, errno, "set system.posix_acl_access on a memfd");
	}
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct acl_shared *sh = nsc_shared_as(ctx, struct acl_shared);
	struct acl_xattr a = { 0 }, b = { 0 };
	ssize_t la, lb;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	la = NSC_SAFE(ctx, fgetxattr(sh->memfd, "system.posix_acl_access", &a, sizeof(a)));
	lb = NSC_SAFE(ctx, fgetxattr(sh->memfd, "system.posix_acl_access", &b, sizeof(b)));
	NSC_ASSERT_EQ(ctx, la, (ssize_t)sizeof(a), "size of the ACL read inside");
	NSC_ASSERT_EQ(ctx, a.e[1].tag, TAG_USER, "tag of the second ACL entry");
	NSC_ISOLATED_EQ(ctx, a.e[1].id, MAPPED_ID, "uid of the ACL_USER entry read inside");
	NSC_EXPECT(ctx, la == lb && !memcmp(&a, &b, sizeof(a)),
		   "a second read of the ACL inside gives other bytes (uid %u, then %u)", a.e[1].id,
		   b.e[1].id);
}

static void parent(struct nsc_ctx *ctx)
{
	nsc_user_map_sandbox(ctx, MAPPED_ID);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, posix_acl_ids_translated) = {
	.summary = "uids in a POSIX ACL read back translated into the reader's user namespace",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS_POSIX_ACL"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:getxattr05", "man:acl(5)", "man:user_namespaces(7)"),
};
