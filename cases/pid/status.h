/* SPDX-License-Identifier: GPL-2.0-only */
/* The per-namespace number lines of /proc/PID/status, for the PID cases. */
#ifndef NSC_CASES_PID_STATUS_H
#define NSC_CASES_PID_STATUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nscheck.h"

/*
 * The numbers on the @key line ("NSpid:", "NSsid:", ...) of
 * /proc/@pid/status (@pid 0: our own), one per PID namespace of the
 * process that the reader can see, outermost first.  At most @max into @v;
 * returns how many, -ENOENT when there is no such line, -errno when the
 * file cannot be read (/proc of another PID namespace: ENOENT, EACCES).
 */
static inline int nsc_pid_status_line(pid_t pid, const char *key, long *v, int max)
{
	char path[64], line[1024], *p, *end;
	size_t klen = strlen(key);
	int n = -ENOENT;
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
		n = 0;
		for (p = line + klen; n < max; p = end) {
			long x = strtol(p, &end, 10);

			if (end == p)
				break;
			v[n++] = x;
		}
		break;
	}
	fclose(f);
	return n;
}

#endif
