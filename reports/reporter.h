/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One reporter interface, several back ends active at once.  The runner
 * calls begin() once, result() once per case in case order, end() once
 * (also for an interrupted run, with run->interrupted set) and finally
 * nsc_reporter_close().  A reporter writing to a file writes a temp file
 * in the same directory (O_EXCL, created at open time so that an
 * unwritable path is known before any case runs) and renames it over
 * the target only in nsc_reporter_close(..., commit=true).
 */
#ifndef NSC_REPORTER_H
#define NSC_REPORTER_H

#include <stdio.h>

#include "err.h"
#include "result.h"

enum nsc_report_kind {
	NSC_REPORT_TAP,
	NSC_REPORT_KTAP,
	NSC_REPORT_JUNIT,
	NSC_REPORT_JSON,
	NSC_REPORT_CONSOLE,
	NSC_REPORT_ENV, /* human-readable env fingerprint only (--env) */
};

struct nsc_report_opts {
	int tap_version; /* 13 or 14 */
	int color;	 /* console: 1 colour, 0 plain */
	int progress;	 /* console: progress line (terminal only) */
	int quiet;	 /* console: summary only */
};

struct nsc_reporter;

struct nsc_reporter_ops {
	int (*begin)(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err);
	int (*result)(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err);
	int (*end)(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err);
	void (*free_priv)(struct nsc_reporter *r);
};

struct nsc_reporter {
	const struct nsc_reporter_ops *ops;
	enum nsc_report_kind kind;
	struct nsc_report_opts opts;
	FILE *fp;	/* where the back end writes */
	char *path;	/* final path, NULL for stdout/stderr */
	char *tmp_path; /* temp file being written, NULL if none */
	void *priv;	/* back end state */
};

/*
 * Open a reporter of @kind writing to @path ("-" or NULL: stdout; the
 * console reporter always writes to stderr).  Creates the temp file now.
 */
int nsc_reporter_open(struct nsc_reporter **out, enum nsc_report_kind kind, const char *path,
		      const struct nsc_report_opts *opts, struct nsc_err *err);

/*
 * Flush and, when @commit, rename the temp file over the target; else
 * unlink the temp file.  Frees @r.  Returns 0 or -errno.
 */
int nsc_reporter_close(struct nsc_reporter *r, int commit, struct nsc_err *err);

#endif
