// SPDX-License-Identifier: GPL-2.0-only
/*
 * Numeric /proc/sys knobs for cases: the one reader and writer, so that
 * every case parses the same way and names a hidden or read-only
 * /proc/sys the same way (nsc_skip_if_restricted(), restrict.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base.h"
#include "internal.h"

/* A knob holds one number and a newline; more is not a numeric knob. */
#define NSC_SYSCTL_MAX 4096

int nsc_sysctl_get_long(const char *path, long *val, struct nsc_err *err)
{
	char *buf, *end;
	size_t len;
	long v;
	int ret = nsc_file_read(path, NSC_SYSCTL_MAX, &buf, &len, err);

	if (ret < 0)
		return ret;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf) {
		ret = nsc_err_setx(err, errno ? errno : EINVAL, "%s: not a number: \"%.32s\"", path,
				   buf);
		free(buf);
		return ret;
	}
	free(buf);
	*val = v;
	return 0;
}

int nsc_sysctl_put_long(const char *path, long val, struct nsc_err *err)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%ld\n", val);
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return nsc_err_set(err, errno, "open %s for writing", path);
	n = write(fd, buf, (size_t)len);
	if (n != len) {
		int e = n < 0 ? errno : EIO;

		close(fd);
		return nsc_err_set(err, e, "write %ld to %s", val, path);
	}
	if (close(fd) < 0)
		return nsc_err_set(err, errno, "close %s", path);
	return 0;
}

long nsc_sysctl_long_at(struct nsc_ctx *ctx, const char *path, const char *file, int line)
{
	long v = 0;
	int ret = nsc_sysctl_get_long(path, &v, nsc_errbuf(ctx));

	if (ret < 0) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, -ret, path);
		nsc_error_msg_at(ctx, -ret, file, line, nsc_errbuf(ctx)->msg);
	}
	return v;
}

void nsc_sysctl_set_long_at(struct nsc_ctx *ctx, const char *path, long val, const char *file,
			    int line)
{
	int ret = nsc_sysctl_put_long(path, val, nsc_errbuf(ctx));

	if (ret < 0) {
		nsc_skip_if_restricted(ctx, NSC_OP_WRITE, -ret, path);
		nsc_error_msg_at(ctx, -ret, file, line, nsc_errbuf(ctx)->msg);
	}
}
