// SPDX-License-Identifier: GPL-2.0-only
/*
 * TAP 14 (or 13: only the version line differs, no subtests are
 * emitted): plan first, one test point per case, SKIP as "ok ... # SKIP",
 * a YAML diagnostic block after every FAIL and ERROR, "Bail out!" for
 * an interrupted run.
 */
#include <stdlib.h>

#include "backends.h"
#include "escape.h"

struct tap_priv {
	unsigned int n; /* test points written */
};

static int tap_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	struct tap_priv *p = calloc(1, sizeof(*p));

	if (!p)
		return nsc_err_set(err, ENOMEM, "TAP reporter");
	r->priv = p;
	fprintf(r->fp, "TAP version %d\n", r->opts.tap_version == 13 ? 13 : 14);
	if (run->target) {
		/* comm and label are the target's to choose: escaped like descriptions */
		fprintf(r->fp, "# target: PID %d, comm ", run->target->pid);
		nsc_tap_desc(r->fp, run->target->comm);
		fputs(", label ", r->fp);
		nsc_tap_desc(r->fp, run->target->label);
		fputc('\n', r->fp);
	}
	if (run->planned)
		fprintf(r->fp, "1..%u\n", run->planned);
	else
		fprintf(r->fp, "1..0 # SKIP no cases selected\n");
	/* After the plan: consumers look for it on the line after the version. */
	if (run->env && run->env->via)
		fprintf(r->fp, "# via %s%s\n", run->env->via, run->env->unsafe ? ", unsafe" : "");
	return 0;
}

/* "  key: value" with a YAML-quoted value, at @indent spaces. */
static void yaml_kv(FILE *fp, int indent, const char *key, const char *val)
{
	fprintf(fp, "%*s%s: ", indent, "", key);
	nsc_yaml_str(fp, val);
	fputc('\n', fp);
}

static void yaml_diag(FILE *fp, const struct nsc_diag *d)
{
	fprintf(fp, "    - where: ");
	nsc_yaml_str(fp, d->where);
	fputc('\n', fp);
	yaml_kv(fp, 6, "message", d->message);
	if (d->err)
		fprintf(fp, "      errno: %s\n", nsc_errno_name(d->err));
	if (d->expected[0])
		yaml_kv(fp, 6, "expected", d->expected);
	if (d->got[0])
		yaml_kv(fp, 6, "got", d->got);
}

/* Target cases: what was observed, as a YAML mapping. */
static void yaml_findings(FILE *fp, const struct nsc_result *res)
{
	if (!res->nfinding)
		return;
	fputs("  findings:\n", fp);
	for (unsigned int i = 0; i < res->nfinding && i < NSC_FINDING_MAX; i++)
		yaml_kv(fp, 4, res->finding[i].key, res->finding[i].value);
}

/* The case's metadata, in every YAML block. */
static void yaml_meta(FILE *fp, const struct nsc_result *res)
{
	if (res->nkconfig) {
		fputs("  kconfigs:\n", fp);
		for (unsigned int i = 0; i < res->nkconfig && i < NSC_RESULT_KCONFIG_MAX; i++) {
			fprintf(fp, "    %s: ", res->kconfig[i].name);
			if (res->kconfig[i].value)
				nsc_yaml_str(fp, res->kconfig[i].value);
			else
				fputs("null", fp);
			fputc('\n', fp);
		}
	}
	if (res->anchors && res->anchors[0]) {
		fputs("  anchors:\n", fp);
		for (const char *const *a = res->anchors; *a; a++) {
			fputs("    - ", fp);
			nsc_yaml_str(fp, *a);
			fputc('\n', fp);
		}
	}
	if (res->min_kernel)
		yaml_kv(fp, 2, "min_kernel", res->min_kernel);
	if (res->tags)
		yaml_kv(fp, 2, "tags", res->tags);
}

static bool has_meta(const struct nsc_result *res)
{
	return res->nkconfig || (res->anchors && res->anchors[0]) || res->min_kernel || res->tags;
}

/* SKIP: its hint (the options this kernel lacks among them) and metadata. */
static void yaml_skip(FILE *fp, const struct nsc_result *res)
{
	fputs("  ---\n", fp);
	if (res->hint[0])
		yaml_kv(fp, 2, "hint", res->hint);
	yaml_meta(fp, res);
	fputs("  ...\n", fp);
}

static void yaml_block(FILE *fp, const struct nsc_result *res)
{
	const struct nsc_diag *first = res->ndiag ? &res->diag[0] : NULL;
	unsigned int nd = res->ndiag < NSC_DIAG_MAX ? res->ndiag : NSC_DIAG_MAX;

	fputs("  ---\n", fp);
	yaml_kv(fp, 2, "message",
		res->reason[0] ? res->reason :
		first	       ? first->message :
				 nsc_status_name(res->status));
	fprintf(fp, "  severity: %s\n", res->status == NSC_FAIL ? "fail" : "error");
	if (res->err)
		fprintf(fp, "  errno: %s\n", nsc_errno_name(res->err));
	for (unsigned int i = 0; i < nd; i++) {
		if (res->diag[i].expected[0] || res->diag[i].got[0]) {
			yaml_kv(fp, 2, "expected", res->diag[i].expected);
			yaml_kv(fp, 2, "got", res->diag[i].got);
			break;
		}
	}
	if (first && first->where[0])
		yaml_kv(fp, 2, "where", first->where);
	else if (res->file)
		yaml_kv(fp, 2, "where", res->file);
	if (res->hint[0])
		yaml_kv(fp, 2, "hint", res->hint);
	fputs("  control:\n", fp);
	fprintf(fp, "    outcome: %s\n", nsc_control_name(res->control));
	if (res->control_detail[0])
		yaml_kv(fp, 4, "detail", res->control_detail);
	fprintf(fp, "  duration_ms: %.3f\n", nsc_secs(res->duration) * 1000.0);
	fprintf(fp, "  checks: %u\n", res->checks);
	yaml_findings(fp, res);
	yaml_meta(fp, res);
	if (nd) {
		fputs("  diagnostics:\n", fp);
		for (unsigned int i = 0; i < nd; i++)
			yaml_diag(fp, &res->diag[i]);
	}
	if (res->out && res->out_len) {
		fputs("  stdout: ", fp);
		nsc_yaml_string(fp, res->out, res->out_len);
		fputc('\n', fp);
	}
	if (res->errout && res->errout_len) {
		fputs("  stderr: ", fp);
		nsc_yaml_string(fp, res->errout, res->errout_len);
		fputc('\n', fp);
	}
	fputs("  ...\n", fp);
}

/* A pass says what made it trustworthy: the positive control's outcome. */
static void yaml_pass(FILE *fp, const struct nsc_result *res)
{
	fputs("  ---\n", fp);
	fprintf(fp, "  control: %s\n", nsc_control_name(res->control));
	fprintf(fp, "  duration_ms: %.3f\n", res->duration * 1e3);
	yaml_findings(fp, res);
	yaml_meta(fp, res);
	fputs("  ...\n", fp);
}

static int tap_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	struct tap_priv *p = r->priv;
	FILE *fp = r->fp;

	if (!p)
		return nsc_err_setx(err, EINVAL, "TAP reporter: result before begin");
	p->n++;
	fprintf(fp, "%s %u - ",
		res->status == NSC_PASS || res->status == NSC_SKIP ? "ok" : "not ok", p->n);
	nsc_tap_desc(fp, res->id);
	if (res->status == NSC_SKIP) {
		fputs(" # SKIP ", fp);
		nsc_tap_desc(fp, res->reason[0] ? res->reason : "skipped");
	}
	fputc('\n', fp);
	if (res->status == NSC_FAIL || res->status == NSC_ERROR)
		yaml_block(fp, res);
	else if (res->status == NSC_PASS &&
		 (res->control != NSC_CONTROL_NOT_RUN || res->nfinding || has_meta(res)))
		yaml_pass(fp, res);
	else if (res->status == NSC_SKIP && (res->hint[0] || has_meta(res)))
		yaml_skip(fp, res);
	nsc_report_flush(r);
	return 0;
}

static int tap_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	const struct nsc_counts *c = &run->counts;

	fprintf(r->fp, "# pass %u, fail %u, skip %u, error %u, total %u in %.3f s\n", c->pass,
		c->fail, c->skip, c->error, c->pass + c->fail + c->skip + c->error,
		nsc_secs(run->duration));
	if (run->interrupted)
		fputs("Bail out! interrupted\n", r->fp);
	nsc_report_flush(r);
	return 0;
}

static void tap_free(struct nsc_reporter *r)
{
	free(r->priv);
}

const struct nsc_reporter_ops nsc_tap_ops = {
	.name = "tap",
	.begin = tap_begin,
	.result = tap_result,
	.end = tap_end,
	.free_priv = tap_free,
};
