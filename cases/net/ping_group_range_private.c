// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.ping_group_range_private: net.ipv4.ping_group_range is per network
 * namespace.  The case process (in its disposable outer netns) reads the
 * range; the sandbox, in a new netns, widens it to cover its gid and
 * then opens an ICMP datagram socket (socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP)), which the range allows.  Verify: the outer range is
 * unchanged.  Control: without CLONE_NEWNET the sandbox's write lands in
 * the outer netns (sharing observed).
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

#define PG_PATH "/proc/sys/net/ipv4/ping_group_range"

struct pg_shared {
	char before[64]; /* outer range before */
	char set[64];	 /* what the sandbox wrote */
};

static void pg_read(struct nsc_ctx *ctx, char *buf, size_t len)
{
	int fd = (int)NSC_SAFE_OP(ctx, NSC_OP_READ, PG_PATH, open(PG_PATH, O_RDONLY | O_CLOEXEC));
	ssize_t n = NSC_SAFE(ctx, read(fd, buf, len - 1));

	close(fd);
	buf[n] = '\0';
	/* "1\t0\n": one space-separated form for messages and compares. */
	for (char *p = buf; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = *p == '\n' ? '\0' : ' ';
}

static int pg_setup(struct nsc_ctx *ctx)
{
	struct pg_shared *sh = nsc_shared_as(ctx, struct pg_shared);

	pg_read(ctx, sh->before, sizeof(sh->before));
	return 0;
}

static void pg_child(struct nsc_ctx *ctx)
{
	struct pg_shared *sh = nsc_shared_as(ctx, struct pg_shared);
	unsigned int gid = (unsigned int)getegid();
	char now[64];
	int fd, s, len;

	/* A range that differs from the outer one in any case. */
	len = snprintf(sh->set, sizeof(sh->set), "%u %u", gid, gid);
	if (!strcmp(sh->set, sh->before))
		len = snprintf(sh->set, sizeof(sh->set), "%u %u", gid ? gid - 1 : 0, gid + 1);
	fd = (int)NSC_SAFE_OP(ctx, NSC_OP_WRITE, PG_PATH, open(PG_PATH, O_WRONLY | O_CLOEXEC));
	NSC_SAFE(ctx, write(fd, sh->set, (size_t)len));
	close(fd);
	pg_read(ctx, now, sizeof(now));
	NSC_EXPECT_STREQ(ctx, now, sh->set, "ping_group_range reads back inside");
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);
	NSC_EXPECT(ctx, s >= 0, "ICMP datagram socket with gid %u in the range: %s", gid,
		   s >= 0 ? "ok" : strerror(errno));
	if (s >= 0)
		close(s);
}

static void pg_verify(struct nsc_ctx *ctx)
{
	struct pg_shared *sh = nsc_shared_as(ctx, struct pg_shared);
	char now[64];

	pg_read(ctx, now, sizeof(now));
	NSC_ISOLATED_STRNE(ctx, now, sh->set, "ping_group_range written inside shows outside");
	NSC_EXPECT_STREQ(ctx, now, sh->before, "outer ping_group_range unchanged");
}

NSC_CASE(net, ping_group_range_private) = {
	.summary = "net.ipv4.ping_group_range widened inside a netns is unchanged outside",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET", "CONFIG_SYSCTL"),
	.setup = pg_setup,
	.child = pg_child,
	.verify = pg_verify,
	.min_kernel = "3.0",
	.anchors = NSC_ANCHORS("man:icmp(7)", "man:network_namespaces(7)"),
};
