// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: fork.c.  nsc_park() blocks until a signal ends the process:
 * a handled signal does not end it (pause() returns, it pauses again);
 * SIGKILL does.  nsc_fork()'s child dies with its parent.
 */
#include <check.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nsc_check_main.h"
#include "nscheck.h"

static int handled_fd = -1;

static void on_usr1(int sig)
{
	char b = (char)sig;

	if (write(handled_fd, &b, 1) != 1)
		_exit(4);
}

/* Readable within @ms milliseconds (the process behind pidfd @fd ended). */
static int ended_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms);
}

START_TEST(test_park_until_killed)
{
	int p[2], status, pidfd;
	char b;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		handled_fd = p[1];
		close(p[0]);
		signal(SIGUSR1, on_usr1);
		if (write(p[1], "r", 1) != 1)
			_exit(2);
		nsc_park();
	}
	close(p[1]);
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	ck_assert_int_ge(pidfd, 0);
	ck_assert_int_eq(read(p[0], &b, 1), 1); /* ready */
	ck_assert_int_eq(kill(pid, SIGUSR1), 0);
	ck_assert_int_eq(read(p[0], &b, 1), 1); /* handled: pause() returned */
	ck_assert_int_eq(b, SIGUSR1);
	ck_assert_int_eq(ended_within(pidfd, 100), 0); /* and it paused again */
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	close(pidfd);
	close(p[0]);
}
END_TEST

START_TEST(test_fork_dies_with_parent)
{
	int p[2], status, pidfd;
	pid_t mid, kid;

	/* mid forks kid (nsc_fork) and parks; killing mid kills kid. */
	ck_assert_int_eq(pipe(p), 0);
	mid = fork();
	ck_assert_int_ge(mid, 0);
	if (mid == 0) {
		close(p[0]);
		kid = nsc_fork();
		if (kid == 0)
			nsc_park();
		if (kid < 0 || write(p[1], &kid, sizeof(kid)) != (ssize_t)sizeof(kid))
			_exit(2);
		nsc_park();
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &kid, sizeof(kid)), (ssize_t)sizeof(kid));
	pidfd = (int)syscall(SYS_pidfd_open, kid, 0);
	ck_assert_int_ge(pidfd, 0);
	ck_assert_int_eq(ended_within(pidfd, 0), 0);
	ck_assert_int_eq(kill(mid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(mid, &status, 0), mid);
	ck_assert_int_eq(ended_within(pidfd, 10000), 1); /* killed by PDEATHSIG */
	close(pidfd);
	close(p[0]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fork");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_park_until_killed);
	tcase_add_test(tc, test_fork_dies_with_parent);
	suite_add_tcase(s, tc);
	return nsc_check_run(s);
}
