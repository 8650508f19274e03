// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.pathname_unix_crosses_netns: an AF_UNIX socket bound to a
 * filesystem path is reachable from another network namespace (it is
 * found through the inode, which no netns owns), while an abstract name
 * is not.  The case process, in its disposable outer netns and a private
 * mount namespace with a tmpfs of its own on the first existing directory
 * of /tmp, /dev/shm, /run, /mnt (a FROM scratch container has no /tmp;
 * nothing is left on the host even after SIGKILL), binds a stream listener and a datagram socket
 * to paths and a stream listener to an abstract name.  The sandbox, in a
 * new netns, must connect to the stream path and send to the datagram
 * path (expectations: the absence of isolation is the property) and get
 * ECONNREFUSED from the abstract name.  Control: without CLONE_NEWNET the
 * abstract connect succeeds (sharing observed); the pathname checks hold
 * either way.
 */
#include <stdio.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "nscheck.h"

static const char *const pu_dirs[] = { "/tmp", "/dev/shm", "/run", "/mnt" };

struct pu_shared {
	int fd[3]; /* stream path, datagram path, abstract */
	char path[2][64];
	char abstract[64];
};

static socklen_t pu_addr(struct sockaddr_un *sun, const char *name, bool abstract)
{
	size_t len = strlen(name);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path + abstract, name, len);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + abstract + len + !abstract);
}

static int pu_bound(struct nsc_ctx *ctx, int type, const char *name, bool abstract)
{
	struct sockaddr_un sun;
	socklen_t len = pu_addr(&sun, name, abstract);
	int fd = (int)NSC_SAFE(ctx, socket(AF_UNIX, type | SOCK_CLOEXEC, 0));

	NSC_SAFE(ctx, bind(fd, (struct sockaddr *)&sun, len));
	if (type == SOCK_STREAM)
		NSC_SAFE(ctx, listen(fd, 4));
	return fd;
}

static int pu_setup(struct nsc_ctx *ctx)
{
	struct pu_shared *sh = nsc_shared_as(ctx, struct pu_shared);

	const char *dir = NULL;
	struct stat st;

	for (size_t i = 0; !dir && i < sizeof(pu_dirs) / sizeof(pu_dirs[0]); i++)
		if (stat(pu_dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
			dir = pu_dirs[i];
	if (!dir)
		nsc_skip(ctx, ENOENT, "give the container a /tmp",
			 "none of /tmp, /dev/shm, /run, /mnt exists to mount a private tmpfs on");
	/* Our own tmpfs: the socket files vanish with the mount namespace. */
	NSC_SAFE(ctx, mount("nscheck", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
			    "mode=0700,size=64k"));
	for (int i = 0; i < 2; i++)
		snprintf(sh->path[i], sizeof(sh->path[i]), "%s/nsc-%d-%s", dir, (int)getpid(),
			 i ? "dgram" : "stream");
	snprintf(sh->abstract, sizeof(sh->abstract), "nsc-%d-pathname-abstract", (int)getpid());
	sh->fd[0] = pu_bound(ctx, SOCK_STREAM, sh->path[0], false);
	sh->fd[1] = pu_bound(ctx, SOCK_DGRAM, sh->path[1], false);
	sh->fd[2] = pu_bound(ctx, SOCK_STREAM, sh->abstract, true);
	return 0;
}

/* 0 or -errno of connect (stream) or send (datagram) to @name. */
static int pu_reach(struct nsc_ctx *ctx, int type, const char *name, bool abstract)
{
	struct sockaddr_un sun;
	socklen_t len = pu_addr(&sun, name, abstract);
	int fd = (int)NSC_SAFE(ctx, socket(AF_UNIX, type | SOCK_CLOEXEC, 0)), r;

	if (type == SOCK_STREAM)
		r = connect(fd, (struct sockaddr *)&sun, len);
	else
		r = (int)sendto(fd, "nsc", 3, 0, (struct sockaddr *)&sun, len);
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

static void pu_child(struct nsc_ctx *ctx)
{
	struct pu_shared *sh = nsc_shared_as(ctx, struct pu_shared);
	int r;

	r = pu_reach(ctx, SOCK_STREAM, sh->path[0], false);
	NSC_EXPECT_EQ(ctx, r, 0, "stream connect to %s, bound in another netns", sh->path[0]);
	r = pu_reach(ctx, SOCK_DGRAM, sh->path[1], false);
	NSC_EXPECT_EQ(ctx, r, 0, "datagram send to %s, bound in another netns", sh->path[1]);
	r = pu_reach(ctx, SOCK_STREAM, sh->abstract, true);
	if (r < 0 && r != -ECONNREFUSED)
		nsc_error(ctx, -r, "connect to @%s", sh->abstract);
	NSC_ISOLATED(ctx, r == -ECONNREFUSED, "connect to the outer netns's abstract @%s succeeded",
		     sh->abstract);
}

/* The datagram arrived at the outer socket. */
static void pu_verify(struct nsc_ctx *ctx)
{
	struct pu_shared *sh = nsc_shared_as(ctx, struct pu_shared);
	char buf[8];
	ssize_t n = recv(sh->fd[1], buf, sizeof(buf), MSG_DONTWAIT);

	NSC_EXPECT_EQ(ctx, n, 3, "datagram from the other netns received at %s", sh->path[1]);
}

static void pu_cleanup(struct nsc_ctx *ctx)
{
	struct pu_shared *sh = nsc_shared_as(ctx, struct pu_shared);

	for (int i = 0; i < 3; i++)
		if (sh->fd[i] > 0)
			close(sh->fd[i]);
}

NSC_CASE(net, pathname_unix_crosses_netns) = {
	.summary = "a pathname AF_UNIX socket is reachable from another netns, an abstract one is not",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET | CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_UNIX", "CONFIG_TMPFS"),
	.setup = pu_setup,
	.child = pu_child,
	.verify = pu_verify,
	.cleanup = pu_cleanup,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("kselftest:net/af_unix/unix_connect.c", "man:unix(7)",
			       "man:network_namespaces(7)"),
};
