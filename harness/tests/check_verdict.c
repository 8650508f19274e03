// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the verdict rules (harness/verdict.c), table-driven.
 *
 * The case verdict: every combination of timeout, exit (0, non-zero,
 * killed, dumped), finished, checks evaluated and the order in which a
 * FAIL, an ERROR and a SKIP were recorded (each absent or 1st/2nd/3rd:
 * 16 orders), 512 in all, is checked against a rule table written as
 * data (first matching row wins).  The control: every combination of
 * the real verdict, the control's verdict, sharing seen and a blind
 * check, against a second table.  Then the scenarios of the bug reports
 * by name (a FAIL hidden by a later SKIP, a FAIL after an ERROR).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "nsc_check_main.h"
#include "verdict.h"

#define ANY (-1)

/* How the case process ended. */
enum exit_kind { EXIT0, EXIT1, KILLED, DUMPED, NEXIT };

/* One row of the rule table: ANY matches everything. */
struct case_rule {
	int first;     /* 'F', 'E', 'S', '-' (nothing recorded) or ANY */
	int fail;      /* a FAIL was recorded (at any position): 1, 0, ANY */
	int timed_out; /* 1, 0, ANY */
	int exit;      /* enum exit_kind, or ANY; 'k' killed or dumped */
	int finished;
	int checks;
	enum nsc_status want;
	enum nsc_why why;
};

static const struct case_rule case_rules[] = {
	/* A FAIL recorded before anything else wins over everything. */
	{ 'F', ANY, ANY, ANY, ANY, ANY, NSC_FAIL, NSC_WHY_FAIL },
	{ ANY, ANY, 1, ANY, ANY, ANY, NSC_ERROR, NSC_WHY_TIMEOUT },
	{ ANY, ANY, 0, 'k', ANY, ANY, NSC_ERROR, NSC_WHY_SIGNAL },
	{ 'S', 1, 0, ANY, ANY, ANY, NSC_ERROR, NSC_WHY_CHECK_AFTER_SKIP },
	{ 'S', 0, 0, ANY, ANY, ANY, NSC_SKIP, NSC_WHY_SKIP },
	{ 'E', ANY, 0, ANY, ANY, ANY, NSC_ERROR, NSC_WHY_ERROR },
	{ '-', 0, 0, EXIT1, ANY, ANY, NSC_ERROR, NSC_WHY_UNFINISHED },
	{ '-', 0, 0, EXIT0, 0, ANY, NSC_ERROR, NSC_WHY_UNFINISHED },
	{ '-', 0, 0, EXIT0, 1, 0, NSC_ERROR, NSC_WHY_NO_CHECKS },
	{ '-', 0, 0, EXIT0, 1, 1, NSC_PASS, NSC_WHY_PASS },
};

static bool match(int want, int got)
{
	return want == ANY || want == got;
}

static bool exit_match(int want, enum exit_kind got)
{
	if (want == 'k')
		return got == KILLED || got == DUMPED;
	return match(want, (int)got);
}

static void facts_exit(struct nsc_facts *f, enum exit_kind e)
{
	static const int code[] = { CLD_EXITED, CLD_EXITED, CLD_KILLED, CLD_DUMPED };
	static const int status[] = { 0, 1, 9, 6 };

	f->code = code[e];
	f->status = status[e];
}

/* The 16 orders of FAIL/ERROR/SKIP: seq[0..2] for F, E, S. */
static unsigned int orders(unsigned int out[][3])
{
	unsigned int n = 0;

	for (unsigned int f = 0; f <= 3; f++)
		for (unsigned int e = 0; e <= 3; e++)
			for (unsigned int s = 0; s <= 3; s++) {
				unsigned int k = (f > 0) + (e > 0) + (s > 0);

				/* distinct, and exactly 1..k */
				if ((f && (f > k || f == e || f == s)) ||
				    (e && (e > k || e == s)) || (s && s > k))
					continue;
				out[n][0] = f;
				out[n][1] = e;
				out[n][2] = s;
				n++;
			}
	return n;
}

static int first_of(const unsigned int seq[3])
{
	static const char who[] = { 'F', 'E', 'S' };

	for (int i = 0; i < 3; i++)
		if (seq[i] == 1)
			return who[i];
	return '-';
}

static const struct case_rule *case_rule_for(const unsigned int seq[3], int to, int e, int fin,
					     int chk)
{
	for (size_t i = 0; i < sizeof(case_rules) / sizeof(case_rules[0]); i++) {
		const struct case_rule *c = &case_rules[i];

		if (match(c->first, first_of(seq)) && match(c->fail, seq[0] > 0) &&
		    match(c->timed_out, to) && exit_match(c->exit, (enum exit_kind)e) &&
		    match(c->finished, fin) && match(c->checks, chk))
			return c;
	}
	return NULL;
}

static void check_case(const unsigned int seq[3], int to, int e, int fin, int chk)
{
	struct nsc_facts f = {
		.timed_out = to,
		.timeout_s = 7,
		.finished = fin,
		.checks = (unsigned int)chk,
		.fail_seq = seq[0],
		.error_seq = seq[1],
		.skip_seq = seq[2],
		.fail_msg = "F-msg",
		.error_msg = "E-msg",
		.error_err = 5,
		.skip_reason = "S-why",
		.skip_hint = "S-hint",
		.skip_err = 1,
	};
	const struct case_rule *r = case_rule_for(seq, to, e, fin, chk);
	struct nsc_verdict v;

	ck_assert_msg(r, "no rule for F%u E%u S%u to%d exit%d fin%d chk%d", seq[0], seq[1], seq[2],
		      to, e, fin, chk);
	facts_exit(&f, (enum exit_kind)e);
	nsc_verdict_case(&f, &v);
	ck_assert_msg(v.status == r->want && v.why == r->why,
		      "F%u E%u S%u to%d exit%d fin%d chk%d: got %s/%d want %s/%d (%s)", seq[0],
		      seq[1], seq[2], to, e, fin, chk, nsc_status_name(v.status), v.why,
		      nsc_status_name(r->want), r->why, v.reason);
	/* The reason names the record that decided. */
	if (v.why == NSC_WHY_FAIL)
		ck_assert_str_eq(v.reason, "F-msg");
	if (v.why == NSC_WHY_ERROR) {
		ck_assert_str_eq(v.reason, "E-msg");
		ck_assert_int_eq(v.err, 5);
	}
	if (v.why == NSC_WHY_SKIP) {
		ck_assert_str_eq(v.reason, "S-why");
		ck_assert_str_eq(v.hint, "S-hint");
	}
	if (v.why == NSC_WHY_TIMEOUT)
		ck_assert_str_eq(v.reason, "timeout after 7 s");
	if (v.status != NSC_SKIP)
		ck_assert_str_eq(v.hint, "");
	if (v.status != NSC_PASS)
		ck_assert(v.reason[0]);
}

START_TEST(test_case_table)
{
	unsigned int ord[64][3], nord = orders(ord), k;

	ck_assert_uint_eq(nord, 16);
	/* Every combination: order x timeout x exit x finished x checks. */
	for (k = 0; k < nord * 2 * NEXIT * 2 * 2; k++) {
		unsigned int x = k;
		int chk = (int)(x % 2), fin = (int)(x / 2 % 2), e = (int)(x / 4 % NEXIT);
		int to = (int)(x / (4 * NEXIT) % 2);

		check_case(ord[x / (8 * NEXIT)], to, e, fin, chk);
	}
	ck_assert_uint_eq(k, 512);
}
END_TEST

/* The scenarios of the bug reports, by name. */
START_TEST(test_fail_then_skip_is_fail)
{
	/* Issue 10.1: the scheduler read "skipped" before "failed". */
	struct nsc_facts f = { .code = CLD_EXITED,
			       .finished = 1,
			       .checks = 2,
			       .fail_seq = 1,
			       .skip_seq = 2,
			       .fail_msg = "leak",
			       .skip_reason = "no" };
	struct nsc_verdict v;

	nsc_verdict_case(&f, &v);
	ck_assert_int_eq(v.status, NSC_FAIL);
	ck_assert_str_eq(v.reason, "leak");
}
END_TEST

START_TEST(test_error_then_fail_is_error)
{
	/* A verify hook checking what a broken sandbox never set up. */
	struct nsc_facts f = { .code = CLD_EXITED,
			       .finished = 1,
			       .checks = 2,
			       .fail_seq = 2,
			       .error_seq = 1,
			       .fail_msg = "leak",
			       .error_msg = "unshare: ENOSPC",
			       .error_err = 28 };
	struct nsc_verdict v;

	nsc_verdict_case(&f, &v);
	ck_assert_int_eq(v.status, NSC_ERROR);
	ck_assert_str_eq(v.reason, "unshare: ENOSPC");
	ck_assert_int_eq(v.err, 28);
}
END_TEST

START_TEST(test_fail_then_timeout_is_fail)
{
	struct nsc_facts f = {
		.timed_out = 1, .code = CLD_KILLED, .status = 9, .fail_seq = 1, .fail_msg = "leak"
	};
	struct nsc_verdict v;

	nsc_verdict_case(&f, &v);
	ck_assert_int_eq(v.status, NSC_FAIL);
}
END_TEST

/* One row of the control table. */
struct ctl_rule {
	int real;   /* enum nsc_status or ANY */
	int ctl;    /* the control's own status or ANY */
	int shared; /* sharing seen 0 never, 1 first, 2 after a break; ANY */
	int blind;  /* some required check never fired: 1, 0, ANY */
	enum nsc_status want;
	enum nsc_control outcome;
};

static const struct ctl_rule ctl_rules[] = {
	/* The control only ever turns a PASS into something else. */
	{ NSC_FAIL, ANY, ANY, ANY, NSC_FAIL, NSC_CONTROL_NOT_RUN },
	{ NSC_SKIP, ANY, ANY, ANY, NSC_SKIP, NSC_CONTROL_NOT_RUN },
	{ NSC_ERROR, ANY, ANY, ANY, NSC_ERROR, NSC_CONTROL_NOT_RUN },
	/* Every required check saw the sharing: later breakage is moot. */
	{ NSC_PASS, ANY, 1, 0, NSC_PASS, NSC_CONTROL_SHARED },
	/* Sharing seen after a functional check failed is no proof. */
	{ NSC_PASS, NSC_PASS, 2, ANY, NSC_ERROR, NSC_CONTROL_BLIND },
	/* Unproven is not proven: SKIP, not PASS. */
	{ NSC_PASS, NSC_SKIP, ANY, ANY, NSC_SKIP, NSC_CONTROL_NOT_RUN },
	/* A functional check failing in the control is no sharing seen. */
	{ NSC_PASS, NSC_FAIL, ANY, ANY, NSC_ERROR, NSC_CONTROL_ERROR },
	{ NSC_PASS, NSC_ERROR, ANY, ANY, NSC_ERROR, NSC_CONTROL_ERROR },
	{ NSC_PASS, NSC_PASS, ANY, ANY, NSC_ERROR, NSC_CONTROL_BLIND },
};

static void check_control(int real, int ctl, int shared, int blind)
{
	struct nsc_verdict v = { .status = (enum nsc_status)real };
	struct nsc_control_facts c = {
		.status = (enum nsc_status)ctl,
		.reason = "C-why",
		.hint = "C-hint",
		.shared_seq = (unsigned int)shared,
		.broke_seq = shared == 2     ? 1 :
			     ctl == NSC_PASS ? 0 :
					       2,
		.blind_at = blind ? "x.c:7" : NULL,
		.shared_msg = "seen",
	};
	const struct ctl_rule *r = NULL;
	enum nsc_control got;
	char detail[256];

	for (size_t i = 0; !r && i < sizeof(ctl_rules) / sizeof(ctl_rules[0]); i++) {
		const struct ctl_rule *x = &ctl_rules[i];

		if (match(x->real, real) && match(x->ctl, ctl) && match(x->shared, shared) &&
		    match(x->blind, blind))
			r = x;
	}
	ck_assert_msg(r, "no control rule for %d/%d/%d/%d", real, ctl, shared, blind);
	got = nsc_verdict_control(&v, &c, detail, sizeof(detail));
	ck_assert_msg(v.status == r->want && got == r->outcome,
		      "real %s ctl %s shared %d blind %d: got %s/%s want %s/%s",
		      nsc_status_name((enum nsc_status)real), nsc_status_name((enum nsc_status)ctl),
		      shared, blind, nsc_status_name(v.status), nsc_control_name(got),
		      nsc_status_name(r->want), nsc_control_name(r->outcome));
	if (real == NSC_PASS && got == NSC_CONTROL_BLIND && shared == 1)
		ck_assert_ptr_nonnull(strstr(v.reason, "x.c:7"));
	/* Broke after sharing, before every check fired: which, and why. */
	if (real == NSC_PASS && ctl == NSC_ERROR && shared == 1 && blind) {
		ck_assert_ptr_nonnull(strstr(v.reason, "x.c:7"));
		ck_assert_ptr_nonnull(strstr(v.reason, "C-why"));
	}
	if (real == NSC_PASS && v.status == NSC_SKIP) {
		ck_assert_ptr_nonnull(strstr(v.reason, "C-why"));
		ck_assert_str_eq(v.hint, "C-hint");
	}
}

START_TEST(test_control_table)
{
	unsigned int k;

	/* Every combination: real x control status x sharing (3) x blind. */
	for (k = 0; k < 4 * 4 * 3 * 2; k++)
		check_control((int)(k / 24), (int)(k / 6 % 4), (int)(k / 2 % 3), (int)(k % 2));
	ck_assert_uint_eq(k, 96);
}
END_TEST

static Suite *verdict_suite(void)
{
	Suite *s = suite_create("verdict");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_case_table);
	tcase_add_test(tc, test_fail_then_skip_is_fail);
	tcase_add_test(tc, test_error_then_fail_is_error);
	tcase_add_test(tc, test_fail_then_timeout_is_fail);
	tcase_add_test(tc, test_control_table);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(verdict_suite());
}
