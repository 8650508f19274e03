/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runner's side of the cgroup context cases get (harness/cgroup.c):
 * nsc_cgroup_runner_open: once per run, before the residue audit: open
 *   the handle on nscheck's own cgroup2 directory and sweep what a killed
 *   run left; without cgroup2 (or permission) there is no handle and
 *   nsc_cgroup_enter() says why.
 * nsc_cgroup_runner_fd: that handle, or -1.
 * nsc_cgroup_job_reaped: the case process @pid was reaped: remove its
 *   cgroup (and anything left in it).
 */
#ifndef NSC_HARNESS_CGROUP_H
#define NSC_HARNESS_CGROUP_H

#include <sys/types.h>

void nsc_cgroup_runner_open(void);
int nsc_cgroup_runner_fd(void);
void nsc_cgroup_job_reaped(pid_t pid);
void nsc_cgroup_runner_close(void);

#endif
