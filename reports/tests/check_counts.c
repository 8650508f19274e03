// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: counts in every report.  Ten records with asymmetric counts
 * (3 PASS, 2 FAIL, 1 ERROR, 4 SKIP: every count differs from every other,
 * so a swapped total cannot hide), spread over three namespaces in an
 * interleaved order (ipc, net, uts each seen again after another), go
 * through the TAP, KTAP, JUnit, JSON and console back ends; then
 * harness/tests/helpers/report_counts.py reads each report on its own and
 * requires its records and every total it declares (JUnit: per suite and
 * overall) to agree with the records.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nsc_testutil.h"

#define NREC 10

static const struct {
	const char *id, *ns;
	enum nsc_status st;
} recs[NREC] = {
	{ "ipc.a_pass", "ipc", NSC_PASS },   { "net.b_skip", "net", NSC_SKIP },
	{ "uts.c_fail", "uts", NSC_FAIL },   { "ipc.d_skip", "ipc", NSC_SKIP },
	{ "net.e_error", "net", NSC_ERROR }, { "uts.f_skip", "uts", NSC_SKIP },
	{ "ipc.g_fail", "ipc", NSC_FAIL },   { "net.h_pass", "net", NSC_PASS },
	{ "uts.i_skip", "uts", NSC_SKIP },   { "ipc.j_pass", "ipc", NSC_PASS },
};

static const char checker[] = NSC_SRC_DIR "/harness/tests/helpers/report_counts.py";
static char *dir;
static char path[6][300]; /* expect, tap, junit, json, ktap, console */

static void fill(struct nsc_result *r)
{
	memset(r, 0, NREC * sizeof(*r));
	for (unsigned int i = 0; i < NREC; i++) {
		r[i].index = i + 1;
		r[i].id = recs[i].id;
		r[i].ns = recs[i].ns;
		r[i].summary = "counted";
		r[i].file = "cases/x/y.c";
		r[i].status = recs[i].st;
		r[i].duration = 0.001;
		r[i].control = recs[i].st == NSC_SKIP ? NSC_CONTROL_NOT_RUN : NSC_CONTROL_SHARED;
		if (recs[i].st != NSC_PASS)
			snprintf(r[i].reason, sizeof(r[i].reason), "reason %u", i);
		if (recs[i].st == NSC_ERROR)
			r[i].err = 5;
	}
}

static void setup(void)
{
	static const char *const names[6] = { "expect", "r.tap",  "r.xml",
					      "r.json", "r.ktap", "console" };
	FILE *fp;

	dir = nsc_t_tmpdir();
	for (int i = 0; i < 6; i++)
		snprintf(path[i], sizeof(path[i]), "%s/%s", dir, names[i]);
	fp = fopen(path[0], "w");
	ck_assert_ptr_nonnull(fp);
	for (unsigned int i = 0; i < NREC; i++)
		fprintf(fp, "%s %s\n", recs[i].id, nsc_status_name(recs[i].st));
	ck_assert_int_eq(fclose(fp), 0);
}

static void teardown(void)
{
	nsc_t_rmtree(dir);
}

/* The console writes to fd 2: point it at path[5] for the report. */
static void console_report(struct nsc_result *res)
{
	struct nsc_report_opts o = { .tap_version = 14, .quiet = 1 };
	struct nsc_run_info run;
	int saved, fd;

	nsc_t_run_info(&run, NREC);
	fflush(stderr);
	saved = dup(2);
	ck_assert_int_ge(saved, 0);
	fd = open(path[5], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, 2), 2);
	close(fd);
	ck_assert_int_eq(nsc_t_report("console", NULL, &o, res, NREC, &run), 0);
	fflush(stderr);
	ck_assert_int_eq(dup2(saved, 2), 2);
	close(saved);
}

START_TEST(test_all_formats_agree)
{
	static const char *const kinds[4] = { "tap", "junit", "json", "ktap" };
	struct nsc_report_opts o = { .tap_version = 14 };
	struct nsc_result res[NREC];
	struct nsc_run_info run;
	const char *argv[] = { nsc_t_python(), checker,	    path[0],  "--tap", path[1],
			       "--junit",      path[2],	    "--json", path[3], "--ktap",
			       path[4],	       "--console", path[5],  NULL };

	fill(res);
	for (int k = 0; k < 4; k++) {
		nsc_t_run_info(&run, NREC);
		ck_assert_int_eq(nsc_t_report(kinds[k], path[k + 1], &o, res, NREC, &run), 0);
		ck_assert_uint_eq(run.counts.pass, 3);
		ck_assert_uint_eq(run.counts.fail, 2);
		ck_assert_uint_eq(run.counts.error, 1);
		ck_assert_uint_eq(run.counts.skip, 4);
	}
	console_report(res);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
}
END_TEST

/* The checker can fail: a report whose totals are swapped is rejected. */
START_TEST(test_checker_catches_swap)
{
	struct nsc_report_opts o = { .tap_version = 14 };
	struct nsc_result res[NREC];
	struct nsc_run_info run;
	const char *argv[] = { nsc_t_python(), checker, path[0], "--tap", path[1], NULL };
	char *buf, *p;
	FILE *fp;

	fill(res);
	nsc_t_run_info(&run, NREC);
	ck_assert_int_eq(nsc_t_report("tap", path[1], &o, res, NREC, &run), 0);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
	buf = nsc_t_slurp(path[1], NULL);
	p = strstr(buf, "fail 2, skip 4, error 1");
	ck_assert_ptr_nonnull(p);
	p[5] = '1'; /* "fail 1, skip 4, error 2" */
	p[22] = '2';
	fp = fopen(path[1], "w");
	ck_assert_ptr_nonnull(fp);
	fputs(buf, fp);
	ck_assert_int_eq(fclose(fp), 0);
	free(buf);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 1);
}
END_TEST

static Suite *counts_suite(void)
{
	Suite *s = suite_create("counts");
	TCase *tc = tcase_create("counts");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_all_formats_agree);
	tcase_add_test(tc, test_checker_catches_swap);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(counts_suite)
