/* SPDX-License-Identifier: GPL-2.0-only */
/* Small readers shared by the target cases (cases/target/). */
#ifndef NSC_CASES_TARGET_H
#define NSC_CASES_TARGET_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nscheck.h"

/*
 * The value of "@key:" in a /proc/PID/status text, without leading
 * blanks, up to the end of its line, in @out; "" when absent.
 */
static inline const char *nsc_status_value(const char *status, const char *key, char *out, size_t len)
{
	size_t klen = strlen(key);
	const char *p = status;

	out[0] = '\0';
	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ':') {
			p += klen + 1;
			p += strspn(p, " \t");
			snprintf(out, len, "%.*s", (int)strcspn(p, "\n"), p);
			break;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return out;
}

/* /proc/<target>/status as text; ERROR when unreadable (SKIP: no access). */
static inline char *nsc_target_status(struct nsc_ctx *ctx)
{
	char *buf = NULL;
	size_t len;
	int ret = nsc_target_file(ctx, "status", 1 << 16, &buf, &len);

	if (ret == -EACCES || ret == -EPERM)
		nsc_skip(ctx, -ret, "run nscheck as root", "no permission to read the status of %s",
			 nsc_target_name(ctx));
	NSC_TRY(ctx, ret);
	return buf;
}

#endif
