// SPDX-License-Identifier: GPL-2.0-only
/*
 * setns.join_net: setns(pidfd, CLONE_NEWNET) moves the caller into the
 * sandbox's network namespace for the sockets it creates afterwards,
 * while a socket it created before keeps its old namespace.  The sandbox
 * listens on an abstract unix socket of a unique name.  Isolation check:
 * before joining, connect() to that name from the case process fails
 * (the name lives in another namespace).  After joining, a new socket
 * connects, and the socket made before the join still does not.
 * Control: without CLONE_NEWNET the name is reachable before any join;
 * the outer network namespace is the control's disposable one.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "nscheck.h"

struct jn_shared {
	char name[64]; /* abstract name, without the leading NUL */
};

static socklen_t jn_addr(struct sockaddr_un *a, const char *name)
{
	size_t n = strlen(name);

	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, n);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

/* connect() @fd (or a new socket when @fd < 0) to @name: 0 or -errno. */
static int jn_connect(int fd, const char *name)
{
	struct sockaddr_un a;
	socklen_t len = jn_addr(&a, name);
	int s = fd >= 0 ? fd : socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), ret;

	if (s < 0)
		return -errno;
	ret = connect(s, (struct sockaddr *)&a, len) < 0 ? -errno : 0;
	if (fd < 0)
		close(s);
	return ret;
}

static int setup(struct nsc_ctx *ctx)
{
	struct jn_shared *sh = nsc_shared_as(ctx, struct jn_shared);

	snprintf(sh->name, sizeof(sh->name), "nsc-%d-join-net", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct jn_shared *sh = nsc_shared_as(ctx, struct jn_shared);
	struct sockaddr_un a;
	socklen_t len = jn_addr(&a, sh->name);
	int s = NSC_SAFE(ctx, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));

	NSC_SAFE(ctx, bind(s, (struct sockaddr *)&a, len));
	NSC_SAFE(ctx, listen(s, 4));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process is done */
	close(s);
}

static void parent(struct nsc_ctx *ctx)
{
	struct jn_shared *sh = nsc_shared_as(ctx, struct jn_shared);
	int old, ret;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox listens */
	old = NSC_SAFE(ctx, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	ret = jn_connect(-1, sh->name);
	NSC_ISOLATED(ctx, ret == -ECONNREFUSED,
		     "the sandbox's abstract socket is reachable before any setns() (connect gave %d)",
		     ret);
	NSC_SAFE(ctx, setns(nsc_child_pidfd(ctx), CLONE_NEWNET));
	NSC_EXPECT_EQ(ctx,
		      NSC_TRY(ctx, nsc_ns_same(0, nsc_child_pid(ctx), CLONE_NEWNET, nsc_errbuf(ctx))),
		      1, "ns/net of the caller is the sandbox's after setns(pidfd, CLONE_NEWNET)");
	NSC_EXPECT_EQ(ctx, jn_connect(-1, sh->name), 0,
		      "connect() from a socket created after joining the sandbox's netns");
	ret = jn_connect(old, sh->name);
	NSC_EXPECT(ctx, ret == -ECONNREFUSED,
		   "a socket created before setns() keeps its old netns (connect gave %d)", ret);
	close(old);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(setns, join_net) = {
	.summary = "setns() into a network namespace applies to sockets created afterwards",
	.clone_flags = CLONE_NEWNET,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.8",
	.anchors = NSC_ANCHORS("kselftest:pidfd/pidfd_setns_test.c", "rt:linux_ns_path",
			       "man:setns(2)", "man:unix(7)"),
};
