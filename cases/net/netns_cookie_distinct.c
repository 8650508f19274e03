// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.netns_cookie_distinct: SO_NETNS_COOKIE names a socket's network
 * namespace: non-zero, the same for every socket of one netns and
 * different across netns.  The case process reads it from two sockets of
 * its disposable outer netns (a UDP and an AF_UNIX one: the cookie is the
 * netns's, not the family's), the sandbox from two of its own new netns;
 * verify compares.  Where NS_GET_ID exists (Linux 6.18), the cookie is
 * the netns's id: measured equal here on 6.18 (checked on both sides;
 * an older kernel's ENOTTY leaves the check out).  Control: without
 * CLONE_NEWNET the sandbox's cookie is the outer one (sharing observed).
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif
#define NC_NS_GET_ID _IOR(0xb7, 13, uint64_t) /* NS_GET_ID, Linux 6.18 */

struct nc_shared {
	uint64_t outer[2], inner[2];
	uint64_t outer_id, inner_id; /* NS_GET_ID, 0 where unsupported */
};

/* NS_GET_ID of the caller's netns, 0 on a kernel without it. */
static uint64_t nc_ns_id(struct nsc_ctx *ctx)
{
	int fd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	uint64_t id = 0;

	if (ioctl(fd, NC_NS_GET_ID, &id) < 0) {
		int e = errno;

		close(fd);
		if (e == ENOTTY || e == EINVAL)
			return 0;
		nsc_error(ctx, e, "ioctl(NS_GET_ID) on the netns");
	}
	close(fd);
	return id;
}

static uint64_t nc_cookie(struct nsc_ctx *ctx, int family, int type)
{
	int fd = (int)NSC_SAFE(ctx, socket(family, type | SOCK_CLOEXEC, 0));
	socklen_t len = sizeof(uint64_t);
	uint64_t c = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, &c, &len) < 0) {
		int e = errno;

		close(fd);
		if (e == ENOPROTOOPT)
			nsc_skip(ctx, e, "needs Linux 5.14 (SO_NETNS_COOKIE)",
				 "getsockopt(SO_NETNS_COOKIE) unsupported");
		nsc_error(ctx, e, "getsockopt(SO_NETNS_COOKIE)");
	}
	close(fd);
	return c;
}

static void nc_read(struct nsc_ctx *ctx, uint64_t c[2])
{
	c[0] = nc_cookie(ctx, AF_INET, SOCK_DGRAM);
	c[1] = nc_cookie(ctx, AF_UNIX, SOCK_STREAM);
}

static int nc_setup(struct nsc_ctx *ctx)
{
	struct nc_shared *sh = nsc_shared_as(ctx, struct nc_shared);

	nc_read(ctx, sh->outer);
	sh->outer_id = nc_ns_id(ctx);
	return 0;
}

static void nc_child(struct nsc_ctx *ctx)
{
	struct nc_shared *sh = nsc_shared_as(ctx, struct nc_shared);

	nc_read(ctx, sh->inner);
	sh->inner_id = nc_ns_id(ctx);
}

static void nc_verify(struct nsc_ctx *ctx)
{
	struct nc_shared *sh = nsc_shared_as(ctx, struct nc_shared);
	uint64_t again = nc_cookie(ctx, AF_INET, SOCK_DGRAM);

	NSC_EXPECT(ctx, sh->outer[0] && sh->inner[0], "cookies are non-zero (outer %llu, new %llu)",
		   (unsigned long long)sh->outer[0], (unsigned long long)sh->inner[0]);
	NSC_EXPECT_EQ(ctx, sh->outer[1], sh->outer[0], "cookie of two sockets of the outer netns");
	NSC_EXPECT_EQ(ctx, sh->inner[1], sh->inner[0], "cookie of two sockets of the new netns");
	NSC_EXPECT_EQ(ctx, again, sh->outer[0], "the outer netns's cookie read again");
	if (sh->outer_id && sh->inner_id) {
		NSC_EXPECT_EQ(ctx, sh->outer[0], sh->outer_id, "outer cookie vs NS_GET_ID");
		NSC_EXPECT_EQ(ctx, sh->inner[0], sh->inner_id, "new netns's cookie vs NS_GET_ID");
	}
	NSC_ISOLATED_NE(ctx, sh->inner[0], sh->outer[0],
			"SO_NETNS_COOKIE of the new netns equals the outer netns's");
}

NSC_CASE(net, netns_cookie_distinct) = {
	.summary = "SO_NETNS_COOKIE is one per netns: equal within, distinct across",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET", "CONFIG_UNIX"),
	.setup = nc_setup,
	.child = nc_child,
	.verify = nc_verify,
	.min_kernel = "5.14",
	.anchors = NSC_ANCHORS("kselftest:net/so_netns_cookie.c", "man:socket(7)"),
};
