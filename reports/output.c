// SPDX-License-Identifier: GPL-2.0-only
/*
 * Opening and committing report files.  nscheck runs as root and may be
 * asked to write into world-writable directories (/tmp, /dev/shm), so a
 * report path is treated as hostile:
 *
 *  - A regular file, a symlink (whatever it points to) or nothing at the
 *    path: the report is written to an unnamed file (O_TMPFILE) in the
 *    target's directory, created at open time so that a bad path fails
 *    before any case runs, and linked over the target at commit.  A kill
 *    at any moment, SIGKILL included, leaves nothing behind; a reader
 *    never sees half a report; an existing report survives a failed run;
 *    a planted symlink is replaced, never followed.  A file system
 *    without O_TMPFILE is refused with a clear message.
 *  - A FIFO or character device named directly (not through a symlink):
 *    written in place, opened with O_NOFOLLOW and checked to be the file
 *    that was looked at.  A FIFO without a reader is waited for, but a
 *    pending signal ends the wait.  Block devices, sockets: refused.
 *  - "-", /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N: the
 *    descriptor itself (a duplicate of it), never a path lookup.
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "backends.h"

#define NSC_TMP_TRIES 64
#define NSC_FIFO_WAIT_MS 20

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

static int fail(const struct nsc_reporter *r, int e, struct nsc_err *err)
{
	return nsc_err_set(err, e, "cannot write report %s", r->path ? r->path : "<stdout>");
}

static void set_id(struct nsc_reporter *r, const struct stat *st)
{
	r->target.has_id = true;
	r->target.dev = st->st_dev;
	r->target.ino = st->st_ino;
	r->target.devnull = S_ISCHR(st->st_mode) && st->st_rdev == makedev(1, 3);
}

/*
 * A descriptor that must be written to: open for writing.  Closed
 * standard descriptors are reopened read-only on /dev/null at start
 * (main.c), so a report to a closed stdout fails here with EBADF.
 */
static int open_fd(struct nsc_reporter *r, int fd, struct nsc_err *err)
{
	struct stat st;
	int fl = fcntl(fd, F_GETFL), dup;

	if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY)
		return fail(r, EBADF, err);
	if (fstat(fd, &st) < 0)
		return fail(r, errno, err);
	set_id(r, &st);
	if (fd == 1) {
		r->fp = stdout;
		return 0;
	}
	dup = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (dup < 0)
		return fail(r, errno, err);
	r->fp = fdopen(dup, "a");
	if (!r->fp) {
		int e = errno;

		close(dup);
		return fail(r, e, err);
	}
	return 0;
}

/* /dev/stdout, /dev/fd/2, /proc/self/fd/7, ...: the descriptor, or -1. */
static int fd_alias(const char *path)
{
	static const char *const prefix[] = { "/dev/fd/", "/proc/self/fd/" };
	char *end;
	long n;

	if (!strcmp(path, "/dev/stdout"))
		return 1;
	if (!strcmp(path, "/dev/stderr"))
		return 2;
	for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++) {
		size_t l = strlen(prefix[i]);

		if (strncmp(path, prefix[i], l) || !path[l])
			continue;
		n = strtol(path + l, &end, 10);
		if (!*end && n >= 0 && n < INT_MAX)
			return (int)n;
	}
	return -1;
}

/* Whether a signal is pending: it ends the wait for a FIFO's reader. */
static bool signal_pending(void)
{
	sigset_t set;

	if (sigpending(&set) < 0)
		return false;
	for (int s = 1; s < NSIG; s++)
		if (sigismember(&set, s) == 1)
			return true;
	return false;
}

/* A FIFO or character device named directly: written in place. */
static int open_in_place(struct nsc_reporter *r, int dirfd, const char *base,
			 const struct stat *seen, struct nsc_err *err)
{
	const int flags = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK;
	struct stat st;
	int fd;

	for (;;) {
		fd = openat(dirfd, base, flags);
		if (fd >= 0 || errno != ENXIO || !S_ISFIFO(seen->st_mode))
			break;
		/* A FIFO without a reader yet: wait, but not through a signal. */
		if (signal_pending())
			return fail(r, EINTR, err);
		poll(NULL, 0, NSC_FIFO_WAIT_MS);
	}
	if (fd < 0)
		return fail(r, errno, err);
	if (fstat(fd, &st) < 0 || st.st_dev != seen->st_dev || st.st_ino != seen->st_ino ||
	    (st.st_mode & S_IFMT) != (seen->st_mode & S_IFMT)) {
		close(fd);
		return nsc_err_setx(err, EAGAIN, "cannot write report %s: it changed while opened",
				    r->path);
	}
	fcntl(fd, F_SETFL, O_WRONLY | O_APPEND);
	set_id(r, &st);
	r->fp = fdopen(fd, "a");
	if (!r->fp) {
		int e = errno;

		close(fd);
		return fail(r, e, err);
	}
	return 0;
}

/* Anything else: an unnamed file in the directory, linked at commit. */
static int open_unnamed(struct nsc_reporter *r, int dirfd, struct nsc_err *err)
{
	int fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);

	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL))
		return nsc_err_setx(err, EOPNOTSUPP,
				    "cannot write report %s: its file system has no unnamed temp "
				    "files (O_TMPFILE), so a kill could leave a half report; write "
				    "it to another directory or to stdout",
				    r->path);
	if (fd < 0)
		return fail(r, errno, err);
	r->target.replace = true;
	r->fp = fdopen(fd, "w");
	if (!r->fp) {
		int e = errno;

		close(fd);
		return fail(r, e, err);
	}
	return 0;
}

static int open_path(struct nsc_reporter *r, const char *path, struct nsc_err *err)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char *dir;
	struct stat st, dst;
	int alias = fd_alias(path), ret;

	r->path = strdup(path);
	if (!r->path)
		return nsc_err_set(err, ENOMEM, "cannot write report %s", path);
	if (alias >= 0)
		return open_fd(r, alias, err);
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return fail(r, EISDIR, err);
	dir = slash == path ? strdup("/") :
	      slash	    ? strndup(path, (size_t)(slash - path)) :
			      strdup(".");
	r->target.base = strdup(base);
	if (!dir || !r->target.base) {
		free(dir);
		return fail(r, ENOMEM, err);
	}
	r->target.dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (r->target.dirfd < 0)
		return fail(r, errno, err);
	if (fstat(r->target.dirfd, &dst) < 0)
		return fail(r, errno, err);
	r->target.dir_dev = dst.st_dev;
	r->target.dir_ino = dst.st_ino;
	if (fstatat(r->target.dirfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno != ENOENT)
			return fail(r, errno, err);
		return open_unnamed(r, r->target.dirfd, err);
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFDIR:
		return fail(r, EISDIR, err);
	case S_IFLNK:
		/* Replaced, never followed; a link to a directory is a mistake. */
		if (fstatat(r->target.dirfd, base, &st, 0) == 0 && S_ISDIR(st.st_mode))
			return fail(r, EISDIR, err);
		return open_unnamed(r, r->target.dirfd, err);
	case S_IFREG:
		ret = open_unnamed(r, r->target.dirfd, err);
		if (ret >= 0)
			set_id(r, &st);
		return ret;
	case S_IFIFO:
	case S_IFCHR:
		return open_in_place(r, r->target.dirfd, base, &st, err);
	default:
		return nsc_err_setx(err, EINVAL,
				    "cannot write report %s: not a regular file, FIFO or "
				    "character device",
				    path);
	}
}

static void reporter_free(struct nsc_reporter *r)
{
	if (r->target.dirfd >= 0)
		close(r->target.dirfd);
	free(r->target.base);
	free(r->path);
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
	r->target.dirfd = -1;
	r->opts.tap_version = 14;
	if (opts)
		r->opts = *opts;
	if (ops->to_stderr)
		r->fp = stderr;
	else if (!path || !strcmp(path, "-"))
		ret = open_fd(r, 1, err);
	else
		ret = open_path(r, path, err);
	if (ret < 0) {
		if (r->fp && r->fp != stdout && r->fp != stderr)
			fclose(r->fp);
		reporter_free(r);
		return ret;
	}
	*out = r;
	return 0;
}

/*
 * Give the unnamed file its name: linked directly when the target does
 * not exist (atomic, no temp name at all), else linked under a short
 * temp name (it fits NAME_MAX whatever the target's) and renamed over
 * the target; the temp name exists only between those two calls.
 */
static int link_over(struct nsc_reporter *r)
{
	char proc[64], tmp[32];
	int fd = fileno(r->fp), dirfd = r->target.dirfd;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (int i = 0; i < NSC_TMP_TRIES; i++) {
		const char *name = r->target.base;
		int ret;

		if (i) {
			snprintf(tmp, sizeof(tmp), ".nscheck.XXXXXX");
			random_suffix(tmp + 9, 6);
			name = tmp;
		}
		ret = linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
		if (ret < 0 && errno == ENOENT) /* no /proc: needs CAP_DAC_READ_SEARCH */
			ret = linkat(fd, "", dirfd, name, AT_EMPTY_PATH);
		if (ret < 0 && errno == EEXIST)
			continue;
		if (ret < 0)
			return -errno;
		if (!i)
			return 0;
		if (renameat(dirfd, tmp, dirfd, r->target.base) < 0) {
			int e = errno;

			unlinkat(dirfd, tmp, 0);
			return -e;
		}
		return 0;
	}
	return -EEXIST;
}

int nsc_reporter_close(struct nsc_reporter *r, int commit, struct nsc_err *err)
{
	int ret = 0;

	if (!r)
		return 0;
	if (r->ops && r->ops->free_priv)
		r->ops->free_priv(r);
	r->priv = NULL;
	if (r->fp) {
		errno = 0;
		if (r->fp == stderr) {
			/* The console: where would a failure to write it be said? */
			fflush(stderr);
			clearerr(stderr);
		} else if (fflush(r->fp) || ferror(r->fp)) {
			int e = r->werr ? r->werr : errno ? errno : EIO;

			ret = fail(r, e, err);
			/* Said here, once: drop what is left for stdout. */
			if (r->fp == stdout) {
				__fpurge(stdout);
				clearerr(stdout);
			}
		}
		if (!ret && commit && r->target.replace && fsync(fileno(r->fp)) < 0 && errno != EINVAL)
			ret = fail(r, errno, err);
		if (!ret && commit && r->target.replace) {
			int e = link_over(r);

			if (e < 0)
				ret = fail(r, -e, err);
		}
		if (r->fp != stdout && r->fp != stderr && fclose(r->fp) && !ret)
			ret = fail(r, errno, err);
	}
	reporter_free(r);
	return ret;
}

bool nsc_reporter_same_target(const struct nsc_reporter *a, const struct nsc_reporter *b)
{
	const struct nsc_report_target *x = &a->target, *y = &b->target;

	if (a->ops->to_stderr || b->ops->to_stderr)
		return false;
	/* Any number of reports may go to /dev/null. */
	if ((x->has_id && x->devnull) || (y->has_id && y->devnull))
		return false;
	if (x->replace && y->replace && x->dir_dev == y->dir_dev && x->dir_ino == y->dir_ino &&
	    !strcmp(x->base, y->base))
		return true;
	return x->has_id && y->has_id && x->dev == y->dev && x->ino == y->ino;
}
