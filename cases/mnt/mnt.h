/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding a mount by its source name, for the mount namespace cases. */
#ifndef NSC_CASES_MNT_MNT_H
#define NSC_CASES_MNT_MNT_H

#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "nscheck.h"

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
	struct nsc_mounts mi;
	int found = 0, ret = nsc_mountinfo_read(NULL, &mi, NULL);

	if (ret < 0) {
		errno = -ret;
		return ret;
	}
	for (size_t i = 0; i < mi.n && !found; i++) {
		if (!strcmp(mi.m[i].source, src)) {
			found = 1;
			if (at)
				snprintf(at, len, "%s", mi.m[i].target);
		}
	}
	nsc_mountinfo_free(&mi);
	return found;
}

/*
 * The directory a mount case mounts over, made by the case itself: in its
 * own mount namespace (the case declares .outer_flags CLONE_NEWNS) the
 * case process mounts a small staging tmpfs over the first of these
 * directories that takes it and makes @target inside.  No case depends on
 * the image's or host's layout (a FROM scratch container has no /tmp) or
 * writes to a filesystem it shares with anyone.  /proc/driver comes
 * first: proc always has it and nothing nscheck reads is there.
 */
static inline void nsc_mnt_make_target(struct nsc_ctx *ctx, char *target, size_t len)
{
	static const char *const stages[] = { "/proc/driver", "/proc/fs", "/dev", "/tmp" };
	int err = ENOENT;

	if (!(nsc_case_of(ctx)->outer_flags & CLONE_NEWNS))
		nsc_error(ctx, EINVAL, "a mount case needs .outer_flags CLONE_NEWNS");
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		if (mount("nsc-stage", stages[i], "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
			  "size=64k,mode=0700") < 0) {
			err = errno;
			continue;
		}
		snprintf(target, len, "%s/nsc-target", stages[i]);
		NSC_SAFE(ctx, mkdir(target, 0700));
		return;
	}
	nsc_skip(ctx, err, "mount namespaces of nscheck's own must allow a tmpfs mount",
		 "no directory to mount a staging tmpfs over (/proc/driver, /proc/fs, /dev, /tmp)");
}

#endif
