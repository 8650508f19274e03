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
#include <sys/mount.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "nscheck.h"
#include "../pid/status.h"

/* The hex value of the "<key>:" line of /proc/<pid>/status (0: self). */
static inline int nsc_user_status_hex(pid_t pid, const char *key, uint64_t *v)
{
	char k[32], val[1024];
	int ret;

	snprintf(k, sizeof(k), "%s:", key);
	ret = nsc_status_value(pid, k, val, sizeof(val));
	if (ret <= 0)
		return ret ? ret : -ENOENT;
	return sscanf(val, "%" SCNx64, v) == 1 ? 0 : -EINVAL;
}

/*
 * The real uid on the Uid: line of /proc/@pid/status, as the reader's
 * user namespace maps it; -1 when there is none, -errno when unreadable.
 */
static inline long nsc_user_status_uid(pid_t pid)
{
	long uid;
	char val[1024];
	int ret = nsc_status_value(pid, "Uid:", val, sizeof(val));

	if (ret < 0)
		return ret;
	return ret && sscanf(val, "%ld", &uid) == 1 ? uid : -1;
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

/*
 * A new instance of @fstype as a detached mount (fsopen(2), Linux 5.2):
 * its fd, or -errno of the first step that failed.  @opts: NULL, or
 * "key", "value" pairs ending in NULL.  Nothing is attached anywhere, so
 * no mount point is needed (a FROM scratch container has no /tmp), and
 * the mount is gone with its last fd.  The caller needs CAP_SYS_ADMIN
 * over the owner of its mount namespace.
 */
static inline int nsc_user_fsmount(const char *fstype, const char *const *opts)
{
	int fs = fsopen(fstype, FSOPEN_CLOEXEC), mnt = -1;

	if (fs < 0)
		return -errno;
	for (; opts && opts[0]; opts += 2)
		if (fsconfig(fs, FSCONFIG_SET_STRING, opts[0], opts[1], 0) < 0)
			goto out;
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		goto out;
	mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC);
out:
	if (mnt < 0) {
		int e = errno;

		close(fs);
		return -e;
	}
	close(fs);
	return mnt;
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

#define NSC_USER_INIT_INO 0xEFFFFFFDULL /* PROC_USER_INIT_INO, fixed since 3.8 */

/* The calling process is in the initial user namespace. */
static inline bool nsc_user_in_init_ns(struct nsc_ctx *ctx)
{
	return NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUSER, nsc_errbuf(ctx))) ==
	       (long long)NSC_USER_INIT_INO;
}

/*
 * SKIP unless the case process is root of the initial user namespace
 * (what a control needs that shows a capability working on the host's
 * resources); nscheck run as root inside a user namespace of its own
 * (unshare -r) is not.
 */
static inline void nsc_user_need_init_root(struct nsc_ctx *ctx)
{
	if (!nsc_user_in_init_ns(ctx))
		nsc_skip(ctx, EPERM, "run nscheck as root of the initial user namespace",
			 "the case process is not in the initial user namespace: its control needs the capabilities of the host's root");
}

/*
 * SKIP unless the case process's user namespace maps the uids [@first,
 * @first + @count) (as it numbers them): cases that hand a sandbox host
 * ids other than their own.
 */
static inline void nsc_user_need_uids(struct nsc_ctx *ctx, unsigned long first, unsigned long count)
{
	static struct nsc_idmap_ent e[NSC_IDMAP_MAX];
	static char buf[16384];
	int n, i;

	NSC_TRY(ctx, nsc_idmap_read(getpid(), "uid_map", buf, sizeof(buf), nsc_errbuf(ctx)));
	n = NSC_TRY(ctx, nsc_idmap_parse(buf, e, NSC_IDMAP_MAX, nsc_errbuf(ctx)));
	for (i = 0; i < n; i++)
		if (e[i].inside <= first && first + count <= e[i].inside + e[i].count)
			return;
	nsc_skip(ctx, EPERM, "run nscheck as root of a user namespace that maps these ids",
		 "the case needs uids %lu-%lu, which the case process's user namespace does not map (it maps %d range(s))",
		 first, first + count - 1, n);
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

/*
 * The parent hook's map of a .manual_idmap case: @id inside the
 * sandbox's new user namespace is the case process's uid and gid ("@id
 * <outer> 1" each, setgroups denied).  Nothing in the control, where the
 * user namespace is withheld.  ERROR when refused.
 */
static inline void nsc_user_map_sandbox(struct nsc_ctx *ctx, unsigned int id)
{
	char uidm[32], gidm[32];

	if (!(nsc_sandbox_flags(ctx) & CLONE_NEWUSER))
		return;
	snprintf(uidm, sizeof(uidm), "%u %u 1", id, (unsigned int)nsc_outer_uid(ctx));
	snprintf(gidm, sizeof(gidm), "%u %u 1", id, (unsigned int)nsc_outer_gid(ctx));
	NSC_TRY(ctx, nsc_idmap_write(nsc_child_pid(ctx), uidm, gidm, true, nsc_errbuf(ctx)));
}

#endif
