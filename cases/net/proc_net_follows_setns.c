// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.proc_net_follows_setns: /proc/self/net shows the network namespace
 * the reader is in now, also after setns(2), with the old netns's
 * /proc/self/net/unix dentry looked up (and pinned by an open fd)
 * before.  The case process binds an abstract AF_UNIX name in its
 * disposable outer netns and opens /proc/self/net/unix (the name is
 * listed); a second netns gets a name of its own; after setns into it
 * /proc/self/net/unix lists the second name and not the first, and the
 * fd opened before still reads the old netns's list.  Control: without
 * CLONE_NEWNET the "second" netns is the outer one and lists the first
 * name (sharing observed).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "nscheck.h"

#define PN_PATH "/proc/self/net/unix"

struct pn_arg {
	struct nsc_ctx *ctx;
	char names[2][64];
	int sock;      /* the socket bound inside (closed by the caller) */
	bool lists[2]; /* /proc/self/net/unix inside lists names[i] */
};

/* Bind "\0@name" to a new datagram socket; returns the fd or -errno. */
static int pn_bind(const char *name)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	memcpy(sun.sun_path + 1, name, len);
	if (bind(fd, (struct sockaddr *)&sun,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len)) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

/* Read all of @fd (from offset 0) into a malloc'd string; NULL on error. */
static char *pn_read(int fd)
{
	size_t cap = 8192, len = 0;
	char *buf = malloc(cap), *p;
	ssize_t n;

	if (!buf || lseek(fd, 0, SEEK_SET) < 0) {
		free(buf);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 2) {
			p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				return NULL;
			}
			buf = p;
			cap *= 2;
		}
	}
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* The list lists "@name" as a whole path field. */
static bool pn_lists(const char *list, const char *name)
{
	char want[80];

	snprintf(want, sizeof(want), " @%s\n", name);
	return list && strstr(list, want);
}

/* Inside the second netns (nsc_netns_call): bind names[1], read the list. */
static int pn_inside(void *arg, struct nsc_err *err)
{
	struct pn_arg *a = arg;
	char *list;
	int fd;

	a->sock = pn_bind(a->names[1]);
	if (a->sock < 0)
		return nsc_err_set(err, -a->sock, "bind @%s in the second netns", a->names[1]);
	fd = open(PN_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return nsc_err_set(err, errno, "open %s after setns", PN_PATH);
	list = pn_read(fd);
	close(fd);
	if (!list)
		return nsc_err_set(err, errno ? errno : EIO, "read %s after setns", PN_PATH);
	for (int i = 0; i < 2; i++)
		a->lists[i] = pn_lists(list, a->names[i]);
	free(list);
	return 0;
}

static void pn_verify(struct nsc_ctx *ctx)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	struct pn_arg a = { .ctx = ctx, .sock = -1 };
	int outer, pinned, netns;
	char *before, *after;

	for (int i = 0; i < 2; i++)
		snprintf(a.names[i], sizeof(a.names[i]), "nsc-%d-procnet-%d", (int)getpid(), i);
	outer = pn_bind(a.names[0]);
	if (outer < 0)
		nsc_error(ctx, -outer, "bind @%s", a.names[0]);
	pinned = (int)NSC_SAFE_OP(ctx, NSC_OP_READ, PN_PATH, open(PN_PATH, O_RDONLY | O_CLOEXEC));
	before = pn_read(pinned);
	if (!before)
		nsc_error(ctx, errno ? errno : EIO, "read %s", PN_PATH);
	NSC_ASSERT(ctx, pn_lists(before, a.names[0]), "%s lists the name just bound, @%s", PN_PATH,
		   a.names[0]);
	free(before);

	NSC_TRY(ctx, nsc_netns_new(ctx, &netns, err));
	NSC_TRY(ctx, nsc_netns_call(netns, pn_inside, &a, err));
	NSC_EXPECT(ctx, a.lists[1], "after setns %s lists the joined netns's @%s", PN_PATH,
		   a.names[1]);
	NSC_ISOLATED(ctx, !a.lists[0], "after setns %s still lists the old netns's @%s", PN_PATH,
		     a.names[0]);
	/* The fd opened before setns keeps the netns it was opened in. */
	after = pn_read(pinned);
	if (!after)
		nsc_error(ctx, errno ? errno : EIO, "reread %s", PN_PATH);
	NSC_EXPECT(ctx, pn_lists(after, a.names[0]), "the fd opened before setns lists @%s",
		   a.names[0]);
	free(after);
	close(a.sock);
	close(pinned);
	close(netns);
	close(outer);
}

NSC_CASE(net, proc_net_follows_setns) = {
	.summary = "/proc/self/net shows the netns joined by setns, not the one opened before",
	.clone_flags = CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_UNIX", "CONFIG_PROC_FS"),
	.verify = pn_verify,
	.min_kernel = "2.6.29",
	.anchors = NSC_ANCHORS("kselftest:proc/setns-dcache.c", "man:proc(5)"),
};
