/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's taint flags (/proc/sys/kernel/tainted), as kselftest
 * records them around a run: a taint that appears while nscheck runs
 * (a warning, an oops, a lockup) says the kernel misbehaved under it.
 */
#ifndef NSC_TAINT_H
#define NSC_TAINT_H

#include <stddef.h>

#include "err.h"

/* Parse the text of /proc/sys/kernel/tainted.  Returns 0 or -EINVAL. */
int nsc_taint_parse(const char *text, unsigned long long *bits);

/* Read /proc/sys/kernel/tainted.  Returns 0 or -errno (filling @err). */
int nsc_taint_read(unsigned long long *bits, struct nsc_err *err);

/*
 * "W (kernel issued warning), O (externally-built module loaded)": each
 * set bit with its letter and meaning (Documentation/admin-guide/
 * tainted-kernels.rst), "bit N" for bits this table does not know,
 * "none" for 0.  Always NUL-terminates; truncates with "...".
 */
void nsc_taint_describe(unsigned long long bits, char *buf, size_t len);

#endif
