// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: UTF-8 decoding and the XML, JSON, TAP and YAML escapers. */
#include "escape.h"
#include "nsc_testutil.h"

static char *esc(void (*fn)(FILE *, const char *, size_t), const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	ck_assert_ptr_nonnull(fp);
	fn(fp, s, len);
	fclose(fp);
	return buf;
}

static void attr_fn(FILE *fp, const char *s, size_t len)
{
	nsc_xml_attr(fp, s);
}

static void tap_fn(FILE *fp, const char *s, size_t len)
{
	nsc_tap_desc(fp, s);
}

#define ESC_EQ(fn, in, want)                              \
	do {                                              \
		char *got_ = esc(fn, in, sizeof(in) - 1); \
		ck_assert_str_eq(got_, want);             \
		free(got_);                               \
	} while (0)

START_TEST(test_utf8_decode)
{
	static const struct {
		const char *s;
		size_t n;
		uint32_t cp;
	} t[] = {
		{ "A", 1, 'A' },
		{ "\xc3\xa9", 2, 0xe9 },
		{ "\xe6\x97\xa5", 3, 0x65e5 },
		{ "\xf0\x9f\x99\x82", 4, 0x1f642 },
		{ "\xc0\x80", 1, NSC_UTF8_BAD },	 /* overlong NUL */
		{ "\xe0\x80\xaf", 1, NSC_UTF8_BAD },	 /* overlong '/' */
		{ "\xed\xa0\x80", 1, NSC_UTF8_BAD },	 /* surrogate */
		{ "\xf4\x90\x80\x80", 1, NSC_UTF8_BAD }, /* > U+10FFFF */
		{ "\xf5\x80\x80\x80", 1, NSC_UTF8_BAD },
		{ "\x80", 1, NSC_UTF8_BAD },
		{ "\xe6\x97", 1, NSC_UTF8_BAD }, /* truncated */
		{ "\xc3\x28", 1, NSC_UTF8_BAD },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t cp;

		ck_assert_uint_eq(nsc_utf8_decode((const unsigned char *)t[i].s, strlen(t[i].s), &cp),
				  t[i].n);
		ck_assert_uint_eq(cp, t[i].cp);
	}
}
END_TEST

START_TEST(test_xml)
{
	ESC_EQ(nsc_xml_text, "a<b>&c\"d'e", "a&lt;b&gt;&amp;c\"d'e");
	ESC_EQ(nsc_xml_text, "x]]>y", "x]]&gt;y");
	ESC_EQ(nsc_xml_text, "l1\nl2\tt\rr", "l1\nl2\tt&#13;r");
	ESC_EQ(nsc_xml_text, "\x01\x1b\x7f", "\\x01\\x1B\x7f");
	ESC_EQ(nsc_xml_text, "nul\0x", "nul\\x00x");
	ESC_EQ(nsc_xml_text, "\xff\xc3\x28\xef\xbf\xbe", "\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd");
	ESC_EQ(nsc_xml_text, "\xc3\xa9\xf0\x9f\x99\x82", "\xc3\xa9\xf0\x9f\x99\x82");
	ESC_EQ(attr_fn, "q\"a'<>&\n\t\r", "q&quot;a&apos;&lt;&gt;&amp;&#10;&#9;&#13;");
}
END_TEST

START_TEST(test_xml_validates)
{
	char *dir = nsc_t_tmpdir(), path[256], *body;
	const char *argv[] = { "xmllint", "--noout", path, NULL };
	FILE *fp;

	snprintf(path, sizeof(path), "%s/x.xml", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a b=\"", fp);
	nsc_xml_attr(fp, NSC_HOSTILE);
	fputs("\">", fp);
	nsc_xml_text(fp, NSC_HOSTILE "\0" NSC_HOSTILE, 2 * strlen(NSC_HOSTILE) + 1);
	fputs("</a>\n", fp);
	fclose(fp);
	body = nsc_t_slurp(path, NULL);
	ck_assert_ptr_null(strstr(body, "]]>"));
	free(body);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
	nsc_t_rmtree(dir);
}
END_TEST

START_TEST(test_json)
{
	ESC_EQ(nsc_json_string, "a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	ESC_EQ(nsc_json_string, "\n\r\t\b\f\x01\x1f\x7f", "\"\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\"");
	ESC_EQ(nsc_json_string, "n\0", "\"n\\u0000\"");
	ESC_EQ(nsc_json_string, "\xff\xc3\xa9\xed\xa0\x80",
	       "\"\\ufffd\xc3\xa9\\ufffd\\ufffd\\ufffd\"");
	{
		char *s = esc(nsc_json_string, NULL, 0);

		ck_assert_str_eq(s, "null");
		free(s);
	}
}
END_TEST

START_TEST(test_json_parses)
{
	char *dir = nsc_t_tmpdir(), path[256];
	const char *argv[] = { nsc_t_python(), "-c",
			       "import json,sys\n"
			       "d=json.load(open(sys.argv[1],encoding='utf-8'))\n"
			       "assert d[0].startswith('quote\" apos\\' <tag>'), d[0]\n"
			       "assert '\\x01' in d[0] and '\\ufffd' in d[0] and '\\U0001f642' in d[0]\n"
			       "assert d[1]=='a\\x00b'\n",
			       path, NULL };
	FILE *fp;

	snprintf(path, sizeof(path), "%s/x.json", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputc('[', fp);
	nsc_json_str(fp, NSC_HOSTILE);
	fputc(',', fp);
	nsc_json_string(fp, "a\0b", 3);
	fputs("]\n", fp);
	fclose(fp);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
	nsc_t_rmtree(dir);
}
END_TEST

START_TEST(test_tap_desc)
{
	ESC_EQ(tap_fn, "a#b\\c", "a\\#b\\\\c");
	ESC_EQ(tap_fn, "l1\nl2\rl3\tx\x01y", "l1 l2 l3 x y");
	ESC_EQ(tap_fn, "open {", "open");
	ESC_EQ(tap_fn, "trail {{ \n", "trail");
	ESC_EQ(tap_fn, "bad\xff", "bad\xef\xbf\xbd");
	ESC_EQ(tap_fn, "# SKIP fake", "\\# SKIP fake");
}
END_TEST

START_TEST(test_yaml)
{
	ESC_EQ(nsc_yaml_string, "a\"b\\c", "\"a\\\"b\\\\c\"");
	ESC_EQ(nsc_yaml_string, "\n\t\r\x01\x7f", "\"\\n\\t\\r\\x01\\x7F\"");
	ESC_EQ(nsc_yaml_string, "\0", "\"\\0\"");
	ESC_EQ(nsc_yaml_string, "\xc2\x85\xc2\x9f\xe2\x80\xa8\xef\xbb\xbf",
	       "\"\\x85\\x9F\\u2028\\uFEFF\"");
	ESC_EQ(nsc_yaml_string, "\xff\xc3\xa9", "\"\\uFFFD\xc3\xa9\"");
	ESC_EQ(nsc_yaml_string, "key: [x] # c", "\"key: [x] # c\"");
}
END_TEST

START_TEST(test_yaml_parses)
{
	char *dir = nsc_t_tmpdir(), path[256];
	const char *argv[] = {
		nsc_t_python(), "-c",
		"import sys\n"
		"try:\n import yaml\n"
		"except ImportError:\n print('no PyYAML: YAML parse not checked'); sys.exit(0)\n"
		"d=yaml.safe_load(open(sys.argv[1],encoding='utf-8'))\n"
		"assert d['a'].startswith('quote\" apos\\' <tag>'), d\n"
		"assert '\\x01' in d['a'] and '\\ufffd' in d['a'] and '\\n' in d['a']\n"
		"assert d['b']=='a\\x00b'\n",
		path, NULL
	};
	FILE *fp;

	snprintf(path, sizeof(path), "%s/x.yaml", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("a: ", fp);
	nsc_yaml_str(fp, NSC_HOSTILE);
	fputs("\nb: ", fp);
	nsc_yaml_string(fp, "a\0b", 3);
	fputc('\n', fp);
	fclose(fp);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
	nsc_t_rmtree(dir);
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_str_eq(nsc_status_name(NSC_PASS), "PASS");
	ck_assert_str_eq(nsc_status_name(NSC_FAIL), "FAIL");
	ck_assert_str_eq(nsc_status_name(NSC_SKIP), "SKIP");
	ck_assert_str_eq(nsc_status_name(NSC_ERROR), "ERROR");
	ck_assert_str_eq(nsc_control_name(NSC_CONTROL_NONE), "none");
	ck_assert_str_eq(nsc_control_name(NSC_CONTROL_NOT_RUN), "not-run");
	ck_assert_str_eq(nsc_control_name(NSC_CONTROL_SHARED), "shared");
	ck_assert_str_eq(nsc_control_name(NSC_CONTROL_BLIND), "blind");
	ck_assert_str_eq(nsc_control_name(NSC_CONTROL_ERROR), "error");
}
END_TEST

static Suite *escape_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("escape");

	tcase_add_test(tc, test_utf8_decode);
	tcase_add_test(tc, test_xml);
	tcase_add_test(tc, test_xml_validates);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_json_parses);
	tcase_add_test(tc, test_tap_desc);
	tcase_add_test(tc, test_yaml);
	tcase_add_test(tc, test_yaml_parses);
	tcase_add_test(tc, test_status_names);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(escape_suite)
