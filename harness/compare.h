/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `nscheck compare`: put JSON reports side by side (harness/compare.c),
 * explain the differences by the environment, and gate a new run against
 * a baseline and a list of expectations (harness/gate.c).
 */
#ifndef NSC_COMPARE_H
#define NSC_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "matrix.h"
#include "runfile.h"

/* One line of an --expect file: PATTERN STATUS [REASON]. */
struct nsc_expect {
	char *pattern;
	enum nsc_status status;
	char *reason;
	unsigned int line;
};

struct nsc_expects {
	struct nsc_expect *e;
	size_t n;
};

struct nsc_compare_opts {
	const char *const *labels; /* --label, one per run (may be fewer) */
	size_t nlabels;
	const char *const *skip; /* --skip patterns: ids left out */
	size_t nskip;
	bool only_diff;
	bool baseline;			  /* runs[0] is the baseline, runs[nruns-1] the new run */
	bool allow_skip;		  /* PASS -> SKIP does not fail the gate */
	const struct nsc_expects *expect; /* may be NULL */
};

/* The matrix and everything it borrows. */
struct nsc_comparison {
	struct nsc_matrix m;
	/* private */
	char **owned;
	size_t nowned, owned_cap;
};

/*
 * Build the comparison of @nruns reports.  Returns 0 or -errno.  With
 * opts->baseline or opts->expect, also runs the gate (m.gate_failed).
 */
int nsc_compare_build(const struct nsc_runfile *runs, size_t nruns,
		      const struct nsc_compare_opts *opts, struct nsc_comparison *c,
		      struct nsc_err *err);
void nsc_compare_free(struct nsc_comparison *c);

/* True when @id matches one of @pats (fnmatch globs). */
bool nsc_compare_match(const char *id, const char *const *pats, size_t npats);

/*
 * Whether the environment value @key can explain a result whose reason,
 * hint and diagnostics are @text ("seccomp" when the text names seccomp,
 * "euid" when it names root or privileges, a sysctl or CONFIG_ option
 * when the text names it).
 */
bool nsc_env_relevant(const char *key, const char *text);

/* A string owned by @c (a copy of @s, or @s itself when @take). */
const char *nsc_compare_own(struct nsc_comparison *c, char *s);

/* gate.c: apply the baseline and expectations to the last column. */
void nsc_gate_apply(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t nruns,
		    const struct nsc_compare_opts *opts);

/*
 * Read an --expect file: one "PATTERN STATUS [REASON]" per line, '#'
 * comments and blank lines ignored.  Errors name FILE:LINE.
 */
int nsc_expect_load(const char *path, struct nsc_expects *out, struct nsc_err *err);
int nsc_expect_parse(const char *text, size_t len, const char *name, struct nsc_expects *out,
		     struct nsc_err *err);
void nsc_expect_free(struct nsc_expects *x);
/* The first entry matching @id, or NULL. */
const struct nsc_expect *nsc_expect_find(const struct nsc_expects *x, const char *id);

/*
 * `nscheck compare ARGS`: parse options, load, build, write, gate.
 * Returns the exit status (0 same/ok, 1 differ/gate failed, 2 bad input).
 */
int nsc_compare_main(int argc, char **argv);

/*
 * For `nscheck --baseline/--expect` after a run: gate @new_json against
 * @baseline_json (may be NULL) and @expect (may be NULL), write the gate
 * lines to @fp.  Returns 0 (gate passed), 1 (failed) or 2 (bad input).
 */
int nsc_compare_gate_run(const char *baseline_json, const char *new_json,
			 const struct nsc_expects *expect, bool allow_skip, const char *const *skip,
			 size_t nskip, FILE *fp);

#endif
