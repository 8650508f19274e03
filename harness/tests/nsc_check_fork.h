/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests that run a step in a forked child (to unshare, drop
 * capabilities or mount without touching the test process): a zeroed
 * page shared with the child, and the fork itself, which flushes the
 * child's coverage before _exit().
 */
#ifndef NSC_CHECK_FORK_H
#define NSC_CHECK_FORK_H

#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"
#include "sys.h"

/* @len zeroed bytes shared with forked children (never unmapped). */
static inline void *nsc_check_shared(size_t len)
{
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(m, MAP_FAILED);
	memset(m, 0, len);
	return m;
}

/* Run @fn(@arg) in a forked child; returns its exit status. */
static inline int nsc_check_in_child(int (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int r = fn(arg);

		nsc_cov_dump();
		_exit(r);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "child killed by signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

#endif
