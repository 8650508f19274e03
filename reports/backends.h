/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers shared by the report back ends; internal to reports/. */
#ifndef NSC_BACKENDS_H
#define NSC_BACKENDS_H

#include <errno.h>

#include "reporter.h"

/* "2024-05-01T12:00:00.123Z" (UTC) into @buf. */
void nsc_iso8601(const struct timespec *ts, char *buf, size_t len);

/* "0.123": seconds with millisecond precision, never negative. */
double nsc_secs(double s);

/*
 * Flush what a person may be watching (stdout, stderr) after each case;
 * files are flushed at close, where a write error keeps its errno.
 */
static inline void nsc_report_flush(struct nsc_reporter *r)
{
	if ((r->fp == stdout || r->fp == stderr) && fflush(r->fp) && !r->werr)
		r->werr = errno ? errno : EIO; /* reported at close */
}

#endif
