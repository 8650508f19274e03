/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The comparison matrix: one row per case id, one column per run, and
 * the environment of each run.  Built by `nscheck compare` from JSON
 * reports (harness/compare.c) or by the HTML reporter from one run, and
 * written by reports/ as text, Markdown, JSON or HTML.  Every string is
 * borrowed from the builder and never NULL ("" when unknown); writers
 * escape all of them (they come from files that may be hostile).
 */
#ifndef NSC_MATRIX_H
#define NSC_MATRIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "result.h"

enum nsc_mx_format {
	NSC_MX_TEXT,
	NSC_MX_MARKDOWN,
	NSC_MX_JSON,
	NSC_MX_HTML,
};

/* What a gate (--baseline, --expect) made of one cell of the last run. */
enum nsc_mx_mark {
	NSC_MARK_NONE,
	NSC_MARK_REGRESSION, /* newly FAIL/ERROR, or PASS -> SKIP/absent unexplained */
	NSC_MARK_ENV_SKIP,   /* PASS -> SKIP explained by the environment */
	NSC_MARK_UNEXPECTED, /* FAIL/ERROR not listed in --expect */
	NSC_MARK_EXPECTED,   /* status as --expect lists it */
	NSC_MARK_XPASS,	     /* --expect lists another status; the case did better */
	NSC_MARK_FIXED,	     /* was not PASS, now PASS */
	NSC_MARK_NEW,	     /* absent from the baseline */
};

struct nsc_mx_cell {
	bool present; /* the run has a record for this id */
	enum nsc_status status;
	const char *reason, *hint, *err; /* err: "EPERM" or "" */
	const char *control;		 /* "shared: detail" or "" */
	const char *diag;		 /* diagnostics, one per line, or "" */
	enum nsc_mx_mark mark;
	bool gate_fail;	  /* this mark fails the gate */
	const char *note; /* why the mark (expect reason, cause), or "" */
};

struct nsc_mx_run {
	const char *label;	/* "6.1.0-28-amd64 debian12" or --label */
	const char *conditions; /* "root, seccomp, clone3" */
	const char *path;	/* the report file (display form), or "" */
	bool interrupted;
};

struct nsc_mx_row {
	const char *id, *ns, *summary;
	const char *kconfigs;	/* "CONFIG_UTS_NS" ... or "" */
	const char *anchors;	/* "ltp:utsname01, man:uts_namespaces(7)" or "" */
	const char *min_kernel; /* "5.6" or "" */
	bool differs;		/* statuses (or presence) differ across runs */
	const char *const *causes;
	size_t ncauses;
	struct nsc_mx_cell *cells; /* one per run */
};

/* One environment key with its value in each run ("" when absent). */
struct nsc_mx_env {
	const char *key;
	const char *const *values;
	bool differs;
};

struct nsc_matrix {
	const char *title;
	struct nsc_mx_run *runs;
	size_t nruns;
	struct nsc_mx_row *rows;
	size_t nrows;
	size_t ndiffer; /* rows that differ (all of them, even when not shown) */
	struct nsc_mx_env *env;
	size_t nenv;
	bool only_diff; /* write only rows that differ or carry a gate mark */
	bool gate;	/* a gate ran: write its marks and verdict */
	bool gate_failed;
	size_t nregress, nenvskip, nunexpected, nexpected, nxpass, nfixed;
};

/* Write @m in @fmt; returns 0 or -errno (a failed write included). */
int nsc_mx_write(FILE *fp, const struct nsc_matrix *m, enum nsc_mx_format fmt, int color,
		 struct nsc_err *err);

/* "regression", "environment", ...; "" for NSC_MARK_NONE. */
const char *nsc_mx_mark_name(enum nsc_mx_mark mark);

/* True when the row is written under m->only_diff. */
bool nsc_mx_row_shown(const struct nsc_matrix *m, const struct nsc_mx_row *row);

/* The writers, one per format (reports/mx_*.c). */
int nsc_mx_text(FILE *fp, const struct nsc_matrix *m, bool markdown, int color);
int nsc_mx_json(FILE *fp, const struct nsc_matrix *m);
int nsc_mx_html(FILE *fp, const struct nsc_matrix *m);

#endif
