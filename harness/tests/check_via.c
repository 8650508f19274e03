// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: creation paths and the --unsafe opt-in (harness/via.c):
 * parsing --via, which paths a case may run on (its .via, and never
 * clone(2) with CLONE_NEWTIME), the SKIP reasons naming the path needed
 * or --unsafe, the flag sets the unshare path forks for, and clone(2)
 * through nsc_clone_legacy() giving a pidfd of a real new namespace.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ns.h"
#include "nscheck.h"
#include "sys.h"
#include "via.h"
#include "nsc_check_main.h"

START_TEST(test_parse)
{
	unsigned int v = 0;

	ck_assert_int_eq(nsc_via_parse("clone3", &v), 0);
	ck_assert_uint_eq(v, NSC_VIA_CLONE3);
	ck_assert_int_eq(nsc_via_parse("clone", &v), 0);
	ck_assert_uint_eq(v, NSC_VIA_CLONE);
	ck_assert_int_eq(nsc_via_parse("unshare", &v), 0);
	ck_assert_uint_eq(v, NSC_VIA_UNSHARE);
	v = 42;
	ck_assert_int_eq(nsc_via_parse("fork", &v), -EINVAL);
	ck_assert_int_eq(nsc_via_parse("", &v), -EINVAL);
	ck_assert_int_eq(nsc_via_parse("CLONE3", &v), -EINVAL);
	ck_assert_int_eq(nsc_via_parse("clone3 ", &v), -EINVAL);
	ck_assert_int_eq(nsc_via_parse(NULL, &v), -EINVAL);
	ck_assert_uint_eq(v, 42); /* untouched on error */
	ck_assert_str_eq(nsc_via_name(NSC_VIA_CLONE3), "clone3");
	ck_assert_str_eq(nsc_via_name(NSC_VIA_CLONE), "clone");
	ck_assert_str_eq(nsc_via_name(NSC_VIA_UNSHARE), "unshare");
}
END_TEST

START_TEST(test_allowed)
{
	struct nsc_case c = { .id = "x.y", .summary = "s", .clone_flags = CLONE_NEWUTS };

	ck_assert_uint_eq(nsc_via_allowed(&c), NSC_VIA_ALL);
	c.via = NSC_VIA_CLONE3;
	ck_assert_uint_eq(nsc_via_allowed(&c), NSC_VIA_CLONE3);
	c.via = NSC_VIA_CLONE | NSC_VIA_UNSHARE;
	ck_assert_uint_eq(nsc_via_allowed(&c), NSC_VIA_CLONE | NSC_VIA_UNSHARE);
	/* clone(2) cannot express CLONE_NEWTIME, whatever .via says. */
	c.clone_flags = CLONE_NEWTIME | CLONE_NEWUSER;
	c.via = 0;
	ck_assert_uint_eq(nsc_via_allowed(&c), NSC_VIA_CLONE3 | NSC_VIA_UNSHARE);
	c.via = NSC_VIA_CLONE;
	ck_assert_uint_eq(nsc_via_allowed(&c), 0);
}
END_TEST

START_TEST(test_skip_reasons)
{
	struct nsc_case c = { .id = "x.y", .summary = "sets the clock", .clone_flags = CLONE_NEWUTS };
	char r[256], h[256];

	for (unsigned int v = 1; v & NSC_VIA_ALL; v <<= 1)
		ck_assert(!nsc_via_skip(&c, v, r, sizeof(r), h, sizeof(h)));
	c.via = NSC_VIA_CLONE3;
	ck_assert(!nsc_via_skip(&c, NSC_VIA_CLONE3, r, sizeof(r), h, sizeof(h)));
	ck_assert(nsc_via_skip(&c, NSC_VIA_UNSHARE, r, sizeof(r), h, sizeof(h)));
	ck_assert_str_eq(r, "needs --via clone3: the case runs on that creation path only (.via)");
	ck_assert_str_eq(h, "run it with --via clone3");
	c.via = 0;
	c.clone_flags = CLONE_NEWTIME;
	ck_assert(nsc_via_skip(&c, NSC_VIA_CLONE, r, sizeof(r), h, sizeof(h)));
	ck_assert_str_eq(r,
			 "needs --via clone3 or --via unshare: clone(2) cannot express CLONE_NEWTIME (its bit is clone(2)'s exit signal)");
	ck_assert(!nsc_via_skip(&c, NSC_VIA_UNSHARE, r, sizeof(r), h, sizeof(h)));

	/* --unsafe */
	ck_assert(!nsc_unsafe_skip(&c, false, r, sizeof(r), h, sizeof(h)));
	c.unsafe = true;
	ck_assert(!nsc_unsafe_skip(&c, true, r, sizeof(r), h, sizeof(h)));
	ck_assert(nsc_unsafe_skip(&c, false, r, sizeof(r), h, sizeof(h)));
	ck_assert_str_eq(r,
			 "needs --unsafe (this case would act on the host if isolation were broken: sets the clock)");
	ck_assert_ptr_nonnull(strstr(h, "--unsafe"));
}
END_TEST

START_TEST(test_for_children)
{
	ck_assert_uint_eq(nsc_ns_for_children_flags(), CLONE_NEWPID | CLONE_NEWTIME);
}
END_TEST

/* clone(2) with CLONE_PIDFD: a usable pidfd, and the flag's namespace is new. */
START_TEST(test_clone_legacy)
{
	struct nsc_err err;
	siginfo_t si;
	int pidfd = -1;
	pid_t pid;

	ck_assert_int_eq(nsc_clone_legacy(CLONE_NEWTIME, &pidfd, &err), -ENOSYS);
	ck_assert_ptr_nonnull(strstr(err.msg, "clone(2) cannot express"));
	if (geteuid() != 0)
		return; /* CLONE_NEWUTS needs root */
	pid = nsc_clone_legacy(CLONE_NEWUTS, &pidfd, &err);
	if (pid == 0) {
		int ok = sethostname("via-test", 8) == 0;

		nsc_cov_dump();
		_exit(ok ? 7 : 1);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_ge(pidfd, 0);
	ck_assert_int_eq(nsc_pidfd_wait(pidfd, &si, WEXITED), 0);
	ck_assert_int_eq(si.si_pid, pid);
	ck_assert_int_eq(si.si_status, 7);
	close(pidfd);
}
END_TEST

static Suite *via_suite(void)
{
	Suite *s = suite_create("via");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_allowed);
	tcase_add_test(tc, test_skip_reasons);
	tcase_add_test(tc, test_for_children);
	tcase_add_test(tc, test_clone_legacy);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(via_suite());
}
