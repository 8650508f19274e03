// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.offsets_need_cap_sys_time: writing timens_offsets needs
 * CAP_SYS_TIME in the user namespace that owns the time namespace.  The
 * sandbox, root of a new user namespace: writing the offsets of the time
 * namespace it inherited (owned by an ancestor user namespace) fails with
 * EPERM; after unshare(CLONE_NEWTIME) it owns the new one and the same
 * write works; with CAP_SYS_TIME dropped from its effective set it fails
 * with EPERM again.
 * No control: a privilege rule, which a missing user namespace does not
 * turn into a sharing.
 */
#include <sys/syscall.h>

#include "timens.h"

static int drop_cap_sys_time(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return -errno;
	data[CAP_TO_INDEX(CAP_SYS_TIME)].effective &= ~CAP_TO_MASK(CAP_SYS_TIME);
	if (syscall(SYS_capset, &hdr, data) < 0)
		return -errno;
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	NSC_EXPECT_EQ(ctx, nsc_timens_write("monotonic 1 0\n"), -EPERM,
		      "root of a child user namespace writing the offsets of a time namespace an ancestor owns");
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	NSC_SAFE_OP(ctx, NSC_OP_TIMENS_OFFSETS, NULL, nsc_timens_write("monotonic 1 0\n"));
	NSC_TRY(ctx, drop_cap_sys_time());
	NSC_EXPECT_EQ(ctx, nsc_timens_write("monotonic 2 0\n"), -EPERM,
		      "writing timens_offsets without CAP_SYS_TIME in the owning user namespace");
}

NSC_CASE(time, offsets_need_cap_sys_time) = {
	.summary = "timens_offsets needs CAP_SYS_TIME in the user namespace owning the time namespace",
	.clone_flags = CLONE_NEWUSER,
	.no_control = "a privilege rule: a missing user namespace does not turn it into a sharing",
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("man:time_namespaces(7)", "man:capabilities(7)"),
};
