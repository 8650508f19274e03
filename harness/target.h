/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Target mode (nscheck --target PID): the process to audit, found once
 * by the runner and pinned by a pidfd.  Target cases (cases/target/)
 * read it through the case API (nscheck.h: nsc_target_*); their probe
 * child joins its namespaces (sandbox.c) and only reads.
 */
#ifndef NSC_TARGET_H
#define NSC_TARGET_H

#include <stdbool.h>
#include <sys/types.h>

#include "err.h"
#include "result.h"

struct nsc_target {
	pid_t pid;
	int pidfd;		      /* pins the process: -1 when pidfd_open failed */
	unsigned long long starttime; /* /proc/PID/stat field 22: tells a reused PID */
	struct nsc_target_info info;  /* what the reports say about it */
};

/*
 * Find @pid: -ESRCH (no such process), -EINVAL (a kernel thread, or
 * nscheck itself), else 0 with @t filled.  @label: --target-label or
 * NULL (then the container id from the target's cgroup, or its comm).
 */
int nsc_target_open(struct nsc_target *t, pid_t pid, const char *label, struct nsc_err *err);
void nsc_target_close(struct nsc_target *t);

/* "PID" as text (decimal, 1..INT_MAX): 0 or -EINVAL. */
int nsc_target_parse_pid(const char *s, pid_t *pid, struct nsc_err *err);

/*
 * A pidfile (podman/conmon/docker --pidfile): a regular file of at most
 * 32 bytes holding one PID and an optional newline.  Never follows a
 * FIFO or device; the message names the file.
 */
int nsc_target_pidfile(const char *path, pid_t *pid, struct nsc_err *err);

/*
 * The container id a cgroup path names (libpod-<hex>, docker-<hex>,
 * crio-<hex>, a bare 64-hex component): its first 12 characters in
 * @out, or "" when none.  Pure (unit-tested).
 */
void nsc_target_container_id(const char *cgroup, char *out, size_t len);

/* Is @pid's process still the one nscheck found (same start time)? */
bool nsc_target_same(pid_t pid, unsigned long long starttime);

/* /proc/PID/stat: start time (field 22), flags (field 9), state (3); any may be NULL. */
int nsc_proc_stat(pid_t pid, unsigned long long *starttime, unsigned long *flags, char *state,
		  struct nsc_err *err);

#endif
