// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: command line parsing. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nsc_check_main.h"

static struct nsc_cli cli;
static struct nsc_err err;

/* argv must outlive the parse: cli.patterns points into it. */
static char *argv_store[64];

#define PARSE(...)                                                                            \
	({                                                                                    \
		char *_a[] = { "nscheck", __VA_ARGS__, NULL };                                \
		memcpy(argv_store, _a, sizeof(_a));                                           \
		nsc_cli_parse((int)(sizeof(_a) / sizeof(_a[0])) - 1, argv_store, &cli, &err); \
	})

START_TEST(test_defaults)
{
	char *argv[] = { "nscheck", NULL };

	ck_assert_int_eq(nsc_cli_parse(1, argv, &cli, &err), 0);
	ck_assert(!cli.all);
	ck_assert_uint_eq(cli.timeout_s, 10);
	ck_assert_int_eq(cli.tap_version, 14);
	ck_assert_int_eq(cli.color, -1);
	ck_assert_uint_eq(cli.jobs, 0);
	ck_assert_uint_eq(cli.npatterns, 0);
}
END_TEST

START_TEST(test_options_and_patterns_anywhere)
{
	ck_assert_int_eq(PARSE("net.*", "-j", "2", "--timeout=5", "uts", "--tap=x.tap", "--junit",
			       "j.xml", "--json", "-", "--ns", "net,uts", "--tap-version", "13",
			       "-q", "--color", "never"),
			 0);
	ck_assert_uint_eq(cli.jobs, 2);
	ck_assert_uint_eq(cli.timeout_s, 5);
	ck_assert(cli.timeout_set);
	ck_assert(cli.tap_set);
	ck_assert_str_eq(cli.tap_path, "x.tap");
	ck_assert_str_eq(cli.junit_path, "j.xml");
	ck_assert_str_eq(cli.json_path, "-");
	ck_assert_str_eq(cli.ns, "net,uts");
	ck_assert_int_eq(cli.tap_version, 13);
	ck_assert(cli.quiet);
	ck_assert_int_eq(cli.color, 0);
	ck_assert_uint_eq(cli.npatterns, 2);
	ck_assert_str_eq(cli.patterns[0], "net.*");
	ck_assert_str_eq(cli.patterns[1], "uts");
}
END_TEST

START_TEST(test_flags)
{
	ck_assert_int_eq(PARSE("--all", "--self-check", "--no-control", "--rootless", "--no-audit",
			       "--env", "--list", "--tap"),
			 0);
	ck_assert(cli.all && cli.self_check && cli.no_control && cli.rootless);
	ck_assert(cli.no_audit && cli.env_only && cli.list && cli.tap_set);
	ck_assert_ptr_null(cli.tap_path);
	ck_assert_int_eq(PARSE("-h"), 0);
	ck_assert(cli.help);
	ck_assert_int_eq(PARSE("-V"), 0);
	ck_assert(cli.version);
}
END_TEST

START_TEST(test_bad_numbers)
{
	ck_assert_int_eq(PARSE("--timeout", "-1"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "--timeout"));
	ck_assert_int_eq(PARSE("--timeout", "0"), -EINVAL);
	ck_assert_int_eq(PARSE("--timeout", "3601"), -EINVAL);
	ck_assert_int_eq(PARSE("--timeout", "1e3"), -EINVAL);
	ck_assert_int_eq(PARSE("--timeout", ""), -EINVAL);
	ck_assert_int_eq(PARSE("-j", "0"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "--jobs"));
	ck_assert_int_eq(PARSE("-j", "99999"), -EINVAL);
	ck_assert_int_eq(PARSE("-j", "99999999999999999999"), -EINVAL);
	ck_assert_int_eq(PARSE("-j", " 2"), -EINVAL);
	ck_assert_int_eq(PARSE("--tap-version", "12"), -EINVAL);
	ck_assert_int_eq(PARSE("-j", "256"), 0);
}
END_TEST

START_TEST(test_bad_options)
{
	ck_assert_int_eq(PARSE("--bogus"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "'--bogus'"));
	ck_assert_int_eq(PARSE("-Z"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "'-Z'"));
	ck_assert_int_eq(PARSE("--timeout"), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "needs a value"));
	ck_assert_int_eq(PARSE("--color=pink"), -EINVAL);
	ck_assert_int_eq(PARSE("--junit", ""), -EINVAL);
	ck_assert_int_eq(PARSE("--tap="), -EINVAL);
	ck_assert_int_eq(PARSE("--ns", ""), -EINVAL);
	ck_assert_int_eq(PARSE("--", "-x"), -EINVAL);
	ck_assert_int_eq(PARSE(""), -EINVAL);
}
END_TEST

START_TEST(test_overlong_argument)
{
	char *big = malloc(NSC_ARG_MAX + 2);

	memset(big, 'a', NSC_ARG_MAX + 1);
	big[NSC_ARG_MAX + 1] = '\0';
	ck_assert_int_eq(PARSE(big), -E2BIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "longer than"));
	big[NSC_ARG_MAX] = '\0';
	ck_assert_int_eq(PARSE(big), 0);
	free(big);
}
END_TEST

START_TEST(test_usage_mentions_every_option)
{
	const char *opts[] = { "--all",	     "--list",	     "--ns",	      "--jobs",
			       "--timeout",  "--no-control", "--self-check",  "--rootless",
			       "--no-audit", "--tap",	     "--tap-version", "--junit",
			       "--json",     "--quiet",	     "--color",	      "--env",
			       "--help",     "--version",    "Exit status",   NULL };

	for (const char **o = opts; *o; o++)
		ck_assert_msg(strstr(nsc_cli_usage, *o), "usage lacks %s", *o);
}
END_TEST

static Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_options_and_patterns_anywhere);
	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_bad_numbers);
	tcase_add_test(tc, test_bad_options);
	tcase_add_test(tc, test_overlong_argument);
	tcase_add_test(tc, test_usage_mentions_every_option);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(cli_suite());
}
