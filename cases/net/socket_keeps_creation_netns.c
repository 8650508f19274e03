// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.socket_keeps_creation_netns: a socket keeps the network namespace
 * it was created in after its creator moved to another one.  The sandbox
 * (in a new netns N) creates a UDP socket, then unshares a further netns
 * M: SIOCGSKNS on the socket yields N (same nsfs identity as N's fd taken
 * before), not M, and the socket still binds in N.  A socket created
 * after the move lives in M (both functional checks).
 * Control: with CLONE_NEWNET withheld the unshare does nothing and the
 * old socket's netns is the current one (sharing observed).
 */
#include <arpa/inet.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"

#ifndef SIOCGSKNS
#define SIOCGSKNS 0x894C
#endif

static void sk_ns_id(struct nsc_ctx *ctx, int fd, struct stat *st)
{
	NSC_SAFE(ctx, fstat(fd, st));
}

/* The nsfs identity of socket @s's netns (SIOCGSKNS). */
static void sk_sock_ns(struct nsc_ctx *ctx, int s, struct stat *st)
{
	int fd = ioctl(s, SIOCGSKNS);

	if (fd < 0 && (errno == ENOTTY || errno == EINVAL))
		nsc_skip(ctx, errno, "needs Linux 4.9 (SIOCGSKNS)", "SIOCGSKNS unsupported");
	if (fd < 0)
		nsc_error(ctx, errno, "ioctl(SIOCGSKNS)");
	sk_ns_id(ctx, fd, st);
	close(fd);
}

static bool sk_same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static void sk_child(struct nsc_ctx *ctx)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct stat n, m, old, fresh;
	int nfd, mfd, s, s2;

	nfd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	sk_ns_id(ctx, nfd, &n);
	s = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	sk_sock_ns(ctx, s, &old);
	NSC_ASSERT(ctx, sk_same(&old, &n), "SIOCGSKNS of a new socket is its creator's netns");

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWNET));
	mfd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	sk_ns_id(ctx, mfd, &m);
	sk_sock_ns(ctx, s, &old);
	NSC_EXPECT(ctx, sk_same(&old, &n), "the socket's netns after unshare is the one it was created in");
	NSC_ISOLATED(ctx, !sk_same(&old, &m), "the socket's netns is the creator's new netns");
	s2 = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	sk_sock_ns(ctx, s2, &fresh);
	NSC_EXPECT(ctx, sk_same(&fresh, &m), "a socket created after unshare lives in the new netns");
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	NSC_EXPECT(ctx, bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0,
		   "the old socket binds 127.0.0.1 in its netns: %s", strerror(errno));
	close(s2);
	close(s);
	close(mfd);
	close(nfd);
}

NSC_CASE(net, socket_keeps_creation_netns) = {
	.summary = "a socket stays in the netns it was created in after its creator unshares",
	.clone_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET"),
	.child = sk_child,
	.min_kernel = "4.9",
	.anchors = NSC_ANCHORS("kselftest:namespaces/siocgskns_test.c", "man:network_namespaces(7)"),
};
