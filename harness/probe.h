/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_PROBE_H
#define NSC_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "nscheck.h"
#include "result.h"

/* Can this host create the namespaces a case needs?  Found by trying. */
struct nsc_probe {
	int err;	  /* 0: it can; else the errno of the failing step */
	uint64_t culprit; /* the single CLONE_NEW* flag that failed, if known */
	char reason[384]; /* what the host lacks */
	char hint[256];	  /* how to enable it */
};

/*
 * Fork a probe that (in rootless mode: enters a user namespace of its
 * own), unshares @outer, clones with @flags and, in a new user namespace,
 * tries one privileged step (AppArmor-style restrictions fail only
 * there).  Classifies a failure into reason + hint using @env (may be
 * NULL) for kernel config values and sysctls.  Returns 0 (probe ran) or
 * -errno (the probe itself could not run).
 */
int nsc_probe_run(uint64_t outer, uint64_t flags, bool rootless, const struct nsc_env *env,
		  struct nsc_probe *out);

/* "uts", "net", ... for one CLONE_NEW* flag; "?" otherwise. */
const char *nsc_flag_ns(uint64_t flag);
/* "CONFIG_UTS_NS", ... for one CLONE_NEW* flag. */
const char *nsc_flag_kconfig(uint64_t flag);

/*
 * A case's namespace creation of @flags failed with @err: true (with
 * reason and hint) when that is a restriction of the host (no privilege,
 * a limit, seccomp, an LSM, a missing kernel option): SKIP.  False for
 * what is no restriction (resource exhaustion, anything else): ERROR.
 */
bool nsc_probe_classify_failure(struct nsc_probe *p, uint64_t flags, int err, bool rootless,
				const struct nsc_env *env);

/* Fill @p->reason/@p->hint for a failure of @flag with @err. */
void nsc_probe_classify(struct nsc_probe *p, uint64_t flag, int err, bool in_userns_step,
			bool rootless, const struct nsc_env *env);

/*
 * How the cases run: sets *@rootless and returns the mode's name for the
 * reports.  Rootless (each case process in a user namespace of its own)
 * when @forced (--rootless), when not root, and when root lacks
 * CAP_SYS_ADMIN but a user namespace of its own can create namespaces
 * (a container's default security: then the cases run as they do for an
 * unprivileged user instead of all skipping); else "root".
 */
const char *nsc_probe_mode(bool forced, bool *rootless);

/* Is capability @cap in the effective set?  (capget: no libcap.) */
bool nsc_cap_effective(unsigned int cap);

/* The capabilities of @want (NSC_CAP() bits) that are not effective. */
uint64_t nsc_caps_missing(uint64_t want);

/* Resource exhaustion is no restriction of the host: never SKIP. */
bool nsc_probe_is_resource(int err);

/*
 * An ERROR with @err (EAGAIN, EMFILE, ENFILE, ENOMEM) of a run with @jobs
 * slots: reason names the resource, its limit and how much nscheck needs.
 * False for another errno.
 */
bool nsc_probe_classify_resource(struct nsc_probe *p, int err, unsigned int jobs);

/*
 * Open files a run with @jobs slots needs (measured: 16 + 3 per slot,
 * doubled for margin); raises the soft RLIMIT_NOFILE up to it when the
 * hard limit allows.  Returns 0, or -EMFILE with @err naming the need.
 */
int nsc_probe_nofile(unsigned int jobs, struct nsc_err *err);

/*
 * A tight process limit (pids.max of our cgroup or, not as root,
 * RLIMIT_NPROC below 256)?  Then no case starts while others drain: the
 * processes they still hold count against it.
 */
bool nsc_probe_procs_limited(void);

/* SKIP reason and hint for a case that needs the capabilities @missing. */
void nsc_probe_classify_caps(struct nsc_probe *p, uint64_t missing);

/*
 * What a process observes about its host when an operation failed
 * (harness/restrict.c reads it; nsc_probe_classify_op() decides).
 */
struct nsc_host_facts {
	int seccomp;		 /* Seccomp: of /proc/self/status, -1 unknown */
	bool cap_sys_admin;	 /* CAP_SYS_ADMIN effective */
	bool cap_sys_time;	 /* CAP_SYS_TIME effective */
	bool owns_uts;		 /* our user namespace owns our UTS namespace */
	bool init_userns;	 /* in the initial user namespace */
	unsigned int proc_masks; /* mounts below a proc mount (masked paths) */
	char proc_mask[128];	 /* the first of them */
	bool rdonly;		 /* the operation's path is on a read-only mount */
	bool proc_subset_pid;	 /* the operation's path is on a proc mount with subset=pid */
	char rdonly_at[128];	 /* that mount's mount point */
};

/* Observe @f for a failure of @op on @path (may be NULL). */
void nsc_host_facts_read(struct nsc_host_facts *f, enum nsc_op op, const char *path);

/*
 * Did a restriction of the host (a container runtime's seccomp profile,
 * masked proc, a read-only mount) make @op on @path fail with @err?
 * Fills @p->reason and @p->hint and returns true when @f names one;
 * false leaves the failure an ERROR.  Pure: decides from @f only.
 */
bool nsc_probe_classify_op(struct nsc_probe *p, enum nsc_op op, int err, const char *path,
			   const struct nsc_host_facts *f);

#endif
