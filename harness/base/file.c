// SPDX-License-Identifier: GPL-2.0-only
/* nsc_file_read(): the one whole-file reader. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "base.h"

int nsc_file_read(const char *path, size_t max, char **buf, size_t *len, struct nsc_err *err)
{
	size_t cap = 4096, n = 0;
	char *p = malloc(cap);
	int fd, e;

	*buf = NULL;
	*len = 0;
	if (!p)
		return nsc_err_set(err, ENOMEM, "read %s", path);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		e = errno ? errno : EIO;
		free(p);
		return nsc_err_set(err, e, "open %s", path);
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
