// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.routes_private: addresses, routes, policy rules and neighbour
 * entries belong to a network namespace.  The case process marks its
 * disposable outer netns with a route (198.19.4.0/24 dev lo); the
 * sandbox, in a new netns, must not see it, then adds an address
 * (198.18.5.1/32 on lo), a route (198.19.5.0/24 dev lo), a policy rule
 * (priority 17505, lookup table 175) and a permanent neighbour
 * (198.18.5.9 on one end of a veth pair made there), all through
 * rtnetlink (libnl).  Verify dumps the outer netns: none of the four is
 * there.  Control: without CLONE_NEWNET all live in the outer netns and
 * show in its dumps, and the sandbox sees the outer route (sharing
 * observed).
 */
#include <unistd.h>

#include "nscheck.h"

#define RP_OUTER_ROUTE "198.19.4.0/24"
#define RP_ADDR "198.18.5.1"
#define RP_ROUTE "198.19.5.0/24"
#define RP_RULE_PRIO 17505
#define RP_RULE_TABLE 175
#define RP_NEIGH "198.18.5.9"

struct rp_shared {
	bool rule, neigh; /* the sandbox added them */
};

static int rp_self(struct nsc_ctx *ctx)
{
	return (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
}

static int rp_setup(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	int fd = rp_self(ctx);

	NSC_TRY(ctx, nsc_link_up(fd, "lo", err));
	NSC_TRY(ctx, nsc_route_add(fd, RP_OUTER_ROUTE, "lo", err));
	NSC_ASSERT_EQ(ctx, NSC_TRY(ctx, nsc_route_has(fd, RP_OUTER_ROUTE, err)), 1,
		      "marker route " RP_OUTER_ROUTE " listed in the outer netns");
	close(fd);
	return 0;
}

static void rp_child(struct nsc_ctx *ctx)
{
	struct rp_shared *sh = nsc_shared_as(ctx, struct rp_shared);
	struct nsc_err *err = nsc_errbuf(ctx);
	int fd = rp_self(ctx), r;
	struct nsc_veth v;

	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_route_has(fd, RP_OUTER_ROUTE, err)), 0,
			"the outer netns's route " RP_OUTER_ROUTE " listed in the new netns");
	NSC_TRY(ctx, nsc_link_up(fd, "lo", err));
	NSC_TRY(ctx, nsc_addr_add(fd, "lo", RP_ADDR "/32", err));
	NSC_TRY(ctx, nsc_route_add(fd, RP_ROUTE, "lo", err));
	r = nsc_rule_add(fd, RP_RULE_PRIO, RP_RULE_TABLE, err);
	if (r < 0 && r != -EAFNOSUPPORT && r != -EOPNOTSUPP)
		NSC_TRY(ctx, r);
	sh->rule = r == 0; /* no CONFIG_IP_MULTIPLE_TABLES: no rule to check */
	r = nsc_veth_create(&v, fd, fd, err);
	if (r < 0 && r != -EOPNOTSUPP)
		NSC_TRY(ctx, r);
	if (r == 0) {
		NSC_TRY(ctx, nsc_neigh_add(fd, v.name[0], RP_NEIGH, err));
		sh->neigh = true;
	}
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_route_has(fd, RP_ROUTE, err)), 1,
		      "route " RP_ROUTE " listed where it was added");
	close(fd);
}

static void rp_verify(struct nsc_ctx *ctx)
{
	struct rp_shared *sh = nsc_shared_as(ctx, struct rp_shared);
	struct nsc_err *err = nsc_errbuf(ctx);
	int fd = rp_self(ctx);

	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_addr_has(fd, RP_ADDR, err)), 0,
			"address " RP_ADDR ", added in the new netns, listed outside");
	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_route_has(fd, RP_ROUTE, err)), 0,
			"route " RP_ROUTE ", added in the new netns, listed outside");
	if (sh->rule)
		NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_rule_has(fd, RP_RULE_PRIO, err)), 0,
				"rule priority %d, added in the new netns, listed outside",
				RP_RULE_PRIO);
	if (sh->neigh)
		NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_neigh_has(fd, RP_NEIGH, err)), 0,
				"neighbour " RP_NEIGH ", added in the new netns, listed outside");
	close(fd);
}

NSC_CASE(net, routes_private) = {
	.summary = "addresses, routes, rules and neighbours added in a netns are not listed outside",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET"),
	.setup = rp_setup,
	.child = rp_child,
	.verify = rp_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("man:rtnetlink(7)", "man:ip-route(8)", "man:ip-rule(8)",
			       "man:network_namespaces(7)"),
};
