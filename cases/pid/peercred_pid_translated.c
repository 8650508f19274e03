// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.peercred_pid_translated: the PIDs that AF_UNIX sockets report are
 * translated into the reader's PID namespace.  The case process makes a
 * socketpair before the clone (both ends record it as the peer); inside,
 * SO_PEERCRED reads its PID as 0 (not visible), and SCM_CREDENTIALS it
 * sends with its own PID arrive as 0.  The sandbox's SCM_CREDENTIALS,
 * sent with its getpid() (1), arrive outside as its outer PID, and
 * SO_PEERCRED of a socketpair made inside reads the same outside (the
 * end passed out by SCM_RIGHTS).  Control: without CLONE_NEWPID every
 * side reads the real PIDs.
 */
#include <sys/socket.h>
#include <unistd.h>

#include "nscheck.h"

struct pc_shared {
	pid_t self;   /* getpid() in the sandbox */
	pid_t peer;   /* SO_PEERCRED pid of the pre-clone pair, inside */
	pid_t scm_in; /* SCM_CREDENTIALS pid received inside */
};

static int fds[2] = { -1, -1 };

static int setup(struct nsc_ctx *ctx)
{
	int on = 1;

	NSC_SAFE(ctx, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
	NSC_SAFE(ctx, setsockopt(fds[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	NSC_SAFE(ctx, setsockopt(fds[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	return 0;
}

/* Send one byte with @cred, and @fd (if >= 0) by SCM_RIGHTS. */
static int send_cred(int sock, const struct ucred *cred, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char b = 1;
	struct iovec iov = { &b, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf };
	struct cmsghdr *c;

	memset(&u, 0, sizeof(u));
	mh.msg_controllen = CMSG_SPACE(sizeof(*cred)) + (fd >= 0 ? CMSG_SPACE(sizeof(int)) : 0);
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(*cred));
	memcpy(CMSG_DATA(c), cred, sizeof(*cred));
	if (fd >= 0) {
		c = CMSG_NXTHDR(&mh, c);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	return sendmsg(sock, &mh, 0) == 1 ? 0 : -errno;
}

/* Receive one byte: the credentials' pid in *@pid, a passed fd in *@fd (or -1). */
static int recv_cred(int sock, pid_t *pid, int *fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char b;
	struct iovec iov = { &b, 1 };
	struct msghdr mh = { .msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = u.buf,
			     .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	ssize_t n;

	*pid = -1;
	*fd = -1;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		return n < 0 ? -errno : -EPIPE;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred uc;

			memcpy(&uc, CMSG_DATA(c), sizeof(uc));
			*pid = uc.pid;
		} else if (c->cmsg_type == SCM_RIGHTS) {
			memcpy(fd, CMSG_DATA(c), sizeof(int));
		}
	}
	return 0;
}

static pid_t peer_pid(struct nsc_ctx *ctx, int sock)
{
	struct ucred uc;
	socklen_t len = sizeof(uc);

	NSC_SAFE(ctx, getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &uc, &len));
	return uc.pid;
}

static void child(struct nsc_ctx *ctx)
{
	struct pc_shared *sh = nsc_shared_as(ctx, struct pc_shared);
	struct ucred me = { getpid(), getuid(), getgid() };
	int inner[2], fd;

	close(fds[0]);
	sh->self = getpid();
	sh->peer = peer_pid(ctx, fds[1]);
	NSC_SAFE(ctx, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, inner));
	NSC_TRY(ctx, send_cred(fds[1], &me, inner[0]));
	NSC_TRY(ctx, recv_cred(fds[1], &sh->scm_in, &fd));
	NSC_ISOLATED_EQ(ctx, sh->peer, 0, "SO_PEERCRED pid of the case process read inside");
	NSC_ISOLATED_EQ(ctx, sh->scm_in, 0,
			"SCM_CREDENTIALS pid from the case process received inside");
}

static void parent(struct nsc_ctx *ctx)
{
	struct pc_shared *sh = nsc_shared_as(ctx, struct pc_shared);
	struct ucred me = { getpid(), getuid(), getgid() };
	pid_t scm_out;
	int fd;

	close(fds[1]);
	fds[1] = -1;
	NSC_TRY(ctx, recv_cred(fds[0], &scm_out, &fd));
	if (fd < 0)
		nsc_error(ctx, EPROTO, "no socket passed out by SCM_RIGHTS");
	NSC_EXPECT_EQ(ctx, scm_out, nsc_child_pid(ctx),
		      "SCM_CREDENTIALS pid from the sandbox received outside");
	NSC_ISOLATED_NE(ctx, scm_out, sh->self,
			"SCM_CREDENTIALS pid outside equals the sandbox's own getpid()");
	NSC_EXPECT_EQ(ctx, peer_pid(ctx, fd), nsc_child_pid(ctx),
		      "SO_PEERCRED pid of a socketpair made inside, read outside");
	close(fd);
	NSC_TRY(ctx, send_cred(fds[0], &me, -1));
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

NSC_CASE(pid, peercred_pid_translated) = {
	.summary = "SO_PEERCRED and SCM_CREDENTIALS pids are translated across PID namespaces",
	.clone_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.parent = parent,
	.cleanup = cleanup,
	.min_kernel = "2.6.24",
	.anchors = NSC_ANCHORS("man:unix(7)", "man:pid_namespaces(7)", "other:no anchor tests it"),
};
