// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.nsid_local: a network namespace id (NSID) is local to the netns
 * that assigned it.  In netns A the id 7 is assigned to netns B
 * (RTM_NEWNSID with NETNSA_FD); RTM_GETNSID for B then answers 7 in A,
 * and in a third netns C (the case process's disposable outer one: one
 * netns fewer to create), which assigned nothing, B has no id.  Control:
 * with CLONE_NEWNET withheld A, B and C are one netns and C answers A's
 * id (sharing observed).
 */
#include <unistd.h>

#include "nscheck.h"

#define NI_ID 7

static void ni_verify(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	int a, b, c, id;

	NSC_TRY(ctx, nsc_netns_new(ctx, &a, err));
	NSC_TRY(ctx, nsc_netns_new(ctx, &b, err));
	c = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, err));
	NSC_TRY(ctx, nsc_nsid_set(a, b, NI_ID, err));
	NSC_TRY(ctx, nsc_nsid_get(a, b, &id, err));
	NSC_EXPECT_EQ(ctx, id, NI_ID, "RTM_GETNSID in A for B after assigning it there");
	NSC_TRY(ctx, nsc_nsid_get(c, b, &id, err));
	NSC_ISOLATED_NE(ctx, id, NI_ID, "RTM_GETNSID in C for B answers A's id");
	NSC_EXPECT_EQ(ctx, id, NSC_NSID_NONE, "RTM_GETNSID in C for B (none assigned there)");
	close(c);
	close(b);
	close(a);
}

NSC_CASE(net, nsid_local) = {
	.summary = "a netns id assigned in one netns is unknown in another",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.verify = ni_verify,
	.min_kernel = "4.0",
	.anchors = NSC_ANCHORS("man:ip-netns(8)", "man:rtnetlink(7)"),
};
