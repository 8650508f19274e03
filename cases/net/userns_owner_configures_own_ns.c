// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.userns_owner_configures_own_ns: root of a user namespace may
 * configure a network namespace that user namespace owns, and not one
 * owned by an ancestor.  The sandbox (new user and network namespaces)
 * brings its lo up and adds 198.18.8.1/32 to it (allowed).  It then
 * tries the same on the case process's netns, which it still reaches:
 *   - RTM_NEWADDR 198.18.8.2/32 on lo through an rtnetlink socket the case
 *     process opened there (inherited: rtnetlink checks the sender's
 *     capability in the netns's owner, not only the opener's): EPERM;
 *   - setns(2) into that netns (fd inherited): EPERM.
 * Verify: the case process's netns lacks 198.18.8.2.
 *
 * The case process's netns is always the disposable one of .outer_flags,
 * never the host's: it stands in for the initial netns.  When nscheck
 * runs as root it is owned by the initial user namespace, exactly like
 * the initial netns, so the refusal seen is the one the initial netns
 * would give, without ever writing to it.  Control: with the flags
 * withheld the sandbox is root in the netns's owner and both succeed in
 * the disposable netns (sharing observed).
 */
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

#define UO_OWN "198.18.8.1"
#define UO_PARENT "198.18.8.2"

struct uo_shared {
	int nl;	   /* rtnetlink socket in the case process's netns */
	int netns; /* the case process's netns */
};

static int uo_setup(struct nsc_ctx *ctx)
{
	struct uo_shared *sh = nsc_shared_as(ctx, struct uo_shared);
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	sh->netns = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	sh->nl = (int)NSC_SAFE(ctx, socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
	NSC_SAFE(ctx, bind(sh->nl, (struct sockaddr *)&sa, sizeof(sa)));
	return 0;
}

/* RTM_NEWADDR @ip/32 on ifindex 1 (lo) through @fd: 0 or -errno. */
static int uo_newaddr(struct nsc_ctx *ctx, int fd, const char *ip)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg ifa;
		struct rtattr rta;
		struct in_addr addr;
	} req = { 0 };
	char buf[1024] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	ssize_t n;

	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = RTM_NEWADDR;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	req.h.nlmsg_seq = 1;
	req.ifa.ifa_family = AF_INET;
	req.ifa.ifa_prefixlen = 32;
	req.ifa.ifa_index = 1;
	req.rta.rta_type = IFA_LOCAL;
	req.rta.rta_len = RTA_LENGTH(sizeof(req.addr));
	inet_pton(AF_INET, ip, &req.addr);
	NSC_SAFE(ctx, sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&to, sizeof(to)));
	if (poll(&pfd, 1, 2000) != 1)
		nsc_error(ctx, ETIMEDOUT, "no rtnetlink answer to RTM_NEWADDR %s", ip);
	n = NSC_SAFE(ctx, recv(fd, buf, sizeof(buf), 0));
	for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
	     h = NLMSG_NEXT(h, n))
		if (h->nlmsg_type == NLMSG_ERROR)
			return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	nsc_error(ctx, EPROTO, "no NLMSG_ERROR answer to RTM_NEWADDR %s", ip);
}

static void uo_child(struct nsc_ctx *ctx)
{
	struct uo_shared *sh = nsc_shared_as(ctx, struct uo_shared);
	struct nsc_err *err = nsc_errbuf(ctx);
	int self = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, err)), r;

	r = nsc_link_up(self, "lo", err);
	NSC_EXPECT_EQ(ctx, r, 0, "bring up lo of the owned netns: %s", r ? err->msg : "ok");
	r = nsc_addr_add(self, "lo", UO_OWN "/32", err);
	NSC_EXPECT(ctx, r == 0 || r == -EEXIST, "add " UO_OWN " in the owned netns: %s",
		   r ? err->msg : "ok");
	r = uo_newaddr(ctx, sh->nl, UO_PARENT);
	if (r < 0 && r != -EPERM && r != -EEXIST)
		nsc_error(ctx, -r, "RTM_NEWADDR " UO_PARENT " in the case process's netns");
	NSC_ISOLATED(ctx, r == -EPERM,
		     "RTM_NEWADDR " UO_PARENT " in a netns owned by an ancestor user namespace: %s",
		     r ? strerror(-r) : "ok");
	r = setns(sh->netns, CLONE_NEWNET) < 0 ? -errno : 0;
	if (r < 0 && r != -EPERM)
		nsc_error(ctx, -r, "setns into the case process's netns");
	NSC_ISOLATED(ctx, r == -EPERM, "setns into a netns owned by an ancestor user namespace: %s",
		     r ? strerror(-r) : "ok");
	close(self);
}

static void uo_verify(struct nsc_ctx *ctx)
{
	struct uo_shared *sh = nsc_shared_as(ctx, struct uo_shared);

	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_addr_has(sh->netns, UO_PARENT, nsc_errbuf(ctx))), 0,
			UO_PARENT " added by the sandbox shows in the case process's netns");
}

static void uo_cleanup(struct nsc_ctx *ctx)
{
	struct uo_shared *sh = nsc_shared_as(ctx, struct uo_shared);

	if (sh->nl > 0)
		close(sh->nl);
	if (sh->netns > 0)
		close(sh->netns);
}

NSC_CASE(net, userns_owner_configures_own_ns) = {
	.summary = "root of a user namespace configures the netns it owns, not its ancestor's",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN) | NSC_CAP(CAP_SYS_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.setup = uo_setup,
	.child = uo_child,
	.verify = uo_verify,
	.cleanup = uo_cleanup,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "man:network_namespaces(7)"),
};
