// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.packet_socket_scoped: an AF_PACKET socket sees only the frames of
 * its own network namespace's interfaces.  The sandbox, in a new netns,
 * sets its lo up; the case process opens a packet socket for all
 * protocols (ETH_P_ALL) in the sandbox's netns (setns there and back),
 * sends a UDP datagram with a unique marker on its disposable outer
 * netns's lo (127.0.0.1, discard port), the sandbox sends its own marker
 * on its lo, and the case process reads every queued frame: the
 * sandbox's marker must be there (taps see a frame while it is sent),
 * the outer one not.  Control: without CLONE_NEWNET the packet
 * socket lives in the outer netns and captures the outer marker (sharing
 * observed).
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

struct ps_shared {
	char marker[2][40]; /* outer, inner */
};

static void ps_lo_up(struct nsc_ctx *ctx)
{
	int fd = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));

	NSC_TRY(ctx, nsc_link_up(fd, "lo", nsc_errbuf(ctx)));
	close(fd);
}

static void ps_send(struct nsc_ctx *ctx, const char *marker)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
	int fd = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	NSC_SAFE(ctx, sendto(fd, marker, strlen(marker), 0, (struct sockaddr *)&sin, sizeof(sin)));
	close(fd);
}

static int ps_setup(struct nsc_ctx *ctx)
{
	struct ps_shared *sh = nsc_shared_as(ctx, struct ps_shared);

	for (int i = 0; i < 2; i++)
		snprintf(sh->marker[i], sizeof(sh->marker[i]), "nscheck-%d-packet-%s",
			 (int)getpid(), i ? "inner" : "outer");
	ps_lo_up(ctx);
	return 0;
}

static bool ps_has(const char *frame, size_t len, const char *marker)
{
	return memmem(frame, len, marker, strlen(marker)) != NULL;
}

/* Our lo up too, then let the case process open the packet socket in our netns. */
static void ps_child(struct nsc_ctx *ctx)
{
	struct ps_shared *sh = nsc_shared_as(ctx, struct ps_shared);

	ps_lo_up(ctx);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
	ps_send(ctx, sh->marker[1]);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

/* A packet socket for every protocol, made in the netns of @pid. */
static int ps_open_in(struct nsc_ctx *ctx, pid_t pid)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	int self = (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, err));
	int ns = (int)NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWNET, err)), fd, e;

	NSC_SAFE(ctx, setns(ns, CLONE_NEWNET));
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
	e = errno;
	NSC_SAFE(ctx, setns(self, CLONE_NEWNET));
	close(ns);
	close(self);
	if (fd < 0 && (e == EPERM || e == EACCES))
		nsc_skip(ctx, e, "give nscheck CAP_NET_RAW",
			 "an AF_PACKET socket needs CAP_NET_RAW: %s", strerror(e));
	if (fd < 0 && e == EAFNOSUPPORT)
		nsc_skip(ctx, e, "enable CONFIG_PACKET", "AF_PACKET unsupported");
	if (fd < 0)
		nsc_error(ctx, e, "socket(AF_PACKET)");
	return fd;
}

/*
 * The socket is the case process's: its close, which waits for an RCU
 * grace period (packet_release, ~10 ms), comes with our exit, after the
 * record is written, not on the way to it.
 */
static void ps_parent(struct nsc_ctx *ctx)
{
	struct ps_shared *sh = nsc_shared_as(ctx, struct ps_shared);
	bool seen[2] = { false, false };
	char frame[2048];
	ssize_t n;
	int fd;

	if (nsc_sync_wait(ctx) < 0)
		return; /* the sandbox skipped or broke: it reports why */
	fd = ps_open_in(ctx, nsc_child_pid(ctx));
	ps_send(ctx, sh->marker[0]);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox sent its marker */
	while ((n = recv(fd, frame, sizeof(frame), 0)) > 0)
		for (int i = 0; i < 2; i++)
			seen[i] |= ps_has(frame, (size_t)n, sh->marker[i]);
	if (n < 0 && errno != EAGAIN)
		nsc_error(ctx, errno, "read the packet socket");
	NSC_EXPECT(ctx, seen[1], "the packet socket captured its own netns's frame (%s)",
		   sh->marker[1]);
	NSC_ISOLATED(ctx, !seen[0], "the packet socket captured a frame sent in the outer netns (%s)",
		     sh->marker[0]);
}

NSC_CASE(net, packet_socket_scoped) = {
	.summary = "an AF_PACKET socket captures only its own netns's frames",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN) | NSC_CAP(CAP_NET_RAW),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_PACKET"),
	.setup = ps_setup,
	.child = ps_child,
	.parent = ps_parent,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("man:packet(7)", "man:network_namespaces(7)"),
};
