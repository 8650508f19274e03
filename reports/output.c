// SPDX-License-Identifier: GPL-2.0-only
/*
 * Opening and closing reporters.  A report file is written to a temp
 * file next to it (".<name>.XXXXXX", O_EXCL|O_NOFOLLOW, created at open
 * time so that a bad path fails before any case runs) and renamed over
 * the target on commit: a reader never sees half a report, an existing
 * report survives a failed run, and a symlink at the target is replaced,
 * not followed.  Targets that are not regular files (/dev/null, a FIFO,
 * /dev/stdout) cannot be replaced by a rename and are written in place.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "backends.h"

#define NSC_TMP_TRIES 64

void nsc_iso8601(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm;
	time_t t = ts->tv_sec;

	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, len, "1970-01-01T00:00:00.000Z");
		return;
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (long)(ts->tv_nsec / 1000000));
}

double nsc_secs(double s)
{
	return s > 0 ? s : 0;
}

static void random_suffix(char *p, size_t n)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[16];
	struct timespec ts;

	if (n > sizeof(rnd))
		n = sizeof(rnd);
	if (getrandom(rnd, n, GRND_NONBLOCK) != (ssize_t)n) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		for (size_t i = 0; i < n; i++)
			rnd[i] = (unsigned char)((ts.tv_nsec >> (i * 3)) ^ (getpid() >> i) ^ (i * 37));
	}
	for (size_t i = 0; i < n; i++)
		p[i] = set[rnd[i] % (sizeof(set) - 1)];
}

/*
 * Devices, FIFOs and sockets are written in place, and so are symlinks
 * under /dev and /proc (/dev/stdout, /proc/self/fd/N): replacing those
 * would clobber the system's, not write a report.
 */
static int in_place(const char *path, int *is_dir)
{
	struct stat st;

	*is_dir = 0;
	if (lstat(path, &st) < 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		if (!strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6))
			return 1;
		if (stat(path, &st) < 0)
			return 0; /* dangling: replaced like any symlink */
	}
	if (S_ISDIR(st.st_mode)) {
		*is_dir = 1;
		return 0;
	}
	return !S_ISREG(st.st_mode);
}

static int open_tmp(struct nsc_reporter *r, const char *path, struct nsc_err *err)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t len = dirlen + strlen(base) + 9;
	char *tmp = malloc(len);
	int fd = -1;

	if (!tmp)
		return nsc_err_set(err, ENOMEM, "cannot write report %s", path);
	for (int i = 0; i < NSC_TMP_TRIES; i++) {
		snprintf(tmp, len, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
		random_suffix(tmp + len - 7, 6);
		fd = open(tmp, O_EXCL | O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int e = errno;

		free(tmp);
		return nsc_err_set(err, e, "cannot write report %s", path);
	}
	r->fp = fdopen(fd, "w");
	if (!r->fp) {
		int e = errno;

		close(fd);
		unlink(tmp);
		free(tmp);
		return nsc_err_set(err, e, "cannot write report %s", path);
	}
	r->tmp_path = tmp;
	return 0;
}

static int open_path(struct nsc_reporter *r, const char *path, struct nsc_err *err)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	int is_dir, fd;

	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return nsc_err_set(err, EISDIR, "cannot write report %s", path);
	r->path = strdup(path);
	if (!r->path)
		return nsc_err_set(err, ENOMEM, "cannot write report %s", path);
	if (!in_place(path, &is_dir)) {
		if (is_dir)
			return nsc_err_set(err, EISDIR, "cannot write report %s", path);
		return open_tmp(r, path, err);
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return nsc_err_set(err, errno, "cannot write report %s", path);
	r->fp = fdopen(fd, "a");
	if (!r->fp) {
		int e = errno;

		close(fd);
		return nsc_err_set(err, e, "cannot write report %s", path);
	}
	return 0;
}

static void reporter_free(struct nsc_reporter *r)
{
	free(r->path);
	free(r->tmp_path);
	free(r);
}

int nsc_reporter_open(struct nsc_reporter **out, const char *format, const char *path,
		      const struct nsc_report_opts *opts, struct nsc_err *err)
{
	const struct nsc_reporter_ops *ops = nsc_report_format(format);
	struct nsc_reporter *r;
	int ret = 0;

	*out = NULL;
	if (!ops)
		return nsc_err_setx(err, EINVAL, "unknown report format '%.32s'",
				    format ? format : "(null)");
	if (path && !*path)
		return nsc_err_setx(err, EINVAL, "empty report path");
	r = calloc(1, sizeof(*r));
	if (!r)
		return nsc_err_set(err, ENOMEM, "reporter");
	r->ops = ops;
	r->opts.tap_version = 14;
	if (opts)
		r->opts = *opts;
	if (ops->to_stderr)
		r->fp = stderr;
	else if (!path || !strcmp(path, "-"))
		r->fp = stdout;
	else
		ret = open_path(r, path, err);
	if (ret < 0) {
		reporter_free(r);
		return ret;
	}
	*out = r;
	return 0;
}

int nsc_reporter_close(struct nsc_reporter *r, int commit, struct nsc_err *err)
{
	const char *name;
	int ret = 0;

	if (!r)
		return 0;
	name = r->path ? r->path : r->fp == stderr ? "<stderr>" : "<stdout>";
	if (r->ops && r->ops->free_priv)
		r->ops->free_priv(r);
	r->priv = NULL;
	if (r->fp) {
		errno = 0;
		if (fflush(r->fp) || ferror(r->fp))
			ret = nsc_err_set(err, errno ? errno : EIO, "cannot write report %s", name);
		if (!ret && commit && r->tmp_path && fsync(fileno(r->fp)) < 0 && errno != EINVAL)
			ret = nsc_err_set(err, errno, "cannot write report %s", name);
		if (r->fp != stdout && r->fp != stderr && fclose(r->fp) && !ret)
			ret = nsc_err_set(err, errno, "cannot write report %s", name);
	}
	if (r->tmp_path) {
		if (commit && !ret && rename(r->tmp_path, r->path) < 0)
			ret = nsc_err_set(err, errno, "cannot write report %s", name);
		if (!commit || ret)
			unlink(r->tmp_path);
	}
	reporter_free(r);
	return ret;
}

/* The file a reporter writes to: stdout's, or the one its path names. */
static bool target_id(const struct nsc_reporter *r, struct stat *st)
{
	if (r->ops->to_stderr)
		return false;
	if (!r->path)
		return fstat(1, st) == 0;
	return stat(r->path, st) == 0;
}

bool nsc_reporter_same_target(const struct nsc_reporter *a, const struct nsc_reporter *b)
{
	struct stat sa, sb;

	if (a->ops->to_stderr || b->ops->to_stderr)
		return false;
	if (a->path && b->path && !strcmp(a->path, b->path))
		return true;
	if (!a->path && !b->path)
		return true;
	if (!target_id(a, &sa) || !target_id(b, &sb))
		return false;
	/* Any number of reports may go to /dev/null. */
	if (S_ISCHR(sa.st_mode) && sa.st_rdev == makedev(1, 3))
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
