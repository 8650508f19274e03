// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: KTAP version 1 of hostile records is plain printable text
 * in the shape of Documentation/dev-tools/ktap.rst, and the kernel's own
 * parser (kunit.py parse, extracted by ci/setup) reads it with the
 * statuses of the JSON report of the same records.
 */
#include "nsc_testutil.h"

#define KUNIT_PY NSC_SRC_DIR "/ci/.cache/linux-source-6.12/tools/testing/kunit/kunit.py"
#define KTAP_CHECK NSC_SRC_DIR "/harness/tests/helpers/ktap_check.py"

static char *dir;
static char path[512], json[512];

static void setup(void)
{
	dir = nsc_t_tmpdir();
	snprintf(path, sizeof(path), "%s/r.ktap", dir);
	snprintf(json, sizeof(json), "%s/r.json", dir);
}

static void teardown(void)
{
	nsc_t_rmtree(dir);
}

static size_t split(char *buf, char **l, size_t max)
{
	size_t n = 0;

	for (char *s = strtok(buf, "\n"); s && n < max; s = strtok(NULL, "\n"))
		l[n++] = s;
	return n;
}

START_TEST(test_shape)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;
	char *buf, *l[256];
	unsigned int found = 0;
	size_t n;

	nsc_t_results(res);
	/* A target case's finding, with a hostile value (issue 17). */
	res[4].nfinding = 1;
	snprintf(res[4].finding[0].key, sizeof(res[4].finding[0].key), "cap_eff");
	nsc_t_fill(res[4].finding[0].value, sizeof(res[4].finding[0].value), NSC_HOSTILE);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("ktap", path, NULL, res, NSC_T_NRES, &run), 0);
	buf = nsc_t_slurp(path, NULL);
	for (const unsigned char *p = (const unsigned char *)buf; *p; p++)
		ck_assert_msg((*p >= 0x20 && *p < 0x7f) || *p == '\n', "byte 0x%02x", *p);
	n = split(buf, l, 256);
	ck_assert_uint_gt(n, 20);
	ck_assert_str_eq(l[0], "KTAP version 1");
	ck_assert_str_eq(l[1], "1..4"); /* env, net, time, uts */
	ck_assert_str_eq(l[2], "# nscheck: nscheck 0.1.0-test");
	ck_assert_str_eq(l[4], "  KTAP version 1");
	ck_assert_str_eq(l[5], "  # Subtest: env");
	ck_assert_str_eq(l[6], "  1..2");
	ck_assert_str_eq(l[8], "  ok 1 env.first");
	ck_assert_str_eq(l[10], "  ok 2 env.host_residue");
	ck_assert_str_eq(l[11], "ok 1 env");
	ck_assert_str_eq(l[n - 1], "# Totals: pass:3 fail:1 xfail:0 xpass:0 skip:1 error:1");
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(l[i], "  not ok 1 net.fail_1_x")) {
			/* Diagnostics come before the result line. */
			ck_assert_ptr_nonnull(strstr(l[i - 1], "# control: shared (saw quote\""));
			ck_assert_ptr_nonnull(strstr(l[i - 2], "# cases/net/fail.c:43: quote"));
			ck_assert_ptr_nonnull(strstr(l[i - 3], "# cases/net/fail.c:42: quote"));
			ck_assert_ptr_nonnull(strstr(l[i - 3], "(EACCES): expected \"exp\"<>, got"));
			ck_assert_str_eq(l[i + 1], "not ok 2 net");
			found |= 1;
		}
		if (!strncmp(l[i], "  ok 1 time.skip", 16)) {
			ck_assert(!strncmp(l[i], "  ok 1 time.skip # SKIP no # time\\ns quote", 42));
			ck_assert_str_eq(l[i + 1], "ok 3 time # SKIP every case skipped");
			ck_assert_str_eq(l[i - 2], "  # hint: set CONFIG_TIME_NS=y <&>");
			found |= 2;
		}
		if (!strncmp(l[i], "  not ok 1 uts.error", 20)) {
			ck_assert_str_eq(l[i], "  not ok 1 uts.error # ERROR killed by SIGSEGV");
			ck_assert_str_eq(l[i - 2], "  # errno: EPERM");
			found |= 4;
		}
		if (!strcmp(l[i], "  ok 2 uts.pass")) {
			ck_assert_ptr_nonnull(strstr(l[i - 2], "  # finding cap_eff: "));
			found |= 8;
		}
		/* No diagnostic may pass for a KTAP structure line. */
		if (l[i][0] == ' ' && strstr(l[i], "# ") == l[i] + 2)
			ck_assert(strncmp(l[i], "  # Subtest: ", 13) || strlen(l[i]) < 20);
	}
	ck_assert_uint_eq(found, 15);
	free(buf);
}
END_TEST

/* kunit.py reads it with the statuses of the JSON of the same records. */
START_TEST(test_kunit_parses)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;
	const char *argv[] = { nsc_t_python(), KTAP_CHECK, KUNIT_PY, path, json, NULL };

	ck_assert_msg(access(KUNIT_PY, R_OK) == 0, "%s missing: run ci/setup", KUNIT_PY);
	nsc_t_results(res);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("ktap", path, NULL, res, NSC_T_NRES, &run), 0);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("json", json, NULL, res, NSC_T_NRES, &run), 0);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
}
END_TEST

START_TEST(test_empty_and_interrupted)
{
	struct nsc_run_info run;
	char *buf;

	nsc_t_run_info(&run, 4);
	run.interrupted = true;
	ck_assert_int_eq(nsc_t_report("ktap", path, NULL, NULL, 0, &run), 0);
	buf = nsc_t_slurp(path, NULL);
	ck_assert(!strncmp(buf, "KTAP version 1\n1..0 # SKIP no cases ran\n", 40));
	ck_assert_ptr_nonnull(strstr(buf, "\n# interrupted: 0 of 4 cases ran\n"));
	ck_assert_ptr_nonnull(
		strstr(buf, "\n# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:0 error:0\n"));
	free(buf);
}
END_TEST

static Suite *ktap_suite(void)
{
	Suite *s = suite_create("ktap");
	TCase *tc = tcase_create("ktap");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_shape);
	tcase_add_test(tc, test_kunit_parses);
	tcase_add_test(tc, test_empty_and_interrupted);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(ktap_suite)
