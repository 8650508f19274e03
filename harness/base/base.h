/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The base library: the few helpers every part of nscheck may use
 * (reports, fixtures, harness, cases), and that use nothing of nscheck
 * but each other.  Errors: err.h.
 */
#ifndef NSC_BASE_H
#define NSC_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/*
 * The whole file at @path, NUL-terminated, in a malloc()ed *@buf of
 * *@len bytes (the NUL not counted).  Refuses files larger than @max
 * (-EFBIG).  Returns 0 or -errno; @err (may be NULL) names the path.
 */
int nsc_file_read(const char *path, size_t max, char **buf, size_t *len, struct nsc_err *err);

/*
 * Coverage builds (no-ops otherwise): reset the gcov counters in a new
 * child, and write this process's counters now (before _exit(), or
 * before it may be killed).
 */
void nsc_cov_reset(void);
void nsc_cov_dump(void);

/*
 * fork(2) for cases and fixtures: the child dies with its parent, at any
 * moment (it is SIGKILLed when the parent dies, and exits at once if the
 * parent died before it could ask for that), so that nothing a case
 * starts outlives a killed runner.  In the child: 0; in the parent: the
 * pid or -errno.  Use it instead of fork() in cases and fixtures.
 */
pid_t nsc_fork(void);
/* In a child just forked from @parent: arm that (nsc_fork() does it). */
pid_t nsc_fork_arm(pid_t parent);

/* CLOCK_MONOTONIC in seconds, and in milliseconds. */
double nsc_now(void);
long long nsc_now_ms(void);

/* A key and its value, as the environment fingerprint keeps them. */
#define NSC_KV_KEY 64
#define NSC_KV_VALUE 256

struct nsc_kv {
	char key[NSC_KV_KEY];
	char value[NSC_KV_VALUE];
};

/* The value of @key among the first @n of @kv, or NULL (also for NULL @key). */
const char *nsc_kv_get(const struct nsc_kv *kv, unsigned int n, const char *key);

/*
 * /proc/PID/mountinfo, parsed once for everyone (the audit, the host
 * restrictions, the mount and cgroup cases): one entry per mount, the
 * strings pointing into @buf, octal escapes (\040) decoded.
 */
struct nsc_mount {
	int id, parent;
	const char *root;   /* root of the mount within its filesystem */
	const char *target; /* mount point */
	const char *fstype;
	const char *source;
	const char *super; /* superblock options */
	const char *opts;  /* per-mount options (rw,nosuid,...) */
	int shared;	   /* peer group of "shared:N", 0 if none */
	int master;	   /* peer group of "master:N", 0 if none */
	bool unbindable;   /* "unbindable" among the optional fields */
};

struct nsc_mounts {
	struct nsc_mount *m;
	size_t n;
	char *buf;
};

/*
 * Read and parse @path (NULL: /proc/self/mountinfo).  Lines that are not
 * mountinfo lines are skipped.  0 or -errno (@err names the file).
 */
int nsc_mountinfo_read(const char *path, struct nsc_mounts *out, struct nsc_err *err);

/* Parse one NUL-terminated line in place; 0 or -EINVAL. */
int nsc_mountinfo_parse(char *line, struct nsc_mount *m);

void nsc_mountinfo_free(struct nsc_mounts *mounts);

#endif
