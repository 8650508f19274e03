// SPDX-License-Identifier: GPL-2.0-only
/*
 * bare_clone: the kernel's own price for what an nscheck case does, as
 * the baseline of ci/bench's harness-overhead ratio.
 *
 *   bare_clone [-n ITER] SET...
 *
 * A SET is namespace names joined by '+' (cgroup ipc mnt net pid time
 * user uts, or "none"): clone3(CLONE_PIDFD | flags), the child
 * _exit(0)s at once, waitid(P_PIDFD) reaps it.  The SET "veth" is the
 * baseline of net.veth_ping: two new network namespaces held by fd and
 * a veth pair created in place between them through libnl-route-3 (one
 * rtnetlink socket inside the first, the peer's IFLA_NET_NS_FD pointing
 * at the second); closing the fds hands the teardown to the kernel,
 * asynchronously, as nscheck does.
 *
 * A SET prefixed with "fork/" (fork/uts, fork/veth) is the same work done
 * one process level down, the shape of nscheck's process model: a plain
 * clone3(CLONE_PIDFD) child does it and exits, the parent reaps that child.
 *
 * The sets are measured interleaved, ITER times each after one warm-up
 * round; one line per set on stdout: "SET median_s min_s".
 *
 * Nothing touches the host: the program first moves itself into a
 * disposable network namespace of its own (when "veth" is asked for),
 * every namespace it creates dies with its last fd or process, and the
 * veth names live only inside those namespaces.
 *
 * Build: cc -O2 -o bare_clone bare_clone.c $(pkg-config --cflags --libs
 * libnl-route-3.0)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/sched.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

#define BC_MAX_SETS 32
#define BC_MAX_ITER 10000
#define BC_SELF_NETNS "/proc/thread-self/ns/net"

struct bc_set {
	const char *name;
	uint64_t flags;
	int veth;
	int nested;
	double *t;
};

static const struct {
	const char *name;
	uint64_t flag;
} bc_ns[] = {
	{ "cgroup", CLONE_NEWCGROUP }, { "ipc", CLONE_NEWIPC }, { "mnt", CLONE_NEWNS },
	{ "net", CLONE_NEWNET },       { "pid", CLONE_NEWPID }, { "time", CLONE_NEWTIME },
	{ "user", CLONE_NEWUSER },     { "uts", CLONE_NEWUTS }, { "none", 0 },
};

static double bc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bc_parse(const char *arg, struct bc_set *s)
{
	char buf[128], *tok, *save = NULL;

	s->name = arg;
	s->flags = 0;
	s->nested = !strncmp(arg, "fork/", 5);
	if (s->nested)
		arg += 5;
	s->veth = !strcmp(arg, "veth");
	if (s->veth)
		return 0;
	if (strlen(arg) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, arg);
	for (tok = strtok_r(buf, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
		size_t i;

		for (i = 0; i < sizeof(bc_ns) / sizeof(bc_ns[0]); i++)
			if (!strcmp(tok, bc_ns[i].name))
				break;
		if (i == sizeof(bc_ns) / sizeof(bc_ns[0]))
			return -EINVAL;
		s->flags |= bc_ns[i].flag;
	}
	return 0;
}

static double bc_inner(const struct bc_set *s, int self);

/*
 * One clone3(CLONE_PIDFD | flags) + waitid; seconds, or -errno.  The child
 * exits at once, or first measures @inner itself (the fork/SET variant).
 */
static double bc_clone_wait(uint64_t flags, const struct bc_set *inner, int self)
{
	struct clone_args args;
	siginfo_t si;
	int pidfd = -1;
	double t0, t1;
	long pid;

	memset(&args, 0, sizeof(args));
	args.flags = CLONE_PIDFD | flags;
	args.pidfd = (uint64_t)(uintptr_t)&pidfd;
	args.exit_signal = SIGCHLD;
	t0 = bc_now();
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(inner ? bc_inner(inner, self) < 0 : 0);
	memset(&si, 0, sizeof(si));
	if (waitid((idtype_t)P_PIDFD, (id_t)pidfd, &si, WEXITED) < 0) {
		int e = errno;

		close(pidfd);
		return -e;
	}
	t1 = bc_now();
	close(pidfd);
	if (si.si_code != CLD_EXITED || si.si_status != 0)
		return -ECHILD;
	return t1 - t0;
}

/* A new netns held by *fd; the caller stays where it was. */
static int bc_netns_new(int self, int *fd)
{
	*fd = -1;
	if (unshare(CLONE_NEWNET) < 0)
		return -errno;
	*fd = open(BC_SELF_NETNS, O_RDONLY | O_CLOEXEC);
	if (setns(self, CLONE_NEWNET) < 0)
		abort(); /* never go on in the wrong netns */
	return *fd < 0 ? -errno : 0;
}

/* An rtnetlink socket living in netns @nsfd. */
static struct nl_sock *bc_nl_in(int self, int nsfd)
{
	struct nl_sock *sk;

	if (setns(nsfd, CLONE_NEWNET) < 0)
		return NULL;
	sk = nl_socket_alloc();
	if (sk && nl_connect(sk, NETLINK_ROUTE) < 0) {
		nl_socket_free(sk);
		sk = NULL;
	}
	if (setns(self, CLONE_NEWNET) < 0)
		abort();
	return sk;
}

/* Two netns by fd + a veth pair created in place; seconds, or -errno. */
static double bc_veth(int self)
{
	struct rtnl_link *link, *peer;
	struct nl_sock *sk = NULL;
	int fd[2] = { -1, -1 };
	double t0, ret;
	int r;

	t0 = bc_now();
	r = bc_netns_new(self, &fd[0]);
	if (r == 0)
		r = bc_netns_new(self, &fd[1]);
	if (r == 0) {
		sk = bc_nl_in(self, fd[0]);
		if (!sk)
			r = -EIO;
	}
	if (r == 0) {
		link = rtnl_link_veth_alloc();
		if (!link) {
			r = -ENOMEM;
		} else {
			rtnl_link_set_name(link, "bca");
			peer = rtnl_link_veth_get_peer(link);
			rtnl_link_set_name(peer, "bcb");
			rtnl_link_set_ns_fd(peer, fd[1]);
			rtnl_link_put(peer);
			if (rtnl_link_add(sk, link, NLM_F_CREATE | NLM_F_EXCL) < 0)
				r = -EIO;
			rtnl_link_put(link);
		}
	}
	if (sk)
		nl_socket_free(sk);
	for (int i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	ret = bc_now() - t0;
	return r < 0 ? r : ret;
}

static int bc_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double bc_median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), bc_cmp);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

static double bc_inner(const struct bc_set *s, int self)
{
	return s->veth ? bc_veth(self) : bc_clone_wait(s->flags, NULL, 0);
}

/* fork/SET: a plain child does SET and exits; seconds, or -errno. */
static double bc_nested(const struct bc_set *s, int self)
{
	return bc_clone_wait(0, s, self);
}

static double bc_one(const struct bc_set *s, int self)
{
	return s->nested ? bc_nested(s, self) : bc_inner(s, self);
}

int main(int argc, char **argv)
{
	struct bc_set sets[BC_MAX_SETS];
	int n = 20, nsets = 0, self = -1, opt, need_net = 0;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n')
			goto usage;
		n = atoi(optarg);
		if (n < 1 || n > BC_MAX_ITER)
			goto usage;
	}
	if (optind == argc || argc - optind > BC_MAX_SETS)
		goto usage;
	for (int i = optind; i < argc; i++, nsets++) {
		if (bc_parse(argv[i], &sets[nsets]) < 0) {
			fprintf(stderr, "bare_clone: unknown set '%s'\n", argv[i]);
			goto usage;
		}
		need_net |= sets[nsets].veth;
		sets[nsets].t = calloc((size_t)n, sizeof(double));
		if (!sets[nsets].t)
			return 1;
	}
	if (need_net) {
		/* A disposable netns of our own: the host's is never touched. */
		if (unshare(CLONE_NEWNET) < 0) {
			perror("bare_clone: unshare(CLONE_NEWNET)");
			return 1;
		}
		self = open(BC_SELF_NETNS, O_RDONLY | O_CLOEXEC);
		if (self < 0) {
			perror("bare_clone: open " BC_SELF_NETNS);
			return 1;
		}
	}
	for (int it = -1; it < n; it++) {
		for (int s = 0; s < nsets; s++) {
			double t = bc_one(&sets[s], self);

			if (t < 0) {
				fprintf(stderr, "bare_clone: %s: %s\n", sets[s].name,
					strerror((int)-t));
				return 1;
			}
			if (it >= 0)
				sets[s].t[it] = t;
		}
	}
	for (int s = 0; s < nsets; s++) {
		double med = bc_median(sets[s].t, n);

		printf("%s %.6f %.6f\n", sets[s].name, med, sets[s].t[0]);
	}
	return 0;
usage:
	fprintf(stderr, "usage: bare_clone [-n ITER] [fork/]SET...   (SET: ns+ns..., none, veth)\n");
	return 2;
}
