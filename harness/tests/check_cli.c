// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: command line parsing. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nscheck.h"
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
	ck_assert_uint_eq(cli.nreports, 3);
	ck_assert_str_eq(nsc_cli_report(&cli, "tap")->path, "x.tap");
	ck_assert_str_eq(nsc_cli_report(&cli, "junit")->path, "j.xml");
	ck_assert_str_eq(nsc_cli_report(&cli, "json")->path, "-");
	ck_assert(nsc_cli_report_on_stdout(nsc_cli_report(&cli, "json")));
	ck_assert(nsc_cli_writes_tap(&cli));
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
	ck_assert_int_eq(PARSE("--all", "--no-control", "--rootless", "--no-audit", "--tap"), 0);
	ck_assert(cli.all && cli.no_control && cli.rootless && cli.no_audit);
	ck_assert_ptr_null(nsc_cli_report(&cli, "tap")->path);
	ck_assert_uint_eq(cli.via, NSC_VIA_CLONE3); /* the default */
	ck_assert(!cli.via_set && !cli.unsafe);
	ck_assert_int_eq(PARSE("--all", "--via", "unshare", "--unsafe"), 0);
	ck_assert(cli.via_set && cli.unsafe);
	ck_assert_uint_eq(cli.via, NSC_VIA_UNSHARE);
	ck_assert_int_eq(PARSE("--all", "--via=clone"), 0);
	ck_assert_uint_eq(cli.via, NSC_VIA_CLONE);
	ck_assert_int_eq(PARSE("--all", "--via", "clone4"), -EINVAL);
	ck_assert_str_eq(err.msg, "invalid value 'clone4' for --via (want clone3, clone or unshare)");
	ck_assert_int_eq(PARSE("--self-check", "--json", "r.json", "-q", "-j", "3"), 0);
	ck_assert(cli.self_check && cli.quiet);
	ck_assert(!nsc_cli_writes_tap(&cli));
	ck_assert_int_eq(PARSE("--env", "--json", "-"), 0);
	ck_assert(cli.env_only);
	ck_assert_int_eq(PARSE("--list", "--ns", "uts", "net.*"), 0);
	ck_assert(cli.list);
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

/* Every combination works as documented or is refused, naming it. */
START_TEST(test_combinations)
{
	static const struct {
		const char *a[4];
		const char *want; /* NULL: accepted */
	} t[] = {
		{ { "--env", "--junit", "j.xml" }, "--env cannot be combined with --junit" },
		{ { "--env", "--tap" }, "--env cannot be combined with --tap" },
		{ { "--env", "--all" }, "--env cannot be combined with --all" },
		{ { "--env", "uts" }, "--env cannot be combined with case ids" },
		{ { "--env", "-j", "2" }, "--env cannot be combined with --jobs" },
		{ { "--env", "--json", "a", "--json=b" }, "a second --json" },
		{ { "--env", "--json", "r.json" }, NULL },
		{ { "--list", "--json", "r.json" }, "--list cannot be combined with --json" },
		{ { "--list", "--self-check" }, "--list cannot be combined with --self-check" },
		{ { "--list", "--timeout", "3" }, "--list cannot be combined with --timeout" },
		{ { "--list", "--all" }, NULL },
		{ { "--list", "--via", "clone" }, "--list cannot be combined with --via" },
		{ { "--list", "--unsafe" }, "--list cannot be combined with --unsafe" },
		{ { "--env", "--unsafe" }, "--env cannot be combined with --unsafe" },
		{ { "--check-config", "--via", "unshare" },
		  "--check-config cannot be combined with --via" },
		{ { "--self-check", "--via", "unshare", "--unsafe" }, NULL },
		{ { "--self-check", "--no-control" },
		  "--self-check cannot be combined with --no-control" },
		{ { "--self-check", "--no-audit" },
		  "--self-check cannot be combined with --no-audit" },
		{ { "--self-check", "--json", "r.json" }, NULL },
		{ { "--self-check", "--junit", "r.xml", "--tap" }, NULL },
		{ { "--all", "uts.hostname_private" }, "--all cannot be combined with case ids" },
		{ { "--all", "--ns", "uts" }, NULL },
		{ { "--all", "--json", "-", "--tap-version" }, "needs a value" },
		{ { "--self-check", "--tap-version", "13" }, "--tap-version needs a TAP report" },
		{ { "--all", "--tap-version", "13" }, NULL },
		{ { "--all", "--json", "a", "--json=b" }, NULL },
		{ { "--help", "--env", "--junit", "x" }, NULL },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *argv[6] = { "nscheck" };
		int argc = 1, ret;

		for (int k = 0; k < 4 && t[i].a[k]; k++)
			argv[argc++] = (char *)t[i].a[k];
		ret = nsc_cli_parse(argc, argv, &cli, &err);
		if (!t[i].want) {
			ck_assert_msg(ret == 0, "%zu: refused: %s", i, err.msg);
			continue;
		}
		ck_assert_msg(ret == -EINVAL, "%zu: accepted, want '%s'", i, t[i].want);
		ck_assert_msg(strstr(err.msg, t[i].want), "%zu: '%s' lacks '%s'", i, err.msg,
			      t[i].want);
		ck_assert_ptr_null(strchr(err.msg, '\n'));
	}
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
	tcase_add_test(tc, test_combinations);
	tcase_add_test(tc, test_overlong_argument);
	tcase_add_test(tc, test_usage_mentions_every_option);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(cli_suite());
}
