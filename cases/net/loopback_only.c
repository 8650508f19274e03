// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.loopback_only: a new network namespace has exactly one link, lo,
 * and it is down.  The case process marks its disposable outer netns
 * (lo up, plus a veth pair when veth is available); the sandbox lists
 * its links.  Control: without CLONE_NEWNET the sandbox shares the outer
 * netns and sees the marker (sharing observed).
 */
#include <fcntl.h>
#include <linux/if.h>
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

#define LO_MAX_LINKS 16

struct lo_shared {
	bool have_marker;
	char marker[2][NSC_IFNAMSIZ];
};

static int lo_self_netns(struct nsc_ctx *ctx)
{
	return (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
}

static int lo_find(const struct nsc_link_info *l, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(l[i].name, name))
			return i;
	return -1;
}

/* Mark the outer netns: lo up, and a veth pair if the kernel has veth. */
static int lo_setup(struct nsc_ctx *ctx)
{
	struct lo_shared *sh = nsc_shared_as(ctx, struct lo_shared);
	struct nsc_link_info l[LO_MAX_LINKS];
	struct nsc_err *err = nsc_errbuf(ctx);
	struct nsc_veth v;
	int fd = lo_self_netns(ctx), n, r;

	NSC_TRY(ctx, nsc_link_up(fd, "lo", err));
	r = nsc_veth_create(&v, fd, fd, err);
	if (r != -EOPNOTSUPP) {
		NSC_TRY(ctx, r);
		sh->have_marker = true;
		memcpy(sh->marker, v.name, sizeof(sh->marker));
	}
	n = NSC_TRY(ctx, nsc_link_list(fd, l, LO_MAX_LINKS, err));
	r = lo_find(l, n, "lo");
	NSC_ASSERT(ctx, r >= 0 && (l[r].flags & IFF_UP), "marker: lo is up in the outer netns");
	if (sh->have_marker)
		NSC_ASSERT(ctx,
			   lo_find(l, n, sh->marker[0]) >= 0 && lo_find(l, n, sh->marker[1]) >= 0,
			   "marker: veth %s/%s listed in the outer netns", sh->marker[0],
			   sh->marker[1]);
	close(fd);
	return 0;
}

/*
 * The sandbox lists only lo, down (control: the outer netns's lo is up
 * and its marker veth is listed).
 */
static void lo_child(struct nsc_ctx *ctx)
{
	struct lo_shared *sh = nsc_shared_as(ctx, struct lo_shared);
	struct nsc_link_info l[LO_MAX_LINKS];
	int fd = lo_self_netns(ctx), n;

	n = NSC_TRY(ctx, nsc_link_list(fd, l, LO_MAX_LINKS, nsc_errbuf(ctx)));
	for (int i = 0; sh->have_marker && i < 2; i++)
		NSC_ISOLATED(ctx, lo_find(l, n, sh->marker[i]) < 0,
			     "the outer netns's marker link %s is listed inside", sh->marker[i]);
	/*
	 * Without veth the outer netns holds only lo: the count cannot
	 * differ in the control, so it is a functional check there (the
	 * lo-up check below still proves the case).
	 */
	if (sh->have_marker)
		NSC_ISOLATED_EQ(ctx, n, 1, "number of links in a new netns");
	else
		NSC_EXPECT_EQ(ctx, n, 1, "number of links in a new netns");
	NSC_ASSERT(ctx, n >= 1, "a netns lists at least lo");
	/* Functional: lo comes first in any netns, the control's too. */
	NSC_EXPECT_STREQ(ctx, l[0].name, "lo", "the only link of a new netns");
	NSC_ISOLATED(ctx, !(l[0].flags & IFF_UP), "lo of a new netns is up (flags 0x%x)", l[0].flags);
	NSC_EXPECT_EQ(ctx, l[0].operstate, IF_OPER_DOWN, "operstate of lo in a new netns");
	close(fd);
}

NSC_CASE(net, loopback_only) = {
	.summary = "a new network namespace has only lo, and it is down",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.setup = lo_setup,
	.child = lo_child,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("man:network_namespaces(7)"),
};
