// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.map_unprivileged_self_only: a writer without CAP_SETUID/CAP_SETGID
 * over the parent user namespace may map only its own euid/egid, as one
 * line of count 1, and gid_map only after setgroups is "deny".  The
 * sandbox writes its own maps (.manual_idmap): it has every capability
 * in its new namespace but none over the parent.  Refused with EPERM:
 * uid_map mapping the outer uid + 1, or two ids; gid_map while setgroups
 * is still "allow" (a namespace whose parent denies setgroups starts
 * with "deny": rootless, that refusal is not tried).  Accepted:
 * "1000 <outer uid> 1", then, after "deny", "0 <outer gid> 1"; the
 * sandbox is then uid 1000 and gid 0.  Control:
 * without CLONE_NEWUSER the sandbox writes the case process's own maps,
 * long written: its own single-id map is refused (EPERM).
 */
#include <stdio.h>

#include "user.h"

/*
 * The uid map's inside id: 1000, not 0, since mapping uid 0 also needs
 * CAP_SETFCAP over the parent (Linux 5.12), which is not the property.
 */
#define INSIDE 1000

static void child(struct nsc_ctx *ctx)
{
	unsigned int ou = nsc_outer_uid(ctx), og = nsc_outer_gid(ctx);
	char other[48], two[48], self[32], gself[32], sg[16];
	int ret;

	snprintf(other, sizeof(other), "%d %u 1\n", INSIDE, ou + 1);
	snprintf(two, sizeof(two), "%d %u 2\n", INSIDE, ou);
	snprintf(self, sizeof(self), "%d %u 1\n", INSIDE, ou);
	snprintf(gself, sizeof(gself), "0 %u 1\n", og);
	NSC_EXPECT_EQ(ctx, nsc_user_write("/proc/self/uid_map", other), -EPERM,
		      "unprivileged uid_map write mapping another uid (%u)", ou + 1);
	NSC_EXPECT_EQ(ctx, nsc_user_write("/proc/self/uid_map", two), -EPERM,
		      "unprivileged uid_map write mapping two uids");
	/* A namespace inherits "deny" from a parent that denies (rootless). */
	NSC_TRY(ctx, nsc_idmap_read(getpid(), "setgroups", sg, sizeof(sg), nsc_errbuf(ctx)));
	if (!strncmp(sg, "allow", 5))
		NSC_EXPECT_EQ(ctx, nsc_user_write("/proc/self/gid_map", gself), -EPERM,
			      "unprivileged gid_map write before setgroups is 'deny'");
	ret = nsc_user_write("/proc/self/uid_map", self);
	NSC_ISOLATED_EQ(ctx, ret, 0, "unprivileged uid_map write mapping only its own uid");
	ret = nsc_user_write("/proc/self/setgroups", "deny");
	NSC_ISOLATED_EQ(ctx, ret, 0, "writing 'deny' to its own setgroups");
	NSC_EXPECT_EQ(ctx, nsc_user_write("/proc/self/gid_map", gself), 0,
		      "unprivileged gid_map write of its own gid after 'deny'");
	NSC_EXPECT_EQ(ctx, getuid(), INSIDE, "uid after mapping itself to %d", INSIDE);
	NSC_EXPECT_EQ(ctx, getgid(), 0, "gid after mapping itself to 0");
}

NSC_CASE(user, map_unprivileged_self_only) = {
	.summary = "without CAP_SETUID over the parent a process may map only itself",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	/* measured on 6.18: a creator without it gets every map refused */
	.caps = NSC_CAP(CAP_SETFCAP),
	.child = child,
	.min_kernel = "3.19",
	.anchors = NSC_ANCHORS("ltp:userns03", "man:user_namespaces(7)"),
};
