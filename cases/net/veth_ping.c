// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.veth_ping: two new network namespaces joined by a veth pair created
 * in place each list only their own end, cannot reach each other without
 * it, and exchange ICMP echoes across it (198.18.0.1/24 <-> .2/24).
 * Control: with CLONE_NEWNET withheld both "namespaces" are the case
 * process's disposable outer netns, so A lists B's end too (sharing
 * observed).  No sandbox child: everything is held by fd in the case
 * process.
 */
#include <net/if.h>
#include <stdio.h>

#include "nscheck.h"

#define VP_MAX_LINKS 16
#define VP_B_LO_ADDR "198.19.0.2"
#define VP_WAIT_MS 2000
#define VP_ECHO_MS 2000

static const char *const vp_addr[2] = { "198.18.0.1", "198.18.0.2" };

static bool vp_lists(const struct nsc_link_info *l, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(l[i].name, name))
			return true;
	return false;
}

static void vp_veth(struct nsc_ctx *ctx, struct nsc_veth *v, const struct nsc_netns_pair *p)
{
	int r = nsc_veth_create(v, p->fd[0], p->fd[1], nsc_errbuf(ctx));

	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", nsc_errbuf(ctx)->msg);
	NSC_TRY(ctx, r);
}

/*
 * Each netns lists its own end and not the other's (control: both ends in
 * one netns); B's loopback address is unreachable from A with no link
 * configured (control: it is A's own address); echoes both ways succeed.
 */
static void vp_verify(struct nsc_ctx *ctx)
{
	struct nsc_link_info l[VP_MAX_LINKS];
	struct nsc_err *err = nsc_errbuf(ctx);
	struct nsc_netns_pair p;
	struct nsc_veth v;
	char cidr[32];
	int n, r;

	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_link_up(p.fd[s], "lo", err));
	NSC_TRY(ctx, nsc_addr_add(p.fd[1], "lo", VP_B_LO_ADDR "/32", err));
	vp_veth(ctx, &v, &p);

	for (int s = 0; s < 2; s++) {
		n = NSC_TRY(ctx, nsc_link_list(p.fd[s], l, VP_MAX_LINKS, err));
		NSC_EXPECT(ctx, vp_lists(l, n, v.name[s]), "netns %c lists its own veth end %s",
			   'A' + s, v.name[s]);
		NSC_ISOLATED(ctx, !vp_lists(l, n, v.name[!s]),
			     "netns %c lists the other netns's veth end %s", 'A' + s, v.name[!s]);
	}
	r = nsc_icmp_echo(p.fd[0], VP_B_LO_ADDR, 200, err);
	if (r < 0 && r != -ENETUNREACH && r != -EHOSTUNREACH && r != -ETIMEDOUT)
		NSC_TRY(ctx, r);
	NSC_ISOLATED(ctx, r < 0, "netns A reaches B's loopback address %s with no link configured",
		     VP_B_LO_ADDR);

	for (int s = 0; s < 2; s++) {
		snprintf(cidr, sizeof(cidr), "%s/24", vp_addr[s]);
		NSC_TRY(ctx, nsc_addr_add(p.fd[s], v.name[s], cidr, err));
		NSC_TRY(ctx, nsc_link_up(p.fd[s], v.name[s], err));
	}
	/* Both ends, the first included: see the linkwatch pitfall. */
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_link_wait_up(p.fd[s], v.name[s], VP_WAIT_MS, err));
	for (int s = 0; s < 2; s++) {
		r = nsc_icmp_echo(p.fd[s], vp_addr[!s], VP_ECHO_MS, err);
		NSC_EXPECT_EQ(ctx, r, 0, "ICMP echo %c -> %s across the veth: %s", 'A' + s,
			      vp_addr[!s], r < 0 ? err->msg : "ok");
	}
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, veth_ping) = {
	.summary = "two new netns joined by a veth see only their own end and ping each other",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.verify = vp_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("ltp:netns_comm_ip_ipv4_netlink", "ltp:netns_comm_ip_ipv4_ioctl",
			       "ltp:netns_comm_ns_exec_ipv4_netlink",
			       "ltp:netns_comm_ns_exec_ipv4_ioctl", "man:network_namespaces(7)",
			       "man:veth(4)"),
};
