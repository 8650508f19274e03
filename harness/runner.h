/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_RUNNER_H
#define NSC_RUNNER_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "nscheck.h"
#include "sink.h"
#include "target.h"

struct nsc_runner_opts {
	unsigned int jobs;	/* concurrent case processes, >= 1 */
	unsigned int timeout_s; /* per case process */
	bool timeout_explicit;	/* --timeout given: overrides cases */
	bool control;		/* run positive controls */
	bool rootless;		/* case processes enter an own userns */
	bool self_check;	/* withhold each case's namespaces, want FAIL */
	unsigned int via;	/* NSC_VIA_*: sandbox creation path (0: clone3) */
	bool unsafe;		/* --unsafe: run the cases marked .unsafe */
	/* End the run in order on these signals (NULL: SIGINT, SIGTERM, SIGHUP). */
	const sigset_t *stop_signals;
	/* Signal mask for case processes (NULL: the mask before the run). */
	const sigset_t *child_mask;
	/* collected once by main.c; read-only but for the after-run taint */
	struct nsc_env *env;
	const struct nsc_target *target; /* --target: the process audited, else NULL */
	/*
	 * Residue audit (harness/audit.h): called after the last case and
	 * the orphan reaping to fill one extra record; planned = n + 1.
	 * Not called for an interrupted run.  NULL: no audit.
	 */
	void (*audit)(void *arg, struct nsc_result *res);
	void *audit_arg;
};

/*
 * Run @cases (in order) and hand every finished record to @sink (begin,
 * one result per record, end; the caller opens and closes the sink).
 * Fills @run (counts, duration, interrupted, self_check).  Returns 0, or
 * -errno when the harness itself failed; a run ended by a terminating
 * signal returns 0 with run->interrupted and *@signo set.
 *
 * With opts->self_check every case runs with its namespace flags
 * withheld, no audit runs, and each record judges the case: PASS when
 * it detected the missing namespace (it FAILed), FAIL when it is blind,
 * SKIP when it cannot run here or has no control.
 */
int nsc_run(const struct nsc_case *const *cases, size_t n, const struct nsc_runner_opts *opts,
	    struct nsc_sink *sink, struct nsc_run_info *run, int *signo, struct nsc_err *err);

#endif
