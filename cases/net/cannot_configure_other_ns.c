// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.cannot_configure_other_ns: a device that lives in another network
 * namespace cannot be configured, neither by rtnetlink nor by ioctl.  A
 * veth pair is created in netns B (both ends there); from netns A, by
 * one end's ifindex over rtnetlink, setting it up (RTM_NEWLINK) and
 * adding 198.18.6.1/24 and 2001:db8:6::1/64 (RTM_NEWADDR) fail ENODEV,
 * and over ioctl on sockets of A, SIOCSIFFLAGS (up, by name), SIOCSIFADDR
 * (198.18.6.2, by name) and the IPv6 SIOCSIFADDR (2001:db8:6::2/64, by
 * ifindex) fail ENODEV.  B's end is then still down and
 * has none of those addresses.  Control: with CLONE_NEWNET withheld A is
 * B and every operation succeeds (sharing observed).
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

#define CC_NL4 "198.18.6.1"
#define CC_IOCTL4 "198.18.6.2"
#define CC_NL6 "2001:db8:6::1"
#define CC_IOCTL6 "2001:db8:6::2"

#ifndef _LINUX_IN6_H
struct in6_ifreq {
	struct in6_addr ifr6_addr;
	uint32_t ifr6_prefixlen;
	int ifr6_ifindex;
};
#endif

struct cc_sock {
	int fd, fd6;
};

static int cc_sock_in(void *arg, struct nsc_err *err)
{
	struct cc_sock *s = arg;

	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return nsc_err_set(err, errno, "UDP socket");
	s->fd6 = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0); /* -1: no IPv6 */
	return 0;
}

/* -ENODEV is isolation; 0 is sharing; anything else is ERROR. */
static int cc_outcome(struct nsc_ctx *ctx, int r, const char *what)
{
	if (r < 0 && r != -ENODEV)
		nsc_error(ctx, -r, "%s: %s", what, nsc_errbuf(ctx)->msg);
	return r;
}

static int cc_ioctl(int fd, unsigned long req, void *ifr)
{
	return ioctl(fd, req, ifr) < 0 ? -errno : 0;
}

static void cc_verify(struct nsc_ctx *ctx)
{
	struct sockaddr_in *sin;
	struct nsc_err *err = nsc_errbuf(ctx);
	struct cc_sock s = { -1, -1 };
	/* Zeroed to struct ifreq's size: valgrind reads SIOCSIFADDR's argument as one. */
	union {
		struct in6_ifreq r;
		struct ifreq pad;
	} u6;
	struct in6_ifreq *ifr6 = &u6.r;
	bool v6 = false;
	struct nsc_netns_pair p;
	struct nsc_link_info li;
	struct ifreq ifr;
	struct nsc_veth v;
	int r, a, b;

	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	a = p.fd[0];
	b = p.fd[1];
	r = nsc_veth_create(&v, b, b, err);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", err->msg);
	NSC_TRY(ctx, r);

	r = cc_outcome(ctx, nsc_link_set_up_index(a, v.ifindex[0], err), "RTM_NEWLINK");
	NSC_ISOLATED(ctx, r == -ENODEV, "from A, rtnetlink set ifindex %d (%s, in B) up: %s",
		     v.ifindex[0], v.name[0], r ? strerror(-r) : "ok");
	r = cc_outcome(ctx, nsc_addr_add_index(a, v.ifindex[0], CC_NL4 "/24", err), "RTM_NEWADDR");
	NSC_ISOLATED(ctx, r == -ENODEV, "from A, rtnetlink add " CC_NL4 " to ifindex %d: %s",
		     v.ifindex[0], r ? strerror(-r) : "ok");
	r = nsc_addr_add_index(a, v.ifindex[0], CC_NL6 "/64", err);
	if (r != -EAFNOSUPPORT && r != -EACCES) { /* no IPv6 in the netns */
		v6 = true;
		cc_outcome(ctx, r, "RTM_NEWADDR (IPv6)");
		NSC_ISOLATED(ctx, r == -ENODEV, "from A, rtnetlink add " CC_NL6 " to ifindex %d: %s",
			     v.ifindex[0], r ? strerror(-r) : "ok");
	}

	NSC_TRY(ctx, nsc_netns_call(a, cc_sock_in, &s, err));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", v.name[1]);
	ifr.ifr_flags = IFF_UP;
	r = cc_outcome(ctx, cc_ioctl(s.fd, SIOCSIFFLAGS, &ifr), "SIOCSIFFLAGS");
	NSC_ISOLATED(ctx, r == -ENODEV, "from A, ioctl SIOCSIFFLAGS %s up: %s", v.name[1],
		     r ? strerror(-r) : "ok");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", v.name[1]);
	sin = (struct sockaddr_in *)&ifr.ifr_addr;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, CC_IOCTL4, &sin->sin_addr);
	r = cc_outcome(ctx, cc_ioctl(s.fd, SIOCSIFADDR, &ifr), "SIOCSIFADDR");
	NSC_ISOLATED(ctx, r == -ENODEV, "from A, ioctl SIOCSIFADDR " CC_IOCTL4 " on %s: %s",
		     v.name[1], r ? strerror(-r) : "ok");
	if (v6 && s.fd6 >= 0) {
		memset(&u6, 0, sizeof(u6));
		inet_pton(AF_INET6, CC_IOCTL6, &ifr6->ifr6_addr);
		ifr6->ifr6_prefixlen = 64;
		ifr6->ifr6_ifindex = v.ifindex[1];
		r = cc_outcome(ctx, cc_ioctl(s.fd6, SIOCSIFADDR, ifr6), "SIOCSIFADDR (IPv6)");
		NSC_ISOLATED(ctx, r == -ENODEV,
			     "from A, ioctl SIOCSIFADDR " CC_IOCTL6 " on ifindex %d: %s",
			     v.ifindex[1], r ? strerror(-r) : "ok");
	}
	close(s.fd);
	if (s.fd6 >= 0)
		close(s.fd6);

	/* B's devices as they were. */
	for (int e = 0; e < 2; e++) {
		NSC_ASSERT_EQ(ctx, NSC_TRY(ctx, nsc_link_find(b, v.name[e], &li, err)), 1,
			      "%s still in B", v.name[e]);
		NSC_ISOLATED(ctx, !(li.flags & IFF_UP), "%s in B was set up from A (by %s)",
			     v.name[e], e ? "ioctl" : "rtnetlink");
	}
	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_addr_has(b, CC_NL4, err)), 0,
			CC_NL4 " added from A shows in B");
	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_addr_has(b, CC_IOCTL4, err)), 0,
			CC_IOCTL4 " added from A shows in B");
	if (v6) {
		NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_addr_has(b, CC_NL6, err)), 0,
				CC_NL6 " added from A shows in B");
		if (s.fd6 >= 0)
			NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_addr_has(b, CC_IOCTL6, err)), 0,
					CC_IOCTL6 " added from A shows in B");
	}
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, cannot_configure_other_ns) = {
	.summary = "a device in another netns cannot be configured by rtnetlink or ioctl",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.verify = cc_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS(
		"ltp:netns_breakns_ip_ipv4_netlink", "ltp:netns_breakns_ip_ipv6_netlink",
		"ltp:netns_breakns_ip_ipv4_ioctl", "ltp:netns_breakns_ip_ipv6_ioctl",
		"ltp:netns_breakns_ns_exec_ipv4_netlink", "ltp:netns_breakns_ns_exec_ipv6_netlink",
		"ltp:netns_breakns_ns_exec_ipv4_ioctl", "ltp:netns_breakns_ns_exec_ipv6_ioctl",
		"man:netdevice(7)", "man:rtnetlink(7)"),
};
