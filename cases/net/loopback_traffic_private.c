// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.loopback_traffic_private: traffic on lo stays in its network
 * namespace.  The case process (in its disposable outer netns, lo brought
 * up) listens on 127.0.0.1 at a port the kernel picks; the sandbox, in a
 * new netns with its own lo up, connects to 127.0.0.1 at that port and
 * must get ECONNREFUSED (nobody listens there in its netns), while a
 * listener of its own on its lo accepts it (lo works).  TCP only: a
 * refused connect is answered synchronously, a UDP port unreachable is
 * not.  Control: without CLONE_NEWNET the sandbox's connect reaches the
 * outer listener (sharing observed).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

struct lt_shared {
	int listener;  /* case process: the outer socket */
	uint16_t port; /* network byte order */
};

static void lt_lo_up(struct nsc_ctx *ctx)
{
	int fd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));

	NSC_TRY(ctx, nsc_link_up(fd, "lo", nsc_errbuf(ctx)));
	close(fd);
}

/* A TCP socket listening on 127.0.0.1:<kernel's pick>; its port in *@port. */
static int lt_listen(struct nsc_ctx *ctx, uint16_t *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	NSC_SAFE(ctx, bind(fd, (struct sockaddr *)&sin, sizeof(sin)));
	NSC_SAFE(ctx, listen(fd, 4));
	NSC_SAFE(ctx, getsockname(fd, (struct sockaddr *)&sin, &len));
	*port = sin.sin_port;
	return fd;
}

/* connect(2) to 127.0.0.1:@port: 0 or -errno. */
static int lt_connect(struct nsc_ctx *ctx, uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = port };
	int fd = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)), r;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int lt_setup(struct nsc_ctx *ctx)
{
	struct lt_shared *sh = nsc_shared_as(ctx, struct lt_shared);

	lt_lo_up(ctx);
	sh->listener = lt_listen(ctx, &sh->port);
	return 0;
}

/* The outer port refuses (control: accepted); an own listener accepts. */
static void lt_child(struct nsc_ctx *ctx)
{
	struct lt_shared *sh = nsc_shared_as(ctx, struct lt_shared);
	uint16_t own;
	int fd, r;

	lt_lo_up(ctx);
	r = lt_connect(ctx, sh->port);
	if (r < 0 && r != -ECONNREFUSED)
		nsc_error(ctx, -r, "connect 127.0.0.1:%u", ntohs(sh->port));
	NSC_ISOLATED(ctx, r == -ECONNREFUSED,
		     "connect to 127.0.0.1:%u reached the outer netns's listener", ntohs(sh->port));
	fd = lt_listen(ctx, &own);
	r = lt_connect(ctx, own);
	NSC_EXPECT_EQ(ctx, r, 0, "connect to a listener on the new netns's own lo");
	close(fd);
}

static void lt_cleanup(struct nsc_ctx *ctx)
{
	struct lt_shared *sh = nsc_shared_as(ctx, struct lt_shared);

	if (sh->listener > 0)
		close(sh->listener);
}

NSC_CASE(net, loopback_traffic_private) = {
	.summary = "a TCP connect to 127.0.0.1 reaches only listeners of the same netns",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET"),
	.setup = lt_setup,
	.child = lt_child,
	.cleanup = lt_cleanup,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("man:network_namespaces(7)"),
};
