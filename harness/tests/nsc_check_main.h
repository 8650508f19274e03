/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The main() of every libcheck suite: run it, exit 0 only when nothing
 * failed.  Suites that need root exit NSC_CHECK_SKIP (CTest's
 * SKIP_RETURN_CODE) when they are not.
 */
#ifndef NSC_CHECK_MAIN_H
#define NSC_CHECK_MAIN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define NSC_CHECK_SKIP 77

static inline int nsc_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* False (and says why on stderr) when not root. */
static inline int nsc_check_have_root(const char *prog, const char *why)
{
	if (geteuid() == 0)
		return 1;
	fprintf(stderr, "%s: needs root (%s)\n", prog, why);
	return 0;
}

#endif
