/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The cgroup janitor (harness/janitor.c): a small process that outlives
 * a runner killed by SIGKILL and removes the case cgroups it left.
 * nsc_janitor_start: start one for runner @runner (the caller) and its
 *   own cgroup @ownfd; returns the janitor's pid, 0 where none is started
 *   (the caller is PID 1: its death ends the PID namespace and the
 *   janitor with it), or -errno.
 * nsc_janitor_stop: the runner ends normally: the janitor removes what
 *   is left of the runner's cgroups and exits; returns once it is gone
 *   (at most about @timeout_ms).  Nothing without a janitor.
 */
#ifndef NSC_HARNESS_JANITOR_H
#define NSC_HARNESS_JANITOR_H

#include <sys/types.h>

#include "nscheck.h"

pid_t nsc_janitor_start(int ownfd, pid_t runner, struct nsc_err *err);
void nsc_janitor_stop(int timeout_ms);

#endif
