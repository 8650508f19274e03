// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: the TAP 14/13 reporter, line by line and through parsers. */
#include "nsc_testutil.h"

static char *dir;
static char path[512];

static void setup(void)
{
	dir = nsc_t_tmpdir();
	snprintf(path, sizeof(path), "%s/r.tap", dir);
}

static void teardown(void)
{
	nsc_t_rmtree(dir);
}

/* The report split into lines (modified in place); returns the count. */
static size_t lines_of(char *buf, char **lines, size_t max)
{
	size_t n = 0;

	for (char *p = buf; *p && n < max;) {
		char *nl = strchr(p, '\n');

		ck_assert_msg(nl, "last line lacks a newline");
		*nl = '\0';
		lines[n++] = p;
		p = nl + 1;
	}
	return n;
}

static char *write_tap(int version, int interrupted, unsigned int nres)
{
	struct nsc_report_opts o = { .tap_version = version };
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;

	nsc_t_results(res);
	nsc_t_run_info(&run, NSC_T_NRES);
	run.interrupted = interrupted;
	ck_assert_int_eq(nsc_t_report("tap", path, &o, res, nres, &run), 0);
	return nsc_t_slurp(path, NULL);
}

START_TEST(test_lines)
{
	char *buf = write_tap(14, 0, NSC_T_NRES), *l[512] = { 0 };
	size_t n = lines_of(buf, l, 512), i, tp = 0;
	int in_yaml = 0;

	ck_assert_uint_ge(n, 8);

	ck_assert_str_eq(l[0], "TAP version 14");
	ck_assert_str_eq(l[1], "1..6");
	for (i = 2; i < n; i++) {
		for (const unsigned char *p = (const unsigned char *)l[i]; *p; p++)
			ck_assert_msg(*p >= 0x20 && *p != 0x7f, "control byte in line %zu", i);
		if (in_yaml) {
			ck_assert_msg(!strncmp(l[i], "  ", 2), "YAML line not indented: %s", l[i]);
			if (!strcmp(l[i], "  ..."))
				in_yaml = 0;
			continue;
		}
		if (!strcmp(l[i], "  ---")) {
			in_yaml = 1;
			continue;
		}
		if (!strncmp(l[i], "ok ", 3) || !strncmp(l[i], "not ok ", 7))
			tp++;
	}
	ck_assert(!in_yaml);
	ck_assert_uint_eq(tp, NSC_T_NRES);
	ck_assert_str_eq(l[2], "ok 1 - env.first");
	/* A pass carries its control's outcome (when one ran or none exists). */
	for (i = 3; i < n && strncmp(l[i], "not ok 2 - ", 11); i++)
		if (!strncmp(l[i], "  control: ", 11))
			ck_assert_str_ne(l[i], "  control: not-run");
	ck_assert_msg(i + 3 < n, "FAIL line missing");
	ck_assert_str_eq(l[i], "not ok 2 - net.fail\\#1\\\\x");
	ck_assert_str_eq(l[i + 1], "  ---");
	ck_assert_ptr_nonnull(strstr(l[i + 2], "  message: \"quote\\\" apos' <tag>"));
	ck_assert_str_eq(l[i + 3], "  severity: fail");
	ck_assert_str_eq(l[n - 1], "# pass 3, fail 1, skip 1, error 1, total 6 in 1.500 s");
	for (i = 0; i < n; i++)
		if (!strncmp(l[i], "ok 3 - time.skip # SKIP no \\# time\\\\ns quote", 44))
			break;
	ck_assert_msg(i < n, "SKIP line missing");
	for (i = 0; i < n && strcmp(l[i], "not ok 4 - uts.error"); i++)
		;
	ck_assert_msg(i + 2 < n, "ERROR line missing");
	ck_assert_str_eq(l[i + 1], "  ---");
	ck_assert_str_eq(l[i + 2], "  message: \"killed by SIGSEGV\"");
	ck_assert_str_eq(l[i + 3], "  severity: error");
	ck_assert_str_eq(l[i + 4], "  errno: EPERM");
	ck_assert_str_eq(l[i + 5], "  where: \"cases/uts/error.c\"");
	ck_assert_ptr_nonnull(
		strstr(l[i + 10], "  stdout: \"out\\0with NUL \\uFFFD <b>&amp; ]]>\\n\""));
	free(buf);
}
END_TEST

START_TEST(test_yaml_fields)
{
	char *buf = write_tap(14, 0, 2);

	ck_assert_ptr_nonnull(strstr(buf, "\n      errno: EACCES\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  expected: \"\\\"exp\\\"<>\"\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  got: \"quote"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  where: \"cases/net/fail.c:42\"\n"));
	ck_assert_ptr_nonnull(
		strstr(buf, "\n  control:\n    outcome: shared\n    detail: \"saw quote"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  duration_ms: 2.000\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n  diagnostics:\n    - where: \"cases/net/fail.c:42\"\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\n    - where: \"cases/net/fail.c:43\"\n"));
	free(buf);
}
END_TEST

START_TEST(test_tap13_and_bail_out)
{
	char *buf = write_tap(13, 1, 3), *l[256] = { 0 };
	size_t n = lines_of(buf, l, 256);

	ck_assert_uint_ge(n, 3);

	ck_assert_str_eq(l[0], "TAP version 13");
	ck_assert_str_eq(l[1], "1..6");
	ck_assert_str_eq(l[n - 1], "Bail out! interrupted");
	free(buf);
}
END_TEST

START_TEST(test_empty_plan)
{
	struct nsc_run_info run;
	char *buf;

	nsc_t_run_info(&run, 0);
	ck_assert_int_eq(nsc_t_report("tap", path, NULL, NULL, 0, &run), 0);
	buf = nsc_t_slurp(path, NULL);
	ck_assert(!strncmp(buf, "TAP version 14\n1..0 # SKIP", 26));
	free(buf);
}
END_TEST

/*
 * Debian's prove (TAP 13) and node's tap-parser --strict (TAP 14).  A
 * missing consumer fails the test: nothing passes unchecked.
 */
START_TEST(test_consumers)
{
	char tap13[600], out[600];
	const char *prove[] = { "prove", "-e", "cat", tap13, NULL };
	const char *tp[] = { NSC_SRC_DIR "/ci/node_modules/.bin/tap-parser", "--strict", "-j", "0",
			     NULL };
	const char *py[] = {
		nsc_t_python(), "-c",
		"import json,sys\n"
		"ev=json.load(open(sys.argv[1]))\n"
		"c=[e for e in ev if e[0]=='complete'][0][1]\n"
		"assert c['ok'] is False and c['count']==6 and c['pass']==4 and c['fail']==2 and c['skip']==1, c\n"
		"a=[e[1] for e in ev if e[0]=='assert']\n"
		"assert a[1]['name']=='net.fail#1\\\\x', a[1]['name']\n"
		"assert a[1]['diag']['severity']=='fail' and a[1]['diag']['diagnostics'][0]['errno']=='EACCES'\n"
		"assert a[3]['diag']['stdout'].startswith('out\\x00with NUL \\ufffd')\n"
		"assert a[2]['skip'].startswith('no # time\\\\ns quote'), a[2]['skip']\n",
		out, NULL
	};
	char *buf;

	buf = write_tap(13, 0, NSC_T_NRES);
	free(buf);
	snprintf(tap13, sizeof(tap13), "%s/r13.tap", dir);
	ck_assert_int_eq(rename(path, tap13), 0);
	buf = write_tap(14, 0, NSC_T_NRES);
	free(buf);
	snprintf(out, sizeof(out), "%s/out", dir);
	ck_assert_msg(nsc_t_have("prove"), "prove not installed (ci/setup installs perl)");
	/* 1: some tests fail, which they do */
	ck_assert_int_eq(nsc_t_run(prove, NULL, out), 1);
	ck_assert_msg(nsc_t_have(tp[0]), "%s not installed (run ci/setup)", tp[0]);
	/* Exit 1: the run has failures; the events say whether it parsed. */
	ck_assert_int_le(nsc_t_run(tp, path, out), 1);
	ck_assert_int_eq(nsc_t_run(py, NULL, NULL), 0);
}
END_TEST

static Suite *tap_suite(void)
{
	Suite *s = suite_create("tap");
	TCase *tc = tcase_create("tap");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_yaml_fields);
	tcase_add_test(tc, test_tap13_and_bail_out);
	tcase_add_test(tc, test_empty_plan);
	tcase_add_test(tc, test_consumers);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(tap_suite)
