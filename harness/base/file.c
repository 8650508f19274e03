// SPDX-License-Identifier: GPL-2.0-only
/* nsc_file_read(): the one whole-file reader. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"

int nsc_file_read(const char *path, size_t max, char **buf, size_t *len, struct nsc_err *err)
{
	size_t cap = 4096, n = 0;
	char *p = malloc(cap);
	struct stat st;
	int fd, e;

	*buf = NULL;
	*len = 0;
	if (!p)
		return nsc_err_set(err, ENOMEM, "read %s", path);
	/*
	 * Paths are hostile (root reads them): a FIFO with no writer would
	 * block the open and the read, a device could be anything.  Open
	 * without blocking and read only a regular file (/proc and /sys
	 * files are regular).
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		e = errno ? errno : EIO;
		free(p);
		return nsc_err_set(err, e, "open %s", path);
	}
	if (fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		free(p);
		return nsc_err_set(err, e, "stat %s", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		free(p);
		return nsc_err_setx(err, EINVAL, "read %s: not a regular file", path);
	}
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			char *q = cap * 2 > max ? NULL : realloc(p, cap * 2);

			if (!q) {
				e = cap * 2 > max ? EFBIG : ENOMEM;
				goto fail;
			}
			p = q;
			cap *= 2;
		}
		r = read(fd, p + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	p[n] = '\0';
	*buf = p;
	*len = n;
	return 0;
fail:
	close(fd);
	free(p);
	return nsc_err_set(err, e, "read %s", path);
}
