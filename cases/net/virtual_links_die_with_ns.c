// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.virtual_links_die_with_ns: when the last reference to a network
 * namespace goes, its virtual devices are destroyed, and a veth pair with
 * it: the end left in another netns disappears too.  A veth pair is made
 * with end a in the case process's disposable outer netns and end b in a
 * new netns B held only by an fd; an rtnetlink listener in the outer
 * netns watches RTMGRP_LINK; the fd is closed and the listener must get
 * RTM_DELLINK for end a (netns teardown is asynchronous: 20-160 ms here,
 * waited for by poll(2) on the listener, at most 3 s, outside the -j
 * slot: nsc_kernel_wait_begin), after which end a
 * is no longer listed.  Control: with CLONE_NEWNET withheld B is the
 * outer netns itself, which closing an fd cannot end (sharing observed;
 * nothing is then waited for).
 *
 * Not asserted: that physical devices return to the initial netns.  The
 * kernel moves them to init_net, the host's netns, which nscheck never
 * changes, and no device nscheck can create is physical.
 */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"

#define VL_WAIT_MS 3000

/* RTM_DELLINK for @ifindex among the queued messages? */
static bool vl_dellink(struct nsc_ctx *ctx, int fd, int ifindex)
{
	static char buf[16384] __attribute__((aligned(NLMSG_ALIGNTO)));
	bool seen = false;
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == RTM_DELLINK &&
			    ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index == ifindex)
				seen = true;
	if (n < 0 && errno != EAGAIN)
		nsc_error(ctx, errno, "read rtnetlink notifications");
	return seen;
}

static bool vl_same(struct nsc_ctx *ctx, int a, int b)
{
	struct stat sa, sb;

	NSC_SAFE(ctx, fstat(a, &sa));
	NSC_SAFE(ctx, fstat(b, &sb));
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void vl_verify(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	struct pollfd pfd = { .events = POLLIN };
	long long deadline;
	struct nsc_veth v;
	int self, b, r;
	bool gone = false;

	self = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, err));
	NSC_TRY(ctx, nsc_netns_new(ctx, &b, err));
	r = nsc_veth_create(&v, self, b, err);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", err->msg);
	NSC_TRY(ctx, r);
	pfd.fd = (int)NSC_TRY(ctx, nsc_rtnl_listen(self, RTMGRP_LINK, err));
	/* Nothing can end the netns we are in: then there is no teardown to see. */
	if (!NSC_ISOLATED(ctx, !vl_same(ctx, self, b),
			  "the peer's netns is the outer netns itself: closing its fd ends nothing"))
		goto out;
	close(b);
	b = -1;
	deadline = nsc_now_ms() + VL_WAIT_MS;
	nsc_kernel_wait_begin(ctx); /* the kernel's asynchronous cleanup_net() */
	while (!gone && nsc_now_ms() < deadline) {
		r = poll(&pfd, 1, (int)(deadline - nsc_now_ms()));
		if (r < 0 && errno != EINTR)
			nsc_error(ctx, errno, "poll rtnetlink listener");
		gone = r > 0 && vl_dellink(ctx, pfd.fd, v.ifindex[0]);
	}
	nsc_kernel_wait_end(ctx);
	NSC_EXPECT(ctx, gone, "RTM_DELLINK for %s within %d ms of its peer's netns ending",
		   v.name[0], VL_WAIT_MS);
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_link_find(self, v.name[0], NULL, err)), 0,
		      "%s listed after its peer's netns ended", v.name[0]);
out:
	close(pfd.fd);
	if (b >= 0)
		close(b);
	close(self);
}

NSC_CASE(net, virtual_links_die_with_ns) = {
	.summary = "a netns's virtual links die with it, and a veth's other end with them",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.kernel_wait = "the netns's asynchronous cleanup_net(), 20-160 ms",
	.verify = vl_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("man:network_namespaces(7)", "man:veth(4)"),
};
