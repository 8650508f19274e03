// SPDX-License-Identifier: GPL-2.0-only
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

static int err_vset(struct nsc_err *e, int errnum, int with_str, const char *fmt, va_list ap)
{
	if (errnum < 0)
		errnum = -errnum;
	if (!e)
		return -errnum;
	e->err = errnum;
	if (vsnprintf(e->msg, sizeof(e->msg), fmt, ap) < 0)
		e->msg[0] = '\0';
	if (with_str)
		nsc_errno_append(e->msg, sizeof(e->msg), errnum);
	return -errnum;
}

void nsc_errno_append(char *buf, size_t len, int errnum)
{
	const char *s;
	size_t n, k;

	if (errnum < 0)
		errnum = -errnum;
	if (!buf || !len || !errnum)
		return;
	s = strerror(errnum);
	n = strnlen(buf, len - 1);
	buf[n] = '\0';
	k = strlen(s);
	/* Forwarded from a struct nsc_err: the text is there already. */
	if (n >= k && !strcmp(buf + n - k, s) &&
	    (n == k || (n >= k + 2 && !strncmp(buf + n - k - 2, ": ", 2))))
		return;
	if (n < len - 1)
		snprintf(buf + n, len - n, "%s%s", n ? ": " : "", s);
}

int nsc_err_set(struct nsc_err *e, int errnum, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = err_vset(e, errnum, 1, fmt, ap);
	va_end(ap);
	return ret;
}

int nsc_err_setx(struct nsc_err *e, int errnum, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = err_vset(e, errnum, 0, fmt, ap);
	va_end(ap);
	return ret;
}

void nsc_err_clear(struct nsc_err *e)
{
	if (!e)
		return;
	e->err = 0;
	e->msg[0] = '\0';
}

const char *nsc_errno_name(int errnum)
{
	static __thread char buf[16];
	const char *name;

	if (errnum < 0)
		errnum = -errnum;
	if (!errnum)
		return "";
	name = strerrorname_np(errnum);
	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", errnum);
	return buf;
}

const char *nsc_signal_name(int sig)
{
	static __thread char buf[16];
	const char *name = sigabbrev_np(sig);

	if (name) {
		snprintf(buf, sizeof(buf), "SIG%s", name);
		return buf;
	}
	snprintf(buf, sizeof(buf), "SIG%d", sig);
	return buf;
}
