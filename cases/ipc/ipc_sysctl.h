/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading and writing the IPC namespace's sysctls (kernel.msg*, shm*,
 * sem, *_next_id; fs.mqueue.*) for the ipc cases.  Values are compared
 * as text with runs of blanks folded to one space (kernel.sem reads back
 * tab-separated).  Call only inside an IPC namespace of nscheck's own.
 */
#ifndef NSC_CASES_IPC_IPC_SYSCTL_H
#define NSC_CASES_IPC_IPC_SYSCTL_H

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

#define NSC_IPC_VAL 64

/* /proc/sys/@name into @buf, blanks folded; -errno when unreadable. */
static inline int nsc_ipc_sysctl_get(const char *name, char *buf, size_t len)
{
	char path[96], raw[NSC_IPC_VAL];
	size_t o = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, raw, sizeof(raw) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	raw[n] = '\0';
	for (ssize_t i = 0; i < n && o + 1 < len; i++) {
		bool blank = raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n';

		if (!blank)
			buf[o++] = raw[i];
		else if (o && buf[o - 1] != ' ')
			buf[o++] = ' ';
	}
	while (o && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
	return 0;
}

/* nsc_ipc_sysctl_get or ERROR/SKIP (subset=pid hides /proc/sys). */
static inline void nsc_ipc_sysctl_read(struct nsc_ctx *ctx, const char *name, char *buf, size_t len)
{
	char path[96];
	int ret = nsc_ipc_sysctl_get(name, buf, len);

	if (ret < 0) {
		snprintf(path, sizeof(path), "/proc/sys/%s", name);
		nsc_skip_if_restricted(ctx, NSC_OP_READ, -ret, path);
		nsc_error(ctx, -ret, "read %s", path);
	}
}

/*
 * Write @val to /proc/sys/@name, or SKIP naming what refused it: a
 * read-only /proc/sys (container runtimes), or a kernel that lets only
 * root of the initial user namespace write IPC sysctls (newer kernels
 * let root of the user namespace owning the IPC namespace write them;
 * 6.18 does).
 */
static inline void nsc_ipc_sysctl_write(struct nsc_ctx *ctx, const char *name, const char *val)
{
	char path[96];
	size_t len = strlen(val);
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if ((e == EACCES || e == EPERM) && !nsc_userns_is_initial())
			nsc_skip(ctx, e,
				 "run nscheck as root, or on a kernel whose IPC sysctls belong to the IPC namespace's user namespace",
				 "needs root: %s cannot be opened for writing by root of the user namespace owning the IPC namespace on this kernel",
				 path);
		nsc_skip_if_restricted(ctx, NSC_OP_WRITE, e, path);
		nsc_error(ctx, e, "open %s for writing", path);
	}
	n = write(fd, val, len);
	if (n < 0) {
		int e = errno;

		close(fd);
		nsc_error(ctx, e, "write \"%s\" to %s", val, path);
	}
	close(fd);
	if ((size_t)n != len)
		nsc_error(ctx, EIO, "short write to %s: %zd of %zu bytes", path, n, len);
}

#endif
