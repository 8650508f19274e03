// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cgroup janitor: the case cgroups "nscheck.<runner>.<case>" of a
 * runner killed by SIGKILL do not wait for the next run to go.
 *
 * The runner makes no cgroup itself (its case processes do, below the
 * runner's own cgroup, harness/cgroup.c) and removes each when it reaps
 * its case process; killed, it removes nothing.  So, once per run, when
 * there is a cgroup2 directory of nscheck's own to make cgroups in, the
 * runner starts a janitor before its first case: forked twice (its
 * parent is init, not the runner, whose subreaper pass would kill it),
 * in a session of its own (no terminal signal of the runner's process
 * group reaches it), with no fd but /dev/null on 0-2, the own cgroup's
 * fd and its end of a socketpair (no report file, no stdout of the
 * runner's kept open), and its cwd at "/".  It blocks in recv() on that
 * socket: no timer, no polling.  The other end is the runner's, and case
 * processes inherit it (it is close-on-exec only): EOF comes when the
 * runner AND every case process are gone, so no case process can make a
 * cgroup after the janitor looked.  Then it removes every
 * "nscheck.<its runner>.*" child of the own cgroup, depth first, killing
 * what is left in it (nsc_cgroup_remove: cgroup.kill, else SIGKILL to
 * the members of cgroup.procs; never following a symlink), and exits.
 * No other cgroup is touched: another runner's, or one nscheck did not
 * name, stays.  A runner that ends normally sends one byte: the janitor
 * removes what is left (nothing, normally) and exits; the runner waits
 * for the EOF of its exit, so no janitor is seen after the run.  Cost:
 * two fork()s and a few syscalls per run, nothing per case.
 *
 * Not started when the runner is PID 1 (a container's or an
 * initramfs's init): its death kills its whole PID namespace, the
 * janitor too; the cgroups left are swept by the next run there
 * (nsc_cgroup_sweep).  Nothing is started without cgroup2 (cgroup v1
 * only hosts, where nscheck makes no cgroups) or without a writable
 * cgroup of nscheck's own.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "janitor.h"
#include "sys.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

/* Per cgroup left: how long its stragglers may take to die. */
#define NSC_JANITOR_RM_MS 2000

static int link_fd = -1;   /* the runner's end of the socketpair */
static int jan_pidfd = -1; /* the janitor's pidfd (5.3+), or -1 */

/* Close the fds @lo..@hi (close_range, 5.9+, else one by one). */
static void close_span(unsigned int lo, unsigned int hi)
{
	struct rlimit rl;
	unsigned int max = 65536;

	if (lo > hi || syscall(SYS_close_range, lo, hi, 0) == 0)
		return;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < max)
		max = (unsigned int)rl.rlim_cur;
	for (unsigned int fd = lo; fd <= hi && fd < max; fd++)
		close((int)fd);
}

/* Only /dev/null on 0-2, @a and @b (both >= 3) stay open. */
static int keep_only(int a, int b)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC), lo = a < b ? a : b, hi = a < b ? b : a;

	if (null < 0)
		return -errno;
	for (int fd = 0; fd < 3; fd++)
		if (fd != null && dup2(null, fd) < 0)
			return -errno;
	close_span(3, (unsigned int)lo - 1);
	close_span((unsigned int)lo + 1, (unsigned int)hi - 1);
	close_span((unsigned int)hi + 1, ~0U);
	return 0;
}

/* Remove every "nscheck.<@runner>.*" child of @ownfd; how many went. */
static int sweep_runner(int ownfd, pid_t runner)
{
	int dfd = openat(ownfd, ".", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), n = 0;
	struct dirent *de;
	DIR *d;

	if (dfd < 0)
		return -errno;
	d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return -errno;
	}
	while ((de = readdir(d))) {
		pid_t r, c;

		if (de->d_type != DT_DIR || !nsc_cgroup_name_parse(de->d_name, &r, &c) || r != runner)
			continue;
		if (nsc_cgroup_remove(ownfd, de->d_name, NSC_JANITOR_RM_MS, NULL) == 0)
			n++;
	}
	closedir(d);
	return n;
}

static void __attribute__((noreturn)) janitor_main(int ownfd, int sock, pid_t runner)
{
	sigset_t none;
	int own, s;
	ssize_t n;
	pid_t me;
	char b;

	prctl(PR_SET_NAME, "nscheck-janitor");
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Pins no mount (a report directory someone unmounts). */
	if (chdir("/") < 0)
		nsc_exit_status(1);
	own = fcntl(ownfd, F_DUPFD_CLOEXEC, 3);
	s = fcntl(sock, F_DUPFD_CLOEXEC, 3);
	if (own < 0 || s < 0 || keep_only(own, s) < 0)
		nsc_exit_status(1);
	/* Ready: who the janitor is, for the runner (and the unit tests). */
	me = getpid();
	if (send(s, &me, sizeof(me), MSG_NOSIGNAL) != (ssize_t)sizeof(me))
		nsc_exit_status(1);
	/* One byte: the runner ends normally.  EOF: it is gone, killed. */
	while ((n = recv(s, &b, 1, 0)) < 0 && errno == EINTR)
		;
	/* Never on an error: the runner may be alive, its cgroups in use. */
	if (n < 0)
		nsc_exit_status(1);
	sweep_runner(own, runner);
	nsc_exit_status(0);
}

pid_t nsc_janitor_start(int ownfd, pid_t runner, struct nsc_err *err)
{
	pid_t a, w, j = 0;
	int sv[2], st = 0;

	if (link_fd >= 0)
		return nsc_err_setx(err, EALREADY, "a cgroup janitor runs already");
	if (getpid() == 1)
		return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return nsc_err_set(err, errno, "socketpair (cgroup janitor)");
	a = fork();
	if (a < 0) {
		int e = errno;

		close(sv[0]);
		close(sv[1]);
		return nsc_err_set(err, e, "fork (cgroup janitor)");
	}
	if (a == 0) {
		nsc_cov_reset(); /* counters inherited from the runner */
		close(sv[0]);
		setsid();
		j = fork();
		if (j == 0)
			janitor_main(ownfd, sv[1], runner);
		nsc_exit_status(j > 0 ? 0 : 1);
	}
	close(sv[1]);
	while ((w = waitpid(a, &st, 0)) < 0 && errno == EINTR)
		;
	/* SIGCHLD ignored by our parent (the scheduler resets it later): it reaped itself. */
	if (w < 0)
		st = 0;
	/* Its pid once it is ready; EOF when it failed. */
	if (!WIFEXITED(st) || WEXITSTATUS(st) ||
	    recv(sv[0], &j, sizeof(j), MSG_WAITALL) != (ssize_t)sizeof(j) || j <= 0) {
		close(sv[0]);
		return nsc_err_setx(err, ECHILD, "cgroup janitor not started (status 0x%x)", st);
	}
	link_fd = sv[0];
	/* It waits for us: the pid cannot have been reused yet. */
	jan_pidfd = (int)syscall(SYS_pidfd_open, j, 0);
	return j;
}

/*
 * Until @fd is readable (@eof: and reads EOF) or @end_ms.  A pidfd is
 * readable once its process has exited; the socket's EOF comes earlier,
 * when the janitor's files are closed, while it still exits.
 */
static void wait_readable(int fd, bool eof, long long end_ms)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = end_ms - nsc_now_ms();
		int r;
		char b;

		if (left <= 0)
			return;
		r = poll(&p, 1, (int)left);
		if (r < 0 && errno != EINTR)
			return;
		if (r > 0 && !eof)
			return;
		if (r > 0) {
			ssize_t got = recv(fd, &b, 1, MSG_DONTWAIT);

			if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR))
				return;
		}
	}
}

void nsc_janitor_stop(int timeout_ms)
{
	long long end = nsc_now_ms() + timeout_ms;
	char b = 'e';

	if (link_fd < 0)
		return;
	/* A janitor gone already: EPIPE (MSG_NOSIGNAL: no SIGPIPE). */
	if (send(link_fd, &b, 1, MSG_NOSIGNAL) == 1)
		wait_readable(jan_pidfd >= 0 ? jan_pidfd : link_fd, jan_pidfd < 0, end);
	close(link_fd);
	link_fd = -1;
	if (jan_pidfd >= 0)
		close(jan_pidfd);
	jan_pidfd = -1;
}
