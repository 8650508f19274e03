// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the report reader (harness/runfile.c) with well-formed,
 * malformed, truncated, hostile and wrong-schema inputs; the --expect
 * parser; the comparison's causes and the gate's marks (harness/compare.c,
 * harness/gate.c); the matrix writers on hostile strings.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "nsc_check_main.h"

static struct nsc_err err;

#define ENV(seccomp, euid, userns)                                                            \
	"\"environment\": {\"kernel_release\": \"6.1.0-28-amd64\", \"os_id\": \"debian\", "   \
	"\"os_version_id\": \"12\", \"euid\": " #euid ", \"seccomp\": " #seccomp ", "         \
	"\"kconfig\": {\"source\": null, \"values\": {\"CONFIG_USER_NS\": \"" userns "\"}}, " \
	"\"sysctl\": {\"user.max_user_namespaces\": \"100\"}, \"lsm\": [\"capability\"]}"

static const char good[] =
	"{\"schema\": \"nscheck-report/1\", \"tool\": {\"name\": \"nscheck\", \"version\": \"0.1\"},"
	" \"command_line\": \"nscheck --all\", \"planned\": 2, " ENV(
		0, 0,
		"y") ", \"cases\": ["
		     "{\"id\": \"uts.hostname_private\", \"namespace\": \"uts\", \"status\": \"PASS\","
		     " \"reason\": \"\", \"errno\": null, \"control\": {\"outcome\": \"shared\", \"detail\": \"d\"},"
		     " \"diagnostics\": []},"
		     "{\"id\": \"user.caps_inside_only\", \"namespace\": \"user\", \"status\": \"PASS\","
		     " \"kconfigs\": [\"CONFIG_USER_NS\"], \"anchors\": [\"ltp:userns01\", {\"name\": \"man:user_namespaces(7)\"}],"
		     " \"min_kernel\": \"3.8\", \"future_field\": {\"x\": 1}}"
		     "], \"interrupted\": false, \"summary\": {}}";

static int parse(const char *text, struct nsc_runfile *rf)
{
	return nsc_runfile_parse(text, strlen(text), "r.json", rf, &err);
}

/* Parsing @text fails with a one-line message naming r.json and containing @what. */
static void bad(const char *text, size_t len, const char *what)
{
	struct nsc_runfile rf;

	ck_assert_int_lt(nsc_runfile_parse(text, len, "r.json", &rf, &err), 0);
	ck_assert_msg(!strncmp(err.msg, "r.json: ", 8), "message does not name the file: %s",
		      err.msg);
	ck_assert_msg(strstr(err.msg, what), "'%s' lacks '%s'", err.msg, what);
	ck_assert(!strchr(err.msg, '\n'));
	ck_assert_ptr_null(rf.root);
}

#define BAD(text, what) bad(text, sizeof(text) - 1, what)

START_TEST(test_good_report)
{
	struct nsc_runfile rf;
	const struct nsc_rcase *c;

	ck_assert_int_eq(parse(good, &rf), 0);
	ck_assert_uint_eq(rf.ncases, 2);
	ck_assert_str_eq(rf.kernel_release, "6.1.0-28-amd64");
	ck_assert_str_eq(rf.os, "debian12");
	{
		/* A codename for a version (ci/kernel-matrix's initramfs) gets a dash. */
		char alt[sizeof(good) + 16], *v;
		struct nsc_runfile r2;

		snprintf(alt, sizeof(alt), "%s", good);
		v = strstr(alt, "\"os_version_id\": \"12\"");
		ck_assert_ptr_nonnull(v);
		memcpy(v, "\"os_version_id\": \"xy\"", 21);
		ck_assert_int_eq(parse(alt, &r2), 0);
		ck_assert_str_eq(r2.os, "debian-xy");
		nsc_runfile_free(&r2);
	}
	ck_assert_str_eq(rf.via, "clone3");
	ck_assert(!rf.rootless);
	ck_assert_str_eq(nsc_runfile_env(&rf, "CONFIG_USER_NS"), "y");
	ck_assert_str_eq(nsc_runfile_env(&rf, "user.max_user_namespaces"), "100");
	ck_assert_str_eq(nsc_runfile_env(&rf, "lsm"), "capability");
	ck_assert_str_eq(nsc_runfile_env(&rf, "seccomp"), "0");
	/* Sorted by id; metadata of both kinds; absent metadata is "". */
	ck_assert_str_eq(rf.cases[0].id, "user.caps_inside_only");
	c = nsc_runfile_case(&rf, "user.caps_inside_only");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->kconfigs[0], "CONFIG_USER_NS");
	ck_assert_ptr_null(c->kconfigs[1]);
	ck_assert_str_eq(c->anchors, "ltp:userns01, man:user_namespaces(7)");
	ck_assert_str_eq(c->min_kernel, "3.8");
	c = nsc_runfile_case(&rf, "uts.hostname_private");
	ck_assert_str_eq(c->control, "shared: d");
	ck_assert_str_eq(c->min_kernel, "");
	ck_assert_ptr_null(c->kconfigs[0]);
	ck_assert_ptr_null(nsc_runfile_case(&rf, "uts.nope"));
	nsc_runfile_free(&rf);
}
END_TEST

START_TEST(test_not_json)
{
	bad("", 0, "empty file");
	BAD("hello", "not JSON");
	BAD("{\"a\": 1,}", "not JSON");
	BAD("{\"schema\": \"nscheck-report/1\"} {}", "trailing data");
	bad("{\"schema\": \"nscheck\0-report/1\"}", 31, "NUL byte");
	bad("{\"schema\": \"\xff\xfe\"}", 16, "not JSON");
}
END_TEST

START_TEST(test_truncated)
{
	size_t n = strlen(good);

	/* Every proper prefix is refused, never taken for a smaller report. */
	for (size_t len = 1; len < n; len += 7) {
		struct nsc_runfile rf;

		ck_assert_int_lt(nsc_runfile_parse(good, len, "r.json", &rf, &err), 0);
	}
	bad(good, n - 1, "truncated");
	bad(good, n / 2, "truncated");
}
END_TEST

START_TEST(test_other_tools_and_schemas)
{
	BAD("[1, 2]", "top level is not a JSON object");
	BAD("{\"testsuites\": []}", "another tool's JSON");
	BAD("{\"tool\": {\"name\": \"nscheck\"}, \"cases\": []}", "no \"schema\"");
	BAD("{\"schema\": \"nscheck-report/2\", \"cases\": []}",
	    "nscheck-report/2\" is not supported");
	BAD("{\"schema\": \"nscheck-report/1\"}", "no \"cases\" array");
	BAD("{\"schema\": \"nscheck-report/1\", \"cases\": {}}", "no \"cases\" array");
	BAD("{\"schema\": \"nscheck-report/1\", \"environment\": 3, \"cases\": []}",
	    "\"environment\" is not an object");
}
END_TEST

#define REPORT(cases) "{\"schema\": \"nscheck-report/1\", \"cases\": [" cases "]}"

START_TEST(test_bad_records)
{
	static const struct {
		const char *text, *what;
	} t[] = {
		{ REPORT("1"), "case record 1 is not an object" },
		{ REPORT("{\"status\": \"PASS\"}"), "\"id\" is missing" },
		{ REPORT("{\"id\": 7, \"status\": \"PASS\"}"), "\"id\" is missing" },
		{ REPORT("{\"id\": \"a.b\\u0000c\", \"status\": \"PASS\"}"), "holds a NUL" },
		{ REPORT("{\"id\": \"../../etc\", \"status\": \"PASS\"}"), "malformed id" },
		{ REPORT("{\"id\": \"a.\\u001b[31m\", \"status\": \"PASS\"}"), "malformed id" },
		{ REPORT("{\"id\": \"a.b\", \"status\": \"pass\"}"), "\"status\" is not PASS" },
		{ REPORT("{\"id\": \"a.b\", \"status\": null}"), "\"status\" is not PASS" },
		{ REPORT("{\"id\": \"a.b\", \"status\": \"PASS\", \"reason\": []}"), "not a string" },
		{ REPORT("{\"id\": \"a.b\", \"status\": \"PASS\"}, {\"id\": \"a.b\", \"status\": \"FAIL\"}"),
		  "appears twice" },
		{ "{\"schema\": \"nscheck-report/1\", \"planned\": 3, \"interrupted\": false, \"cases\": []}",
		  "planned 3" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		bad(t[i].text, strlen(t[i].text), t[i].what);
}
END_TEST

START_TEST(test_hostile)
{
	char *deep = malloc(200001);
	struct nsc_runfile rf;

	ck_assert_ptr_nonnull(deep);
	memset(deep, '[', 200000);
	deep[200000] = '\0';
	bad(deep, 200000, "nested deeper");
	free(deep);
	/* A control character in the file name does not break the line. */
	ck_assert_int_lt(nsc_runfile_parse("x", 1, "evil\nname\033[2J", &rf, &err), 0);
	ck_assert(!strchr(err.msg, '\n') && !strchr(err.msg, '\033'));
	/* Pipes and regular files only; a directory or device is refused. */
	ck_assert_int_lt(nsc_runfile_load("/", &rf, &err), 0);
	ck_assert(strstr(err.msg, "directory"));
	ck_assert_int_lt(nsc_runfile_load("/dev/zero", &rf, &err), 0);
	ck_assert(strstr(err.msg, "not a regular file"));
	ck_assert_int_lt(nsc_runfile_load("/nonexistent/r.json", &rf, &err), 0);
	ck_assert(strstr(err.msg, "cannot open"));
	/* Unknown members and an interrupted partial run are fine. */
	/* A --target run: its column is named by the target. */
	ck_assert_int_eq(parse("{\"schema\": \"nscheck-report/1\", \"target\": {\"pid\": 42,"
			       " \"label\": \"web\"}, \"cases\": []}",
			       &rf),
			 0);
	ck_assert_str_eq(rf.target, "web (PID 42)");
	nsc_runfile_free(&rf);
	ck_assert_int_eq(parse("{\"schema\": \"nscheck-report/1\", \"planned\": 9, \"interrupted\": true,"
			       " \"new\": [1], \"cases\": []}",
			       &rf),
			 0);
	ck_assert(rf.interrupted);
	nsc_runfile_free(&rf);
}
END_TEST

START_TEST(test_kver)
{
	ck_assert_int_lt(nsc_kver_cmp("5.10.0-30-amd64", "5.11"), 0);
	ck_assert_int_gt(nsc_kver_cmp("6.12.9", "6.1"), 0);
	ck_assert_int_eq(nsc_kver_cmp("6.1.0-28-cloud-amd64", "6.1"), 0);
	ck_assert_int_eq(nsc_kver_cmp("?", "6.1"), 0);
}
END_TEST

START_TEST(test_expect_parse)
{
	static const char text[] = "# known failures\n\n"
				   "net.port_private FAIL  fixed upstream in 6.2\n"
				   "user.*\tskip CI runs under seccomp\n"
				   "  uts.hostname_private   ERROR\n";
	struct nsc_expects x;
	const struct nsc_expect *e;

	ck_assert_int_eq(nsc_expect_parse(text, strlen(text), "e.txt", &x, &err), 0);
	ck_assert_uint_eq(x.n, 3);
	e = nsc_expect_find(&x, "user.setgroups_deny");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->status, NSC_SKIP);
	ck_assert_str_eq(e->reason, "CI runs under seccomp");
	ck_assert_uint_eq(e->line, 4);
	e = nsc_expect_find(&x, "net.port_private");
	ck_assert_str_eq(e->reason, "fixed upstream in 6.2");
	ck_assert_str_eq(nsc_expect_find(&x, "uts.hostname_private")->reason, "");
	ck_assert_ptr_null(nsc_expect_find(&x, "uts.domainname_private"));
	nsc_expect_free(&x);

	ck_assert_int_lt(nsc_expect_parse("net.a MAYBE\n", 12, "e.txt", &x, &err), 0);
	ck_assert_str_eq(err.msg, "e.txt:1: status is not PASS, FAIL, SKIP or ERROR");
	ck_assert_int_lt(nsc_expect_parse("\nnet.a\n", 7, "e.txt", &x, &err), 0);
	ck_assert(strstr(err.msg, "e.txt:2: no status"));
	ck_assert_int_lt(nsc_expect_parse("NET/x FAIL\n", 11, "e.txt", &x, &err), 0);
	ck_assert(strstr(err.msg, "not a case id or glob"));
	ck_assert_int_lt(nsc_expect_parse("a.b FAIL \033[2J\n", 14, "e.txt", &x, &err), 0);
	ck_assert(strstr(err.msg, "control character"));
	ck_assert_int_lt(nsc_expect_parse("a.b\0 FAIL\n", 10, "e.txt", &x, &err), 0);
}
END_TEST

/* Two runs: the second under seccomp, its user case SKIPs naming seccomp. */
static const char seccomp_run[] = "{\"schema\": \"nscheck-report/1\", " ENV(
	2, 0,
	"y") ", \"cases\": ["
	     "{\"id\": \"uts.hostname_private\", \"status\": \"FAIL\", \"reason\": \"leak\"},"
	     "{\"id\": \"user.caps_inside_only\", \"status\": \"SKIP\", \"kconfigs\": [\"CONFIG_USER_NS\"],"
	     " \"reason\": \"creating user namespaces is denied (EACCES, a seccomp filter is active)\"}]}";

START_TEST(test_compare_and_gate)
{
	struct nsc_runfile runs[2];
	struct nsc_compare_opts o = { .only_diff = false };
	struct nsc_comparison c;
	const struct nsc_mx_row *r;

	ck_assert_int_eq(parse(good, &runs[0]), 0);
	ck_assert_int_eq(parse(seccomp_run, &runs[1]), 0);
	ck_assert_int_eq(nsc_compare_build(runs, 2, &o, &c, &err), 0);
	ck_assert_uint_eq(c.m.nrows, 2);
	ck_assert_uint_eq(c.m.ndiffer, 2);
	ck_assert(!c.m.gate);
	r = &c.m.rows[0];
	ck_assert_str_eq(r->id, "user.caps_inside_only");
	ck_assert_uint_eq(r->ncauses, 1);
	ck_assert_str_eq(r->causes[0], "seccomp: 0 [1], 2 [2]");
	ck_assert_str_eq(c.m.runs[1].conditions, "root, seccomp, clone3");
	nsc_compare_free(&c);

	/* Baseline gate: FAIL is a regression, the seccomp SKIP is the environment's. */
	o.baseline = true;
	ck_assert_int_eq(nsc_compare_build(runs, 2, &o, &c, &err), 0);
	ck_assert(c.m.gate && c.m.gate_failed);
	ck_assert_int_eq(c.m.rows[0].cells[1].mark, NSC_MARK_ENV_SKIP);
	ck_assert(c.m.rows[0].cells[1].gate_fail);
	ck_assert_int_eq(c.m.rows[1].cells[1].mark, NSC_MARK_REGRESSION);
	ck_assert_uint_eq(c.m.nregress, 1);
	ck_assert_uint_eq(c.m.nenvskip, 1);
	nsc_compare_free(&c);

	/* --allow-skip and an expectation for the FAIL: the gate passes. */
	{
		static const char text[] = "uts.* FAIL known\n";
		struct nsc_expects x;

		ck_assert_int_eq(nsc_expect_parse(text, strlen(text), "e", &x, &err), 0);
		o.allow_skip = true;
		o.expect = &x;
		ck_assert_int_eq(nsc_compare_build(runs, 2, &o, &c, &err), 0);
		ck_assert(!c.m.gate_failed);
		ck_assert_int_eq(c.m.rows[1].cells[1].mark, NSC_MARK_EXPECTED);
		ck_assert_str_eq(c.m.rows[1].cells[1].note, "known");
		nsc_compare_free(&c);
		/* Only --expect, over the last run: an unlisted FAIL fails. */
		x.e[0].pattern[0] = 'x';
		o.baseline = false;
		ck_assert_int_eq(nsc_compare_build(&runs[1], 1, &o, &c, &err), 0);
		ck_assert(c.m.gate_failed);
		ck_assert_int_eq(c.m.rows[1].cells[0].mark, NSC_MARK_UNEXPECTED);
		nsc_compare_free(&c);
		nsc_expect_free(&x);
	}
	nsc_runfile_free(&runs[0]);
	nsc_runfile_free(&runs[1]);
}
END_TEST

/* Hostile strings never reach the output raw. */
START_TEST(test_writers_escape)
{
	static const char evil[] =
		"{\"schema\": \"nscheck-report/1\", \"cases\": [{\"id\": \"a.b\", \"status\": \"SKIP\","
		" \"namespace\": \"<b>\", \"reason\": \"<script>alert(1)</script> | \\u001b[2J `x`\"}]}";
	struct nsc_compare_opts o = { .only_diff = false };
	struct nsc_runfile runs[2];
	struct nsc_comparison c;
	enum nsc_mx_format f[] = { NSC_MX_TEXT, NSC_MX_MARKDOWN, NSC_MX_JSON, NSC_MX_HTML };

	ck_assert_int_eq(parse(evil, &runs[0]), 0);
	ck_assert_int_eq(parse(good, &runs[1]), 0);
	ck_assert_int_eq(nsc_compare_build(runs, 2, &o, &c, &err), 0);
	for (size_t i = 0; i < 4; i++) {
		char *out = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&out, &len);

		ck_assert_int_eq(nsc_mx_write(fp, &c.m, f[i], 0, &err), 0);
		fclose(fp);
		ck_assert_msg(!strchr(out, '\033'), "format %zu writes ESC", i);
		if (f[i] == NSC_MX_MARKDOWN || f[i] == NSC_MX_HTML)
			ck_assert_msg(!strstr(out, "<script>alert"), "format %zu writes a script", i);
		if (f[i] == NSC_MX_MARKDOWN)
			ck_assert(strstr(out, "\\<script\\>alert(1)\\</script\\> \\|"));
		if (f[i] == NSC_MX_HTML)
			ck_assert(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
		free(out);
	}
	nsc_compare_free(&c);
	nsc_runfile_free(&runs[0]);
	nsc_runfile_free(&runs[1]);
}
END_TEST

static Suite *compare_suite(void)
{
	Suite *s = suite_create("compare");
	TCase *tc = tcase_create("reader");

	tcase_add_test(tc, test_good_report);
	tcase_add_test(tc, test_not_json);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_other_tools_and_schemas);
	tcase_add_test(tc, test_bad_records);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_kver);
	tcase_add_test(tc, test_expect_parse);
	tcase_add_test(tc, test_compare_and_gate);
	tcase_add_test(tc, test_writers_escape);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(compare_suite());
}
