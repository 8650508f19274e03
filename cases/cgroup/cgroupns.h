/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading /proc/self/cgroup for the cgroup namespace cases. */
#ifndef NSC_CASES_CGROUP_CGROUPNS_H
#define NSC_CASES_CGROUP_CGROUPNS_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define NSC_CG_MAX 32
#define NSC_CG_PATH 512

struct nsc_cg_line {
	int hier;	/* hierarchy id, 0 for cgroup2 */
	char ctrl[128]; /* "memory", "cpu,cpuacct", "name=systemd", "" */
	char path[NSC_CG_PATH];
};

/* Parse /proc/self/cgroup ("id:controllers:path"); returns the count. */
static inline int nsc_cg_read(struct nsc_cg_line *l, int max)
{
	char buf[NSC_CG_PATH + 160];
	FILE *f = fopen("/proc/self/cgroup", "re");
	int n = 0;

	if (!f)
		return -errno;
	while (n < max && fgets(buf, sizeof(buf), f)) {
		char *c1 = strchr(buf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		l[n].hier = atoi(buf);
		snprintf(l[n].ctrl, sizeof(l[n].ctrl), "%s", c1 + 1);
		snprintf(l[n].path, sizeof(l[n].path), "%s", c2 + 1);
		n++;
	}
	fclose(f);
	return n;
}

/* Index of the first line whose path is not "/", or -1. */
static inline int nsc_cg_first_nonroot(const struct nsc_cg_line *l, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(l[i].path, "/"))
			return i;
	return -1;
}

/*
 * The cgroup2 ("0::") path of /proc/@pid/cgroup (@pid 0: our own) as the
 * kernel prints it for this reader, "/../b" included.  0 or -errno
 * (-ENOENT: no cgroup2 line).
 */
static inline int nsc_cg_v2_of(pid_t pid, char *path, size_t len)
{
	char file[64], buf[NSC_CG_PATH + 16];
	int ret = -ENOENT;
	FILE *f;

	if (pid)
		snprintf(file, sizeof(file), "/proc/%d/cgroup", (int)pid);
	else
		snprintf(file, sizeof(file), "/proc/self/cgroup");
	f = fopen(file, "re");
	if (!f)
		return -errno;
	while (fgets(buf, sizeof(buf), f))
		if (!strncmp(buf, "0::", 3)) {
			buf[strcspn(buf, "\n")] = '\0';
			snprintf(path, len, "%s", buf + 3);
			ret = 0;
		}
	fclose(f);
	return ret;
}

/* -errno returns (nsc_fork_into, nsc_cg_v2_of) -> ERROR naming @expr. */
#define NSC_SAFE_ERRNO(ctx, expr)                                                     \
	({                                                                            \
		long _v = (long)(expr);                                               \
		if (_v < 0)                                                           \
			nsc_error_at(ctx, (int)-_v, __FILE__, __LINE__, "%s", #expr); \
		_v;                                                                   \
	})

/* Make cgroup @name below @parent_fd (removed with the case's cgroup). */
static inline int nsc_cg_mkdir(struct nsc_ctx *ctx, int parent_fd, const char *name)
{
	return (int)NSC_TRY(ctx, nsc_cgroup_child_make(parent_fd, name, nsc_errbuf(ctx)));
}

/* Move @pid into cgroup @fd. */
static inline void nsc_cg_move(struct nsc_ctx *ctx, int fd, pid_t pid)
{
	NSC_TRY(ctx, nsc_cgroup_procs_write(fd, pid, nsc_errbuf(ctx)));
}

/*
 * A member of cgroup @fd for the sandbox to observe: a child of the case
 * process that only waits (started there with nsc_fork_into(), no
 * migration).  Its pid; end it with nsc_cg_helper_end() from cleanup.
 * Store the pid only from the return value: the helper itself never
 * returns here, so it never writes to the shared page.
 */
static inline pid_t nsc_cg_helper(struct nsc_ctx *ctx, int fd)
{
	pid_t pid = NSC_SAFE_ERRNO(ctx, nsc_fork_into(fd));

	if (pid == 0)
		nsc_park();
	return pid;
}

/* Kill and reap a helper of nsc_cg_helper(); @pid <= 0: none was made. */
static inline void nsc_cg_helper_end(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

#define NSC_CG_SKIP_HINT \
	"run nscheck as root (it makes a child cgroup of its own), in a cgroup delegated to its user (systemd-run --user --scope -p Delegate=yes) or in a non-root cgroup"

/*
 * Give the case process a cgroup of its own (nsc_cgroup_enter(): a
 * transient child of nscheck's cgroup2 cgroup, removed by the runner),
 * so that the sandbox starts below the hierarchy root anywhere, also as
 * the init of an initramfs.  When that is impossible (no cgroup2, no
 * permission, read-only), carry on only if the case process already sits
 * below the root of some hierarchy (@need_v2: of cgroup2), else SKIP
 * naming why.  Returns true when it entered its own cgroup.
 */
static inline bool nsc_cg_own(struct nsc_ctx *ctx, struct nsc_cgroup *cg, bool need_v2)
{
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	int n;

	if (nsc_cgroup_enter(ctx, cg) == 0)
		return true;
	n = nsc_cg_read(l, NSC_CG_MAX);
	for (int i = 0; i < n; i++)
		if (strcmp(l[i].path, "/") && (!need_v2 || l[i].hier == 0))
			return false;
	nsc_skip(ctx, nsc_errbuf(ctx)->err, NSC_CG_SKIP_HINT,
		 "nscheck runs in the root cgroup%s and cannot make one of its own: %s",
		 need_v2 ? " of cgroup2" : " of every hierarchy", nsc_errbuf(ctx)->msg);
}

/*
 * Only a cgroup of the case's own: for cases that create, move or mount
 * (never in nscheck's own cgroup, which may be the host's).  SKIP naming
 * why it could not be made.
 */
static inline void nsc_cg_own_only(struct nsc_ctx *ctx, struct nsc_cgroup *cg)
{
	if (nsc_cgroup_enter(ctx, cg) < 0)
		nsc_skip(ctx, nsc_errbuf(ctx)->err, NSC_CG_SKIP_HINT,
			 "cannot make a cgroup of the case's own: %s", nsc_errbuf(ctx)->msg);
}

/*
 * SKIP unless the cgroup2 hierarchy is mounted nsdelegate (a global
 * option, see fixtures/cgroup_opts.c).  nscheck never sets it: a mount or
 * remount in the initial cgroup namespace would change it host-wide.
 */
static inline void nsc_cg_need_nsdelegate(struct nsc_ctx *ctx)
{
	static const char hint[] =
		"mount -o remount,nsdelegate <the cgroup2 mount> (systemd sets it by default; the option applies to the whole host)";
	int r = nsc_cgroup_nsdelegate(nsc_errbuf(ctx));

	if (r < 0)
		nsc_skip(ctx, -r, hint, "cannot read the cgroup2 hierarchy's options: %s",
			 nsc_errbuf(ctx)->msg);
	if (r == 0)
		nsc_skip(ctx, 0, hint,
			 "cgroup2 is mounted without nsdelegate: cgroup namespaces are no delegation boundary here");
}

#endif
