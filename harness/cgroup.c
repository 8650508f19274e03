// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cgroup context cases get (nsc_cgroup_enter, nscheck.h), and who
 * removes it.
 *
 * Design: the runner opens, once per run, an fd of its own cgroup2
 * directory (nsc_cgroup_runner_open: the visible cgroup2 mount, else a
 * detached one that no mount table shows, see fixtures/cgroup.c); case
 * processes inherit it.  A case process makes its child cgroup
 * "nscheck.<runner pid>.<case pid>" below it, and its sandbox is cloned
 * into it (CLONE_INTO_CGROUP, 5.7+: no migration, which costs an RCU
 * grace period, ~5-11 ms here; without it the case process moves itself
 * there first), so a new cgroup namespace gets that cgroup as its root.  Rootless, only in a
 * cgroup delegated to the runner's (non-root) uid: what an unprivileged
 * user could do, so --rootless as root agrees with a real user.  Removal never depends
 * on the case process, which may crash or be killed at its timeout: the
 * runner, which stays outside, removes the cgroup when it reaps the case
 * process (nsc_cgroup_job_reaped: cgroup.kill on stragglers, 5.14+, then
 * rmdir once cgroup.events says empty).  A runner killed by SIGKILL can
 * remove nothing: its case processes and sandboxes die with it
 * (PDEATHSIG), and its janitor (harness/janitor.c), which outlives it,
 * removes the cgroups they leave.  Where there is none (the runner was
 * PID 1, whose death ends the janitor too), the empty cgroups left are
 * removed by the next run before its residue audit's first snapshot
 * (nsc_cgroup_sweep: only names whose runner and case pids are both
 * gone, only empty ones), which says so on stderr.  The residue audit lists the children of nscheck's own
 * cgroup through the same handle, so a cgroup left is reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "internal.h"
#include "janitor.h"

static int own_fd = -1;
static pid_t own_runner;
static uid_t own_uid;
static bool own_delegated; /* the runner's own uid owns its cgroup, and is not real root */
static uid_t own_owner;
static struct nsc_err own_err;

/*
 * @uid as the parent user namespace knows it (/proc/self/uid_map), or
 * (uid_t)-1.  The rootless runner is uid 0 of a user namespace of its own
 * that maps the real user, so 0 alone does not mean real root.
 */
static uid_t outer_uid(uid_t uid)
{
	unsigned long first, lower, count;
	uid_t ret = (uid_t)-1;
	FILE *f = fopen("/proc/self/uid_map", "re");

	if (!f)
		return ret;
	while (fscanf(f, "%lu %lu %lu", &first, &lower, &count) == 3)
		if (uid >= first && uid - first < count) {
			ret = (uid_t)(lower + (uid - first));
			break;
		}
	fclose(f);
	return ret;
}

void nsc_cgroup_runner_open(void)
{
	struct stat st;
	char names[512];
	int n;

	if (own_fd >= 0)
		return;
	own_runner = getpid();
	own_uid = geteuid();
	own_fd = nsc_cgroup_own_open(&own_err);
	if (own_fd < 0)
		return;
	/*
	 * Judged here, in the runner: case processes of a rootless run see
	 * the owner through their own user namespace's map.
	 */
	own_delegated = fstat(own_fd, &st) == 0 && st.st_uid == own_uid && outer_uid(own_uid) != 0;
	own_owner = st.st_uid;
	n = nsc_cgroup_sweep(own_fd, names, sizeof(names), NULL);
	if (n > 0)
		fprintf(stderr, "nscheck: removed %d empty cgroup%s a killed run left: %s\n", n,
			n == 1 ? "" : "s", names);
	/* Removes our case cgroups if we are killed (harness/janitor.c). */
	if (nsc_janitor_start(own_fd, own_runner, &own_err) < 0)
		fprintf(stderr, "nscheck: %s: a killed run's cgroups stay until the next run\n",
			own_err.msg);
}

int nsc_cgroup_runner_fd(void)
{
	return own_fd;
}

void nsc_cgroup_job_reaped(pid_t pid)
{
	struct nsc_err err;
	char name[48];

	if (own_fd < 0 || own_runner != getpid())
		return;
	nsc_cgroup_name(name, sizeof(name), own_runner, pid);
	if (nsc_cgroup_remove(own_fd, name, 2000, &err) < 0)
		fprintf(stderr, "nscheck: %s\n", err.msg);
}

void nsc_cgroup_runner_close(void)
{
	nsc_janitor_stop(3000);
	if (own_fd >= 0)
		close(own_fd);
	own_fd = -1;
}

int nsc_cgroup_enter(struct nsc_ctx *ctx, struct nsc_cgroup *cg)
{
	struct nsc_err *err = nsc_errbuf(ctx);
	char *text, own[sizeof(cg->path)];
	size_t len;
	int ret;

	memset(cg, 0, sizeof(*cg));
	cg->fd = cg->parent_fd = -1;
	if (own_fd < 0)
		return nsc_err_setx(err, own_err.err ? own_err.err : ENOENT,
				    "no cgroup2 directory of nscheck's own%s: %s",
				    ctx->rootless ? " (nscheck runs rootless)" : "",
				    own_err.msg[0] ? own_err.msg : "not opened");
	/*
	 * Rootless: only where an unprivileged user could, in a cgroup
	 * delegated to the runner's uid, so that --rootless as root and a
	 * real unprivileged user see the same.
	 */
	if (ctx->rootless && !own_delegated)
		return nsc_err_setx(err, EPERM,
				    "nscheck runs rootless and its cgroup is not delegated to uid %u (owned by uid %u)",
				    (unsigned int)own_uid, (unsigned int)own_owner);
	ret = nsc_file_read("/proc/self/cgroup", 1 << 20, &text, &len, err);
	if (ret < 0)
		return ret;
	ret = nsc_cgroup_v2_path(text, own, sizeof(own));
	free(text);
	if (ret < 0)
		return nsc_err_setx(err, -ret, "no cgroup2 path of our own in /proc/self/cgroup");
	nsc_cgroup_name(cg->name, sizeof(cg->name), own_runner, getpid());
	if ((size_t)snprintf(cg->path, sizeof(cg->path), "%s/%s", strcmp(own, "/") ? own : "",
			     cg->name) >= sizeof(cg->path))
		return nsc_err_setx(err, ENAMETOOLONG, "cgroup path %s too long", own);
	ret = nsc_cgroup_child_make(own_fd, cg->name, err);
	if (ret < 0)
		return ret;
	cg->fd = ret;
	cg->parent_fd = own_fd;
	ctx->sandbox_cgroup = cg->fd;
	return 0;
}

void nsc_cgroup_sandbox(struct nsc_ctx *ctx, int fd)
{
	ctx->sandbox_cgroup = fd;
}

bool nsc_cgroup_cloned_into(struct nsc_ctx *ctx)
{
	return ctx->in_child && ctx->sandbox_cgroup >= 0 && !nsc_spawn_moved();
}
