// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the default -j.  More than NSC_JOBS_MAX CPUs used to make
 * it 1 (issue 10 item 17); the affinity mask is the real one, read with a
 * mask sized at run time.
 */
#include <check.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cpus.h"
#include "nsc_check_main.h"

START_TEST(test_jobs_default)
{
	ck_assert_uint_eq(nsc_jobs_default(-1), 1);
	ck_assert_uint_eq(nsc_jobs_default(0), 1);
	ck_assert_uint_eq(nsc_jobs_default(1), 1);
	ck_assert_uint_eq(nsc_jobs_default(2), 2);
	ck_assert_uint_eq(nsc_jobs_default(NSC_JOBS_MAX), NSC_JOBS_MAX);
	/* Before: 300 or 4096 CPUs gave 1. */
	ck_assert_uint_eq(nsc_jobs_default(300), NSC_JOBS_MAX);
	ck_assert_uint_eq(nsc_jobs_default(4096), NSC_JOBS_MAX);
}
END_TEST

/* The count follows the affinity mask: all CPUs, then CPU 0 alone. */
START_TEST(test_cpus_usable)
{
	cpu_set_t set;
	int status;
	pid_t pid;

	ck_assert_int_eq(sched_getaffinity(0, sizeof(set), &set), 0);
	ck_assert_uint_eq(nsc_cpus_usable(), (unsigned int)CPU_COUNT(&set));
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		CPU_ZERO(&set);
		CPU_SET(0, &set);
		_exit(sched_setaffinity(0, sizeof(set), &set) == 0 && nsc_cpus_usable() == 1 ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
END_TEST

static Suite *cpus_suite(void)
{
	Suite *s = suite_create("cpus");
	TCase *tc = tcase_create("cpus");

	tcase_add_test(tc, test_jobs_default);
	tcase_add_test(tc, test_cpus_usable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(cpus_suite());
}
