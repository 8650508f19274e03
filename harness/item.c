// SPDX-License-Identifier: GPL-2.0-only
/*
 * A case's item: its job's shared record read into an outcome (verdict
 * rules in verdict.c, resource and namespace-failure causes in probe.c),
 * the real run's result, the positive control folded into a passing one,
 * and the reasons a case does not run at all (scheduler.h).
 */
#include <stdlib.h>
#include <string.h>

#include "scheduler.h"
#include "via.h"

/*
 * An ERROR whose first cause was a failed namespace creation is what the
 * host cannot do (a limit, a capability, seccomp, an LSM): SKIP naming
 * it, classified in one place (nsc_probe_classify_failure).
 */
static void outcome_classify(const struct nsc_sched *sc, const struct nsc_shm *s,
			     struct nsc_verdict *v)
{
	unsigned int ns_seq = atomic_load(&s->nsfail_seq), err_seq = atomic_load(&s->error_seq);
	struct nsc_probe p;

	if (v->status == NSC_ERROR && nsc_probe_classify_resource(&p, v->err, sc->nslots)) {
		/* Not a privilege problem: which resource, how much is needed. */
		char was[sizeof(v->reason)];

		snprintf(was, sizeof(was), "%s", v->reason);
		snprintf(v->reason, sizeof(v->reason), "%s: %s", p.reason, was);
		snprintf(v->hint, sizeof(v->hint), "%s", p.hint);
		return;
	}
	if (v->why != NSC_WHY_ERROR || !ns_seq || ns_seq > err_seq || s->nsfail_err != v->err)
		return;
	if (!nsc_probe_classify_failure(&p, s->nsfail_flags, s->nsfail_err, sc->opts->rootless,
					sc->opts->env))
		return;
	v->status = NSC_SKIP;
	v->why = NSC_WHY_SKIP;
	snprintf(v->reason, sizeof(v->reason), "%s", p.reason);
	snprintf(v->hint, sizeof(v->hint), "%s", p.hint);
}

void nsc_outcome_read(const struct nsc_sched *sc, const struct nsc_job *j, struct nsc_outcome *o)
{
	const struct nsc_shm *s = j->shm;
	struct nsc_facts f = {
		.timed_out = j->timed_out,
		.timeout_s = j->timeout_s,
		.code = j->code,
		.status = j->status,
		.finished = atomic_load(&s->finished),
		.checks = atomic_load(&s->checks),
		.fail_seq = atomic_load(&s->fail_seq),
		.error_seq = atomic_load(&s->error_seq),
		.skip_seq = atomic_load(&s->skip_seq),
		.fail_msg = s->fail_msg,
		.error_msg = s->error_msg,
		.error_err = s->error_err,
		.skip_reason = s->skip_reason,
		.skip_hint = s->skip_hint,
		.skip_err = s->skip_err,
	};

	memset(o, 0, sizeof(*o));
	nsc_verdict_case(&f, &o->v);
	outcome_classify(sc, s, &o->v);
	o->shared_seq = atomic_load(&s->shared_seq);
	o->broke_seq = nsc_facts_first_seq(&f);
	snprintf(o->shared_msg, sizeof(o->shared_msg), "%s", s->shared_msg);
}

void nsc_item_take_job(struct nsc_item *it, const struct nsc_job *j, const struct nsc_outcome *o)
{
	struct nsc_result *r = &it->res;
	unsigned int nd = atomic_load(&j->shm->ndiag);

	r->status = o->v.status;
	snprintf(r->reason, sizeof(r->reason), "%s", o->v.reason);
	snprintf(r->hint, sizeof(r->hint), "%s", o->v.hint);
	r->err = o->v.err;
	r->checks = atomic_load(&j->shm->checks);
	r->ndiag = nd < NSC_DIAG_MAX ? nd : NSC_DIAG_MAX;
	memcpy(r->diag, j->shm->diag, r->ndiag * sizeof(r->diag[0]));
	nd = atomic_load(&j->shm->nfinding);
	r->nfinding = nd < NSC_FINDING_MAX ? nd : NSC_FINDING_MAX;
	memcpy(r->finding, j->shm->finding, r->nfinding * sizeof(r->finding[0]));
	if (o->v.status == NSC_ERROR && !r->ndiag && o->v.reason[0]) {
		snprintf(r->diag[0].message, sizeof(r->diag[0].message), "%s", o->v.reason);
		r->diag[0].err = o->v.err;
		r->ndiag = 1;
	}
	free((void *)r->out);
	free((void *)r->errout);
	r->out = nsc_job_capture(j->out_fd, &r->out_len);
	r->errout = nsc_job_capture(j->err_fd, &r->errout_len);
}

unsigned int nsc_item_blind_sites(const struct nsc_item *it, bool own_file, char *buf, size_t len)
{
	unsigned int n = 0, nsites = nsc_site_count();
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < nsites && i < NSC_SITES_MAX; i++) {
		const struct nsc_check_site *site = nsc_site_at(i);
		bool eval = it->eval[i / 64] & (1ULL << (i % 64));
		bool fired = it->fired[i / 64] & (1ULL << (i % 64));

		if (site->kind != NSC_CHK_ISOLATION || site->conditional || fired)
			continue;
		if (!eval && !(own_file && nsc_streq(site->file, it->c->file)))
			continue;
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s:%d", n ? ", " : "",
						site->file, site->line);
		n++;
	}
	return n;
}

/* Fold the control run into the case's (passing) result. */
void nsc_item_add_control(struct nsc_item *it, const struct nsc_outcome *o)
{
	struct nsc_result *r = &it->res;
	struct nsc_verdict v = { .status = r->status };
	struct nsc_control_facts c = {
		.blind_at = nsc_item_blind_sites(it, false, it->blind_at, sizeof(it->blind_at)) ?
				    it->blind_at :
				    NULL,
		.status = o->v.status,
		.reason = o->v.reason,
		.hint = o->v.hint,
		.err = o->v.err,
		.shared_seq = o->shared_seq,
		.broke_seq = o->broke_seq,
		.shared_msg = o->shared_msg,
	};

	r->control = nsc_verdict_control(&v, &c, r->control_detail, sizeof(r->control_detail));
	if (v.status == r->status)
		return;
	r->status = v.status;
	snprintf(r->reason, sizeof(r->reason), "%s", v.reason);
	snprintf(r->hint, sizeof(r->hint), "%s", v.hint);
	r->err = v.err;
}

void nsc_item_init(struct nsc_item *it, const struct nsc_case *c, size_t idx)
{
	memset(it, 0, sizeof(*it));
	it->c = c;
	it->res.index = (unsigned int)idx + 1;
	it->res.id = c->id;
	it->res.ns = c->ns;
	it->res.summary = c->summary;
	it->res.file = c->file;
	it->res.control = c->no_control ? NSC_CONTROL_NONE : NSC_CONTROL_NOT_RUN;
	if (c->no_control)
		snprintf(it->res.control_detail, sizeof(it->res.control_detail), "%s", c->no_control);
}

void nsc_item_skip(struct nsc_item *it, const char *reason, const char *hint, int err)
{
	it->res.status = NSC_SKIP;
	snprintf(it->res.reason, sizeof(it->res.reason), "%s", reason);
	snprintf(it->res.hint, sizeof(it->res.hint), "%s", hint ? hint : "");
	it->res.err = err;
	it->done = true;
}

/*
 * Root-only cases skip at once in rootless mode, unsafe ones without
 * --unsafe, and those bound to another creation path than --via's.
 */
bool nsc_item_runnable(struct nsc_item *it, const struct nsc_runner_opts *o)
{
	char reason[384], hint[256];

	if (it->c->needs_root && o->rootless) {
		nsc_item_skip(it, "needs root (nscheck runs rootless)",
			      "run nscheck as root without --rootless", EPERM);
		return false;
	}
	if (nsc_unsafe_skip(it->c, o->unsafe, reason, sizeof(reason), hint, sizeof(hint)) ||
	    nsc_via_skip(it->c, o->via ? o->via : NSC_VIA_CLONE3, reason, sizeof(reason), hint,
			 sizeof(hint))) {
		nsc_item_skip(it, reason, hint, 0);
		return false;
	}
	return true;
}
