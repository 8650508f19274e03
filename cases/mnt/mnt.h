/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding a mount by its source name, for the mount namespace cases. */
#ifndef NSC_CASES_MNT_MNT_H
#define NSC_CASES_MNT_MNT_H

#include <stdio.h>
#include <sys/stat.h>

#include "nscheck.h"

/* The directory the mount cases mount a tmpfs over. */
#define NSC_MNT_TARGET "/tmp"

/* Unique tmpfs source name, so the mount is found by name alone. */
static inline void nsc_mnt_source(char *buf, size_t len, const char *what)
{
	snprintf(buf, len, "nsc-%d-%s", (int)getpid(), what);
}

/*
 * Does /proc/self/mountinfo list a mount with source @src?  Returns 1 or
 * 0 and its mount point in @at (may be NULL), or -errno.
 */
static inline int nsc_mnt_find(const char *src, char *at, size_t len)
{
	char line[4096], mp[1024], fstype[64], source[256];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	int found = 0;

	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (!sep || sscanf(line, "%*d %*d %*s %*s %1023s", mp) != 1 ||
		    sscanf(sep + 3, "%63s %255s", fstype, source) != 2)
			continue;
		if (!strcmp(source, src)) {
			found = 1;
			if (at)
				snprintf(at, len, "%s", mp);
		}
	}
	fclose(f);
	return found;
}

/* SKIP unless the target directory exists. */
static inline void nsc_mnt_need_target(struct nsc_ctx *ctx)
{
	struct stat st;

	if (stat(NSC_MNT_TARGET, &st) < 0 || !S_ISDIR(st.st_mode))
		nsc_skip(ctx, ENOENT, "create " NSC_MNT_TARGET,
			 "no directory " NSC_MNT_TARGET " to mount over");
}

#endif
