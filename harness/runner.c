// SPDX-License-Identifier: GPL-2.0-only
/*
 * The runner: never unshares or setns itself.  A normal run feeds the
 * reporters in case order (then the residue audit record); --self-check
 * runs every case with its flags withheld and wants FAIL.  Scheduling is
 * in scheduler.c.
 */
#include <stdlib.h>
#include <string.h>

#include "scheduler.h"

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

static int emit_ready(struct nsc_sched *s, struct nsc_reporter *const *reps, size_t nreps,
		      struct nsc_run_info *run, struct nsc_err *err)
{
	while (s->next_emit < s->n && s->items[s->next_emit].done) {
		const struct nsc_result *r = &s->items[s->next_emit++].res;

		count_status(&run->counts, r->status);
		for (size_t i = 0; i < nreps; i++) {
			int ret = reps[i]->ops->result(reps[i], r, err);

			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

/* The residue audit record, after every case process and orphan is gone. */
static int emit_audit(struct nsc_sched *s, struct nsc_reporter *const *reps, size_t nreps,
		      struct nsc_run_info *run, struct nsc_err *err)
{
	struct nsc_result res;
	double t0 = nsc_now();
	int ret = 0;

	nsc_sched_kill_all(s);
	memset(&res, 0, sizeof(res));
	res.index = (unsigned int)s->n + 1;
	s->opts->audit(s->opts->audit_arg, &res);
	res.duration = nsc_now() - t0;
	count_status(&run->counts, res.status);
	for (size_t i = 0; ret >= 0 && i < nreps; i++)
		ret = reps[i]->ops->result(reps[i], &res, err);
	return ret;
}

struct run_arg {
	struct nsc_reporter *const *reps;
	size_t nreps;
	struct nsc_run_info *run;
};

static int run_emit(struct nsc_sched *s, void *arg, struct nsc_err *err)
{
	struct run_arg *a = arg;

	return emit_ready(s, a->reps, a->nreps, a->run, err);
}

int nsc_run(const struct nsc_case *const *cases, size_t n, const struct nsc_runner_opts *opts,
	    struct nsc_reporter *const *reps, size_t nreps, struct nsc_run_info *run, int *signo,
	    struct nsc_err *err)
{
	struct run_arg a = { reps, nreps, run };
	struct nsc_sched s;
	double t0 = nsc_now();
	int ret;

	*signo = 0;
	run->planned = (unsigned int)n + (opts->audit ? 1 : 0);
	memset(&run->counts, 0, sizeof(run->counts));
	ret = nsc_sched_init(&s, cases, n, opts, NSC_MODE_REAL, err);
	for (size_t i = 0; ret >= 0 && i < nreps; i++)
		ret = reps[i]->ops->begin(reps[i], run, err);
	if (ret >= 0)
		ret = nsc_sched_loop(&s, run_emit, &a, err);
	if (ret >= 0 && !s.signo && opts->audit)
		ret = emit_audit(&s, reps, nreps, run, err);
	*signo = s.signo;
	run->interrupted = s.signo != 0;
	run->duration = nsc_now() - t0;
	for (size_t i = 0; ret >= 0 && i < nreps; i++)
		ret = reps[i]->ops->end(reps[i], run, err);
	nsc_sched_free(&s);
	return ret;
}

struct self_arg {
	FILE *out;
	size_t next, sensitive, total, blind;
};

static int self_emit(struct nsc_sched *s, void *arg, struct nsc_err *err)
{
	struct self_arg *a = arg;

	for (; a->next < s->n && s->items[a->next].done; a->next++) {
		const struct nsc_item *it = &s->items[a->next];
		const struct nsc_result *r = &it->res;

		if (it->c->no_control) {
			fprintf(a->out, "n/a        %s  (%s)\n", r->id, it->c->no_control);
		} else if (r->status == NSC_SKIP) {
			fprintf(a->out, "skip       %s  (%s)\n", r->id, r->reason);
		} else if (r->status == NSC_FAIL) {
			a->total++;
			a->sensitive++;
			fprintf(a->out, "sensitive  %s  (%s)\n", r->id, r->reason);
		} else {
			a->total++;
			a->blind++;
			fprintf(a->out, "BLIND      %s  (withheld 0x%llx, case reported %s%s%s)\n",
				r->id, (unsigned long long)it->c->clone_flags,
				nsc_status_name(r->status), r->reason[0] ? ": " : "", r->reason);
		}
		fflush(a->out);
	}
	return 0;
}

int nsc_self_check(const struct nsc_case *const *cases, size_t n,
		   const struct nsc_runner_opts *opts, FILE *out, int *signo, struct nsc_err *err)
{
	struct self_arg a = { out, 0, 0, 0, 0 };
	struct nsc_sched s;
	int ret;

	ret = nsc_sched_init(&s, cases, n, opts, NSC_MODE_SELFCHECK, err);
	for (size_t i = 0; ret >= 0 && i < n; i++) {
		if (cases[i]->no_control)
			s.items[i].done = true;
	}
	if (ret >= 0)
		ret = nsc_sched_loop(&s, self_emit, &a, err);
	*signo = s.signo;
	nsc_sched_free(&s);
	if (ret < 0)
		return ret;
	fprintf(out, "self-check: %zu/%zu cases detect a missing namespace\n", a.sensitive, a.total);
	return (int)a.blind;
}
