// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.unprivileged_port_start_private: net.ipv4.ip_unprivileged_port_start
 * is per network namespace.  The case process (in its disposable outer
 * netns) reads it; the sandbox, in a new netns, lowers it below 80 (0, or
 * 79 if the outer value is already 0), drops CAP_NET_BIND_SERVICE from
 * its effective set and binds TCP port 80 on 127.0.0.1, which the new
 * value allows.  Verify: the outer value is unchanged.  Control: without
 * CLONE_NEWNET the sandbox's write lands in the outer netns (sharing
 * observed).
 */
#include <arpa/inet.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

#define UP_PATH "/proc/sys/net/ipv4/ip_unprivileged_port_start"
#define UP_PORT 80

struct up_shared {
	long before, set;
};

static int up_setup(struct nsc_ctx *ctx)
{
	struct up_shared *sh = nsc_shared_as(ctx, struct up_shared);

	if (access(UP_PATH, F_OK) < 0) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, errno, UP_PATH);
		nsc_skip(ctx, errno, "needs Linux 4.11", "%s is missing", UP_PATH);
	}
	sh->before = nsc_sysctl_long(ctx, UP_PATH);
	sh->set = sh->before == 0 ? UP_PORT - 1 : 0;
	return 0;
}

/* Clear CAP_NET_BIND_SERVICE from the effective set (the sandbox ends soon). */
static void up_drop_bind_cap(struct nsc_ctx *ctx)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	NSC_SAFE(ctx, syscall(SYS_capget, &h, d));
	d[CAP_NET_BIND_SERVICE / 32].effective &= ~(1u << (CAP_NET_BIND_SERVICE % 32));
	NSC_SAFE(ctx, syscall(SYS_capset, &h, d));
}

static void up_child(struct nsc_ctx *ctx)
{
	struct up_shared *sh = nsc_shared_as(ctx, struct up_shared);
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(UP_PORT) };
	int s, r;

	nsc_sysctl_set_long(ctx, UP_PATH, sh->set);
	NSC_EXPECT_EQ(ctx, nsc_sysctl_long(ctx, UP_PATH), sh->set,
		      "ip_unprivileged_port_start reads back inside");
	up_drop_bind_cap(ctx);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = (int)NSC_SAFE(ctx, socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
	r = bind(s, (struct sockaddr *)&sin, sizeof(sin));
	NSC_EXPECT(ctx, r == 0, "bind 127.0.0.1:%d without CAP_NET_BIND_SERVICE: %s", UP_PORT,
		   r == 0 ? "ok" : strerror(errno));
	close(s);
}

static void up_verify(struct nsc_ctx *ctx)
{
	struct up_shared *sh = nsc_shared_as(ctx, struct up_shared);
	long now = nsc_sysctl_long(ctx, UP_PATH);

	NSC_ISOLATED_NE(ctx, now, sh->set, "ip_unprivileged_port_start written inside shows outside");
	NSC_EXPECT_EQ(ctx, now, sh->before, "outer ip_unprivileged_port_start unchanged");
}

NSC_CASE(net, unprivileged_port_start_private) = {
	.summary = "net.ipv4.ip_unprivileged_port_start lowered inside a netns is unchanged outside",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_INET", "CONFIG_SYSCTL"),
	.setup = up_setup,
	.child = up_child,
	.verify = up_verify,
	.min_kernel = "4.11",
	.anchors = NSC_ANCHORS("other:Documentation/networking/ip-sysctl.rst",
			       "man:network_namespaces(7)"),
};
