// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the console reporter (stderr, captured here by pointing
 * fd 2 at a temp file) and the --env fingerprint.  Colour escapes only
 * with color=1, the "\r" progress line only with progress=1, no per-case
 * lines with quiet=1, the summary always; hostile text never reaches the
 * terminal as control characters.
 */
#include "nsc_testutil.h"

static char *dir;
static char cap_path[512];
static int saved_fd = -1;
static struct nsc_err err;
static struct nsc_result res[NSC_T_NRES];
static struct nsc_run_info run;

static void setup(void)
{
	dir = nsc_t_tmpdir();
	snprintf(cap_path, sizeof(cap_path), "%s/stderr", dir);
	nsc_t_run_info(&run, NSC_T_NRES);
	nsc_t_results(res);
}

static void teardown(void)
{
	if (saved_fd >= 0) {
		fflush(stderr);
		dup2(saved_fd, 2);
		close(saved_fd);
		saved_fd = -1;
	}
	nsc_t_rmtree(dir);
}

/* Point fd 2 at the capture file. */
static void capture_start(void)
{
	int fd;

	fflush(stderr);
	saved_fd = dup(2);
	ck_assert_int_ge(saved_fd, 0);
	fd = open(cap_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, 2), 2);
	close(fd);
}

/* Restore fd 2; returns what was written (malloc'd). */
static char *capture_end(void)
{
	fflush(stderr);
	ck_assert_int_eq(dup2(saved_fd, 2), 2);
	close(saved_fd);
	saved_fd = -1;
	return nsc_t_slurp(cap_path, NULL);
}

/* The whole console report of the first @n test results, as text. */
static char *console_run(int color, int progress, int quiet, unsigned int n)
{
	struct nsc_report_opts o = {
		.tap_version = 14, .color = color, .progress = progress, .quiet = quiet
	};

	capture_start();
	ck_assert_int_eq(nsc_t_report("console", NULL, &o, res, n, &run), 0);
	return capture_end();
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

START_TEST(test_plain)
{
	char *out;

	/* A hint on a PASS is not shown; a SKIP shows its hint but no diag. */
	snprintf(res[0].hint, sizeof(res[0].hint), "pass-hint-not-shown");
	res[2].ndiag = 1;
	snprintf(res[2].diag[0].message, NSC_DIAG_TEXT, "skip-diag-not-shown");
	out = console_run(0, 0, 0, NSC_T_NRES);
	ck_assert_ptr_null(strchr(out, '\033')); /* hostile ESC made '?' */
	ck_assert_ptr_null(strchr(out, '\r'));
	ck_assert_ptr_nonnull(strstr(out, "PASS  env.first "));
	ck_assert_ptr_nonnull(strstr(out, "FAIL  net.fail#1\\x "));
	ck_assert_ptr_nonnull(strstr(out, "SKIP  time.skip "));
	ck_assert_ptr_nonnull(strstr(out, "ERROR uts.error "));
	/* id padded to 32 columns, then the duration. */
	ck_assert_ptr_nonnull(strstr(out, "PASS  env.first                          0.001 s\n"));
	ck_assert_ptr_nonnull(strstr(out, "0.004 s  killed by SIGSEGV\n"));
	ck_assert_ptr_nonnull(strstr(out, "      hint: set CONFIG_TIME_NS=y <&>\n"));
	ck_assert_ptr_null(strstr(out, "pass-hint-not-shown"));
	ck_assert_ptr_null(strstr(out, "skip-diag-not-shown"));
	/* FAIL diagnostics: where, message, errno name, expected/got. */
	ck_assert_ptr_nonnull(strstr(out, "      cases/net/fail.c:42: quote\" apos'"));
	ck_assert_ptr_nonnull(strstr(out, " (EACCES): expected \"\"exp\"<>\", got \"quote"));
	ck_assert_ptr_nonnull(strstr(out, "      cases/net/fail.c:43: "));
	/* Newlines inside the hostile text are spaces: one line per item. */
	ck_assert_int_eq(count_of(out, "\n"), 6 + 1 + 2 + 1);
	ck_assert_ptr_nonnull(
		strstr(out, "nscheck: 3 passed, 1 failed, 1 skipped, 1 errors in 1.50 s\n"));
	ck_assert_ptr_null(strstr(out, "(interrupted)"));
	free(out);
}
END_TEST

START_TEST(test_colour)
{
	char *out = console_run(1, 0, 0, NSC_T_NRES);

	ck_assert_ptr_nonnull(strstr(out, "\033[32mPASS \033[0m env.first"));
	ck_assert_ptr_nonnull(strstr(out, "\033[31mFAIL \033[0m net.fail"));
	ck_assert_ptr_nonnull(strstr(out, "\033[33mSKIP \033[0m time.skip"));
	ck_assert_ptr_nonnull(strstr(out, "\033[31mERROR\033[0m uts.error"));
	ck_assert_ptr_nonnull(
		strstr(out, "nscheck: \033[32m3 passed\033[0m, \033[31m1 failed\033[0m, "
			    "\033[33m1 skipped\033[0m, \033[31m1 errors\033[0m in 1.50 s\n"));
	/* Only our own escapes: the hostile one in the text was replaced. */
	ck_assert_int_eq(count_of(out, "\033"), 2 * NSC_T_NRES + 8);
	free(out);
}
END_TEST

START_TEST(test_colour_zero_counts)
{
	char *out;

	/* Only passes: the zero counts carry no colour. */
	out = console_run(1, 0, 0, 1);
	ck_assert_ptr_nonnull(
		strstr(out, "nscheck: \033[32m1 passed\033[0m, 0 failed, 0 skipped, 0 errors in"));
	free(out);
}
END_TEST

START_TEST(test_progress)
{
	char *out;

	run.planned = 3;
	out = console_run(0, 1, 0, 3);
	ck_assert_ptr_nonnull(strstr(out, "[1/3] env.first\r\033[KFAIL  net.fail"));
	ck_assert_ptr_nonnull(strstr(out, "[2/3] net.fail#1\\x\r\033[KSKIP  time.skip"));
	/* The last case shows no progress line and nothing is left to clear. */
	ck_assert_ptr_null(strstr(out, "[3/3]"));
	ck_assert_int_eq(count_of(out, "\r\033[K"), 2);
	ck_assert_ptr_nonnull(strstr(out, "\nnscheck: 1 passed, 1 failed, 1 skipped, 0 errors"));
	free(out);
}
END_TEST

/* Progress lines are cut to the terminal's width (less one column). */
START_TEST(test_progress_cut_to_width)
{
	struct nsc_report_opts o = { .tap_version = 14, .progress = 1, .width = 12 };
	char *out;

	run.planned = 3;
	capture_start();
	ck_assert_int_eq(nsc_t_report("console", NULL, &o, res, 2, &run), 0);
	out = capture_end();
	/* "[1/3] env.first" is 15 columns: 11 are shown. */
	ck_assert_ptr_nonnull(strstr(out, "\n[1/3] env.f\r\033[K"));
	ck_assert_ptr_nonnull(strstr(out, "\n[2/3] net.f\r\033[K"));
	free(out);
}
END_TEST

START_TEST(test_progress_cleared_by_end)
{
	char *out;

	/* Interrupted after 2 of 6: end() clears the progress line. */
	run.interrupted = true;
	out = console_run(0, 1, 0, 2);
	ck_assert_ptr_nonnull(
		strstr(out, "[2/6] net.fail#1\\x\r\033[Knscheck: 1 passed, 1 failed, 0 skipped, 0 errors"
			    " in 1.50 s (interrupted)\n"));
	free(out);
}
END_TEST

START_TEST(test_no_progress_without_option)
{
	char *out;

	run.planned = 100;
	out = console_run(1, 0, 0, 2);
	ck_assert_ptr_null(strchr(out, '\r'));
	ck_assert_ptr_null(strstr(out, "[1/100]"));
	free(out);
}
END_TEST

START_TEST(test_quiet)
{
	char *out = console_run(1, 1, 1, NSC_T_NRES);

	ck_assert_ptr_null(strstr(out, "env.first"));
	ck_assert_ptr_null(strstr(out, "hint:"));
	ck_assert_ptr_null(strchr(out, '\r'));
	ck_assert_ptr_null(strstr(out, "[1/"));
	ck_assert_ptr_eq(strstr(out, "nscheck: "), out); /* the summary only */
	ck_assert_int_eq(count_of(out, "\n"), 1);
	free(out);
}
END_TEST

START_TEST(test_result_before_begin)
{
	struct nsc_reporter *r;
	char *out;

	capture_start();
	ck_assert_int_eq(nsc_reporter_open(&r, "console", NULL, NULL, &err), 0);
	ck_assert_int_eq(r->ops->result(r, &res[0], &err), -EINVAL);
	ck_assert_str_eq(err.msg, "console reporter: result before begin");
	/* end() without begin() still prints the summary. */
	ck_assert_int_eq(r->ops->end(r, &run, &err), 0);
	ck_assert_int_eq(nsc_reporter_close(r, 1, &err), 0);
	out = capture_end();
	ck_assert_str_eq(out, "nscheck: 0 passed, 0 failed, 0 skipped, 0 errors in 1.50 s\n");
	free(out);
}
END_TEST

/* The --env fingerprint, written to a report file. */
static char *env_report(void)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/env.txt", dir);
	ck_assert_int_eq(nsc_t_report("env", path, NULL, res, NSC_T_NRES, &run), 0);
	return nsc_t_slurp(path, NULL);
}

START_TEST(test_env)
{
	char *out = env_report();

	ck_assert_ptr_eq(strstr(out, "nscheck nscheck 0.1.0-test\n"), out);
	ck_assert_ptr_nonnull(strstr(out, "\nhostname         host<&>\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nkernel           6.1.0-test\n"));
	ck_assert_ptr_nonnull(strstr(out, "\narch             x86_64\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nos               Debian \"12\" ?\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nos id            debian\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nos version id    12\n"));
	ck_assert_ptr_nonnull(strstr(out, "\neuid             0\n"));
	ck_assert_ptr_nonnull(
		strstr(out, "\nmode             rootless (root without CAP_SYS_ADMIN)\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nCapEff           0x000001ffffffffff\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nseccomp          filter (2)\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nLSMs             lockdown,capability,apparmor\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nkernel config (/proc/config.gz):\n"
					  "  CONFIG_USER_NS                   y\n"
					  "  CONFIG_TIME_NS                   n\n"
					  "sysctls:\n"
					  "  user.max_user_namespaces                     0\n"));
	/* The hostile kernel version stays on one line, without ESC. */
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_ptr_nonnull(strstr(out, "\nkernel tainted   unreadable\n"));
	ck_assert_int_eq(count_of(out, "\n"), 1 + 13 + 1 + 2 + 1 + 1);
	/* The case results are not part of the fingerprint. */
	ck_assert_ptr_null(strstr(out, "env.first"));
	free(out);
}
END_TEST

START_TEST(test_env_unknowns)
{
	static const char *const want[] = { "off (0)", "strict (1)", "unknown" };
	static const int sec[] = { 0, 1, -1 };
	char *out, line[64];

	run.tool_version = NULL;
	nsc_t_env.hostname[0] = '\0';
	nsc_t_env.lsm[0] = '\0';
	nsc_t_env.kconfig_source[0] = '\0';
	nsc_t_env.nkconfig = 0;
	nsc_t_env.nsysctl = 0;
	for (int i = 0; i < 3; i++) {
		nsc_t_env.seccomp = sec[i];
		out = env_report();
		ck_assert_ptr_eq(strstr(out, "nscheck (unknown)\n"), out);
		ck_assert_ptr_nonnull(strstr(out, "\nhostname         (unknown)\n"));
		ck_assert_ptr_nonnull(strstr(out, "\nLSMs             (unknown)\n"));
		snprintf(line, sizeof(line), "\nseccomp          %s\n", want[i]);
		ck_assert_ptr_nonnull(strstr(out, line));
		ck_assert_ptr_nonnull(strstr(out, "\nkernel config (none found):\nsysctls:\n"));
		ck_assert_int_eq(out[strlen(out) - 2], ':'); /* no sysctl lines */
		free(out);
	}
}
END_TEST

START_TEST(test_env_not_collected)
{
	char *out;

	run.env = NULL;
	out = env_report();
	ck_assert_str_eq(out, "nscheck nscheck 0.1.0-test\nenvironment: not collected\n");
	free(out);
}
END_TEST

static Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("console");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_colour);
	tcase_add_test(tc, test_colour_zero_counts);
	tcase_add_test(tc, test_progress);
	tcase_add_test(tc, test_progress_cleared_by_end);
	tcase_add_test(tc, test_progress_cut_to_width);
	tcase_add_test(tc, test_no_progress_without_option);
	tcase_add_test(tc, test_quiet);
	tcase_add_test(tc, test_result_before_begin);
	tcase_add_test(tc, test_env);
	tcase_add_test(tc, test_env_unknowns);
	tcase_add_test(tc, test_env_not_collected);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(console_suite)
