// SPDX-License-Identifier: GPL-2.0-only
/*
 * Target mode, runner side: find the process to audit, refuse what is
 * no container (no such PID, a kernel thread, nscheck itself), pin it
 * with a pidfd and describe it for the reports.  Nothing here writes to
 * the target or signals it.
 */
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys.h"
#include "target.h"

#define PF_KTHREAD_FLAG 0x00200000UL /* include/linux/sched.h */

int nsc_proc_stat(pid_t pid, unsigned long long *starttime, unsigned long *flags, char *state,
		  struct nsc_err *err)
{
	char path[64], *buf = NULL, *p;
	unsigned long long v = 0;
	size_t len;
	int ret, field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	ret = nsc_file_read(path, 4096, &buf, &len, err);
	if (ret < 0)
		return ret == -ENOENT ? -ESRCH : ret;
	/* comm may hold spaces and parentheses: fields restart after the last ')'. */
	p = strrchr(buf, ')');
	if (!p) {
		free(buf);
		return nsc_err_setx(err, EINVAL, "%s: no ')' after comm", path);
	}
	p++;
	for (field = 3; field <= 22 && p && *p; field++) {
		char *end;

		while (*p == ' ')
			p++;
		if (field == 3) {
			if (state)
				*state = *p;
			p = strchr(p, ' ');
			continue;
		}
		v = strtoull(p, &end, 10);
		if (end == p)
			break;
		if (field == 9 && flags)
			*flags = (unsigned long)v;
		p = end;
	}
	free(buf);
	if (field != 23)
		return nsc_err_setx(err, EINVAL, "%s: fewer than 22 fields", path);
	if (starttime)
		*starttime = v;
	return 0;
}

bool nsc_target_same(pid_t pid, unsigned long long starttime)
{
	unsigned long long now = 0;

	return nsc_proc_stat(pid, &now, NULL, NULL, NULL) == 0 && now == starttime;
}

int nsc_target_parse_pid(const char *s, pid_t *pid, struct nsc_err *err)
{
	unsigned long v;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		goto bad;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || !v || v > INT_MAX)
		goto bad;
	*pid = (pid_t)v;
	return 0;
bad:
	return nsc_err_setx(err, EINVAL, "invalid PID '%.64s' for --target (want 1..%d)",
			    s ? s : "", INT_MAX);
}

int nsc_target_pidfile(const char *path, pid_t *pid, struct nsc_err *err)
{
	char buf[40];
	struct stat st;
	ssize_t n;
	int fd, ret;

	/* O_NONBLOCK: a FIFO planted at the path must not hang the run. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return nsc_err_set(err, errno, "--target-pidfile %.200s", path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > 32) {
		close(fd);
		return nsc_err_setx(err, EINVAL,
				    "--target-pidfile %.200s: not a regular file of at most 32 bytes",
				    path);
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return nsc_err_set(err, errno, "--target-pidfile %.200s", path);
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	ret = nsc_target_parse_pid(buf, pid, NULL);
	if (ret < 0)
		return nsc_err_setx(err, EINVAL, "--target-pidfile %.200s: no PID in it", path);
	return 0;
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	return true;
}

void nsc_target_container_id(const char *cgroup, char *out, size_t len)
{
	const char *p = cgroup;

	if (len)
		out[0] = '\0';
	while (p && *p) {
		size_t n = strcspn(p, "/\n");
		const char *id = p, *dash = memchr(p, '-', n);

		/* "libpod-<id>.scope", "docker-<id>.scope", "crio-<id>", "<id>" */
		if (dash) {
			id = dash + 1;
			n -= (size_t)(id - p);
		}
		if (n > 6 && !strncmp(id + n - 6, ".scope", 6))
			n -= 6;
		if (n == 64 && all_hex(id, n)) {
			snprintf(out, len, "%.12s", id);
			/* the innermost id wins: keep looking */
		}
		p += strcspn(p, "/\n");
		if (*p)
			p++;
	}
}

/* The unified (cgroup2) line of /proc/PID/cgroup, else its first line. */
static void read_cgroup(pid_t pid, char *out, size_t len)
{
	char path[64], *buf = NULL, *line, *pick = NULL;
	size_t n;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	if (nsc_file_read(path, 1 << 16, &buf, &n, NULL) < 0)
		return;
	for (line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (!pick)
			pick = line;
		if (!strncmp(line, "0::", 3)) {
			pick = line;
			break;
		}
	}
	if (pick) {
		char *c2 = strchr(pick, ':');

		c2 = c2 ? strchr(c2 + 1, ':') : NULL;
		snprintf(out, len, "%.*s", (int)strcspn(c2 ? c2 + 1 : pick, "\n"),
			 c2 ? c2 + 1 : pick);
	}
	free(buf);
}

static void read_comm(pid_t pid, char *out, size_t len)
{
	char path[64], *buf = NULL;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	out[0] = '\0';
	if (nsc_file_read(path, 256, &buf, &n, NULL) < 0)
		return;
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(out, len, "%s", buf);
	free(buf);
}

int nsc_target_open(struct nsc_target *t, pid_t pid, const char *label, struct nsc_err *err)
{
	struct nsc_target_info *i = &t->info;
	unsigned long flags = 0;
	char state = '?';
	int ret;

	memset(t, 0, sizeof(*t));
	t->pidfd = -1;
	t->pid = pid;
	i->pid = (int)pid;
	ret = nsc_proc_stat(pid, &t->starttime, &flags, &state, NULL);
	if (ret == -ESRCH)
		return nsc_err_setx(err, ESRCH, "no process with PID %d", (int)pid);
	if (ret < 0)
		return nsc_err_setx(err, -ret, "cannot read /proc/%d/stat", (int)pid);
	read_comm(pid, i->comm, sizeof(i->comm));
	if (flags & PF_KTHREAD_FLAG)
		return nsc_err_setx(err, EINVAL,
				    "PID %d (%s) is a kernel thread: it has no container to audit",
				    (int)pid, i->comm);
	if (state == 'Z' || state == 'X')
		return nsc_err_setx(err, ESRCH, "PID %d (%s) has exited (a zombie)", (int)pid,
				    i->comm);
	if (pid == getpid())
		return nsc_err_setx(err, EINVAL, "PID %d is nscheck itself", (int)pid);
	/* Pin it; then make sure the pidfd is for the process we read. */
	t->pidfd = nsc_pidfd_open(pid);
	if (t->pidfd == -ESRCH)
		return nsc_err_setx(err, ESRCH, "no process with PID %d", (int)pid);
	if (!nsc_target_same(pid, t->starttime)) {
		nsc_target_close(t);
		return nsc_err_setx(err, ESRCH, "PID %d (%s) exited while nscheck looked at it",
				    (int)pid, i->comm);
	}
	read_cgroup(pid, i->cgroup, sizeof(i->cgroup));
	nsc_target_container_id(i->cgroup, i->container, sizeof(i->container));
	if (label && *label)
		snprintf(i->label, sizeof(i->label), "%s", label);
	else if (i->container[0])
		snprintf(i->label, sizeof(i->label), "%s", i->container);
	else
		snprintf(i->label, sizeof(i->label), "%s", i->comm[0] ? i->comm : "?");
	return 0;
}

void nsc_target_close(struct nsc_target *t)
{
	if (t->pidfd >= 0)
		close(t->pidfd);
	t->pidfd = -1;
}
