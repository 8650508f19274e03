// SPDX-License-Identifier: GPL-2.0-only
/*
 * The namespace table (see ns.h), and the helpers cases use to compare
 * namespaces by identity instead of reading /proc/PID/ns themselves.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"
#include "ns.h"

#define NSC_NS_FLAG_NAMED(f) .flag = (f), .flag_name = #f

const struct nsc_ns_info nsc_ns_table[NSC_NS_COUNT] = {
	[NSC_NS_CGROUP] = {
		.name = "cgroup",
		NSC_NS_FLAG_NAMED(CLONE_NEWCGROUP),
		/* cgroup namespaces have no option of their own */
		.kconfig = "CONFIG_CGROUPS",
		.max_sysctl = "user.max_cgroup_namespaces",
	},
	[NSC_NS_IPC] = {
		.name = "ipc",
		NSC_NS_FLAG_NAMED(CLONE_NEWIPC),
		.kconfig = "CONFIG_IPC_NS",
		.max_sysctl = "user.max_ipc_namespaces",
		.is_mutable = true,
	},
	[NSC_NS_MNT] = {
		.name = "mnt",
		NSC_NS_FLAG_NAMED(CLONE_NEWNS),
		/* mount namespaces are always built: the umbrella option */
		.kconfig = "CONFIG_NAMESPACES",
		.max_sysctl = "user.max_mnt_namespaces",
		.is_mutable = true,
	},
	[NSC_NS_NET] = {
		.name = "net",
		NSC_NS_FLAG_NAMED(CLONE_NEWNET),
		.kconfig = "CONFIG_NET_NS",
		.max_sysctl = "user.max_net_namespaces",
		.is_mutable = true,
	},
	[NSC_NS_PID] = {
		.name = "pid",
		NSC_NS_FLAG_NAMED(CLONE_NEWPID),
		.kconfig = "CONFIG_PID_NS",
		.max_sysctl = "user.max_pid_namespaces",
		.for_children = "pid_for_children",
	},
	[NSC_NS_TIME] = {
		.name = "time",
		NSC_NS_FLAG_NAMED(CLONE_NEWTIME),
		.kconfig = "CONFIG_TIME_NS",
		.max_sysctl = "user.max_time_namespaces",
		.for_children = "time_for_children",
		/* its bit is in clone(2)'s CSIGNAL byte */
		.clone3_only = true,
	},
	[NSC_NS_USER] = {
		.name = "user",
		NSC_NS_FLAG_NAMED(CLONE_NEWUSER),
		.kconfig = "CONFIG_USER_NS",
		.max_sysctl = "user.max_user_namespaces",
	},
	[NSC_NS_UTS] = {
		.name = "uts",
		NSC_NS_FLAG_NAMED(CLONE_NEWUTS),
		.kconfig = "CONFIG_UTS_NS",
		.max_sysctl = "user.max_uts_namespaces",
		.is_mutable = true,
	},
};

/* Case id prefixes that are not namespace types; hidden ones last. */
static const char *const nsc_groups[] = { "setns", "nsfs", "pidfd", "env", NULL };
/* "target": the catalogue of --target runs, never chosen by --ns. */
static const char *const nsc_hidden_groups[] = { "test", "target", NULL };

const struct nsc_ns_info *nsc_ns_by_flag(uint64_t flag)
{
	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		if (nsc_ns_table[i].flag == flag)
			return &nsc_ns_table[i];
	return NULL;
}

const struct nsc_ns_info *nsc_ns_by_name(const char *name)
{
	for (size_t i = 0; i < NSC_NS_COUNT && name; i++)
		if (!strcmp(nsc_ns_table[i].name, name))
			return &nsc_ns_table[i];
	return NULL;
}

uint64_t nsc_ns_all_flags(void)
{
	uint64_t f = 0;

	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		f |= nsc_ns_table[i].flag;
	return f;
}

uint64_t nsc_ns_mutable_flags(void)
{
	uint64_t f = 0;

	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		if (nsc_ns_table[i].is_mutable)
			f |= nsc_ns_table[i].flag;
	return f;
}

uint64_t nsc_ns_for_children_flags(void)
{
	uint64_t f = 0;

	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		if (nsc_ns_table[i].for_children)
			f |= nsc_ns_table[i].flag;
	return f;
}

uint64_t nsc_ns_clone3_only_flags(void)
{
	uint64_t f = 0;

	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		if (nsc_ns_table[i].clone3_only)
			f |= nsc_ns_table[i].flag;
	return f;
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

bool nsc_ns_group_known(const char *group)
{
	return nsc_ns_by_name(group) || in_list(nsc_groups, group) ||
	       in_list(nsc_hidden_groups, group);
}

const char *nsc_ns_group_list(void)
{
	static char buf[160];
	size_t n = 0;

	if (buf[0])
		return buf;
	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? " " : "",
				      nsc_ns_table[i].name);
	for (const char *const *g = nsc_groups; *g && n < sizeof(buf); g++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %s", *g);
	return buf;
}

static void add_unique(const char **out, size_t *n, size_t max, const char *k)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(out[i], k))
			return;
	if (*n < max)
		out[(*n)++] = k;
}

size_t nsc_case_kconfigs(const struct nsc_case *c, const char **out, size_t max)
{
	uint64_t flags = c->clone_flags | c->outer_flags | c->target_flags;
	size_t n = 0;

	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		if (flags & nsc_ns_table[i].flag)
			add_unique(out, &n, max, nsc_ns_table[i].kconfig);
	for (const char *const *k = c->kconfigs; k && *k; k++)
		add_unique(out, &n, max, *k);
	return n;
}

/* /proc/<pid>/ns/<entry> (pid 0: the calling thread). */
static int ns_path(char *buf, size_t size, pid_t pid, uint64_t flag, bool children,
		   struct nsc_err *err)
{
	const struct nsc_ns_info *ns = nsc_ns_by_flag(flag);
	const char *entry = ns ? (children ? ns->for_children : ns->name) : NULL;

	if (!entry)
		return nsc_err_setx(err, EINVAL, "no /proc ns entry for flags 0x%llx%s",
				    (unsigned long long)flag, children ? " (for children)" : "");
	if (pid)
		snprintf(buf, size, "/proc/%d/ns/%s", (int)pid, entry);
	else
		snprintf(buf, size, "/proc/thread-self/ns/%s", entry);
	return 0;
}

static int ns_stat(pid_t pid, uint64_t flag, bool children, struct stat *st, struct nsc_err *err)
{
	char path[64];
	int ret = ns_path(path, sizeof(path), pid, flag, children, err);

	if (ret < 0)
		return ret;
	if (stat(path, st) < 0)
		return nsc_err_set(err, errno, "stat %s", path);
	return 0;
}

long long nsc_ns_ino(pid_t pid, uint64_t flag, struct nsc_err *err)
{
	struct stat st;
	int ret = ns_stat(pid, flag, false, &st, err);

	return ret < 0 ? ret : (long long)st.st_ino;
}

long long nsc_ns_children_ino(pid_t pid, uint64_t flag, struct nsc_err *err)
{
	struct stat st;
	int ret = ns_stat(pid, flag, true, &st, err);

	return ret < 0 ? ret : (long long)st.st_ino;
}

int nsc_ns_same(pid_t a, pid_t b, uint64_t flag, struct nsc_err *err)
{
	struct stat sa, sb;
	int ret = ns_stat(a, flag, false, &sa, err);

	if (ret >= 0)
		ret = ns_stat(b, flag, false, &sb, err);
	if (ret < 0)
		return ret;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int nsc_ns_open(pid_t pid, uint64_t flag, struct nsc_err *err)
{
	char path[64];
	int fd, ret = ns_path(path, sizeof(path), pid, flag, false, err);

	if (ret < 0)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return nsc_err_set(err, errno, "open %s", path);
	return fd;
}

int nsc_ns_max_path(uint64_t flag, char *buf, size_t len, struct nsc_err *err)
{
	const struct nsc_ns_info *ns = nsc_ns_by_flag(flag);
	size_t i;
	int n;

	if (!ns || !ns->max_sysctl)
		return nsc_err_setx(err, EINVAL, "nsc_ns_max_path: not one namespace flag: %#llx",
				    (unsigned long long)flag);
	n = snprintf(buf, len, "/proc/sys/%s", ns->max_sysctl);
	if (n < 0 || (size_t)n >= len)
		return nsc_err_setx(err, ENAMETOOLONG, "nsc_ns_max_path: buffer of %zu bytes", len);
	for (i = strlen("/proc/sys/"); buf[i]; i++)
		if (buf[i] == '.')
			buf[i] = '/';
	return 0;
}

int nsc_ns_ids_self(uint64_t flags, bool children, struct nsc_ns_ids *ids, struct nsc_err *err)
{
	memset(ids, 0, sizeof(*ids));
	for (size_t i = 0; i < NSC_NS_COUNT; i++) {
		const struct nsc_ns_info *ns = &nsc_ns_table[i];
		struct stat st;
		int ret;

		if (!(flags & ns->flag))
			continue;
		ret = ns_stat(0, ns->flag, children && ns->for_children, &st, err);
		/*
		 * After unshare(CLONE_NEWPID) pid_for_children has no target
		 * until the new namespace's init exists: a new namespace (0, 0).
		 */
		if (ret == -ENOENT && children && ns->for_children)
			continue;
		if (ret < 0)
			return ret;
		ids->dev[i] = st.st_dev;
		ids->ino[i] = st.st_ino;
	}
	return 0;
}

uint64_t nsc_ns_ids_same(const struct nsc_ns_ids *a, const struct nsc_ns_ids *b, uint64_t flags)
{
	for (size_t i = 0; i < NSC_NS_COUNT; i++)
		if ((flags & nsc_ns_table[i].flag) && a->ino[i] && a->dev[i] == b->dev[i] &&
		    a->ino[i] == b->ino[i])
			return nsc_ns_table[i].flag;
	return 0;
}
