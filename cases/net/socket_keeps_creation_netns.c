// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.socket_keeps_creation_netns: a socket keeps the network namespace
 * it was created in after its creator moved to another one.  The sandbox
 * (in a new netns N) creates a UDP socket, then unshares a further netns
 * M.  The socket's netns is still N and not M, and the socket still binds
 * in N; a socket created after the move lives in M.
 *
 * A socket's netns is read with SIOCGSKNS (its nsfs identity, compared
 * with N's and M's nsfds) where the caller has CAP_NET_ADMIN over the
 * netns's owner, else (a container without CAP_NET_ADMIN: SIOCGSKNS is
 * EPERM) with SO_NETNS_COOKIE, one value per netns, compared between the
 * sockets.  Control: with CLONE_NEWNET withheld the unshare does nothing
 * and the old socket's netns is the current one (sharing observed).
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
#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

enum sk_how { SK_UNKNOWN, SK_SIOCGSKNS, SK_COOKIE };

/* The netns of socket @s as one number: nsfs inode, or netns cookie. */
static uint64_t sk_key(struct nsc_ctx *ctx, int s, enum sk_how *how)
{
	socklen_t len = sizeof(uint64_t);
	uint64_t cookie = 0;
	struct stat st;
	int fd;

	if (*how != SK_COOKIE) {
		fd = ioctl(s, SIOCGSKNS);
		if (fd >= 0) {
			*how = SK_SIOCGSKNS;
			NSC_SAFE(ctx, fstat(fd, &st));
			close(fd);
			return (uint64_t)st.st_ino;
		}
		if (*how == SK_SIOCGSKNS || (errno != EPERM && errno != ENOTTY && errno != EINVAL))
			nsc_error(ctx, errno, "ioctl(SIOCGSKNS)");
		*how = SK_COOKIE;
	}
	if (getsockopt(s, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &len) < 0) {
		if (errno == ENOPROTOOPT)
			nsc_skip(ctx, errno,
				 "needs CAP_NET_ADMIN (SIOCGSKNS) or Linux 5.14 (SO_NETNS_COOKIE)",
				 "neither SIOCGSKNS nor SO_NETNS_COOKIE can name a socket's netns");
		nsc_error(ctx, errno, "getsockopt(SO_NETNS_COOKIE)");
	}
	return cookie;
}

static uint64_t sk_ino(struct nsc_ctx *ctx)
{
	int fd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
	struct stat st;

	NSC_SAFE(ctx, fstat(fd, &st));
	close(fd);
	return (uint64_t)st.st_ino;
}

static void sk_child(struct nsc_ctx *ctx)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	enum sk_how how = SK_UNKNOWN;
	uint64_t n_ino, m_ino, before, after, fresh;
	int s, s2;

	n_ino = sk_ino(ctx);
	s = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	before = sk_key(ctx, s, &how);
	if (how == SK_SIOCGSKNS)
		NSC_ASSERT_EQ(ctx, before, n_ino, "SIOCGSKNS of a new socket: its creator's netns");

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWNET));
	m_ino = sk_ino(ctx);
	after = sk_key(ctx, s, &how);
	s2 = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	fresh = sk_key(ctx, s2, &how);
	NSC_EXPECT_EQ(ctx, after, before, "the socket's netns after unshare (%s)",
		      how == SK_SIOCGSKNS ? "SIOCGSKNS inode" : "netns cookie");
	NSC_ISOLATED_NE(ctx, after, fresh,
			"the old socket's netns is the one its creator moved to (%s)",
			how == SK_SIOCGSKNS ? "SIOCGSKNS inode" : "netns cookie");
	if (how == SK_SIOCGSKNS)
		NSC_EXPECT_EQ(ctx, fresh, m_ino,
			      "a socket created after unshare lives in the new netns");
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	NSC_EXPECT(ctx, bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0,
		   "the old socket binds 127.0.0.1 in its netns: %s", strerror(errno));
	close(s2);
	close(s);
}

NSC_CASE(net, socket_keeps_creation_netns) = {
	.summary = "a socket stays in the netns it was created in after its creator unshares",
	.clone_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET"),
	.child = sk_child,
	.min_kernel = "4.9",
	.anchors = NSC_ANCHORS("kselftest:namespaces/siocgskns_test.c", "man:network_namespaces(7)"),
};
