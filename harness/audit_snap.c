// SPDX-License-Identifier: GPL-2.0-only
/*
 * Residue audit: taking a snapshot (see audit.h).  Each source of host
 * state in the table nsc_audit_sources[] adds its items (kind, key,
 * value); the snapshot is then sorted.  Every source is read directly
 * from /proc, /sys-free interfaces and libc: no shell, no external tool.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "audit_int.h"
#include "cgroup.h"
#include "fixture.h"
#include "base.h"
#include "taint.h"

#ifndef MQUEUE_MAGIC
#define MQUEUE_MAGIC 0x19800202
#endif

static void audit_fail(struct nsc_audit *a, int errnum, const char *what)
{
	if (!a->err.err)
		nsc_err_set(&a->err, errnum, "read %s", what);
}

static void add(struct nsc_audit *a, const char *kind, const char *key, const char *val)
{
	struct nsc_audit_item *it;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		void *p = realloc(a->items, cap * sizeof(*a->items));

		if (!p) {
			a->oom = true;
			return;
		}
		a->items = p;
		a->cap = cap;
	}
	it = &a->items[a->n];
	it->kind = kind;
	it->key = strdup(key);
	it->val = strdup(val);
	if (!it->key || !it->val) {
		free(it->key);
		free(it->val);
		a->oom = true;
		return;
	}
	a->n++;
}

/* Whole file, NUL-terminated, malloc'd; NULL with errno on failure. */
static char *slurp(const char *path)
{
	size_t len;
	char *buf;
	int ret = nsc_file_read(path, 64u << 20, &buf, &len, NULL);

	if (ret < 0) {
		errno = -ret;
		return NULL;
	}
	return buf;
}

static void snap_uts(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	struct utsname u;

	if (uname(&u) < 0) {
		audit_fail(a, errno, s->from);
		return;
	}
	add(a, s->kind, "", strcmp(s->kind, "hostname") ? u.domainname : u.nodename);
}

/* Links of the network namespace nscheck itself runs in. */
static void snap_links(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	char idx[24];

	if (!ifs) {
		audit_fail(a, errno, s->from);
		return;
	}
	for (i = ifs; i->if_index; i++) {
		snprintf(idx, sizeof(idx), "ifindex %u", i->if_index);
		add(a, s->kind, i->if_name, idx);
	}
	if_freenameindex(ifs);
}

/* Directory entries; a missing directory is an empty one. */
static void snap_dir(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	DIR *d = opendir(s->from);
	struct dirent *de;

	if (!d) {
		if (errno != ENOENT)
			audit_fail(a, errno, s->from);
		return;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			add(a, s->kind, de->d_name, "");
	closedir(d);
}

static void snap_mqueue(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	struct statfs sf;

	if (statfs(s->from, &sf) < 0 || sf.f_type != MQUEUE_MAGIC)
		return; /* not mounted: nothing to list */
	snap_dir(a, s);
}

/* /proc/sysvipc/{msg,shm,sem}: header line, then "key id ...". */
static void snap_sysvipc(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	char key[48], val[48], *buf, *line, *save = NULL;
	bool header = true;

	buf = slurp(s->from);
	if (!buf) {
		if (errno != ENOENT)
			audit_fail(a, errno, s->from);
		return;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		long long k, id;

		if (header) {
			header = false;
			continue;
		}
		if (sscanf(line, "%lld %lld", &k, &id) != 2)
			continue;
		snprintf(key, sizeof(key), "id %lld", id);
		snprintf(val, sizeof(val), "key 0x%08llx", (unsigned long long)k & 0xffffffffULL);
		add(a, s->kind, key, val);
	}
	free(buf);
}

/* /proc/self/mountinfo: "<id> <parent> <maj:min> <root> <target> ...". */
static void snap_mounts(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	struct nsc_mounts mi;
	char key[32];
	int ret = nsc_mountinfo_read(s->from, &mi, NULL);

	if (ret < 0) {
		audit_fail(a, -ret, s->from);
		return;
	}
	for (size_t i = 0; i < mi.n; i++) {
		snprintf(key, sizeof(key), "id %d", mi.m[i].id);
		add(a, s->kind, key, mi.m[i].target);
	}
	nsc_mountinfo_free(&mi);
}

/*
 * The child cgroups of nscheck's own cgroup2 cgroup (one level: the
 * "nscheck.<runner>.<case>" cgroups cases get, and anything else made
 * there), read through the runner's handle (harness/cgroup.c), which
 * reaches it also where no cgroup2 is mounted.  No cgroup2: nothing.
 * Those of another nscheck run in the same cgroup come and go with its
 * cases: left out (that run audits them, the next one sweeps them).
 */
static void snap_cgroups(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	struct nsc_err err;
	struct dirent *de;
	int fd = nsc_cgroup_runner_fd();
	DIR *d;

	if (fd >= 0) {
		fd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			fd = -errno;
	} else {
		fd = nsc_cgroup_own_open(&err);
	}
	if (fd < 0) {
		/* No cgroup2, or none we may mount: nothing of ours to list. */
		if (fd != -ENOENT && fd != -EPERM && fd != -ENOSYS && fd != -EROFS)
			audit_fail(a, -fd, s->from);
		return;
	}
	d = fdopendir(fd);
	if (!d) {
		audit_fail(a, errno, s->from);
		close(fd);
		return;
	}
	while ((de = readdir(d))) {
		pid_t runner, owner;

		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* Another nscheck run's, sharing our cgroup: not ours to judge. */
		if (nsc_cgroup_name_parse(de->d_name, &runner, &owner) && runner != getpid())
			continue;
		add(a, s->kind, de->d_name, "");
	}
	closedir(d);
}

/*
 * Temporary files and directories named nscheck* (the prefix of every
 * temporary name nscheck or a case makes) in $TMPDIR, /tmp, /var/tmp and
 * /dev/shm (POSIX shared memory and named semaphores).  Other names are
 * left alone: other programs create and remove temp files all the time.
 */
static void snap_tmpfiles(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	const char *dirs[] = { getenv("TMPDIR"), "/tmp", "/var/tmp", "/dev/shm" };
	char path[4352];

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		const char *dir = dirs[i];
		struct dirent *de;
		bool dup = false;
		DIR *d;

		if (!dir || dir[0] != '/' || strlen(dir) > 4096)
			continue;
		for (size_t j = 0; j < i; j++)
			dup |= dirs[j] && !strcmp(dirs[j], dir);
		if (dup || !(d = opendir(dir))) {
			if (!dup && errno != ENOENT)
				audit_fail(a, errno, dir);
			continue;
		}
		while ((de = readdir(d))) {
			if (strncmp(de->d_name, NSC_AUDIT_TMP_PREFIX, strlen(NSC_AUDIT_TMP_PREFIX)))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			add(a, s->kind, path, "");
		}
		closedir(d);
	}
}

static void snap_children(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *de;

	if (!d) {
		audit_fail(a, errno, "/proc/self/task");
		return;
	}
	while ((de = readdir(d))) {
		char path[300], *buf, *p, *end;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/children", de->d_name);
		buf = slurp(path);
		if (!buf) {
			if (errno != ENOENT)
				audit_fail(a, errno, path);
			continue;
		}
		for (p = buf;; p = end) {
			long pid = strtol(p, &end, 10);
			char comm[64] = "", key[24];
			char *c;

			if (end == p)
				break;
			snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
			c = slurp(path);
			if (c) {
				snprintf(comm, sizeof(comm), "%s", c);
				comm[strcspn(comm, "\n")] = '\0';
				free(c);
			}
			snprintf(key, sizeof(key), "pid %ld", pid);
			add(a, s->kind, key, comm);
		}
		free(buf);
	}
	closedir(d);
}

int nsc_audit_item_cmp(const void *x, const void *y)
{
	const struct nsc_audit_item *a = x, *b = y;
	int r = strcmp(a->kind, b->kind);

	return r ? r : strcmp(a->key, b->key);
}

/* The kernel's taint flags: bits only ever get set, never cleared. */
static void snap_taint(struct nsc_audit *a, const struct nsc_audit_source *s)
{
	unsigned long long bits;
	char v[32];
	int ret = nsc_taint_read(&bits, NULL);

	/* Hidden (/proc mounted with subset=pid): this source is not there. */
	if (ret == -ENOENT)
		return;
	if (ret < 0) {
		audit_fail(a, -ret, s->from);
		return;
	}
	snprintf(v, sizeof(v), "%llu", bits);
	add(a, s->kind, "kernel", v);
}

void nsc_audit_add(struct nsc_audit *a, const char *kind, const char *key, const char *val)
{
	add(a, kind, key, val);
}

void nsc_audit_fail(struct nsc_audit *a, int errnum, const char *what)
{
	audit_fail(a, errnum, what);
}

/* THE list of what the audit compares; everything else reads it. */
const struct nsc_audit_source nsc_audit_sources[] = {
	{ "hostname", "uname(2)", "hostname", snap_uts },
	{ "domainname", "uname(2)", "domainname", snap_uts },
	{ "link", "links of nscheck's network namespace", "links", snap_links },
	{ "route", "routes of nscheck's network namespace (rtnetlink)", "routes",
	  nsc_audit_snap_routes },
	{ "rule", "policy rules of nscheck's network namespace (rtnetlink)", "policy rules",
	  nsc_audit_snap_rules },
	{ "nft", "nftables tables of nscheck's network namespace (nfnetlink)", "nftables tables",
	  nsc_audit_snap_nft },
	{ "netns", "/run/netns", "named netns", snap_dir },
	{ "sysvipcmsg", "/proc/sysvipc/msg", "SysV message queues", snap_sysvipc },
	{ "sysvipcshm", "/proc/sysvipc/shm", "SysV shared memory", snap_sysvipc },
	{ "sysvipcsem", "/proc/sysvipc/sem", "SysV semaphores", snap_sysvipc },
	{ "mount", "/proc/self/mountinfo", "mounts", snap_mounts },
	{ "mqueue", "/dev/mqueue", "POSIX mqueues", snap_mqueue },
	{ "cgroup", "child cgroups of nscheck's cgroup (cgroup2)", "cgroups", snap_cgroups },
	{ "tmpfile", "nscheck* in $TMPDIR, /tmp, /var/tmp, /dev/shm", "temp files", snap_tmpfiles },
	{ "child", "/proc/self/task/*/children", "processes", snap_children },
	{ "taint", "/proc/sys/kernel/tainted", "kernel taint", snap_taint },
};

const size_t nsc_audit_nsources = sizeof(nsc_audit_sources) / sizeof(nsc_audit_sources[0]);

struct nsc_audit *nsc_audit_snapshot(void)
{
	struct nsc_audit *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	for (size_t i = 0; i < nsc_audit_nsources; i++)
		nsc_audit_sources[i].snap(a, &nsc_audit_sources[i]);
	if (a->oom && !a->err.err)
		nsc_err_setx(&a->err, ENOMEM, "audit snapshot: out of memory");
	qsort(a->items, a->n, sizeof(*a->items), nsc_audit_item_cmp);
	return a;
}
