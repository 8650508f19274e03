/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_JOB_H
#define NSC_JOB_H

#include <signal.h>
#include <stdbool.h>
#include <time.h>

#include "base.h"
#include "internal.h"

#define NSC_CAPTURE_MAX (64 * 1024)

/* One case process: a case in one mode. */
struct nsc_job {
	const struct nsc_case *c;
	enum nsc_mode mode;
	size_t item; /* index of the case in the run */
	pid_t pid;
	int pidfd;
	struct nsc_shm *shm; /* owned by the slot */
	int out_fd, err_fd;  /* memfds capturing stdout/stderr */
	int done_fd;	     /* eventfd: the case process's kernel wait began or ended */
	double start;	     /* nsc_now() */
	double deadline;     /* CLOCK_MONOTONIC seconds */
	unsigned int timeout_s;
	bool timed_out;
	int code;	 /* CLD_EXITED / CLD_KILLED / CLD_DUMPED */
	int status;	 /* exit status or signal */
	double duration; /* seconds */
};

struct nsc_job_slot {
	struct nsc_job job;
	bool busy;
};

/*
 * Job slots for -j @jobs: the running ones, and as many again (at least
 * 3) for case processes that sleep in a kernel wait they declared (they
 * leave their -j slot while they sleep).
 */
unsigned int nsc_pool_size(unsigned int jobs);

int nsc_slots_init(struct nsc_job_slot *slots, unsigned int n, struct nsc_err *err);
void nsc_slots_free(struct nsc_job_slot *slots, unsigned int n);

/*
 * Fork the case process for @c in @mode into @slot.  @sigmask is the
 * mask to restore in the child; @via (NSC_VIA_*) how its sandbox is
 * created.
 */
int nsc_job_start(struct nsc_job_slot *slot, const struct nsc_case *c, enum nsc_mode mode,
		  size_t item, unsigned int timeout_s, bool rootless, unsigned int via,
		  const sigset_t *sigmask, const struct nsc_target *target, struct nsc_err *err);

/* Reap if finished (returns 1), 0 if still running, -errno on error. */
int nsc_job_try_reap(struct nsc_job *j);

/* SIGKILL the case process group and the case process. */
void nsc_job_kill(struct nsc_job *j);

/* /proc/thread-self names our own pid: /proc is of our PID namespace. */
bool nsc_proc_is_ours(void);

/*
 * Reap every zombie child that is no active job, without blocking: what
 * a PID 1 inherits, and orphans that already died.
 */
void nsc_reap_zombies(const struct nsc_job_slot *slots, unsigned int n);

/* Kill and reap any child of ours that is no active job (orphans). */
void nsc_reap_orphans(const struct nsc_job_slot *slots, unsigned int n);

/* Copy at most NSC_CAPTURE_MAX bytes of captured output; malloc'd. */
char *nsc_job_capture(int fd, size_t *len);

#endif
