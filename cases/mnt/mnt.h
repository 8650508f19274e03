/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding a mount by its source name, for the mount namespace cases. */
#ifndef NSC_CASES_MNT_MNT_H
#define NSC_CASES_MNT_MNT_H

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

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

/* One mount as the mount cases need it, copied out of the parsed table. */
struct nsc_mnt_info {
	int id, parent;
	int shared, master; /* peer groups, 0 if none */
	bool unbindable;
	char target[256];
	char opts[128];
};

/*
 * Look up the mount with source @src in @path's mountinfo (NULL:
 * /proc/self/mountinfo); the last one listed wins (the topmost).
 * Returns 1 and fills @out (may be NULL), 0 if absent, or -errno.
 */
static inline int nsc_mnt_lookup(const char *path, const char *src, struct nsc_mnt_info *out)
{
	struct nsc_mounts mi;
	int found = 0, ret = nsc_mountinfo_read(path, &mi, NULL);

	if (ret < 0) {
		errno = -ret;
		return ret;
	}
	for (size_t i = 0; i < mi.n; i++) {
		if (strcmp(mi.m[i].source, src))
			continue;
		found = 1;
		if (!out)
			continue;
		out->id = mi.m[i].id;
		out->parent = mi.m[i].parent;
		out->shared = mi.m[i].shared;
		out->master = mi.m[i].master;
		out->unbindable = mi.m[i].unbindable;
		snprintf(out->target, sizeof(out->target), "%s", mi.m[i].target);
		snprintf(out->opts, sizeof(out->opts), "%s", mi.m[i].opts);
	}
	nsc_mountinfo_free(&mi);
	return found;
}

/* A small tmpfs with source @src on @target (mount(2) style: -1, errno). */
static inline int nsc_mnt_tmpfs(const char *src, const char *target, unsigned long flags)
{
	return mount(src, target, "tmpfs", MS_NOSUID | MS_NODEV | flags, "size=64k,mode=0755");
}

/* Mounts in our mount namespace (mountinfo lines), or -errno with errno set. */
static inline int nsc_mnt_count(void)
{
	struct nsc_mounts mi;
	int n, ret = nsc_mountinfo_read(NULL, &mi, NULL);

	if (ret < 0) {
		errno = -ret;
		return ret;
	}
	n = (int)mi.n;
	nsc_mountinfo_free(&mi);
	return n;
}

/* @dir/@name into @buf and mkdir it (-1, errno on failure). */
static inline int nsc_mnt_subdir(char *buf, size_t len, const char *dir, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
	return mkdir(buf, 0755);
}

#ifndef NS_GET_MNTNS_ID
#define NS_GET_MNTNS_ID _IOR(0xb7, 0x5, uint64_t)
#endif

/* The 64-bit id of the mount namespace nsfd @fd; 0 or -errno. */
static inline int nsc_mnt_ns_id_fd(int fd, uint64_t *id)
{
	return ioctl(fd, NS_GET_MNTNS_ID, id) < 0 ? -errno : 0;
}

/* The id of @pid's mount namespace (0: the caller's); 0 or -errno. */
static inline int nsc_mnt_ns_id(pid_t pid, uint64_t *id)
{
	int fd = nsc_ns_open(pid, CLONE_NEWNS, NULL), ret;

	if (fd < 0)
		return fd;
	ret = nsc_mnt_ns_id_fd(fd, id);
	close(fd);
	return ret;
}

/* Does a seccomp filter confine the caller (/proc/self/status "Seccomp: 2")? */
static inline bool nsc_mnt_seccomp_filtered(void)
{
	char *buf = NULL, *at;
	size_t len;
	bool on = false;

	if (nsc_file_read("/proc/self/status", 1 << 16, &buf, &len, NULL) < 0)
		return false;
	at = strstr(buf, "\nSeccomp:");
	on = at && strtol(at + 9, NULL, 10) == 2;
	free(buf);
	return on;
}

/*
 * SKIP for a system call the kernel does not have (@err ENOSYS): a
 * seccomp filter's ENOSYS is named as such (container runtimes' default
 * profiles deny calls newer than themselves), else the release that
 * brought @call.  Returns for any other @err.
 */
static inline void nsc_mnt_skip_nosys(struct nsc_ctx *ctx, int err, const char *call,
				      const char *release)
{
	char hint[64];

	if (err != ENOSYS)
		return;
	if (nsc_mnt_seccomp_filtered())
		nsc_skip(ctx, ENOSYS, "allow the call in the seccomp profile, or run without it",
			 "a seccomp filter denies %s() (ENOSYS)", call);
	snprintf(hint, sizeof(hint), "needs Linux %s or later", release);
	nsc_skip(ctx, ENOSYS, hint, "%s(): ENOSYS", call);
}

/*
 * A child that unshares @flags (nsc_unshare: withheld in the control)
 * and waits, holding the namespaces for the caller to look at; its pid.
 * If the unshare fails, ERROR with its errno, which the harness reports
 * as SKIP naming the restriction (a seccomp filter, a namespace limit).
 * End it with nsc_mnt_holder_end().
 */
static inline pid_t nsc_mnt_holder(struct nsc_ctx *ctx, uint64_t flags)
{
	int p[2], err = 0;
	ssize_t n;
	pid_t pid;

	NSC_SAFE(ctx, pipe2(p, O_CLOEXEC));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		close(p[0]);
		err = -nsc_unshare(ctx, flags);
		if (write(p[1], &err, sizeof(err)) == (ssize_t)sizeof(err) && !err)
			nsc_park();
		_exit(0);
	}
	close(p[1]);
	n = read(p[0], &err, sizeof(err));
	close(p[0]);
	if (n != (ssize_t)sizeof(err) || err) {
		waitpid(pid, NULL, 0);
		nsc_error(ctx, n == (ssize_t)sizeof(err) ? err : EPIPE, "a child's unshare(0x%llx)",
			  (unsigned long long)flags);
	}
	return pid;
}

static inline void nsc_mnt_holder_end(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * Is the running kernel older than @major.@minor?  For telling "this
 * kernel lacks the feature" (SKIP) from a failure where an unknown flag
 * and a refusal give the same errno.
 */
static inline bool nsc_mnt_kernel_before(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return false;
	return ma < major || (ma == major && mi < minor);
}

#endif
