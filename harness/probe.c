// SPDX-License-Identifier: GPL-2.0-only
/*
 * The wording of SKIP causes: namespace support is detected by trying,
 * in a forked probe (probe_run.c), never by reading distribution-specific
 * sysctls; those are only quoted as context in the hint.  Here every
 * failure (the probe's, a case's namespace creation, an operation a
 * restricted host refuses, a resource limit) gets its reason and hint.
 */
#include <fcntl.h>
#include <sys/resource.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env.h"
#include "internal.h"
#include "job.h"
#include "ns.h"
#include "probe.h"

const char *nsc_flag_ns(uint64_t flag)
{
	const struct nsc_ns_info *ns = nsc_ns_by_flag(flag);

	return ns ? ns->name : "?";
}

const char *nsc_flag_kconfig(uint64_t flag)
{
	const struct nsc_ns_info *ns = nsc_ns_by_flag(flag);

	/* Several flags, or none: the umbrella option (the mnt row's). */
	return ns ? ns->kconfig : nsc_ns_table[NSC_NS_MNT].kconfig;
}

void nsc_probe_classify(struct nsc_probe *p, uint64_t flag, int err, bool in_userns_step,
			bool rootless, const struct nsc_env *env)
{
	const struct nsc_ns_info *info = nsc_ns_by_flag(flag);
	const char *ns = nsc_flag_ns(flag), *kc = nsc_flag_kconfig(flag);
	const char *kval = NULL, *aa = NULL, *uuc = NULL, *maxv = NULL;
	const char *maxkey = info ? info->max_sysctl : "the namespace limit sysctls";
	int seccomp = env ? env->seccomp : -1;

	if (env) {
		kval = nsc_env_kconfig(env, kc);
		aa = nsc_env_sysctl(env, "kernel.apparmor_restrict_unprivileged_userns");
		uuc = nsc_env_sysctl(env, "kernel.unprivileged_userns_clone");
		maxv = nsc_env_sysctl(env, maxkey);
	}
	p->err = err;
	p->culprit = flag;
	switch (err) {
	case EINVAL:
	case ENOSYS:
		if (info && info->clone3_only && !nsc_clone3_available()) {
			snprintf(p->reason, sizeof(p->reason),
				 "clone3() is unavailable (ENOSYS%s) and clone(2) cannot create time namespaces",
				 seccomp == 2 ? ", a seccomp filter is active" : "");
			snprintf(p->hint, sizeof(p->hint),
				 seccomp == 2 ?
					 "allow clone3 in the seccomp profile, or run without it" :
					 "run on Linux >= 5.8 (clone3 with %s)",
				 info->flag_name);
			break;
		}
		snprintf(p->reason, sizeof(p->reason),
			 "kernel cannot create %s namespaces (%s=%s): %s%s", ns, kc,
			 kval ? kval : "unknown", nsc_errno_name(err),
			 err == ENOSYS && seccomp == 2 ?
				 " (a seccomp filter is active and may deny the call)" :
				 "");
		snprintf(p->hint, sizeof(p->hint),
			 err == ENOSYS && seccomp == 2 ?
				 "run without the seccomp profile, or build the kernel with %s=y" :
				 "build the kernel with %s=y",
			 kc);
		break;
	case ENOSPC:
		if (maxv && !strcmp(maxv, "0")) {
			snprintf(p->reason, sizeof(p->reason), "%s namespaces are disabled (%s=0)",
				 ns, maxkey);
			snprintf(p->hint, sizeof(p->hint), "sysctl -w %s=10000", maxkey);
			break;
		}
		snprintf(p->reason, sizeof(p->reason), "%s namespace limit reached (%s=%s)", ns,
			 maxkey, maxv ? maxv : "unknown");
		snprintf(p->hint, sizeof(p->hint),
			 "raise it (sysctl -w %s=10000), or wait until other namespaces are gone",
			 maxkey);
		break;
	case EUSERS:
		snprintf(p->reason, sizeof(p->reason),
			 "%s namespace nesting limit reached (EUSERS)", ns);
		snprintf(p->hint, sizeof(p->hint), "run nscheck from a less deeply nested namespace");
		break;
	case EACCES:
		if (aa && strcmp(aa, "0")) {
			snprintf(p->reason, sizeof(p->reason),
				 "AppArmor denies %s namespaces%s (kernel.apparmor_restrict_unprivileged_userns=%s)",
				 ns, in_userns_step ? " inside a new user namespace" : "", aa);
			snprintf(p->hint, sizeof(p->hint),
				 "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or give nscheck an AppArmor profile with 'userns,'");
			break;
		}
		snprintf(p->reason, sizeof(p->reason),
			 "creating %s namespaces is denied (EACCES%s%s)", ns,
			 seccomp == 2 ? ", a seccomp filter is active" : "",
			 in_userns_step ? ", inside a new user namespace" : "");
		snprintf(p->hint, sizeof(p->hint),
			 seccomp == 2 ?
				 "run without the seccomp profile (e.g. --security-opt seccomp=unconfined)" :
				 "check the LSM policy (AppArmor, SELinux) for namespace creation");
		break;
	case EPERM:
	default:
		if (flag == NSC_NS_FLAG(USER) && uuc && !strcmp(uuc, "0")) {
			snprintf(p->reason, sizeof(p->reason),
				 "unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)");
			snprintf(p->hint, sizeof(p->hint),
				 "sysctl -w kernel.unprivileged_userns_clone=1, or run as root");
		} else if (seccomp == 2) {
			snprintf(p->reason, sizeof(p->reason),
				 "creating %s namespaces fails with %s and a seccomp filter is active",
				 ns, nsc_errno_name(err));
			snprintf(p->hint, sizeof(p->hint),
				 "run without the seccomp profile (e.g. --security-opt seccomp=unconfined)");
		} else {
			snprintf(p->reason, sizeof(p->reason),
				 "no privilege to create %s namespaces (%s%s)", ns,
				 nsc_errno_name(err),
				 in_userns_step ? " inside a new user namespace" : "");
			snprintf(p->hint, sizeof(p->hint),
				 rootless ?
					 "run nscheck as root" :
					 "run as root (CAP_SYS_ADMIN), or let nscheck run rootless");
		}
		break;
	}
}

static const char *const nsc_cap_names[] = {
	[CAP_CHOWN] = "CAP_CHOWN",
	[CAP_DAC_OVERRIDE] = "CAP_DAC_OVERRIDE",
	[CAP_KILL] = "CAP_KILL",
	[CAP_SETGID] = "CAP_SETGID",
	[CAP_SETUID] = "CAP_SETUID",
	[CAP_SETPCAP] = "CAP_SETPCAP",
	[CAP_NET_BIND_SERVICE] = "CAP_NET_BIND_SERVICE",
	[CAP_NET_ADMIN] = "CAP_NET_ADMIN",
	[CAP_NET_RAW] = "CAP_NET_RAW",
	[CAP_IPC_OWNER] = "CAP_IPC_OWNER",
	[CAP_SYS_CHROOT] = "CAP_SYS_CHROOT",
	[CAP_SYS_PTRACE] = "CAP_SYS_PTRACE",
	[CAP_SYS_ADMIN] = "CAP_SYS_ADMIN",
	[CAP_SYS_RESOURCE] = "CAP_SYS_RESOURCE",
	[CAP_MKNOD] = "CAP_MKNOD",
	[CAP_SETFCAP] = "CAP_SETFCAP",
};

void nsc_probe_classify_caps(struct nsc_probe *p, uint64_t missing)
{
	char names[256] = "";
	size_t off = 0;

	memset(p, 0, sizeof(*p));
	for (unsigned int cap = 0; cap < 64 && off < sizeof(names); cap++) {
		const char *name = cap < sizeof(nsc_cap_names) / sizeof(nsc_cap_names[0]) ?
					   nsc_cap_names[cap] :
					   NULL;

		if (!(missing & NSC_CAP(cap)))
			continue;
		if (name)
			off += (size_t)snprintf(names + off, sizeof(names) - off, "%s%s",
						off ? ", " : "", name);
		else
			off += (size_t)snprintf(names + off, sizeof(names) - off, "%scapability %u",
						off ? ", " : "", cap);
	}
	p->err = EPERM;
	snprintf(p->reason, sizeof(p->reason),
		 "nscheck lacks %s, which the case needs (not in its effective capability set)",
		 names);
	snprintf(p->hint, sizeof(p->hint),
		 "run nscheck with %s (not dropped by capsh --drop, setpriv or a container runtime), or with --rootless",
		 names);
}

/* How to lift what podman and docker restrict by default. */
#define NSC_HINT_UNMASK                                                                \
	"run the container with --security-opt unmask=ALL (podman) or --security-opt " \
	"systempaths=unconfined (docker), or --privileged"

bool nsc_probe_classify_op(struct nsc_probe *p, enum nsc_op op, int err, const char *path,
			   const struct nsc_host_facts *f)
{
	const char *call = op == NSC_OP_SETDOMAINNAME ? "setdomainname" : "sethostname";

	p->err = err;
	p->culprit = 0;
	switch (op) {
	case NSC_OP_SETHOSTNAME:
	case NSC_OP_SETDOMAINNAME:
		/* The kernel asks for CAP_SYS_ADMIN over the UTS namespace: held. */
		if (err != EPERM || !f->cap_sys_admin || !f->owns_uts)
			return false;
		if (f->seccomp == 2) {
			snprintf(p->reason, sizeof(p->reason),
				 "a seccomp filter denies %s() (EPERM although nscheck holds CAP_SYS_ADMIN over the UTS namespace; container runtimes allow it only to containers with CAP_SYS_ADMIN)",
				 call);
			snprintf(p->hint, sizeof(p->hint),
				 "run the container with --cap-add SYS_ADMIN or --security-opt seccomp=unconfined");
		} else {
			snprintf(p->reason, sizeof(p->reason),
				 "%s() is denied by an LSM policy (EPERM although nscheck holds CAP_SYS_ADMIN over the UTS namespace)",
				 call);
			snprintf(p->hint, sizeof(p->hint),
				 "check the LSM policy (AppArmor, SELinux) for %s", call);
		}
		return true;
	case NSC_OP_MOUNT_PROC:
		/* mount_too_revealing(): only outside the initial user namespace. */
		if (err != EPERM || f->init_userns || !f->proc_masks)
			return false;
		snprintf(p->reason, sizeof(p->reason),
			 "proc is masked (%u mount%s over paths under /proc, e.g. %s, as container runtimes make): the kernel refuses a new proc mount in a user namespace while proc is not fully visible",
			 f->proc_masks, f->proc_masks == 1 ? "" : "s", f->proc_mask);
		snprintf(p->hint, sizeof(p->hint), NSC_HINT_UNMASK);
		return true;
	case NSC_OP_READ:
		if (err != ENOENT || !f->proc_subset_pid || !path)
			return false;
		snprintf(p->reason, sizeof(p->reason),
			 "/proc is mounted with subset=pid: %s, which is no process directory, is hidden",
			 path);
		snprintf(p->hint, sizeof(p->hint), "mount proc without the subset=pid option");
		return true;
	case NSC_OP_TIMENS_OFFSETS:
		/*
		 * The kernel asks for CAP_SYS_TIME over the time namespace's
		 * user namespace (ours: the case made the namespace there).
		 */
		if (err != EPERM || f->cap_sys_time)
			return false;
		snprintf(p->reason, sizeof(p->reason),
			 "writing timens_offsets needs CAP_SYS_TIME, which nscheck lacks (container runtimes drop it)");
		snprintf(p->hint, sizeof(p->hint),
			 "give nscheck CAP_SYS_TIME (podman/docker: --cap-add SYS_TIME), or run it with --rootless (a user namespace of its own has it)");
		return true;
	case NSC_OP_WRITE:
		if (err != EROFS || !f->rdonly || !path)
			return false;
		snprintf(p->reason, sizeof(p->reason), "%s is on a read-only mount (%s)%s", path,
			 f->rdonly_at[0] ? f->rdonly_at : "?",
			 !strncmp(path, "/proc/sys/", 10) ?
				 ": container runtimes mount /proc/sys read-only" :
				 "");
		snprintf(p->hint, sizeof(p->hint),
			 !strncmp(path, "/proc/sys/", 10) ? NSC_HINT_UNMASK :
							    "run where %s is writable",
			 path);
		return true;
	}
	return false;
}

bool nsc_probe_classify_failure(struct nsc_probe *p, uint64_t flags, int err, bool rootless,
				const struct nsc_env *env)
{
	uint64_t flag = 0;
	long best = -1;

	memset(p, 0, sizeof(*p));
	switch (err) {
	case EPERM:
	case EACCES:
	case ENOSPC:
	case EUSERS:
	case EINVAL:
	case ENOSYS:
		break;
	default:
		return false;
	}
	/* Several types at once: for a limit, the one with the lowest. */
	for (size_t i = 0; i < NSC_NS_COUNT; i++) {
		const struct nsc_ns_info *ns = &nsc_ns_table[i];
		const char *v = env ? nsc_env_sysctl(env, ns->max_sysctl) : NULL;
		long max = v ? strtol(v, NULL, 10) : -1;

		if (!(flags & ns->flag))
			continue;
		if (!flag || (err == ENOSPC && max >= 0 && (best < 0 || max < best))) {
			flag = ns->flag;
			best = max;
		}
	}
	if (!flag)
		return false;
	nsc_probe_classify(p, flag, err, false, rootless, env);
	return true;
}

#define NSC_NOFILE_BASE 32
#define NSC_NOFILE_PER_SLOT 6  /* a running case process's */
#define NSC_NOFILE_PER_DRAIN 4 /* a slot of nsc_pool_size() beyond -j (job.h) */
#define NSC_PROCS_PER_SLOT 3   /* case process, sandbox, a grandchild */
#define NSC_PROCS_TIGHT 256    /* a process limit below this is tight */

static unsigned int nofile_need(unsigned int jobs)
{
	return NSC_NOFILE_BASE + NSC_NOFILE_PER_SLOT * jobs +
	       NSC_NOFILE_PER_DRAIN * (nsc_pool_size(jobs) - jobs);
}

bool nsc_probe_is_resource(int err)
{
	return err == EAGAIN || err == EMFILE || err == ENFILE || err == ENOMEM;
}

/* pids.max of our cgroup (v2, or v1's pids controller), "" if none. */
static void read_pids_max(char *buf, size_t len)
{
	char line[512], path[640];
	FILE *f = fopen("/proc/self/cgroup", "re");

	buf[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *cg = strrchr(line, ':'), *ctl = strchr(line, ':');
		char *v = NULL;
		size_t n = 0;
		FILE *m;

		if (!cg || !ctl)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(ctl, ":pids:", 6))
			snprintf(path, sizeof(path), "/sys/fs/cgroup/pids%s/pids.max", cg + 1);
		else if (!strncmp(line, "0::", 3))
			snprintf(path, sizeof(path), "/sys/fs/cgroup%s/pids.max", cg + 1);
		else
			continue;
		m = fopen(path, "re");
		if (!m)
			continue;
		if (getline(&v, &n, m) > 0) {
			v[strcspn(v, "\n")] = '\0';
			snprintf(buf, len, "%s", v);
		}
		free(v);
		fclose(m);
		if (buf[0] && strcmp(buf, "max"))
			break;
	}
	fclose(f);
}

bool nsc_probe_procs_limited(void)
{
	struct rlimit rl;
	char pids[32], *end;
	long n;

	read_pids_max(pids, sizeof(pids));
	n = strtol(pids, &end, 10);
	if (end != pids && !*end && n < NSC_PROCS_TIGHT)
		return true;
	return geteuid() != 0 && getrlimit(RLIMIT_NPROC, &rl) == 0 &&
	       rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < NSC_PROCS_TIGHT;
}

bool nsc_probe_classify_resource(struct nsc_probe *p, int err, unsigned int jobs)
{
	struct rlimit rl;
	char pids[32];

	memset(p, 0, sizeof(*p));
	p->err = err;
	switch (err) {
	case EAGAIN:
		read_pids_max(pids, sizeof(pids));
		if (getrlimit(RLIMIT_NPROC, &rl) < 0)
			rl.rlim_cur = RLIM_INFINITY;
		snprintf(p->reason, sizeof(p->reason),
			 "process limit reached (EAGAIN): with -j %u nscheck needs up to %u processes of its own at once (pids.max of its cgroup: %s; RLIMIT_NPROC: %lld)",
			 jobs, 1 + NSC_PROCS_PER_SLOT * 2 * jobs, pids[0] ? pids : "unknown",
			 rl.rlim_cur == RLIM_INFINITY ? -1LL : (long long)rl.rlim_cur);
		snprintf(p->hint, sizeof(p->hint),
			 "raise pids.max (or ulimit -u), or run with fewer -j");
		return true;
	case EMFILE:
	case ENFILE:
		if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
			rl.rlim_cur = 0;
		snprintf(p->reason, sizeof(p->reason),
			 "%s (%s): with -j %u nscheck needs up to %u open files (RLIMIT_NOFILE: %llu)",
			 err == EMFILE ? "open file limit reached" : "system file table full",
			 nsc_errno_name(err), jobs, nofile_need(jobs),
			 (unsigned long long)rl.rlim_cur);
		snprintf(p->hint, sizeof(p->hint), "ulimit -n %u, or run with fewer -j",
			 nofile_need(jobs));
		return true;
	case ENOMEM:
		snprintf(p->reason, sizeof(p->reason), "out of memory (ENOMEM)");
		snprintf(p->hint, sizeof(p->hint), "free memory, or run with fewer -j");
		return true;
	}
	return false;
}

int nsc_probe_nofile(unsigned int jobs, struct nsc_err *err)
{
	unsigned int need = nofile_need(jobs);
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
		return 0;
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need) {
		rl.rlim_cur = need;
		if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
			return 0;
	}
	return nsc_err_setx(err, EMFILE,
			    "with -j %u nscheck needs %u open files, RLIMIT_NOFILE is %llu (hard %llu): raise it (ulimit -n %u) or run with fewer -j",
			    jobs, need, (unsigned long long)rl.rlim_cur,
			    (unsigned long long)rl.rlim_max, need);
}
