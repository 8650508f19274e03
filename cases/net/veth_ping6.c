// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.veth_ping6: ICMPv6 echo across a veth pair between two new network
 * namespaces.  Addresses 2001:db8::1/64 and ::2/64 (RFC 3849
 * documentation prefix) are added with IFA_F_NODAD, so there is no
 * duplicate address detection to wait for (~2 s otherwise); the kernel
 * still marks them tentative until its DAD work has run (asynchronously,
 * and again at every carrier change): the links are brought up first and
 * nsc_addr_wait_ready() waits the rest out (packets to a tentative
 * address are dropped: a 1-2 s stall before).  Each netns
 * lists its own end only; B's loopback address 2001:db8:1::2 is
 * unreachable from A before any link is configured; after, echoes both
 * ways succeed.  Control: with CLONE_NEWNET withheld both "namespaces"
 * are the case process's disposable outer netns, so A lists B's end and
 * reaches B's loopback address (sharing observed).
 */
#include <stdio.h>

#include "nscheck.h"

#define V6_MAX_LINKS 16
#define V6_B_LO_ADDR "2001:db8:1::2"
#define V6_WAIT_MS 2000
#define V6_ECHO_MS 2000

static const char *const v6_addr[2] = { "2001:db8::1", "2001:db8::2" };

static bool v6_lists(const struct nsc_link_info *l, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(l[i].name, name))
			return true;
	return false;
}

/* IPv6 missing or disabled: SKIP naming it; else ERROR on failure. */
static void v6_try(struct nsc_ctx *ctx, int r)
{
	if (r == -EAFNOSUPPORT || r == -EACCES || r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_IPV6 (and net.ipv6.conf.default.disable_ipv6=0)",
			 "IPv6 unavailable in a new netns: %s", nsc_errbuf(ctx)->msg);
	NSC_TRY(ctx, r);
}

static void v6_verify(struct nsc_ctx *ctx)
{
	struct nsc_link_info l[V6_MAX_LINKS];
	struct nsc_err *err = nsc_errbuf(ctx);
	struct nsc_netns_pair p;
	struct nsc_veth v;
	char cidr[48];
	int n, r;

	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_link_up(p.fd[s], "lo", err));
	v6_try(ctx, nsc_addr_add(p.fd[1], "lo", V6_B_LO_ADDR "/128", err));
	NSC_TRY(ctx, nsc_addr_wait_ready(p.fd[1], V6_B_LO_ADDR, V6_WAIT_MS, err));
	r = nsc_veth_create(&v, p.fd[0], p.fd[1], err);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", err->msg);
	NSC_TRY(ctx, r);

	for (int s = 0; s < 2; s++) {
		n = NSC_TRY(ctx, nsc_link_list(p.fd[s], l, V6_MAX_LINKS, err));
		NSC_EXPECT(ctx, v6_lists(l, n, v.name[s]), "netns %c lists its own veth end %s",
			   'A' + s, v.name[s]);
		NSC_ISOLATED(ctx, !v6_lists(l, n, v.name[!s]),
			     "netns %c lists the other netns's veth end %s", 'A' + s, v.name[!s]);
	}
	r = nsc_icmp_echo(p.fd[0], V6_B_LO_ADDR, 200, err);
	if (r < 0 && r != -ENETUNREACH && r != -EHOSTUNREACH && r != -ETIMEDOUT)
		NSC_TRY(ctx, r);
	NSC_ISOLATED(ctx, r < 0, "netns A reaches B's loopback address %s with no link configured",
		     V6_B_LO_ADDR);

	/*
	 * Links up first, both ends (the linkwatch pitfall), then addresses:
	 * each carrier change restarts DAD, which makes even a NODAD address
	 * tentative until DAD's work ran again (a 1-2 s stall seen before).
	 */
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_link_up(p.fd[s], v.name[s], err));
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_link_wait_up(p.fd[s], v.name[s], V6_WAIT_MS, err));
	for (int s = 0; s < 2; s++) {
		snprintf(cidr, sizeof(cidr), "%s/64", v6_addr[s]);
		v6_try(ctx, nsc_addr_add(p.fd[s], v.name[s], cidr, err));
	}
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_addr_wait_ready(p.fd[s], v6_addr[s], V6_WAIT_MS, err));
	for (int s = 0; s < 2; s++) {
		r = nsc_icmp_echo(p.fd[s], v6_addr[!s], V6_ECHO_MS, err);
		NSC_EXPECT_EQ(ctx, r, 0, "ICMPv6 echo %c -> %s across the veth: %s", 'A' + s,
			      v6_addr[!s], r < 0 ? err->msg : "ok");
	}
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, veth_ping6) = {
	.summary = "two new netns joined by a veth exchange ICMPv6 echoes (NODAD, 2001:db8::/64)",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH", "CONFIG_IPV6"),
	.verify = v6_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("ltp:netns_comm_ip_ipv6_netlink", "ltp:netns_comm_ip_ipv6_ioctl",
			       "ltp:netns_comm_ns_exec_ipv6_netlink",
			       "ltp:netns_comm_ns_exec_ipv6_ioctl", "man:network_namespaces(7)",
			       "man:veth(4)", "man:ipv6(7)"),
};
