// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the cgroup janitor (harness/janitor.c) on the real kernel.
 * A forked "runner" starts a janitor and makes case cgroups
 * "nscheck.<runner>.<n>" below the test's own cgroup2 cgroup; the test
 * (a child subreaper, so the janitor and orphans become its children)
 * kills the runner or lets it stop, and checks what the janitor removed,
 * killed and left alone.  No sleeps: every wait is on a pipe or a pidfd.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "janitor.h"
#include "nsc_check_main.h"

/* What the runner tells the test. */
struct runner_info {
	pid_t janitor;
	pid_t other; /* the waiter, or the case process */
};

static int pidfd(pid_t pid)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	ck_assert_msg(fd >= 0, "pidfd_open %d: %s", (int)pid, strerror(errno));
	return fd;
}

/* The process behind @pfd exited within @ms. */
static bool exited(int pfd, int ms)
{
	struct pollfd p = { .fd = pfd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

static bool exists(int own, const char *name)
{
	return faccessat(own, name, F_OK, 0) == 0;
}

/* The fds open in @pid: 0-2 on /dev/null and two more, nothing else. */
static void janitor_fds(pid_t pid)
{
	char dir[64], path[128], target[256];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		ssize_t len;

		if (de->d_name[0] == '.')
			continue;
		n++;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		ck_assert_int_gt(len, 0);
		target[len] = '\0';
		if (atoi(de->d_name) < 3)
			ck_assert_str_eq(target, "/dev/null");
	}
	closedir(d);
	ck_assert_msg(n == 5, "janitor has %d fds open, want 5 (stdio, cgroup, socket)", n);
}

/*
 * The runner was killed: its case cgroup (nested, a process left in the
 * inner one) is removed and that process killed; a cgroup of a live
 * "runner" (the test) is not touched; the janitor exits.
 */
START_TEST(test_killed_runner)
{
	char name[48], decoy[48];
	struct runner_info ri;
	struct nsc_err err;
	int own = nsc_cgroup_own_open(&err), p[2], jfd, st, fd;
	pid_t runner;

	ck_assert_msg(own >= 0, "own cgroup: %s", err.msg);
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	nsc_cgroup_name(decoy, sizeof(decoy), getpid(), 7);
	fd = nsc_cgroup_child_make(own, decoy, &err);
	ck_assert_msg(fd >= 0, "%s", err.msg);
	close(fd);
	ck_assert_int_eq(pipe(p), 0);
	runner = fork();
	ck_assert_int_ge(runner, 0);
	if (runner == 0) {
		int cg, sub;
		pid_t w;

		close(p[0]);
		ri.janitor = nsc_janitor_start(own, getpid(), &err);
		if (ri.janitor <= 0)
			_exit(1);
		nsc_cgroup_name(name, sizeof(name), getpid(), 1);
		cg = nsc_cgroup_child_make(own, name, &err);
		sub = cg >= 0 ? nsc_cgroup_child_make(cg, "sub", &err) : -1;
		if (sub < 0)
			_exit(2);
		w = fork();
		if (w == 0) {
			/* Like a sandbox that exec'd: none of the runner's fds. */
			syscall(SYS_close_range, 3, ~0U, 0);
			pause();
			_exit(0);
		}
		ri.other = w;
		if (w < 0 || nsc_cgroup_procs_write(sub, w, &err) < 0 ||
		    write(p[1], &ri, sizeof(ri)) != (ssize_t)sizeof(ri))
			_exit(3);
		pause();
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &ri, sizeof(ri)), sizeof(ri));
	close(p[0]);
	jfd = pidfd(ri.janitor);
	nsc_cgroup_name(name, sizeof(name), runner, 1);
	ck_assert(exists(own, name));
	/* Not the runner's child, not in its session; only what it needs open. */
	ck_assert_int_ne(getsid(ri.janitor), getsid(runner));
	ck_assert_int_eq(waitpid(ri.janitor, &st, WNOHANG), 0);
	janitor_fds(ri.janitor);
	ck_assert(!exited(jfd, 0));

	ck_assert_int_eq(kill(runner, SIGKILL), 0);
	ck_assert_int_eq(waitpid(runner, &st, 0), runner);
	ck_assert_msg(exited(jfd, 5000), "janitor still runs 5 s after its runner died");
	ck_assert_int_eq(waitpid(ri.janitor, &st, 0), ri.janitor);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "janitor status 0x%x", st);
	ck_assert_msg(!exists(own, name), "%s left", name);
	ck_assert_int_eq(waitpid(ri.other, &st, 0), ri.other);
	ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "waiter status 0x%x", st);
	ck_assert_msg(exists(own, decoy), "%s (not the runner's) removed", decoy);
	ck_assert_int_eq(nsc_cgroup_remove(own, decoy, 100, &err), 0);
	close(jfd);
	close(own);
}
END_TEST

/*
 * A case process outlives the killed runner and makes its cgroup after
 * the runner died: the janitor waits for it (it holds the runner's end)
 * and removes that cgroup too.
 */
START_TEST(test_waits_for_case_process)
{
	char name[48];
	struct runner_info ri;
	struct nsc_err err;
	int own = nsc_cgroup_own_open(&err), p[2], go[2], jfd, st;
	pid_t runner;

	ck_assert_msg(own >= 0, "own cgroup: %s", err.msg);
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(pipe(go), 0);
	runner = fork();
	ck_assert_int_ge(runner, 0);
	if (runner == 0) {
		pid_t r = getpid();
		char b;

		close(p[0]);
		close(go[1]);
		ri.janitor = nsc_janitor_start(own, r, &err);
		if (ri.janitor <= 0)
			_exit(1);
		ri.other = fork();
		if (ri.other == 0) {
			/* The runner is gone when the test writes. */
			if (read(go[0], &b, 1) != 1)
				_exit(1);
			nsc_cgroup_name(name, sizeof(name), r, 9);
			_exit(nsc_cgroup_child_make(own, name, &err) < 0 ? 2 : 0);
		}
		if (ri.other < 0 || write(p[1], &ri, sizeof(ri)) != (ssize_t)sizeof(ri))
			_exit(3);
		pause();
		_exit(0);
	}
	close(p[1]);
	close(go[0]);
	ck_assert_int_eq(read(p[0], &ri, sizeof(ri)), sizeof(ri));
	close(p[0]);
	jfd = pidfd(ri.janitor);
	ck_assert_int_eq(kill(runner, SIGKILL), 0);
	ck_assert_int_eq(waitpid(runner, &st, 0), runner);
	ck_assert_int_eq(write(go[1], "g", 1), 1);
	close(go[1]);
	ck_assert_int_eq(waitpid(ri.other, &st, 0), ri.other);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "case process status 0x%x", st);
	ck_assert_msg(exited(jfd, 5000), "janitor still runs 5 s after the case process");
	ck_assert_int_eq(waitpid(ri.janitor, &st, 0), ri.janitor);
	nsc_cgroup_name(name, sizeof(name), runner, 9);
	ck_assert_msg(!exists(own, name), "%s, made after the runner died, left", name);
	close(jfd);
	close(own);
}
END_TEST

/* A normal end: the janitor removes what is left and is gone on return. */
START_TEST(test_stop)
{
	struct nsc_err err;
	char name[48];
	int own = nsc_cgroup_own_open(&err), fd, jfd;
	pid_t j;

	ck_assert_msg(own >= 0, "own cgroup: %s", err.msg);
	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	j = nsc_janitor_start(own, getpid(), &err);
	ck_assert_msg(j > 0, "janitor: %s", err.msg);
	ck_assert_int_eq(nsc_janitor_start(own, getpid(), &err), -EALREADY);
	jfd = pidfd(j);
	nsc_cgroup_name(name, sizeof(name), getpid(), 3);
	fd = nsc_cgroup_child_make(own, name, &err);
	ck_assert_msg(fd >= 0, "%s", err.msg);
	close(fd);
	nsc_janitor_stop(3000);
	ck_assert_msg(exited(jfd, 0), "janitor still runs after nsc_janitor_stop");
	ck_assert_msg(!exists(own, name), "%s left", name);
	waitpid(j, NULL, 0);
	/* Stopped: a second stop does nothing, a new start works. */
	nsc_janitor_stop(3000);
	close(jfd);
	j = nsc_janitor_start(own, getpid(), &err);
	ck_assert_msg(j > 0, "janitor again: %s", err.msg);
	nsc_janitor_stop(3000);
	waitpid(j, NULL, 0);
	close(own);
}
END_TEST

static Suite *janitor_suite(void)
{
	Suite *s = suite_create("janitor");
	TCase *tc = tcase_create("janitor");

	tcase_add_test(tc, test_killed_runner);
	tcase_add_test(tc, test_waits_for_case_process);
	tcase_add_test(tc, test_stop);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	if (!nsc_check_have_root("check_janitor", "makes child cgroups"))
		return NSC_CHECK_SKIP;
	return nsc_check_run(janitor_suite());
}
