// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.net_private: the target's network namespace is its own (not
 * nscheck's, not PID 1's), and none of the interfaces a probe that
 * joined it sees is one of nscheck's (same ifindex, name and MAC; the
 * loopback of each namespace is its own).  Its interfaces are reported.
 * Control: nscheck's own case process as the target, in a disposable
 * network namespace where .plant made a veth pair, shares it: the probe
 * must see the pair as nscheck's own interfaces.
 */
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

#define NET_IF_MAX 48

struct net_if {
	char name[IF_NAMESIZE];
	int index;
	unsigned char mac[8];
	unsigned int maclen;
	bool loopback;
};

struct net_seen {
	unsigned int nhost, nin;
	struct net_if host[NET_IF_MAX], in[NET_IF_MAX];
};

static unsigned int list_links(struct nsc_ctx *ctx, struct net_if *out)
{
	struct ifaddrs *ifa, *i;
	unsigned int n = 0;

	NSC_SAFE(ctx, getifaddrs(&ifa));
	for (i = ifa; i && n < NET_IF_MAX; i = i->ifa_next) {
		const struct sockaddr_ll *ll = (const struct sockaddr_ll *)(const void *)i->ifa_addr;

		if (!ll || ll->sll_family != AF_PACKET)
			continue;
		snprintf(out[n].name, sizeof(out[n].name), "%s", i->ifa_name);
		out[n].index = ll->sll_ifindex;
		out[n].maclen = ll->sll_halen < sizeof(out[n].mac) ? ll->sll_halen :
								     sizeof(out[n].mac);
		memcpy(out[n].mac, ll->sll_addr, out[n].maclen);
		out[n].loopback = i->ifa_flags & IFF_LOOPBACK;
		n++;
	}
	freeifaddrs(ifa);
	return n;
}

static bool same_link(const struct net_if *a, const struct net_if *b)
{
	return a->index == b->index && !strcmp(a->name, b->name) && a->maclen == b->maclen &&
	       !memcmp(a->mac, b->mac, a->maclen);
}

static const char *mac_str(const struct net_if *l, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < l->maclen && off + 3 < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%02x", i ? ":" : "", l->mac[i]);
	return buf;
}

static void plant(struct nsc_ctx *ctx)
{
	/* Both ends in the control's disposable netns: they die with it. */
	struct nsc_veth v;
	int fd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	int r = nsc_veth_create(&v, fd, fd, nsc_errbuf(ctx));

	close(fd);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable for the control's interfaces: %s",
			 nsc_errbuf(ctx)->msg);
	NSC_TRY(ctx, r);
}

static int setup(struct nsc_ctx *ctx)
{
	struct net_seen *sh = nsc_shared_as(ctx, struct net_seen);

	nsc_target_ns_private(ctx, CLONE_NEWNET,
			      "network namespace is the host's: the container was started with host networking");
	sh->nhost = list_links(ctx, sh->host);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct net_seen *sh = nsc_shared_as(ctx, struct net_seen);

	sh->nin = list_links(ctx, sh->in);
}

static void verify(struct nsc_ctx *ctx)
{
	struct net_seen *sh = nsc_shared_as(ctx, struct net_seen);
	char list[NSC_KV_VALUE] = "", mac[32];
	size_t off = 0;

	nsc_target_alive(ctx);
	for (unsigned int i = 0; i < sh->nin; i++) {
		const struct net_if *l = &sh->in[i];

		if (off < sizeof(list))
			off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s (%d%s%s)",
						i ? ", " : "", l->name, l->index,
						l->maclen && !l->loopback ? ", " : "",
						l->loopback ? "" : mac_str(l, mac, sizeof(mac)));
	}
	nsc_finding(ctx, "interfaces", "%s", sh->nin ? list : "none");
	for (unsigned int i = 0; i < sh->nin; i++) {
		bool host = false;

		for (unsigned int h = 0; h < sh->nhost && !sh->in[i].loopback; h++)
			host = host || same_link(&sh->in[i], &sh->host[h]);
		NSC_ISOLATED(ctx, !host, "interface %s (ifindex %d, %s) of the target is the host's",
			     sh->in[i].name, sh->in[i].index, mac_str(&sh->in[i], mac, sizeof(mac)));
	}
}

NSC_CASE(target, net_private) = {
	.summary = "the target's network namespace is its own, with none of the host's interfaces",
	.target_flags = CLONE_NEWNET,
	.setup = setup,
	.child = child,
	.verify = verify,
	.plant = plant,
	.needs_root = true,
	.min_kernel = "3.0",
	.anchors = NSC_ANCHORS("man:network_namespaces(7)", "man:setns(2)", "man:getifaddrs(3)"),
};
