/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error reporting for library code: functions return >= 0 or -errno and
 * describe the failure in a caller-owned struct nsc_err (fixed buffer,
 * no allocation).  Only main.c exits.
 */
#ifndef NSC_ERR_H
#define NSC_ERR_H

#include <errno.h>

#define NSC_ERR_MSG_MAX 512

struct nsc_err {
	int err;		   /* positive errno, 0 if none */
	char msg[NSC_ERR_MSG_MAX]; /* one line, no trailing newline */
};

/*
 * Fill @e with @errnum and a printf-style message; returns -@errnum so a
 * caller can write "return nsc_err_set(err, errno, "open %s", path);".
 * @e may be NULL.  When @errnum is non-zero, ": <strerror>" is appended
 * (once: see nsc_errno_append()).
 */
int nsc_err_set(struct nsc_err *e, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like nsc_err_set() but never appends strerror. */
int nsc_err_setx(struct nsc_err *e, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void nsc_err_clear(struct nsc_err *e);

/*
 * Append ": <strerror(@errnum)>" to the string in @buf (size @len), cut to
 * fit, unless @errnum is 0 or the string already ends with exactly that
 * (a message forwarded from a struct nsc_err carries it): the one place
 * errno text is added to a message, so it never appears twice.  An empty
 * string becomes the bare strerror text.
 */
void nsc_errno_append(char *buf, size_t len, int errnum);

/* "EPERM", "ENOENT", ... or "E<n>"; never NULL.  "" for 0. */
const char *nsc_errno_name(int errnum);

/* "SIGSEGV", ... or "SIG<n>"; never NULL. */
const char *nsc_signal_name(int sig);

#endif
