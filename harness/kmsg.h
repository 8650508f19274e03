/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel log as kselftest uses it: one line per case start and per
 * result in /dev/kmsg, so that a console log shows which case ran when
 * the kernel warned, oopsed or hung.
 */
#ifndef NSC_KMSG_H
#define NSC_KMSG_H

#include <stdbool.h>

#include "err.h"
#include "result.h"

/* Can this process write to /dev/kmsg (root, device writable)? */
bool nsc_kmsg_usable(void);

/* Turn the log lines on (@on) or off for this process. */
void nsc_kmsg_enable(bool on);

/*
 * "nscheck[PID]: start N/M ID" and "nscheck[PID]: ok N ID",
 * "not ok N ID # FAIL|ERROR reason", "ok N ID # SKIP reason".  No-ops
 * while disabled; a failed write disables further lines and says so
 * once on stderr (the run goes on: the log is a side channel).
 */
void nsc_kmsg_start(unsigned int index, unsigned int total, const char *id);
void nsc_kmsg_result(const struct nsc_result *res);

/*
 * The line nsc_kmsg_result() writes, without the "<13>" level, into
 * @buf (for tests).  Non-printable bytes become '?'.
 */
void nsc_kmsg_format_result(const struct nsc_result *res, char *buf, size_t len);

#endif
