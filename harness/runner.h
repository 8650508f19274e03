/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_RUNNER_H
#define NSC_RUNNER_H

#include <stdbool.h>
#include <stdio.h>

#include "nscheck.h"
#include "reporter.h"

struct nsc_runner_opts {
	unsigned int jobs;	/* concurrent case processes, >= 1 */
	unsigned int timeout_s; /* per case process */
	bool timeout_explicit;	/* --timeout given: overrides cases */
	bool control;		/* run positive controls */
	bool rootless;		/* case processes enter an own userns */
	struct nsc_env *env;	/* for SKIP hints (kconfig read lazily), may be NULL */
	/*
	 * Residue audit (harness/audit.h): called after the last case and
	 * the orphan reaping to fill one extra record; planned = n + 1.
	 * Not called for an interrupted run.  NULL: no audit.
	 */
	void (*audit)(void *arg, struct nsc_result *res);
	void *audit_arg;
};

/*
 * Run @cases (in order) and feed every reporter.  Fills @run (counts,
 * duration, interrupted).  Returns 0, or -errno when the harness itself
 * failed; an interruption by SIGINT/SIGTERM returns 0 with
 * run->interrupted and *@signo set.
 */
int nsc_run(const struct nsc_case *const *cases, size_t n, const struct nsc_runner_opts *opts,
	    struct nsc_reporter *const *reps, size_t nreps, struct nsc_run_info *run, int *signo,
	    struct nsc_err *err);

/*
 * --self-check: run every case with its namespace flags withheld and
 * require FAIL.  Writes one line per case and a summary to @out.
 * Returns the number of BLIND cases (>= 0), or -errno.
 */
int nsc_self_check(const struct nsc_case *const *cases, size_t n,
		   const struct nsc_runner_opts *opts, FILE *out, int *signo, struct nsc_err *err);

#endif
