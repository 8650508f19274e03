/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One reporter interface, several back ends active at once.  Every
 * format is one file in reports/ that defines a struct nsc_reporter_ops
 * (its name, its callbacks), listed once in the format table
 * (reports/sink.c).  The harness never calls a back end: it opens the
 * reporters it wants through a sink (sink.h), hands the sink every
 * finished record, and commits or discards the sink at the end.
 *
 * Per reporter: begin() once, result() once per record in case order,
 * end() once (also for an interrupted run, with run->interrupted set),
 * then nsc_reporter_close().  A reporter writing to a file writes an
 * unnamed temp file in the target's directory (created at open time so
 * that an unwritable path is known before any case runs) and links it
 * over the target only in nsc_reporter_close(..., commit=true).
 */
#ifndef NSC_REPORTER_H
#define NSC_REPORTER_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "err.h"
#include "result.h"

struct nsc_report_opts {
	int tap_version; /* 13 or 14 */
	int color;	 /* console: 1 colour, 0 plain */
	int progress;	 /* console: progress line (terminal only) */
	int width;	 /* console: terminal columns, 0 unknown (no cut) */
	int quiet;	 /* console: summary only */
};

struct nsc_reporter;

struct nsc_reporter_ops {
	const char *name; /* "tap", "json", ...: unique, the key of the table */
	bool to_stderr;	  /* always writes to stderr (the console) */
	int (*begin)(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err);
	int (*result)(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err);
	int (*end)(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err);
	void (*free_priv)(struct nsc_reporter *r);
};

/* Where a reporter writes; filled by nsc_reporter_open(). */
struct nsc_report_target {
	int dirfd;    /* a replaced target's directory (O_PATH), or -1 */
	char *base;   /* its name in dirfd */
	bool replace; /* written to an unnamed file, linked over it at commit */
	bool has_id;  /* dev/ino: the file written in place, or the one replaced */
	bool devnull; /* that file is /dev/null */
	dev_t dev, dir_dev;
	ino_t ino, dir_ino;
};

struct nsc_reporter {
	const struct nsc_reporter_ops *ops;
	struct nsc_report_opts opts;
	FILE *fp;   /* where the back end writes */
	char *path; /* final path, NULL for stdout/stderr */
	int werr;   /* first failed flush's errno, reported at close */
	struct nsc_report_target target;
	void *priv; /* back end state */
};

/* The format table: every back end, NULL-terminated. */
extern const struct nsc_reporter_ops *const nsc_report_formats[];

/* The back end called @name, or NULL. */
const struct nsc_reporter_ops *nsc_report_format(const char *name);

/*
 * Open a reporter of format @format writing to @path ("-" or NULL:
 * stdout; a to_stderr format always writes to stderr).  Creates the
 * temp file now.  -EINVAL for an unknown format.
 */
int nsc_reporter_open(struct nsc_reporter **out, const char *format, const char *path,
		      const struct nsc_report_opts *opts, struct nsc_err *err);

/*
 * Flush and, when @commit, link the unnamed file over the target (see
 * reports/output.c); else let it vanish.  Frees @r.  Returns 0 or -errno.
 */
int nsc_reporter_close(struct nsc_reporter *r, int commit, struct nsc_err *err);

/*
 * Whether @a and @b write to one file (stdout and /dev/stdout, two names
 * of one file, one path twice); /dev/null and stderr never count.
 */
bool nsc_reporter_same_target(const struct nsc_reporter *a, const struct nsc_reporter *b);

#endif
