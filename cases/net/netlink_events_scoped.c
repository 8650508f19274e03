// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.netlink_events_scoped: rtnetlink link notifications are delivered
 * only in the network namespace of the link.  An rtnetlink socket in
 * netns A subscribes to RTMGRP_LINK; a veth pair is created in a sibling
 * netns B (both ends there), then one in A.  A's listener must get
 * RTM_NEWLINK for A's links and none for B's.  Notifications are sent
 * synchronously while the link is registered, so once the pair in A was
 * created every earlier one is queued.  Control: with CLONE_NEWNET
 * withheld B is A and B's links are announced to the listener (sharing
 * observed).
 */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

/* Was RTM_NEWLINK for @name among the queued messages? Reads all. */
static void ne_drain(struct nsc_ctx *ctx, int fd, const char *const names[4], bool seen[4])
{
	static char buf[32768] __attribute__((aligned(NLMSG_ALIGNTO)));
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			struct ifinfomsg *ifi = NLMSG_DATA(h);
			int len = (int)IFLA_PAYLOAD(h);

			if (h->nlmsg_type != RTM_NEWLINK)
				continue;
			for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
				for (int i = 0; a->rta_type == IFLA_IFNAME && i < 4; i++)
					if (!strcmp(RTA_DATA(a), names[i]))
						seen[i] = true;
		}
	}
	if (n < 0 && errno != EAGAIN)
		nsc_error(ctx, errno, "read rtnetlink notifications");
}

static void ne_veth(struct nsc_ctx *ctx, struct nsc_veth *v, int nsfd)
{
	int r = nsc_veth_create(v, nsfd, nsfd, nsc_errbuf(ctx));

	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", nsc_errbuf(ctx)->msg);
	NSC_TRY(ctx, r);
}

static void ne_verify(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	struct nsc_netns_pair p;
	struct nsc_veth va, vb;
	const char *names[4];
	bool seen[4] = { false };
	int fd;

	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	fd = (int)NSC_TRY(ctx, nsc_rtnl_listen(p.fd[0], RTMGRP_LINK, err));
	ne_veth(ctx, &vb, p.fd[1]);
	ne_veth(ctx, &va, p.fd[0]);
	names[0] = va.name[0];
	names[1] = va.name[1];
	names[2] = vb.name[0];
	names[3] = vb.name[1];
	ne_drain(ctx, fd, names, seen);
	for (int i = 0; i < 2; i++)
		NSC_EXPECT(ctx, seen[i], "A's listener got RTM_NEWLINK for A's %s", names[i]);
	for (int i = 2; i < 4; i++)
		NSC_ISOLATED(ctx, !seen[i], "A's listener got RTM_NEWLINK for %s, created in B",
			     names[i]);
	close(fd);
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, netlink_events_scoped) = {
	.summary = "rtnetlink link notifications reach only listeners in the link's netns",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.verify = ne_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("ltp:netns_netlink", "man:rtnetlink(7)", "man:network_namespaces(7)"),
};
