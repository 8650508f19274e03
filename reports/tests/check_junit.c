// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: JUnit XML validates against the project's schema
 * (reports/nscheck-junit.xsd), which rejects what the dialect forbids, and
 * junitparser reads it with totals equal to the cases.  The generic
 * schema beside the repository, when present, is checked by
 * integration.junit_generic_schema.
 */
#include "nsc_testutil.h"

static char *dir;
static char path[512];

static void setup(void)
{
	dir = nsc_t_tmpdir();
	snprintf(path, sizeof(path), "%s/r.xml", dir);
}

static void teardown(void)
{
	nsc_t_rmtree(dir);
}

#define XSD NSC_SRC_DIR "/reports/nscheck-junit.xsd"
#define JUNIT_READ NSC_SRC_DIR "/harness/tests/helpers/junit_read.py"

/* xmllint's verdict on @file against the project's schema. */
static int schema_check(const char *file)
{
	const char *argv[] = { "xmllint", "--noout", "--schema", XSD, file, NULL };

	ck_assert_msg(access(XSD, R_OK) == 0, "schema not found: %s", XSD);
	return nsc_t_run(argv, NULL, "/dev/null");
}

static void validate(void)
{
	const char *argv[] = { nsc_t_python(), JUNIT_READ, "counts", path, NULL };

	ck_assert_int_eq(schema_check(path), 0);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
}

START_TEST(test_hostile_validates)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;
	char *body;

	nsc_t_results(res);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("junit", path, NULL, res, NSC_T_NRES, &run), 0);
	validate();
	body = nsc_t_slurp(path, NULL);
	ck_assert_ptr_null(strstr(body, "]]>"));
	ck_assert_ptr_null(strstr(body, "CDATA"));
	for (const unsigned char *p = (const unsigned char *)body; *p; p++)
		ck_assert_msg(*p >= 0x20 || *p == '\n' || *p == '\t', "raw control byte 0x%02x", *p);
	free(body);
}
END_TEST

/* What a JUnit consumer reads back: structure, counts and decoded text. */
START_TEST(test_structure)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;
	const char *argv[] = {
		nsc_t_python(), "-c",
		"import sys, xml.etree.ElementTree as ET\n"
		"r=ET.parse(sys.argv[1]).getroot()\n"
		"assert r.tag=='testsuites' and r.get('tests')=='6' and r.get('failures')=='1' and r.get('errors')=='1'\n"
		"s=r.findall('testsuite')\n"
		"assert [x.get('name') for x in s]==['env','net','time','uts'], [x.get('name') for x in s]\n"
		"env=s[0]; assert env.get('tests')=='2' and [c.get('name') for c in env.findall('testcase')]==['first','host_residue']\n"
		"assert [c.get('classname') for c in env.findall('testcase')]==['env','env']\n"
		"assert [c.get('file') for c in env.findall('testcase')]==['cases/env/first.c','harness/audit.c']\n"
		"for x in s: assert x.get('timestamp')=='2023-11-14T22:13:20.123Z'\n"
		"assert [x.find('properties') is not None for x in s]==[True,False,False,False]\n"
		"p={q.get('name'):q.get('value') for q in env.find('properties')}\n"
		"assert p['kernel.release']=='6.1.0-test' and p['kconfig.CONFIG_TIME_NS']=='n' and p['euid']=='0'\n"
		"assert p['mode']=='rootless (root without CAP_SYS_ADMIN)'\n"
		"assert p['sysctl.user.max_user_namespaces']=='0' and p['lsm'].startswith('lockdown')\n"
		"assert p['kernel.version'].startswith('quote\" apos\\' <tag> & ]]> x\\nnewline\\rcr\\ttab \\\\x01')\n"
		"f=s[1].find('testcase/failure'); assert f is not None and f.get('type')=='FAIL'\n"
		"assert f.get('message').startswith('quote\" apos'), f.get('message')\n"
		"assert 'cases/net/fail.c:42' in f.text and 'EACCES' in f.text and 'control: shared' in f.text\n"
		"c=s[1].find('testcase'); assert s[1].get('failures')=='1' and c.get('classname')=='net' and c.get('name')=='fail#1\\\\x'\n"
		"k=s[2].find('testcase/skipped'); assert k is not None and k.get('message').startswith('no # time\\\\ns')\n"
		"assert s[2].get('skipped')=='1' and 'CONFIG_TIME_NS=y <&>' in k.text\n"
		"assert k.text.startswith(k.get('message')+'\\nhint: '), k.text[:80]\n"
		"e=s[3].find('testcase/error'); assert e is not None and e.get('type')=='EPERM' and s[3].get('errors')=='1'\n"
		"o=s[3].find('testcase/system-out').text; assert o.startswith('out\\\\x00with NUL \\ufffd <b>&amp; ]]>'), o\n"
		"assert s[3].find('testcase/system-err').text.startswith('quote')\n",
		path, NULL
	};

	nsc_t_results(res);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("junit", path, NULL, res, NSC_T_NRES, &run), 0);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
}
END_TEST

START_TEST(test_empty_and_interrupted)
{
	struct nsc_run_info run;
	char *body;

	nsc_t_run_info(&run, 4);
	run.interrupted = true;
	ck_assert_int_eq(nsc_t_report("junit", path, NULL, NULL, 0, &run), 0);
	validate();
	body = nsc_t_slurp(path, NULL);
	ck_assert_ptr_nonnull(strstr(body, "<testsuites name=\"nscheck\" tests=\"0\""));
	ck_assert_ptr_nonnull(strstr(body, "name=\"nscheck.interrupted\" value=\"true\""));
	free(body);
}
END_TEST

START_TEST(test_no_env)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;

	nsc_t_results(res);
	nsc_t_run_info(&run, 2);
	run.env = NULL;
	run.tool_version = NULL;
	run.command_line = NULL;
	res[0].ns = NULL;
	ck_assert_int_eq(nsc_t_report("junit", path, NULL, res, 2, &run), 0);
	validate();
}
END_TEST

/*
 * The schema is not a formality: each edit of a valid report that breaks
 * the dialect (a missing required attribute, two status elements, an
 * unknown or repeated property, an id twice) is rejected.
 */
START_TEST(test_schema_rejects)
{
	static const char *const edits[][2] = {
		{ " file=\"cases/env/first.c\"", "" },
		{ " classname=\"env\"", "" },
		{ "<skipped message=", "<failure type=\"x\" message=\"\"/><skipped message=" },
		{ "name=\"lsm\"", "name=\"bogus\"" },
		{ "name=\"arch\"", "name=\"euid\"" },
		{ "name=\"host_residue\"", "name=\"first\"" },
		{ " hostname=\"host&lt;&amp;&gt;\"", "" },
		{ "time=\"0.001\"", "time=\"1ms\"" },
	};
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;
	char bad[600];
	char *body;

	nsc_t_results(res);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("junit", path, NULL, res, NSC_T_NRES, &run), 0);
	validate();
	body = nsc_t_slurp(path, NULL);
	snprintf(bad, sizeof(bad), "%s/bad.xml", dir);
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char *at = strstr(body, edits[i][0]);
		FILE *fp;

		ck_assert_msg(at, "edit %zu: '%s' not in the report", i, edits[i][0]);
		fp = fopen(bad, "w");
		ck_assert_ptr_nonnull(fp);
		fprintf(fp, "%.*s%s%s", (int)(at - body), body, edits[i][1],
			at + strlen(edits[i][0]));
		ck_assert_int_eq(fclose(fp), 0);
		ck_assert_msg(schema_check(bad) != 0, "edit %zu ('%s') still validates", i,
			      edits[i][0]);
	}
	free(body);
}
END_TEST

static Suite *junit_suite(void)
{
	Suite *s = suite_create("junit");
	TCase *tc = tcase_create("junit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_hostile_validates);
	tcase_add_test(tc, test_structure);
	tcase_add_test(tc, test_empty_and_interrupted);
	tcase_add_test(tc, test_no_env);
	tcase_add_test(tc, test_schema_rejects);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(junit_suite)
