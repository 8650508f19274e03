/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The verdict rules, in one pure unit (no I/O, no process state): what a
 * finished case process left behind becomes PASS/FAIL/SKIP/ERROR, and a
 * passing case's positive control confirms, withholds or breaks it.
 * Table-tested in harness/tests/check_verdict.c.
 */
#ifndef NSC_VERDICT_H
#define NSC_VERDICT_H

#include <stdbool.h>

#include "result.h"

/*
 * Everything the verdict of one case process depends on.  The *_seq
 * fields give the order in which the first FAIL, ERROR and SKIP were
 * recorded (1, 2, 3, ... across the case process and its sandbox; 0:
 * never): what came first decides, what follows is its consequence.
 */
struct nsc_facts {
	bool timed_out;
	unsigned int timeout_s;
	int code;	     /* CLD_EXITED, CLD_KILLED or CLD_DUMPED */
	int status;	     /* exit status or signal number */
	bool finished;	     /* the case process ran to its end */
	unsigned int checks; /* checks evaluated */
	unsigned int fail_seq, error_seq, skip_seq;
	const char *fail_msg; /* first failed check */
	const char *error_msg;
	int error_err;
	const char *skip_reason, *skip_hint;
	int skip_err;
};

/* Why a verdict is what it is (one per rule, in order of precedence). */
enum nsc_why {
	NSC_WHY_FAIL,		  /* a check failed before anything else went wrong */
	NSC_WHY_TIMEOUT,	  /* killed at its deadline */
	NSC_WHY_SIGNAL,		  /* killed by a signal */
	NSC_WHY_CHECK_AFTER_SKIP, /* a check failed after the case skipped */
	NSC_WHY_SKIP,		  /* the host cannot host the property */
	NSC_WHY_ERROR,		  /* harness or fixture broke (a later FAIL is moot) */
	NSC_WHY_UNFINISHED,	  /* exited early without saying why */
	NSC_WHY_NO_CHECKS,	  /* evaluated nothing */
	NSC_WHY_PASS,
};

struct nsc_verdict {
	enum nsc_status status;
	enum nsc_why why;
	char reason[512];
	char hint[256];
	int err;
};

/* The number of the first FAIL, ERROR or SKIP in @f, 0: none. */
unsigned int nsc_facts_first_seq(const struct nsc_facts *f);

/* The verdict of one case process from @f. */
void nsc_verdict_case(const struct nsc_facts *f, struct nsc_verdict *v);

/* What the positive control (the same case, flags withheld) showed. */
struct nsc_control_facts {
	enum nsc_status status; /* the control run's own verdict (nsc_verdict_case) */
	const char *reason;	/* its reason */
	const char *hint;
	int err;
	/*
	 * When an isolation check first observed the sharing, and when the
	 * control first recorded a FAIL, ERROR or SKIP (same numbering as
	 * struct nsc_facts; 0: never).  Sharing counts only when seen first.
	 */
	unsigned int shared_seq, broke_seq;
	const char *blind_at;	/* an isolation check of the real run that never
			       * fired in the control and is not conditional
			       * ("file:line"), or NULL: every one fired */
	const char *shared_msg; /* what the control observed */
};

/*
 * Fold the control into a verdict @v of the real run, which is changed
 * only when it is PASS.  Returns the control outcome to report.
 */
enum nsc_control nsc_verdict_control(struct nsc_verdict *v, const struct nsc_control_facts *c,
				     char *detail, size_t detail_len);

#endif
