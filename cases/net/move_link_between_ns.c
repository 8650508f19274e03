// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.move_link_between_ns: a link moved to another network namespace
 * (RTM_NEWLINK with IFLA_NET_NS_FD) leaves the first one.  A veth pair is
 * created in netns A (both ends there) and one end moved to netns B: it
 * is no longer listed in A, is listed in B under the same name, and its
 * peer stays in A.  Moving lo fails EINVAL (lo is netns-local).
 * Control: with CLONE_NEWNET withheld B is A, the "move" changes nothing
 * and the end is still listed in A (sharing observed).  A move costs
 * 19-40 ms on 6.18 (synchronize_net, rcu_barrier), the price of the
 * property, slept outside the -j slot (nsc_kernel_wait_begin).
 */
#include "nscheck.h"

static void ml_verify(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	struct nsc_netns_pair p;
	struct nsc_veth v;
	int r;

	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	r = nsc_veth_create(&v, p.fd[0], p.fd[0], err);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", err->msg);
	NSC_TRY(ctx, r);
	/* The move sleeps in two synchronize_net() and an rcu_barrier(). */
	nsc_kernel_wait_begin(ctx);
	r = nsc_link_move(p.fd[0], v.name[1], p.fd[1], err);
	nsc_kernel_wait_end(ctx);
	NSC_TRY(ctx, r);
	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_link_find(p.fd[0], v.name[1], NULL, err)), 0,
			"%s still listed in netns A after its move to B", v.name[1]);
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_link_find(p.fd[1], v.name[1], NULL, err)), 1,
		      "%s listed in netns B after the move", v.name[1]);
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_link_find(p.fd[0], v.name[0], NULL, err)), 1,
		      "its peer %s still listed in netns A", v.name[0]);
	r = nsc_link_move(p.fd[0], "lo", p.fd[1], err);
	NSC_EXPECT_EQ(ctx, r, -EINVAL, "moving lo to another netns");
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, move_link_between_ns) = {
	.summary = "a link moved to another netns leaves the first; lo cannot move",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.kernel_wait = "the move's synchronize_net() and rcu_barrier(), 20-40 ms",
	.verify = ml_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("kselftest:net/netns-name.sh", "man:ip-link(8)",
			       "man:network_namespaces(7)"),
};
