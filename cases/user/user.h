/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers the user namespace cases share: reading a field of
 * /proc/self/status, writing a whole file once (an id map, a sysctl) and
 * mapping the case process's own ids after it unshared a disposable user
 * namespace (.outer_flags = CLONE_NEWUSER).  All return 0 or -errno.
 */
#ifndef NSC_CASES_USER_USER_H
#define NSC_CASES_USER_USER_H

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "nscheck.h"

/* The hex value of the "<key>:" line of /proc/<pid>/status (0: self). */
static inline int nsc_user_status_hex(pid_t pid, const char *key, uint64_t *v)
{
	char path[64], line[256];
	size_t kl = strlen(key);
	int ret = -ENOENT;
	FILE *f;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			ret = sscanf(line + kl + 1, "%" SCNx64, v) == 1 ? 0 : -EINVAL;
			break;
		}
	}
	fclose(f);
	return ret;
}

/* One write(2) of @text to @path: 0, or -errno of open or write. */
static inline int nsc_user_write(const char *path, const char *text)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	if (n < 0 || (size_t)n != len) {
		int e = n < 0 ? errno : EIO;

		close(fd);
		return -e;
	}
	return close(fd) < 0 ? -errno : 0;
}

/* The first number in @path, or -errno. */
static inline long long nsc_user_read_ll(const char *path)
{
	long long v;
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return -errno;
	ok = fscanf(f, "%lld", &v) == 1;
	fclose(f);
	return ok ? v : -EINVAL;
}

/*
 * nsc_user_read_ll() that SKIPs when a restriction of the host (proc
 * mounted with subset=pid, masked paths) hides @path, else ERRORs.
 */
static inline long long nsc_user_read_ll_or_skip(struct nsc_ctx *ctx, const char *path)
{
	long long v = nsc_user_read_ll(path);

	if (v < 0) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, (int)-v, path);
		nsc_error(ctx, (int)-v, "read %s", path);
	}
	return v;
}

/* The running kernel is older than @major.@minor (unparsable: not older). */
static inline bool nsc_user_kernel_older(int major, int minor)
{
	struct utsname u;
	int ma, mi;

	if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return false;
	return ma < major || (ma == major && mi < minor);
}

/*
 * After .outer_flags unshared CLONE_NEWUSER: map the case process's
 * outer uid and gid to root in its own new user namespace (the one map a
 * process may write for itself: its own ids, setgroups denied), so that
 * the harness can map the sandbox as usual.  ERROR when refused.
 */
static inline void nsc_user_map_outer(struct nsc_ctx *ctx)
{
	NSC_TRY(ctx,
		nsc_idmap_root(getpid(), nsc_outer_uid(ctx), nsc_outer_gid(ctx), nsc_errbuf(ctx)));
}

#endif
