// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.peercred_uid_translated: credentials passed over a UNIX socket are
 * translated into the receiver's user namespace.  The case process makes
 * a socketpair (its credentials are the pair's SO_PEERCRED) and maps the
 * sandbox's ids as "1000 <outer> 1".  Inside, SO_PEERCRED names the case
 * process as uid 1000.  The sandbox sends SCM_CREDENTIALS claiming its
 * own ids (1000); the case process receives its outer uid and gid.  A
 * claim of uid 0, which the sandbox's namespace does not map, is refused
 * EINVAL (the map in the catalogue said EPERM: the kernel rejects an
 * unmapped id before its permission check).  In a further user namespace
 * without maps the peer reads as the overflow uid.  Control: without
 * CLONE_NEWUSER both ends see the same ids: SO_PEERCRED inside names the
 * outer uid and the received uid is the one the sender claimed.
 */
#include <stdio.h>
#include <sys/socket.h>

#include "user.h"

#define MAPPED_ID 1000

struct cred_shared {
	int sv[2];
	struct ucred claimed; /* what the sandbox sent */
};

static int send_creds(int fd, const struct ucred *uc)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	char b = 'c';
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = u.buf,
			      .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	memset(u.buf, 0, sizeof(u.buf));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(*uc));
	memcpy(CMSG_DATA(cm), uc, sizeof(*uc));
	return sendmsg(fd, &msg, MSG_NOSIGNAL) < 0 ? -errno : 0;
}

static int recv_creds(int fd, struct ucred *uc)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	char b;
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = u.buf,
			      .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *cm;

	if (recvmsg(fd, &msg, MSG_CMSG_CLOEXEC) < 0)
		return -errno;
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS) {
			memcpy(uc, CMSG_DATA(cm), sizeof(*uc));
			return 0;
		}
	}
	return -ENOMSG;
}

static int peer_uid(int fd, struct ucred *uc)
{
	socklen_t len = sizeof(*uc);

	return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, uc, &len) < 0 ? -errno : 0;
}

static int setup(struct nsc_ctx *ctx)
{
	struct cred_shared *sh = nsc_shared_as(ctx, struct cred_shared);
	int on = 1;

	NSC_SAFE(ctx, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sh->sv));
	NSC_SAFE(ctx, setsockopt(sh->sv[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct cred_shared *sh = nsc_shared_as(ctx, struct cred_shared);
	long long ouid = nsc_sysctl_long(ctx, "/proc/sys/kernel/overflowuid");
	struct ucred uc, bad;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	NSC_SAFE(ctx, peer_uid(sh->sv[1], &uc));
	NSC_ISOLATED_EQ(ctx, uc.uid, MAPPED_ID, "SO_PEERCRED uid of the case process, inside");
	NSC_EXPECT_EQ(ctx, uc.gid, MAPPED_ID, "SO_PEERCRED gid of the case process, inside");
	sh->claimed = (struct ucred){ .pid = getpid(), .uid = getuid(), .gid = getgid() };
	NSC_SAFE(ctx, send_creds(sh->sv[1], &sh->claimed));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* received */
	bad = (struct ucred){ .pid = getpid(), .uid = 0, .gid = getgid() };
	NSC_EXPECT_EQ(ctx, send_creds(sh->sv[1], &bad), -EINVAL,
		      "SCM_CREDENTIALS claiming uid 0, unmapped in the sender's namespace");
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUSER));
	NSC_SAFE(ctx, peer_uid(sh->sv[1], &uc));
	NSC_EXPECT_EQ(ctx, uc.uid, ouid, "SO_PEERCRED uid read from a user namespace without maps");
}

static void parent(struct nsc_ctx *ctx)
{
	struct cred_shared *sh = nsc_shared_as(ctx, struct cred_shared);
	struct ucred uc = { 0 };
	int ret;

	nsc_user_map_sandbox(ctx, MAPPED_ID);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* sent */
	ret = recv_creds(sh->sv[0], &uc);
	if (ret < 0)
		nsc_error(ctx, -ret, "receive SCM_CREDENTIALS from the sandbox");
	NSC_ISOLATED_NE(ctx, uc.uid, sh->claimed.uid,
			"SCM_CREDENTIALS uid received outside equals the one claimed inside");
	NSC_EXPECT_EQ(ctx, uc.uid, nsc_outer_uid(ctx), "SCM_CREDENTIALS uid received outside");
	NSC_EXPECT_EQ(ctx, uc.gid, nsc_outer_gid(ctx), "SCM_CREDENTIALS gid received outside");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, peercred_uid_translated) = {
	.summary = "SO_PEERCRED and SCM_CREDENTIALS ids are translated into the receiver's view",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:unix(7)", "man:credentials(7)", "man:user_namespaces(7)"),
};
