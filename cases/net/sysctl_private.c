// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.sysctl_private: a per-netns sysctl written inside a new network
 * namespace does not change the outside.  The case process (in its
 * disposable outer netns: never the host's) reads
 * net.ipv4.ip_default_ttl; the sandbox writes a distinct value (77, or
 * 78 if the outer value is 77) and reads it back; verify reads the outer
 * value again and must find the original.  Control: without CLONE_NEWNET
 * the sandbox writes the disposable outer netns's sysctl and verify sees
 * the new value (sharing observed).
 */
#include <unistd.h>

#include "nscheck.h"

#define ST_PATH "/proc/sys/net/ipv4/ip_default_ttl"

struct st_shared {
	long before; /* outer value before the sandbox ran */
	long set;    /* what the sandbox wrote */
};

static int st_setup(struct nsc_ctx *ctx)
{
	struct st_shared *sh = nsc_shared_as(ctx, struct st_shared);

	if (access(ST_PATH, F_OK) < 0) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, errno, ST_PATH);
		nsc_skip(ctx, errno, "needs a kernel with a per-netns net.ipv4.ip_default_ttl",
			 "%s is missing", ST_PATH);
	}
	sh->before = nsc_sysctl_long(ctx, ST_PATH);
	sh->set = sh->before == 77 ? 78 : 77;
	return 0;
}

static void st_child(struct nsc_ctx *ctx)
{
	struct st_shared *sh = nsc_shared_as(ctx, struct st_shared);

	nsc_sysctl_set_long(ctx, ST_PATH, sh->set);
	NSC_EXPECT_EQ(ctx, nsc_sysctl_long(ctx, ST_PATH), sh->set,
		      "ip_default_ttl reads back inside");
}

/* The outer value is still the original (control: the sandbox's value). */
static void st_verify(struct nsc_ctx *ctx)
{
	struct st_shared *sh = nsc_shared_as(ctx, struct st_shared);
	long now = nsc_sysctl_long(ctx, ST_PATH);

	NSC_ISOLATED_NE(ctx, now, sh->set, "ip_default_ttl written inside the netns shows outside");
	NSC_EXPECT_EQ(ctx, now, sh->before, "outer ip_default_ttl unchanged");
}

NSC_CASE(net, sysctl_private) = {
	.summary = "a per-netns sysctl written inside a new netns is unchanged outside",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSCTL"),
	.setup = st_setup,
	.child = st_child,
	.verify = st_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("rt:linux_sysctl", "man:network_namespaces(7)"),
};
