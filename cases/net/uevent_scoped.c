// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.uevent_scoped: the kernel's uevents for a network device go only to
 * listeners in the device's network namespace.  A NETLINK_KOBJECT_UEVENT
 * listener is opened in each of two new netns A and B; a veth pair is
 * created in A (both ends there).  A's listener must get the
 * "add@.../net/<name>" uevents, B's none of them (uevents are sent
 * synchronously while the device registers).  Control: with CLONE_NEWNET
 * withheld B is A and B's listener gets them (sharing observed).
 *
 * The candidate map's form (a non-network host uevent is not delivered
 * into a netns owned by a non-initial user namespace) needs a host
 * uevent, i.e. a change to the host's devices, which nscheck never
 * makes: this case checks the device-netns scoping that it can trigger
 * on its own, without root.
 */
#include <linux/netlink.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

struct ue_listen {
	int fd;
};

static int ue_listen_in(void *arg, struct nsc_err *err)
{
	struct ue_listen *l = arg;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };

	l->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_KOBJECT_UEVENT);
	if (l->fd < 0)
		return nsc_err_set(err, errno, "uevent socket");
	if (bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return nsc_err_set(err, errno, "bind uevent socket");
	return 0;
}

/* Did a queued "add@..." uevent end in "/net/@name"? Reads all. */
static bool ue_saw(struct nsc_ctx *ctx, int fd, const char *name)
{
	char buf[8192], want[64];
	bool seen = false;
	ssize_t n;

	snprintf(want, sizeof(want), "/net/%s", name);
	while ((n = recv(fd, buf, sizeof(buf) - 1, 0)) > 0) {
		size_t wl = strlen(want), hl;

		buf[n] = '\0';
		hl = strlen(buf); /* the "ACTION@DEVPATH" header */
		if (!strncmp(buf, "add@", 4) && hl >= wl && !strcmp(buf + hl - wl, want))
			seen = true;
	}
	if (n < 0 && errno != EAGAIN && errno != ENOBUFS)
		nsc_error(ctx, errno, "read uevents");
	return seen;
}

static void ue_verify(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	struct ue_listen l[2] = { { -1 }, { -1 } };
	struct nsc_netns_pair p;
	struct nsc_veth v;
	int r;

	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	for (int s = 0; s < 2; s++)
		NSC_TRY(ctx, nsc_netns_call(p.fd[s], ue_listen_in, &l[s], err));
	r = nsc_veth_create(&v, p.fd[0], p.fd[0], err);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", err->msg);
	NSC_TRY(ctx, r);
	NSC_EXPECT(ctx, ue_saw(ctx, l[0].fd, v.name[0]), "A's listener got add@.../net/%s",
		   v.name[0]);
	NSC_ISOLATED(ctx, !ue_saw(ctx, l[1].fd, v.name[0]),
		     "B's listener got add@.../net/%s for a device created in A", v.name[0]);
	for (int s = 0; s < 2; s++)
		close(l[s].fd);
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, uevent_scoped) = {
	.summary = "a network device's uevents reach only listeners in its netns",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.verify = ue_verify,
	.min_kernel = "2.6.35",
	.anchors = NSC_ANCHORS("kselftest:uevent/uevent_filtering.c", "man:netlink(7)"),
};
