/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Syscall shims and the one spawn routine: clone3 with CLONE_PIDFD (and
 * its clone(2) fallback), pidfd wait and kill, gcov reset and dump for
 * forked children, and the gated child that the sandbox and the probe
 * both start.
 */
#ifndef NSC_SYS_H
#define NSC_SYS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "err.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/*
 * clone3 usable?  Not when NSCHECK_NO_CLONE3 is set (tests), nor where
 * the kernel lacks it or a seccomp filter denies it (ENOSYS).  Asked once.
 */
bool nsc_clone3_available(void);

/* clone3(CLONE_PIDFD | @flags), falling back to clone(2); fork-like. */
pid_t nsc_clone_pidfd(uint64_t flags, int *pidfd, struct nsc_err *err);

/*
 * clone(2) with CLONE_PIDFD | @flags (nscheck --via clone); where the
 * kernel ignores CLONE_PIDFD (before 5.2) the pidfd comes from
 * pidfd_open(2).  Refuses flags clone(2) cannot express.  Fork-like.
 */
pid_t nsc_clone_legacy(uint64_t flags, int *pidfd, struct nsc_err *err);

/* waitid(P_PIDFD) retried on EINTR; returns 0 or -errno. */
int nsc_pidfd_wait(int pidfd, siginfo_t *si, int options);

/* pidfd_open(2) of @pid: the fd (O_CLOEXEC), or -errno. */
int nsc_pidfd_open(pid_t pid);

/* pidfd_send_signal(2); returns 0 or -errno. */
int nsc_pidfd_kill(int pidfd, int sig);

/*
 * The gated child: clone with CLONE_PIDFD | @flags; the child waits at a
 * gate until the parent has done what it must from outside (write the id
 * maps of a new user namespace) and opened it.
 *
 * @legacy: clone(2) (nsc_clone_legacy), else clone3 (nsc_clone_pidfd).
 * nsc_spawn() returns the child's pid (and *@pidfd, and in *@gate the
 * gate's write end) in the parent; 0 in the child, with the counters
 * reset and *@gate the read end; -errno on failure.  Stdio buffers are
 * flushed first, so none is inherited and written twice.
 * nsc_spawn_pass(): in the child, 0 once the gate opened, -EPIPE when
 * the parent closed it without opening (it gave up).
 * nsc_spawn_open(): in the parent, open the gate and close it.
 */
pid_t nsc_spawn(uint64_t flags, bool legacy, int *pidfd, int *gate, struct nsc_err *err);
/*
 * The next nsc_spawn() starts the child in cgroup @cgfd (-1: where we
 * are): clone3 with CLONE_INTO_CGROUP, or, where that is not used (clone
 * (2), no clone3, < 5.7, a seccomp filter), by moving the caller into
 * @cgfd for the clone and back into @backfd (its own cgroup) after it.
 * nsc_spawn() fails with -errno when a move fails.
 */
int nsc_spawn_cgroup(int cgfd, int backfd, struct nsc_err *err);
/* In the child of that nsc_spawn(): whether the parent moved instead. */
bool nsc_spawn_moved(void);
int nsc_spawn_pass(int gate);
int nsc_spawn_open(int gate, struct nsc_err *err);

#endif
