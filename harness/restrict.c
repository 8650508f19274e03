// SPDX-License-Identifier: GPL-2.0-only
/*
 * Restrictions of the host behind a failed operation inside a case.
 *
 * Container runtimes refuse what the kernel would allow nscheck: podman's
 * and docker's seccomp profiles deny sethostname(2) without CAP_SYS_ADMIN
 * in the container, they mount over paths under /proc (masked paths: the
 * kernel then refuses a new proc mount in a user namespace, since proc
 * would show more than the container's) and mount /proc/sys read-only.
 * When such an operation fails, the calling process observes its own
 * situation here (seccomp mode, capabilities, namespace ownership, mount
 * table) and harness/probe.c, the one place that words SKIP causes,
 * decides whether it names the restriction.
 */
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base.h"
#include "internal.h"
#include "ns.h"
#include "probe.h"

#define NSC_PROC_MOUNTS_MAX 16

static int read_seccomp(void)
{
	char line[256];
	int mode = -1;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp:", 8))
			mode = (int)strtol(line + 8, NULL, 10);
	fclose(f);
	return mode;
}

/* The initial user namespace maps every id to itself (nscheck.h). */
bool nsc_userns_is_initial(void)
{
	unsigned long a, b, n;
	FILE *f = fopen("/proc/self/uid_map", "re");
	bool init = false;

	if (!f)
		return false;
	if (fscanf(f, "%lu %lu %lu", &a, &b, &n) == 3)
		init = a == 0 && b == 0 && n == 4294967295UL;
	fclose(f);
	return init;
}

/* Does the user namespace we are in own our UTS namespace? */
static bool owns_uts(void)
{
	struct nsc_err err;
	struct stat st;
	long long user = nsc_ns_ino(0, NSC_NS_FLAG(USER), &err);
	int fd = nsc_ns_open(0, NSC_NS_FLAG(UTS), &err), owner;
	bool own = false;

	if (fd < 0 || user < 0)
		goto out;
	owner = ioctl(fd, NS_GET_USERNS);
	if (owner >= 0) {
		own = fstat(owner, &st) == 0 && (long long)st.st_ino == user;
		close(owner);
	}
out:
	if (fd >= 0)
		close(fd);
	return own;
}

/* Is @path @dir itself or below it? */
static bool path_under(const char *path, const char *dir, bool strictly)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "/"))
		return !strictly || strcmp(path, "/");
	if (strncmp(path, dir, n))
		return false;
	return path[n] == '/' || (!strictly && !path[n]);
}

/* Is @opt one of the comma-separated options @opts? */
static bool super_has(const char *opts, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *o = opts; o && *o; o = strchr(o, ',') ? strchr(o, ',') + 1 : NULL)
		if (!strncmp(o, opt, n) && (o[n] == ',' || !o[n]))
			return true;
	return false;
}

/*
 * From /proc/self/mountinfo: the mounts below a proc mount (masked
 * paths) and, for @path, the mount point it lives on.
 */
static void read_mounts(struct nsc_host_facts *f, const char *path)
{
	static char procs[NSC_PROC_MOUNTS_MAX][256];
	unsigned int nproc = 0;
	size_t best = 0;
	struct nsc_mounts mi;

	if (nsc_mountinfo_read(NULL, &mi, NULL) < 0)
		return;
	for (size_t k = 0; k < mi.n; k++) {
		const char *mp = mi.m[k].target;

		if (!strcmp(mi.m[k].fstype, "proc") && nproc < NSC_PROC_MOUNTS_MAX)
			snprintf(procs[nproc++], sizeof(procs[0]), "%s", mp);
		if (path && path_under(path, mp, false) && strlen(mp) >= best) {
			best = strlen(mp);
			f->proc_subset_pid = !strcmp(mi.m[k].fstype, "proc") &&
					     super_has(mi.m[k].super, "subset=pid");
			snprintf(f->rdonly_at, sizeof(f->rdonly_at), "%s", mp);
		}
	}
	for (size_t k = 0; nproc && k < mi.n; k++) {
		const char *mp = mi.m[k].target;

		for (unsigned int i = 0; i < nproc; i++) {
			if (!path_under(mp, procs[i], true))
				continue;
			if (!f->proc_masks++)
				snprintf(f->proc_mask, sizeof(f->proc_mask), "%s", mp);
			break;
		}
	}
	nsc_mountinfo_free(&mi);
}

void nsc_host_facts_read(struct nsc_host_facts *f, enum nsc_op op, const char *path)
{
	struct statvfs sv;

	memset(f, 0, sizeof(*f));
	f->seccomp = read_seccomp();
	f->cap_sys_admin = nsc_cap_effective(CAP_SYS_ADMIN);
	f->cap_sys_time = nsc_cap_effective(CAP_SYS_TIME);
	f->init_userns = nsc_userns_is_initial();
	if (op == NSC_OP_SETHOSTNAME || op == NSC_OP_SETDOMAINNAME)
		f->owns_uts = owns_uts();
	if (path && statvfs(path, &sv) == 0)
		f->rdonly = sv.f_flag & ST_RDONLY;
	read_mounts(f, path);
	if (!f->rdonly)
		f->rdonly_at[0] = '\0';
}

void nsc_skip_if_restricted(struct nsc_ctx *ctx, enum nsc_op op, int errnum, const char *path)
{
	struct nsc_host_facts f;
	struct nsc_probe p;

	nsc_host_facts_read(&f, op, path);
	memset(&p, 0, sizeof(p));
	if (nsc_probe_classify_op(&p, op, errnum, path, &f))
		nsc_skip(ctx, errnum, p.hint, "%s", p.reason);
}
