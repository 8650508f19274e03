// SPDX-License-Identifier: GPL-2.0-only
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

static int err_vset(struct nsc_err *e, int errnum, int with_str, const char *fmt, va_list ap)
{
	int n;

	if (errnum < 0)
		errnum = -errnum;
	if (!e)
		return -errnum;
	e->err = errnum;
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	if (n < 0)
		n = 0;
	if (with_str && errnum && (size_t)n < sizeof(e->msg))
		snprintf(e->msg + n, sizeof(e->msg) - n, ": %s", strerror(errnum));
	return -errnum;
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
