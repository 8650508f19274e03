// SPDX-License-Identifier: GPL-2.0-only
/*
 * The verdict rules (see verdict.h), in order of precedence:
 *
 *  1. A FAIL recorded before any ERROR or SKIP wins over everything that
 *     follows (skip, error, crash, timeout, early exit): the sharing was
 *     observed with every fixture in place.
 *  2. Timeout, then death by a signal: ERROR.
 *  3. A SKIP recorded first is SKIP (a later ERROR is its consequence,
 *     e.g. the other side of a hand-over found the sandbox gone), except
 *     that a check failing after the skip is ERROR: the case went on
 *     checking what it had just said the host cannot do.  (A skip after
 *     a failed check is recorded as an ERROR by nsc_skip(): rule 1.)
 *  4. An ERROR recorded first is ERROR, also when a check failed or the
 *     case skipped later: that check ran on a broken fixture, and FAIL
 *     needs every fixture.
 *  5. A case process that exited early or not with 0 without recording
 *     anything: ERROR.  One that evaluated no check: ERROR (never PASS).
 *  6. Otherwise PASS.
 *
 * The control (rules in nsc_verdict_control) only matters for a PASS.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "err.h"
#include "verdict.h"

unsigned int nsc_facts_first_seq(const struct nsc_facts *f)
{
	unsigned int best = 0;

	if (f->fail_seq && (!best || f->fail_seq < best))
		best = f->fail_seq;
	if (f->error_seq && (!best || f->error_seq < best))
		best = f->error_seq;
	if (f->skip_seq && (!best || f->skip_seq < best))
		best = f->skip_seq;
	return best;
}

/* Which of FAIL, ERROR, SKIP was recorded first: 'F', 'E', 'S', or 0. */
static char first_record(const struct nsc_facts *f)
{
	unsigned int best = 0;
	char who = 0;

	if (f->fail_seq && (!best || f->fail_seq < best)) {
		best = f->fail_seq;
		who = 'F';
	}
	if (f->error_seq && (!best || f->error_seq < best)) {
		best = f->error_seq;
		who = 'E';
	}
	if (f->skip_seq && (!best || f->skip_seq < best))
		who = 'S';
	return who;
}

static void set(struct nsc_verdict *v, enum nsc_status st, enum nsc_why why, int err)
{
	v->status = st;
	v->why = why;
	v->err = err;
}

void nsc_verdict_case(const struct nsc_facts *f, struct nsc_verdict *v)
{
	const char *fail = f->fail_msg ? f->fail_msg : "a check failed";
	const char *error = f->error_msg ? f->error_msg : "an error was recorded";
	const char *skip = f->skip_reason ? f->skip_reason : "skipped";

	char first = first_record(f);

	memset(v, 0, sizeof(*v));
	if (first == 'F') {
		set(v, NSC_FAIL, NSC_WHY_FAIL, 0);
		snprintf(v->reason, sizeof(v->reason), "%s", fail);
	} else if (f->timed_out) {
		set(v, NSC_ERROR, NSC_WHY_TIMEOUT, ETIMEDOUT);
		snprintf(v->reason, sizeof(v->reason), "timeout after %u s", f->timeout_s);
	} else if (f->code == CLD_KILLED || f->code == CLD_DUMPED) {
		set(v, NSC_ERROR, NSC_WHY_SIGNAL, 0);
		snprintf(v->reason, sizeof(v->reason), "case process killed by %s",
			 nsc_signal_name(f->status));
	} else if (first == 'S' && f->fail_seq) {
		set(v, NSC_ERROR, NSC_WHY_CHECK_AFTER_SKIP, 0);
		snprintf(v->reason, sizeof(v->reason),
			 "a check failed after the case skipped (%s): %s", skip, fail);
	} else if (first == 'S') {
		set(v, NSC_SKIP, NSC_WHY_SKIP, f->skip_err);
		snprintf(v->reason, sizeof(v->reason), "%s", skip);
		snprintf(v->hint, sizeof(v->hint), "%s", f->skip_hint ? f->skip_hint : "");
	} else if (first == 'E') {
		set(v, NSC_ERROR, NSC_WHY_ERROR, f->error_err);
		snprintf(v->reason, sizeof(v->reason), "%s", error);
	} else if (f->code != CLD_EXITED || f->status != 0 || !f->finished) {
		set(v, NSC_ERROR, NSC_WHY_UNFINISHED, 0);
		snprintf(v->reason, sizeof(v->reason),
			 "case process exited with status %d before finishing", f->status);
	} else if (!f->checks) {
		set(v, NSC_ERROR, NSC_WHY_NO_CHECKS, 0);
		snprintf(v->reason, sizeof(v->reason), "case reported nothing (no check evaluated)");
	} else {
		set(v, NSC_PASS, NSC_WHY_PASS, 0);
	}
}

enum nsc_control nsc_verdict_control(struct nsc_verdict *v, const struct nsc_control_facts *c,
				     char *detail, size_t detail_len)
{
	const char *why = c->reason ? c->reason : "";
	bool shared = c->shared_seq && (!c->broke_seq || c->shared_seq < c->broke_seq);

	if (v->status != NSC_PASS) {
		snprintf(detail, detail_len, "not used: the case did not pass");
		return NSC_CONTROL_NOT_RUN;
	}
	if (shared && !c->blind_at) {
		snprintf(detail, detail_len, "without the namespace the probe saw the sharing: %s",
			 c->shared_msg ? c->shared_msg : "");
		return NSC_CONTROL_SHARED;
	}
	if (c->status == NSC_SKIP) {
		/* Unproven is not PASS: the host cannot host the control. */
		snprintf(detail, detail_len, "control cannot run here: %s", why);
		set(v, NSC_SKIP, NSC_WHY_SKIP, c->err);
		snprintf(v->reason, sizeof(v->reason), "positive control cannot run here: %s", why);
		snprintf(v->hint, sizeof(v->hint), "%s", c->hint ? c->hint : "");
		return NSC_CONTROL_NOT_RUN;
	}
	if (c->status != NSC_PASS) {
		/*
		 * A functional check failing in the control is no sharing seen;
		 * breaking after some sharing was seen leaves later checks unproven.
		 */
		set(v, NSC_ERROR, NSC_WHY_ERROR, c->err);
		if (shared && c->blind_at) {
			snprintf(detail, detail_len,
				 "control broke before the check at %s fired: %s", c->blind_at, why);
			snprintf(v->reason, sizeof(v->reason),
				 "control run broke before the isolation check at %s could fire: %s",
				 c->blind_at, why);
		} else {
			snprintf(detail, detail_len, "control broke: %s", why);
			snprintf(v->reason, sizeof(v->reason), "control run broke: %s", why);
		}
		return NSC_CONTROL_ERROR;
	}
	set(v, NSC_ERROR, NSC_WHY_ERROR, 0);
	if (shared) {
		snprintf(detail, detail_len, "the check at %s never observed sharing", c->blind_at);
		snprintf(v->reason, sizeof(v->reason),
			 "probe blind: the isolation check at %s never observed sharing in the control",
			 c->blind_at);
	} else {
		snprintf(detail, detail_len, "control did not observe sharing");
		snprintf(v->reason, sizeof(v->reason),
			 "probe blind: control did not observe sharing");
	}
	return NSC_CONTROL_BLIND;
}
