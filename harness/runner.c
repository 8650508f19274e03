// SPDX-License-Identifier: GPL-2.0-only
/*
 * The runner: never unshares or setns itself.  A normal run feeds the
 * reporters in case order (then the residue audit record); --self-check
 * runs every case with its flags withheld and wants FAIL.  Scheduling is
 * in scheduler.c.
 */
#include <stdlib.h>
#include <string.h>

#include "kmsg.h"
#include "meta.h"
#include "scheduler.h"
#include "taint.h"

static void count_status(struct nsc_counts *c, enum nsc_status st)
{
	switch (st) {
	case NSC_PASS:
		c->pass++;
		break;
	case NSC_FAIL:
		c->fail++;
		break;
	case NSC_SKIP:
		c->skip++;
		break;
	case NSC_ERROR:
		c->error++;
		break;
	}
}

/*
 * --self-check: the record judges the case, run with its namespaces
 * withheld.  PASS: it FAILed, so it detects the missing namespace
 * (sensitive); FAIL: it did not (BLIND); SKIP: it cannot run here, or
 * it has no control (control NONE).
 */
static void self_check_record(const struct nsc_item *it, struct nsc_result *r)
{
	char was[sizeof(r->reason)], sites[256];

	*r = it->res;
	if (it->c->no_control) {
		r->status = NSC_SKIP;
		snprintf(r->reason, sizeof(r->reason), "no control: %s", it->c->no_control);
		return;
	}
	switch (it->res.status) {
	case NSC_SKIP:
		return;
	case NSC_FAIL:
		/* Sensitive only if every isolation check of it can fire. */
		if (nsc_item_blind_sites(it, true, sites, sizeof(sites))) {
			r->status = NSC_FAIL;
			snprintf(r->reason, sizeof(r->reason),
				 "withheld 0x%llx, the case FAILed but these isolation checks never fired: %s",
				 (unsigned long long)it->c->clone_flags, sites);
			r->ndiag = 0;
			return;
		}
		r->status = NSC_PASS;
		return;
	default:
		snprintf(was, sizeof(was), "%s", it->res.reason);
		r->status = NSC_FAIL;
		snprintf(r->reason, sizeof(r->reason), "withheld 0x%llx, case reported %s%s%s",
			 (unsigned long long)it->c->clone_flags, nsc_status_name(it->res.status),
			 was[0] ? ": " : "", was);
		if (nsc_item_blind_sites(it, true, sites, sizeof(sites)))
			snprintf(r->reason + strlen(r->reason),
				 sizeof(r->reason) - strlen(r->reason), "; never fired: %s", sites);
		r->ndiag = 0;
	}
}

static int emit_ready(struct nsc_sched *s, struct nsc_sink *sink, struct nsc_run_info *run,
		      struct nsc_err *err)
{
	while (s->next_emit < s->n && s->items[s->next_emit].done) {
		const struct nsc_item *it = &s->items[s->next_emit++];
		struct nsc_result sc;
		const struct nsc_result *r = &sc;
		int ret;

		if (run->self_check)
			self_check_record(it, &sc);
		else
			sc = it->res;
		/* The case's metadata, and the kernel options a SKIP lacks. */
		nsc_result_meta(&sc, it->c, s->opts->env);
		count_status(&run->counts, r->status);
		nsc_kmsg_result(r);
		ret = nsc_sink_result(sink, r, err);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* The residue audit record, after every case process and orphan is gone. */
static int emit_audit(struct nsc_sched *s, struct nsc_sink *sink, struct nsc_run_info *run,
		      struct nsc_err *err)
{
	struct nsc_result res;
	double t0 = nsc_now();

	nsc_sched_kill_all(s);
	memset(&res, 0, sizeof(res));
	res.index = (unsigned int)s->n + 1;
	s->opts->audit(s->opts->audit_arg, &res);
	res.duration = nsc_now() - t0;
	count_status(&run->counts, res.status);
	nsc_kmsg_result(&res);
	return nsc_sink_result(sink, &res, err);
}

struct run_arg {
	struct nsc_sink *sink;
	struct nsc_run_info *run;
};

static int run_emit(struct nsc_sched *s, void *arg, struct nsc_err *err)
{
	struct run_arg *a = arg;

	return emit_ready(s, a->sink, a->run, err);
}

int nsc_run(const struct nsc_case *const *cases, size_t n, const struct nsc_runner_opts *opts,
	    struct nsc_sink *sink, struct nsc_run_info *run, int *signo, struct nsc_err *err)
{
	struct run_arg a = { sink, run };
	bool audit = opts->audit && !opts->self_check;
	struct nsc_sched s;
	double t0 = nsc_now();
	int ret;

	*signo = 0;
	run->self_check = opts->self_check;
	run->planned = (unsigned int)n + (audit ? 1 : 0);
	memset(&run->counts, 0, sizeof(run->counts));
	ret = nsc_sched_init(&s, cases, n, opts,
			     opts->self_check ? NSC_MODE_SELFCHECK : NSC_MODE_REAL, err);
	/* A case without a control has nothing to self-check. */
	for (size_t i = 0; ret >= 0 && opts->self_check && i < n; i++)
		if (cases[i]->no_control)
			s.items[i].done = true;
	if (ret >= 0)
		ret = nsc_sink_begin(sink, run, err);
	if (ret >= 0)
		ret = nsc_sched_loop(&s, run_emit, &a, err);
	/* A signal after the last case still stops the audit and marks the run. */
	if (ret >= 0 && !s.signo && nsc_sched_signals(&s))
		nsc_sched_kill_all(&s);
	if (ret >= 0 && !s.signo && audit)
		ret = emit_audit(&s, sink, run, err);
	if (ret >= 0 && !s.signo)
		nsc_sched_signals(&s);
	*signo = s.signo;
	run->interrupted = s.signo != 0;
	run->duration = nsc_now() - t0;
	if (opts->env)
		opts->env->tainted_after_known = nsc_taint_read(&opts->env->tainted_after, NULL) == 0;
	if (ret >= 0)
		ret = nsc_sink_end(sink, run, err);
	nsc_sched_free(&s);
	return ret;
}
