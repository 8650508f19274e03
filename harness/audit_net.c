// SPDX-License-Identifier: GPL-2.0-only
/*
 * Residue audit sources for network state beyond links (audit_snap.c has
 * those): routes of every table, policy rules and nftables tables of the
 * network namespace nscheck runs in, each read by one netlink dump (no
 * ip or nft binary).  A kernel without the protocol (no nf_tables) or a
 * caller the kernel does not let list it (nftables needs CAP_NET_ADMIN)
 * yields no items: the two snapshots then agree on nothing, and nothing
 * is compared.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "audit_int.h"

#define AUDIT_NL_BUF 32768
#define AUDIT_NL_WAIT_MS 2000

typedef void audit_nl_item_fn(struct nsc_audit *a, const struct nsc_audit_source *s,
			      const struct nlmsghdr *h);

/*
 * Dump with @type (a @hdrlen-byte zeroed family header whose first byte
 * is @family) on a @proto socket; @fn gets every answer message.
 * 0, or -errno (the caller decides which mean "nothing to list").
 */
static int audit_nl_dump(struct nsc_audit *a, const struct nsc_audit_source *s, int proto,
			 unsigned short type, unsigned char family, size_t hdrlen,
			 audit_nl_item_fn *fn)
{
	static char buf[AUDIT_NL_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct {
		struct nlmsghdr h;
		unsigned char fam[16];
	} req = { 0 };
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct pollfd pfd = { .events = POLLIN };
	int fd, r = 0;

	req.h.nlmsg_len = NLMSG_LENGTH(hdrlen);
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.fam[0] = family;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0)
		return -errno;
	pfd.fd = fd;
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
		r = -errno;
		goto out;
	}
	for (;;) {
		ssize_t n;

		r = poll(&pfd, 1, AUDIT_NL_WAIT_MS);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			r = r < 0 ? -errno : -ETIMEDOUT;
			goto out;
		}
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			r = -errno;
			goto out;
		}
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				r = 0;
				goto out;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				r = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
				goto out;
			}
			fn(a, s, h);
		}
	}
out:
	close(fd);
	return r;
}

/* Attribute @type of the attributes after a @hdrlen-byte header, or NULL. */
static const struct rtattr *audit_attr(const struct nlmsghdr *h, size_t hdrlen, unsigned short type)
{
	int len = (int)h->nlmsg_len - (int)NLMSG_SPACE(hdrlen);
	const struct rtattr *a =
		(const struct rtattr *)((const char *)NLMSG_DATA(h) + NLMSG_ALIGN(hdrlen));

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if ((a->rta_type & NLA_TYPE_MASK) == type)
			return a;
	return NULL;
}

static unsigned int audit_attr_u32(const struct nlmsghdr *h, size_t hdrlen, unsigned short type,
				   unsigned int dflt)
{
	const struct rtattr *a = audit_attr(h, hdrlen, type);
	unsigned int v = dflt;

	if (a && RTA_PAYLOAD(a) >= sizeof(v))
		memcpy(&v, RTA_DATA(a), sizeof(v));
	return v;
}

static void audit_route_item(struct nsc_audit *a, const struct nsc_audit_source *s,
			     const struct nlmsghdr *h)
{
	const struct rtmsg *rtm = NLMSG_DATA(h);
	const struct rtattr *dst = audit_attr(h, sizeof(*rtm), RTA_DST);
	char addr[INET6_ADDRSTRLEN] = "default", key[96], val[64];

	if (h->nlmsg_type != RTM_NEWROUTE)
		return;
	if (dst && !inet_ntop(rtm->rtm_family, RTA_DATA(dst), addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	snprintf(key, sizeof(key), "%s/%u table %u", addr, rtm->rtm_dst_len,
		 audit_attr_u32(h, sizeof(*rtm), RTA_TABLE, rtm->rtm_table));
	snprintf(val, sizeof(val), "type %u dev %u", rtm->rtm_type,
		 audit_attr_u32(h, sizeof(*rtm), RTA_OIF, 0));
	nsc_audit_add(a, s->kind, key, val);
}

static void audit_rule_item(struct nsc_audit *a, const struct nsc_audit_source *s,
			    const struct nlmsghdr *h)
{
	const struct fib_rule_hdr *fr = NLMSG_DATA(h);
	char key[64], val[64];

	if (h->nlmsg_type != RTM_NEWRULE)
		return;
	snprintf(key, sizeof(key), "%s priority %u", fr->family == AF_INET6 ? "inet6" : "inet",
		 audit_attr_u32(h, sizeof(*fr), FRA_PRIORITY, 0));
	snprintf(val, sizeof(val), "table %u action %u",
		 audit_attr_u32(h, sizeof(*fr), FRA_TABLE, fr->table), fr->action);
	nsc_audit_add(a, s->kind, key, val);
}

static void audit_nft_item(struct nsc_audit *a, const struct nsc_audit_source *s,
			   const struct nlmsghdr *h)
{
	const struct nfgenmsg *g = NLMSG_DATA(h);
	const struct rtattr *name = audit_attr(h, sizeof(*g), NFTA_TABLE_NAME);
	char key[96];

	if (!name)
		return;
	snprintf(key, sizeof(key), "family %u %.*s", g->nfgen_family, (int)RTA_PAYLOAD(name),
		 (const char *)RTA_DATA(name));
	nsc_audit_add(a, s->kind, key, "");
}

void nsc_audit_snap_routes(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	int r = audit_nl_dump(a, s, NETLINK_ROUTE, RTM_GETROUTE, AF_UNSPEC, sizeof(struct rtmsg),
			      audit_route_item);

	if (r < 0)
		nsc_audit_fail(a, -r, s->from);
}

void nsc_audit_snap_rules(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	int r = audit_nl_dump(a, s, NETLINK_ROUTE, RTM_GETRULE, AF_UNSPEC,
			      sizeof(struct fib_rule_hdr), audit_rule_item);

	/* No CONFIG_IP_MULTIPLE_TABLES: no rules to list. */
	if (r < 0 && r != -EOPNOTSUPP && r != -EAFNOSUPPORT)
		nsc_audit_fail(a, -r, s->from);
}

void nsc_audit_snap_nft(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	int r = audit_nl_dump(a, s, NETLINK_NETFILTER, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETTABLE,
			      AF_UNSPEC, sizeof(struct nfgenmsg), audit_nft_item);

	/* No nf_tables, or not allowed to list (CAP_NET_ADMIN): nothing seen. */
	if (r < 0 && r != -EPROTONOSUPPORT && r != -EPERM && r != -ENOENT && r != -EOPNOTSUPP)
		nsc_audit_fail(a, -r, s->from);
}
