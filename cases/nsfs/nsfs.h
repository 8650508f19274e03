/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The nsfs and pidfs UAPI for the setns, nsfs and pidfd cases.  Debian
 * 12's headers (Linux 6.1) lack most of it: the values below are the
 * upstream ones (include/uapi/linux/nsfs.h, pidfd.h, fcntl.h of Linux
 * 6.19), defined only where the installed headers do not.  Whether the
 * running kernel has an ioctl is decided by trying it (ENOTTY), never by
 * the version string.
 */
#ifndef NSC_CASES_NSFS_NSFS_H
#define NSC_CASES_NSFS_NSFS_H

#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nscheck.h"

#ifndef NS_GET_PID_FROM_PIDNS
#define NS_GET_PID_FROM_PIDNS _IOR(NSIO, 0x6, int) /* 6.11 */
#define NS_GET_TGID_FROM_PIDNS _IOR(NSIO, 0x7, int)
#define NS_GET_PID_IN_PIDNS _IOR(NSIO, 0x8, int)
#define NS_GET_TGID_IN_PIDNS _IOR(NSIO, 0x9, int)
#endif
#ifndef NS_GET_ID
#define NS_GET_ID _IOR(NSIO, 13, uint64_t) /* 6.18 */
#endif
#ifndef NS_GET_MNTNS_ID
#define NS_GET_MNTNS_ID _IOR(NSIO, 5, uint64_t) /* 6.12; _IO(NSIO, 5) in 6.11 */
#endif

#ifndef FD_NSFS_ROOT
#define FD_NSFS_ROOT (-10003) /* 6.18: open_by_handle_at() of nsfs handles */
#endif

/* pidfs (include/uapi/linux/pidfd.h) */
#define NSC_PIDFS_IOCTL_MAGIC 0xFF
#define NSC_PIDFD_GET_CGROUP_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 1) /* 6.11 */
#define NSC_PIDFD_GET_IPC_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 2)
#define NSC_PIDFD_GET_MNT_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 3)
#define NSC_PIDFD_GET_NET_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 4)
#define NSC_PIDFD_GET_PID_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 5)
#define NSC_PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 6)
#define NSC_PIDFD_GET_TIME_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 7)
#define NSC_PIDFD_GET_TIME_FOR_CHILDREN_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 8)
#define NSC_PIDFD_GET_USER_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 9)
#define NSC_PIDFD_GET_UTS_NAMESPACE _IO(NSC_PIDFS_IOCTL_MAGIC, 10)

#define NSC_PIDFD_INFO_PID (1ULL << 0)
#define NSC_PIDFD_INFO_CREDS (1ULL << 1)
#define NSC_PIDFD_INFO_EXIT (1ULL << 3) /* 6.15 */

/* struct pidfd_info as published in 6.13 (64 bytes, VER0) plus exit_code. */
struct nsc_pidfd_info {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid;
	uint32_t ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
	int32_t exit_code;
};
_Static_assert(sizeof(struct nsc_pidfd_info) == 64, "PIDFD_INFO_SIZE_VER0");
#define NSC_PIDFD_GET_INFO _IOWR(NSC_PIDFS_IOCTL_MAGIC, 11, struct nsc_pidfd_info) /* 6.13 */

/* ioctl(@fd, @req, @arg) as a result: >= 0, or -errno. */
static inline long nsc_nsfs_ioctl(int fd, unsigned long req, unsigned long arg)
{
	long r = ioctl(fd, req, arg);

	return r < 0 ? -errno : r;
}

/* st_ino of @fd, or -errno. */
static inline long long nsc_nsfs_ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) < 0 ? -errno : (long long)st.st_ino;
}

/* Do @a and @b name the same inode (namespace)?  1, 0 or -errno. */
static inline int nsc_nsfs_same(int a, int b)
{
	struct stat sa, sb;

	if (fstat(a, &sa) < 0 || fstat(b, &sb) < 0)
		return -errno;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * open_by_handle_at(2) of a handle of the caller's own namespace refused
 * with EPERM: the kernel allows it, so a seccomp filter (the default
 * profiles of container runtimes deny the call without
 * CAP_DAC_READ_SEARCH) did.  SKIP naming it.
 */
#define NSC_NSFS_HANDLE_HINT                                                    \
	"run without a seccomp filter denying open_by_handle_at(2) (container " \
	"default profiles deny it without CAP_DAC_READ_SEARCH)"
static inline void nsc_nsfs_handle_denied(struct nsc_ctx *ctx, int r)
{
	if (r == -EPERM)
		nsc_skip(ctx, EPERM, NSC_NSFS_HANDLE_HINT,
			 "open_by_handle_at() of the caller's own namespace is refused (EPERM): "
			 "a seccomp filter");
}

static inline int nsc_pidfd_open(pid_t pid, unsigned int flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

#endif
