/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The result record: everything a reporter may know about one case and
 * about the run.  Reporters see these records only, never harness
 * internals.
 */
#ifndef NSC_RESULT_H
#define NSC_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base.h"

enum nsc_status {
	NSC_PASS,
	NSC_FAIL,  /* isolation violated */
	NSC_SKIP,  /* the host cannot host the property; reason says why */
	NSC_ERROR, /* harness, fixture, crash, timeout, blind probe */
};

/* Outcome of the positive control (the probe with the flags withheld). */
enum nsc_control {
	NSC_CONTROL_NONE,    /* case declares no control (reason in control_detail) */
	NSC_CONTROL_NOT_RUN, /* skipped, failed, or --no-control */
	NSC_CONTROL_SHARED,  /* control observed the sharing: probe can see */
	NSC_CONTROL_BLIND,   /* control did not observe sharing */
	NSC_CONTROL_ERROR,   /* control broke before observing anything */
};

#define NSC_DIAG_MAX 8
#define NSC_FINDING_MAX 12
#define NSC_DIAG_TEXT 256
#define NSC_DIAG_VALUE 160

/* One failed check or error, with where it happened. */
struct nsc_diag {
	char where[80]; /* "cases/uts/hostname_private.c:42" */
	char message[NSC_DIAG_TEXT];
	int err;		       /* positive errno or 0 */
	char expected[NSC_DIAG_VALUE]; /* "" when not applicable */
	char got[NSC_DIAG_VALUE];
};

/* A kernel config option a case needs, with this kernel's value. */
struct nsc_kconfig_val {
	const char *name;  /* "CONFIG_VETH" */
	const char *value; /* "y", "m", "n", ...; NULL: not in this kernel's config, or no config */
};

#define NSC_RESULT_KCONFIG_MAX 16

struct nsc_result {
	unsigned int index; /* 1-based position in the run */
	const char *id;	    /* "uts.hostname_private" */
	const char *ns;	    /* "uts" */
	const char *summary;
	const char *file; /* "cases/uts/hostname_private.c" */
	enum nsc_status status;
	char reason[512];    /* SKIP/FAIL/ERROR one-liner; "" for PASS */
	char hint[256];	     /* how to enable, for SKIP; may be "" */
	int err;	     /* positive errno behind reason, or 0 */
	double duration;     /* seconds, this case incl. its control */
	unsigned int checks; /* number of checks evaluated */
	enum nsc_control control;
	char control_detail[256]; /* what the control saw / why none */
	unsigned int ndiag;
	struct nsc_diag diag[NSC_DIAG_MAX];
	unsigned int nfinding; /* target cases: what was observed, reported */
	struct nsc_kv finding[NSC_FINDING_MAX];
	/* The case's metadata (its descriptor), on every record. */
	unsigned int nkconfig;
	struct nsc_kconfig_val kconfig[NSC_RESULT_KCONFIG_MAX];
	const char *const *anchors; /* "ltp:utsname01", "kselftest:...", "man:..."; may be NULL */
	const char *tags;	    /* kernel commit, CVE, spec link; may be NULL */
	const char *min_kernel;	    /* "5.6"; may be NULL */
	const char *out;	    /* captured stdout of the case, may be NULL */
	size_t out_len;
	const char *errout; /* captured stderr of the case, may be NULL */
	size_t errout_len;
};

#define NSC_ENV_KCONFIG_MAX 64
#define NSC_ENV_SYSCTL_MAX 16

/* The environment fingerprint: what kernel and host the run happened on. */
struct nsc_env {
	char hostname[256];
	char kernel_release[128]; /* uname -r */
	char kernel_version[256]; /* uname -v */
	char arch[64];		  /* uname -m */
	char os_id[64];		  /* /etc/os-release ID */
	char os_version_id[64];	  /* VERSION_ID */
	char os_pretty[128];	  /* PRETTY_NAME */
	unsigned int euid;
	const char *mode;  /* "root", "rootless (why)"; NULL: not decided */
	const char *via;   /* creation path: "clone3", "clone", "unshare"; NULL: not decided */
	bool unsafe;	   /* --unsafe: cases marked unsafe ran */
	uint64_t cap_eff;  /* CapEff from /proc/self/status */
	int seccomp;	   /* Seccomp: 0 off, 1 strict, 2 filter, -1 unknown */
	bool kconfig_read; /* the kernel config was looked for */
	char kconfig_source[128]; /* "/proc/config.gz", "/boot/config-...", or "" */
	unsigned int nkconfig;	  /* value "y", "m", "n" (not set), ... */
	struct nsc_kv kconfig[NSC_ENV_KCONFIG_MAX];
	unsigned int nsysctl; /* only those present on this kernel */
	struct nsc_kv sysctl[NSC_ENV_SYSCTL_MAX];
	char lsm[256]; /* /sys/kernel/security/lsm, "" if unreadable */
	/* /proc/sys/kernel/tainted before the first case and after the last */
	bool tainted_known, tainted_after_known;
	unsigned long long tainted, tainted_after;
};

struct nsc_counts {
	unsigned int pass, fail, skip, error;
};

/* The process a target run (nscheck --target PID) audits. */
struct nsc_target_info {
	int pid;	    /* as nscheck sees it */
	char comm[32];	    /* /proc/PID/comm */
	char label[128];    /* --target-label, else container id, else comm */
	char container[16]; /* 12 hex of the id its cgroup names, or "" */
	char cgroup[256];   /* /proc/PID/cgroup (the unified line) */
};

/* What a reporter knows about the run as a whole. */
struct nsc_run_info {
	const char *tool_version;	      /* "nscheck 0.1.0-3-gabcdef" */
	const char *command_line;	      /* argv joined with spaces */
	struct timespec start;		      /* CLOCK_REALTIME at start */
	double duration;		      /* seconds, filled for end() */
	unsigned int planned;		      /* number of cases selected */
	struct nsc_counts counts;	      /* filled for end() */
	bool interrupted;		      /* a terminating signal: partial run */
	bool self_check;		      /* records judge the cases (--self-check) */
	const struct nsc_env *env;	      /* may be NULL */
	const struct nsc_target_info *target; /* target run only, else NULL */
};

const char *nsc_status_name(enum nsc_status s);	  /* "PASS" ... */
const char *nsc_control_name(enum nsc_control c); /* "shared" ... */

#endif
