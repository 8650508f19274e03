/* SPDX-License-Identifier: GPL-2.0-only */
/* Lines of /proc/PID/status: the per-namespace numbers of the PID cases, the user cases' ids. */
#ifndef NSC_CASES_PID_STATUS_H
#define NSC_CASES_PID_STATUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nscheck.h"

/*
 * The text after "@key" (which ends in its colon: "NSpid:", "Uid:") on
 * its line of /proc/@pid/status (@pid 0: our own), newline included, into
 * @val.  1, 0 when there is no such line, -errno when the file cannot be
 * read (/proc of another PID namespace: ENOENT, EACCES).
 */
static inline int nsc_status_value(pid_t pid, const char *key, char *val, size_t len)
{
	char path[64], line[1024];
	size_t klen = strlen(key);
	int ret = 0;
	FILE *f;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen))
			continue;
		snprintf(val, len, "%s", line + klen);
		ret = 1;
		break;
	}
	fclose(f);
	return ret;
}

/*
 * The numbers on the @key line ("NSpid:", "NSsid:", ...) of
 * /proc/@pid/status (@pid 0: our own), one per PID namespace of the
 * process that the reader can see, outermost first.  At most @max into @v;
 * returns how many, -ENOENT when there is no such line, -errno when the
 * file cannot be read (/proc of another PID namespace: ENOENT, EACCES).
 */
static inline int nsc_pid_status_line(pid_t pid, const char *key, long *v, int max)
{
	char val[1024], *p, *end;
	int n = nsc_status_value(pid, key, val, sizeof(val));

	if (n <= 0)
		return n ? n : -ENOENT;
	for (n = 0, p = val; n < max; p = end) {
		long x = strtol(p, &end, 10);

		if (end == p)
			break;
		v[n++] = x;
	}
	return n;
}

#endif
