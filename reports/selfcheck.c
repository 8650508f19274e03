// SPDX-License-Identifier: GPL-2.0-only
/*
 * The --self-check lines: one per case, then the summary.  In a
 * self-check run the records judge the cases, not the kernel (the
 * runner withheld each case's namespaces): PASS = the case detected the
 * missing namespace (sensitive), FAIL = it did not (BLIND), SKIP = it
 * cannot run here, or it has no control ("n/a", control NONE).
 */
#include "backends.h"
#include "escape.h"

static int sc_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	return 0;
}

static const char *sc_label(const struct nsc_result *res)
{
	switch (res->status) {
	case NSC_PASS:
		return "sensitive";
	case NSC_FAIL:
		return "BLIND";
	case NSC_SKIP:
		return res->control == NSC_CONTROL_NONE ? "n/a" : "skip";
	case NSC_ERROR:
		break;
	}
	return "ERROR";
}

static int sc_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	if (r->opts.quiet)
		return 0;
	fprintf(r->fp, "%-10s ", sc_label(res));
	nsc_term_text(r->fp, res->id);
	fputs("  (", r->fp);
	nsc_term_text(r->fp, res->reason);
	fputs(")\n", r->fp);
	nsc_report_flush(r);
	return 0;
}

static int sc_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	const struct nsc_counts *c = &run->counts;

	fprintf(r->fp, "self-check: %u/%u cases detect a missing namespace%s\n", c->pass,
		c->pass + c->fail, run->interrupted ? " (interrupted)" : "");
	nsc_report_flush(r);
	return 0;
}

const struct nsc_reporter_ops nsc_selfcheck_ops = {
	.name = "selfcheck",
	.begin = sc_begin,
	.result = sc_result,
	.end = sc_end,
};
