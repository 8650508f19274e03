/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler shared by a normal run and --self-check: case processes
 * in -j slots, timeouts, signals; a case's control runs beside it.
 */
#ifndef NSC_SCHEDULER_H
#define NSC_SCHEDULER_H

#include <signal.h>

#include "job.h"
#include "probe.h"
#include "runner.h"
#include "verdict.h"

/* What one case process said, read from its shared record. */
struct nsc_outcome {
	struct nsc_verdict v;
	unsigned int shared_seq, broke_seq;
	char shared_msg[256];
};

struct nsc_item {
	const struct nsc_case *c;
	struct nsc_result res;
	struct nsc_probe probe;
	bool probed;
	unsigned int pending; /* its jobs queued or running */
	bool ran;	      /* res holds the real run's outcome */
	bool ctl_ran;	      /* ctl holds the control's outcome */
	struct nsc_outcome ctl;
	bool done; /* res is final */
	/* Isolation check sites: evaluated in the real run; fired without
	 * the namespace (control or --self-check). */
	uint64_t eval[NSC_SITES_MAX / 64], fired[NSC_SITES_MAX / 64];
	char blind_at[160]; /* "file:line" of those that never fired */
};

/*
 * The isolation check sites of @it (evaluated in its real or withheld
 * run, or written in its own file) that never fired without the
 * namespace and are not conditional: "file:line, ..." into @buf.
 * Returns how many.
 */
unsigned int nsc_item_blind_sites(const struct nsc_item *it, bool own_file, char *buf, size_t len);

struct nsc_sched {
	const struct nsc_runner_opts *opts;
	struct nsc_item *items;
	size_t n, next_real, next_emit;
	size_t *order;	  /* start order: slow (network) cases first */
	size_t *controls; /* FIFO of items whose control is yet to start */
	size_t ctl_head, ctl_tail;
	bool sweep;		    /* a job ended: kill and reap orphans */
	size_t deferred;	    /* 1 + item whose real run follows its control, or 0 */
	struct nsc_job_slot *slots; /* npool: running ones and kernel-wait sleepers */
	unsigned int nslots;	    /* -j: case processes running at once */
	unsigned int npool;
	int sigfd;
	sigset_t oldmask;
	sigset_t childmask;	  /* case processes start with this mask */
	struct sigaction oldchld; /* SIGCHLD disposition we started with */
	bool chld_saved;
	int signo;
	enum nsc_mode mode; /* REAL (with controls) or SELFCHECK */
};

int nsc_sched_init(struct nsc_sched *s, const struct nsc_case *const *cases, size_t n,
		   const struct nsc_runner_opts *opts, enum nsc_mode mode, struct nsc_err *err);

/*
 * The poll loop: keep every slot busy, wait for a pidfd, a deadline or a
 * signal.  @on_done is called after every change; it may emit results.
 */
int nsc_sched_loop(struct nsc_sched *s,
		   int (*on_done)(struct nsc_sched *s, void *arg, struct nsc_err *err), void *arg,
		   struct nsc_err *err);

/*
 * Read the signals that arrived (reaping on SIGCHLD); returns the first
 * stop signal (also kept in s->signo), or 0.
 */
int nsc_sched_signals(struct nsc_sched *s);

/* Kill and reap every running case process and every orphan. */
void nsc_sched_kill_all(struct nsc_sched *s);

void nsc_sched_free(struct nsc_sched *s);

/* ---- item.c: one case's item ---- */

/* Job @j's shared record as an outcome: verdict, cause classified. */
void nsc_outcome_read(const struct nsc_sched *sc, const struct nsc_job *j, struct nsc_outcome *o);
/* The real run's outcome, diagnostics, findings and output into @it. */
void nsc_item_take_job(struct nsc_item *it, const struct nsc_job *j, const struct nsc_outcome *o);
/* Fold the control run's outcome into @it's (passing) result. */
void nsc_item_add_control(struct nsc_item *it, const struct nsc_outcome *o);
void nsc_item_init(struct nsc_item *it, const struct nsc_case *c, size_t idx);
/* Final SKIP without a run. */
void nsc_item_skip(struct nsc_item *it, const char *reason, const char *hint, int err);
/*
 * False (and SKIPped) when the case cannot run with @o: root-only when
 * rootless, .unsafe without --unsafe, another creation path than --via.
 */
bool nsc_item_runnable(struct nsc_item *it, const struct nsc_runner_opts *o);

#endif
