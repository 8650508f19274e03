/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one place the harness hands its records to: a sink owns every
 * open reporter.  nsc_sink_open() creates each report (a bad path fails
 * here, before any case runs; two reports to one file are refused);
 * begin/result/end go to every reporter in the order they were opened;
 * nsc_sink_close() commits every report file (or discards them all).
 */
#ifndef NSC_SINK_H
#define NSC_SINK_H

#include "reporter.h"

#define NSC_SINK_MAX 8

struct nsc_sink {
	struct nsc_reporter *r[NSC_SINK_MAX];
	size_t n;
};

/*
 * Open a reporter of @format on @path (see nsc_reporter_open()) and add
 * it to @s.  -EEXIST when another report of @s already writes to the same
 * file (stdout and /dev/stdout included).
 */
int nsc_sink_open(struct nsc_sink *s, const char *format, const char *path,
		  const struct nsc_report_opts *opts, struct nsc_err *err);

int nsc_sink_begin(struct nsc_sink *s, const struct nsc_run_info *run, struct nsc_err *err);
int nsc_sink_result(struct nsc_sink *s, const struct nsc_result *res, struct nsc_err *err);
int nsc_sink_end(struct nsc_sink *s, const struct nsc_run_info *run, struct nsc_err *err);

/*
 * Close every reporter: commit the report files when @commit, else
 * discard them.  Returns the first error.  @s is empty afterwards.
 */
int nsc_sink_close(struct nsc_sink *s, bool commit, struct nsc_err *err);

#endif
