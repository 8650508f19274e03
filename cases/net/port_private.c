// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.port_private: the same TCP port on 127.0.0.1 can be bound and
 * listened on in two network namespaces at once.  The case process (in
 * its disposable outer netns, lo brought up) listens on 127.0.0.1 at a
 * port the kernel picks; the sandbox, in a new netns with its own lo
 * brought up, binds and listens on the same address and port.  Control:
 * without CLONE_NEWNET the sandbox's bind fails with EADDRINUSE (sharing
 * observed).
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

struct pp_shared {
	int listener;  /* case process: the outer socket */
	uint16_t port; /* network byte order */
};

static void pp_lo_up(struct nsc_ctx *ctx)
{
	int fd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));

	NSC_TRY(ctx, nsc_link_up(fd, "lo", nsc_errbuf(ctx)));
	close(fd);
}

static int pp_socket(struct nsc_ctx *ctx, struct sockaddr_in *sin, uint16_t port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = port;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
}

/* Listen on 127.0.0.1:<kernel's pick> in the outer netns. */
static int pp_setup(struct nsc_ctx *ctx)
{
	struct pp_shared *sh = nsc_shared_as(ctx, struct pp_shared);
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	pp_lo_up(ctx);
	sh->listener = pp_socket(ctx, &sin, 0);
	NSC_SAFE(ctx, bind(sh->listener, (struct sockaddr *)&sin, sizeof(sin)));
	NSC_SAFE(ctx, listen(sh->listener, 4));
	NSC_SAFE(ctx, getsockname(sh->listener, (struct sockaddr *)&sin, &len));
	NSC_ASSERT(ctx, sin.sin_port != 0, "the kernel picked a port");
	sh->port = sin.sin_port;
	return 0;
}

/* bind to the outer listener's port succeeds (control: EADDRINUSE). */
static void pp_child(struct nsc_ctx *ctx)
{
	struct pp_shared *sh = nsc_shared_as(ctx, struct pp_shared);
	struct sockaddr_in sin;
	int fd, r, e;

	pp_lo_up(ctx);
	fd = pp_socket(ctx, &sin, sh->port);
	r = bind(fd, (struct sockaddr *)&sin, sizeof(sin));
	e = errno;
	if (r < 0 && e != EADDRINUSE)
		nsc_error(ctx, e, "bind 127.0.0.1:%u", ntohs(sh->port));
	NSC_ISOLATED(ctx, r == 0, "bind 127.0.0.1:%u: the port is in use by the outer netns",
		     ntohs(sh->port));
	r = listen(fd, 4);
	e = errno;
	NSC_EXPECT(ctx, r == 0, "listen on 127.0.0.1:%u inside the new netns: %s", ntohs(sh->port),
		   r == 0 ? "ok" : strerror(e));
	close(fd);
}

static void pp_cleanup(struct nsc_ctx *ctx)
{
	struct pp_shared *sh = nsc_shared_as(ctx, struct pp_shared);

	if (sh->listener > 0)
		close(sh->listener);
}

NSC_CASE(net, port_private) = {
	.summary = "the same TCP port on 127.0.0.1 can be bound in two netns at once",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET"),
	.setup = pp_setup,
	.child = pp_child,
	.cleanup = pp_cleanup,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("man:network_namespaces(7)"),
};
