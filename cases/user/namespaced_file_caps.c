// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.namespaced_file_caps: file capabilities written by root of a user
 * namespace are tied to that namespace (Linux 4.14).  The sandbox's maps
 * are "0 <X> 1" for a spare host uid X; the file is a memfd the case
 * process made and gave to uid X (a file system of the initial user
 * namespace).  The sandbox writes a plain v2 security.capability
 * (CAP_NET_RAW permitted): the kernel stores it as v3 with rootid X.
 * Read from inside (X is its root) it reads back as v2; read by the case
 * process it is v3 with rootid X, a capability that only root of a
 * namespace owned by X may use.  Control: without CLONE_NEWUSER real
 * root writes the v2 xattr, which stays v2 and reads as v2 everywhere.
 * Needs root: the file must belong to a host uid other than the case
 * process's (rootless, its user namespace maps one id, its own, and its
 * root reads any rootid it owns as v2).
 */
#include <linux/capability.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/xattr.h>

#include "user.h"

#define SPARE_ID 4000002u

struct fcaps_shared {
	int memfd;
	ssize_t inside_len; /* getxattr size read inside */
	int set;	    /* fsetxattr() inside: 0 or -errno */
};

static int setup(struct nsc_ctx *ctx)
{
	struct fcaps_shared *sh = nsc_shared_as(ctx, struct fcaps_shared);

	nsc_user_need_uids(ctx, SPARE_ID, 1);
	sh->memfd = NSC_SAFE(ctx, memfd_create("nsc-fcaps", MFD_CLOEXEC));
	NSC_SAFE(ctx, fchown(sh->memfd, SPARE_ID, (gid_t)-1));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct fcaps_shared *sh = nsc_shared_as(ctx, struct fcaps_shared);
	struct vfs_cap_data v2 = { 0 };
	char buf[64];

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	v2.magic_etc = VFS_CAP_REVISION_2;
	v2.data[0].permitted = 1u << CAP_NET_RAW;
	sh->set = fsetxattr(sh->memfd, "security.capability", &v2, XATTR_CAPS_SZ_2, 0) < 0 ? -errno :
											     0;
	if (sh->set == -EOPNOTSUPP)
		nsc_skip(ctx, EOPNOTSUPP, "build the kernel with CONFIG_TMPFS_XATTR",
			 "tmpfs (memfd) takes no security.capability xattr here");
	NSC_SAFE(ctx, sh->set);
	sh->inside_len = fgetxattr(sh->memfd, "security.capability", buf, sizeof(buf));
	NSC_EXPECT_EQ(ctx, sh->inside_len, XATTR_CAPS_SZ_2,
		      "size of security.capability read by the namespace's root (v2)");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
}

static void parent(struct nsc_ctx *ctx)
{
	struct fcaps_shared *sh = nsc_shared_as(ctx, struct fcaps_shared);
	struct vfs_ns_cap_data v3 = { 0 };
	pid_t pid = nsc_child_pid(ctx);
	char m[32];
	ssize_t len;

	snprintf(m, sizeof(m), "0 %u 1", SPARE_ID);
	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER) {
		char g[32];

		snprintf(g, sizeof(g), "0 %u 1", (unsigned int)nsc_outer_gid(ctx));
		NSC_TRY(ctx, nsc_idmap_write(pid, m, g, true, nsc_errbuf(ctx)));
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	if (nsc_sync_wait(ctx) < 0)
		return; /* the sandbox left (SKIP or ERROR recorded there) */
	len = NSC_SAFE(ctx, fgetxattr(sh->memfd, "security.capability", &v3, sizeof(v3)));
	NSC_ISOLATED(ctx,
		     len == XATTR_CAPS_SZ_3 &&
			     (v3.magic_etc & VFS_CAP_REVISION_MASK) == VFS_CAP_REVISION_3,
		     "security.capability written in the sandbox reads from its parent as %zd bytes, revision %#x; want v3",
		     len, v3.magic_etc & VFS_CAP_REVISION_MASK);
	if (len == XATTR_CAPS_SZ_3)
		NSC_EXPECT_EQ(ctx, v3.rootid, SPARE_ID, "rootid of the v3 xattr, read from outside");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, namespaced_file_caps) = {
	.summary = "file capabilities set in a user namespace are v3, tied to its root",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.needs_root = true,
	/* map and own a spare uid; the control writes the xattr */
	.caps = NSC_CAP(CAP_SETUID) | NSC_CAP(CAP_CHOWN) | NSC_CAP(CAP_SETFCAP),
	.kconfigs = NSC_KCONFIGS("CONFIG_TMPFS_XATTR"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "4.14",
	.anchors = NSC_ANCHORS("man:capabilities(7)", "man:user_namespaces(7)"),
};
