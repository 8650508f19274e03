/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading /proc/self/cgroup for the cgroup namespace cases. */
#ifndef NSC_CASES_CGROUP_CGROUPNS_H
#define NSC_CASES_CGROUP_CGROUPNS_H

#include <stdio.h>

#include "nscheck.h"

#define NSC_CG_MAX 32
#define NSC_CG_PATH 512

struct nsc_cg_line {
	int hier;	/* hierarchy id, 0 for cgroup2 */
	char ctrl[128]; /* "memory", "cpu,cpuacct", "name=systemd", "" */
	char path[NSC_CG_PATH];
};

/* Parse /proc/self/cgroup ("id:controllers:path"); returns the count. */
static inline int nsc_cg_read(struct nsc_cg_line *l, int max)
{
	char buf[NSC_CG_PATH + 160];
	FILE *f = fopen("/proc/self/cgroup", "re");
	int n = 0;

	if (!f)
		return -errno;
	while (n < max && fgets(buf, sizeof(buf), f)) {
		char *c1 = strchr(buf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		l[n].hier = atoi(buf);
		snprintf(l[n].ctrl, sizeof(l[n].ctrl), "%s", c1 + 1);
		snprintf(l[n].path, sizeof(l[n].path), "%s", c2 + 1);
		n++;
	}
	fclose(f);
	return n;
}

/* Index of the first line whose path is not "/", or -1. */
static inline int nsc_cg_first_nonroot(const struct nsc_cg_line *l, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(l[i].path, "/"))
			return i;
	return -1;
}

#define NSC_CG_SKIP_HINT \
	"run nscheck in a non-root cgroup (e.g. systemd-run --scope, or a container)"

#endif
