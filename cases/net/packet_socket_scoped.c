// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.packet_socket_scoped: an AF_PACKET socket sees only the frames of
 * its own network namespace's interfaces.  The sandbox, in a new netns
 * with lo up, opens a packet socket for all protocols (ETH_P_ALL) and
 * hands over; the case process sends a UDP datagram with a unique marker
 * on its disposable outer netns's lo (127.0.0.1, discard port) and hands
 * back; the sandbox sends its own marker on its lo and reads every
 * queued frame: its own marker must be there (taps see a frame while it
 * is sent), the outer one not.  Control: without CLONE_NEWNET the packet
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

static void ps_child(struct nsc_ctx *ctx)
{
	struct ps_shared *sh = nsc_shared_as(ctx, struct ps_shared);
	bool seen[2] = { false, false };
	char frame[2048];
	ssize_t n;
	int fd;

	ps_lo_up(ctx);
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
	if (fd < 0 && (errno == EPERM || errno == EACCES))
		nsc_skip(ctx, errno, "give nscheck CAP_NET_RAW",
			 "an AF_PACKET socket needs CAP_NET_RAW: %s", strerror(errno));
	if (fd < 0 && errno == EAFNOSUPPORT)
		nsc_skip(ctx, errno, "enable CONFIG_PACKET", "AF_PACKET unsupported");
	if (fd < 0)
		nsc_error(ctx, errno, "socket(AF_PACKET)");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx));
	ps_send(ctx, sh->marker[1]);
	while ((n = recv(fd, frame, sizeof(frame), 0)) > 0)
		for (int i = 0; i < 2; i++)
			seen[i] |= ps_has(frame, (size_t)n, sh->marker[i]);
	if (n < 0 && errno != EAGAIN)
		nsc_error(ctx, errno, "read the packet socket");
	NSC_EXPECT(ctx, seen[1], "the packet socket captured its own netns's frame (%s)",
		   sh->marker[1]);
	NSC_ISOLATED(ctx, !seen[0], "the packet socket captured a frame sent in the outer netns (%s)",
		     sh->marker[0]);
	close(fd);
}

/* Once the packet socket exists, send the outer marker. */
static void ps_parent(struct nsc_ctx *ctx)
{
	struct ps_shared *sh = nsc_shared_as(ctx, struct ps_shared);

	if (nsc_sync_wait(ctx) < 0)
		return; /* the sandbox skipped or broke: it reports why */
	ps_send(ctx, sh->marker[0]);
	nsc_sync_wake(ctx);
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
