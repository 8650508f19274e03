// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.abstract_unix_private: abstract AF_UNIX socket names belong to a
 * network namespace.  The case process (in its disposable outer netns)
 * binds and listens on a unique abstract name; the sandbox, in a new
 * netns, must get ECONNREFUSED connecting to it, and must be able to
 * bind the very same name itself.  Control: without CLONE_NEWNET the
 * sandbox shares the outer netns and its connect succeeds (sharing
 * observed).
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "nscheck.h"

struct au_shared {
	int listener;  /* case process: fd bound to the name */
	char name[64]; /* abstract name, without the leading NUL */
};

static socklen_t au_addr(const struct au_shared *sh, struct sockaddr_un *sun)
{
	size_t len = strlen(sh->name);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path + 1, sh->name, len);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

static int au_socket(struct nsc_ctx *ctx)
{
	return (int)NSC_SAFE(ctx, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
}

/* Bind and listen on "\0nsc-<pid>-abstract" in the outer netns. */
static int au_setup(struct nsc_ctx *ctx)
{
	struct au_shared *sh = nsc_shared_as(ctx, struct au_shared);
	struct sockaddr_un sun;
	socklen_t len;

	snprintf(sh->name, sizeof(sh->name), "nsc-%d-abstract", (int)getpid());
	len = au_addr(sh, &sun);
	sh->listener = au_socket(ctx);
	NSC_SAFE(ctx, bind(sh->listener, (struct sockaddr *)&sun, len));
	NSC_SAFE(ctx, listen(sh->listener, 4));
	return 0;
}

/*
 * connect to the outer name is refused (control: it is accepted into the
 * outer listener's backlog); binding the same name succeeds inside.
 */
static void au_child(struct nsc_ctx *ctx)
{
	struct au_shared *sh = nsc_shared_as(ctx, struct au_shared);
	struct sockaddr_un sun;
	socklen_t len = au_addr(sh, &sun);
	int fd = au_socket(ctx), r, e;

	r = connect(fd, (struct sockaddr *)&sun, len);
	e = errno;
	if (r < 0 && e != ECONNREFUSED)
		nsc_error(ctx, e, "connect to abstract @%s", sh->name);
	NSC_ISOLATED(ctx, r < 0, "connect to the outer netns's abstract socket @%s succeeded",
		     sh->name);
	close(fd);

	fd = au_socket(ctx);
	r = bind(fd, (struct sockaddr *)&sun, len);
	e = errno;
	NSC_EXPECT(ctx, r == 0, "bind abstract @%s inside the new netns: %s", sh->name,
		   r == 0 ? "ok" : strerror(e));
	close(fd);
}

static void au_cleanup(struct nsc_ctx *ctx)
{
	struct au_shared *sh = nsc_shared_as(ctx, struct au_shared);

	if (sh->listener > 0)
		close(sh->listener);
}

NSC_CASE(net, abstract_unix_private) = {
	.summary = "an abstract AF_UNIX name bound in one netns is unreachable and free in another",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_UNIX"),
	.setup = au_setup,
	.child = au_child,
	.cleanup = au_cleanup,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("kselftest:net/af_unix/unix_connect.c", "man:unix(7)"),
};
