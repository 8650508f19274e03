// SPDX-License-Identifier: GPL-2.0-only
/*
 * One JSON document per run, described by reports/nscheck-report.schema.json.
 * Streamed: the header and environment in begin(), one object per case
 * in result(), duration, summary and the interrupted flag in end().
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "backends.h"
#include "escape.h"

#define NSC_JSON_SCHEMA "nscheck-report/1"

struct json_priv {
	struct nsc_counts c;
	unsigned int n;
};

static void key(FILE *fp, int indent, const char *k)
{
	fprintf(fp, "%*s\"%s\": ", indent, "", k);
}

static void kv_str(FILE *fp, int indent, const char *k, const char *v, int more)
{
	key(fp, indent, k);
	nsc_json_str(fp, v);
	fputs(more ? ",\n" : "\n", fp);
}

static void kv_errno(FILE *fp, int indent, const char *k, int e, int more)
{
	key(fp, indent, k);
	if (e)
		nsc_json_str(fp, nsc_errno_name(e));
	else
		fputs("null", fp);
	fputs(more ? ",\n" : "\n", fp);
}

static void lsm_list(FILE *fp, const char *lsm)
{
	const char *p = lsm;
	int first = 1;

	fputc('[', fp);
	while (*p) {
		size_t n = strcspn(p, ",\n");

		if (n) {
			fputs(first ? "" : ", ", fp);
			nsc_json_string(fp, p, n);
			first = 0;
		}
		p += n;
		if (*p)
			p++;
	}
	fputc(']', fp);
}

static void kv_table(FILE *fp, int indent, const struct nsc_kv *kv, unsigned int n, unsigned int max)
{
	fputc('{', fp);
	for (unsigned int i = 0; i < n && i < max; i++) {
		fprintf(fp, "%s\n%*s", i ? "," : "", indent + 2, "");
		nsc_json_str(fp, kv[i].key);
		fputs(": ", fp);
		nsc_json_str(fp, kv[i].value);
	}
	if (n)
		fprintf(fp, "\n%*s", indent, "");
	fputc('}', fp);
}

static void environment(FILE *fp, const struct nsc_env *e)
{
	fputs("{\n", fp);
	kv_str(fp, 4, "hostname", e->hostname, 1);
	kv_str(fp, 4, "kernel_release", e->kernel_release, 1);
	kv_str(fp, 4, "kernel_version", e->kernel_version, 1);
	kv_str(fp, 4, "arch", e->arch, 1);
	kv_str(fp, 4, "os_id", e->os_id, 1);
	kv_str(fp, 4, "os_version_id", e->os_version_id, 1);
	kv_str(fp, 4, "os_pretty_name", e->os_pretty, 1);
	fprintf(fp, "    \"euid\": %u,\n", e->euid);
	key(fp, 4, "mode");
	if (e->mode)
		nsc_json_str(fp, e->mode);
	else
		fputs("null", fp);
	fputs(",\n", fp);
	if (e->via) {
		kv_str(fp, 4, "via", e->via, 1);
		fprintf(fp, "    \"unsafe\": %s,\n", e->unsafe ? "true" : "false");
	}
	fprintf(fp, "    \"cap_eff\": \"0x%016" PRIx64 "\",\n", e->cap_eff);
	fprintf(fp, "    \"seccomp\": %d,\n", e->seccomp);
	fputs("    \"kconfig\": {\n", fp);
	key(fp, 6, "source");
	if (e->kconfig_source[0])
		nsc_json_str(fp, e->kconfig_source);
	else
		fputs("null", fp);
	fputs(",\n      \"values\": ", fp);
	kv_table(fp, 6, e->kconfig, e->nkconfig, NSC_ENV_KCONFIG_MAX);
	fputs("\n    },\n    \"sysctl\": ", fp);
	kv_table(fp, 4, e->sysctl, e->nsysctl, NSC_ENV_SYSCTL_MAX);
	fputs(",\n    \"lsm\": ", fp);
	lsm_list(fp, e->lsm);
	if (e->tainted_known)
		fprintf(fp, ",\n    \"tainted\": %llu", e->tainted);
	else
		fputs(",\n    \"tainted\": null", fp);
	fputs("\n  }", fp);
}

static int json_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	FILE *fp = r->fp;
	char start[40];

	r->priv = calloc(1, sizeof(struct json_priv));
	if (!r->priv)
		return nsc_err_set(err, ENOMEM, "JSON reporter");
	nsc_iso8601(&run->start, start, sizeof(start));
	fputs("{\n", fp);
	kv_str(fp, 2, "schema", NSC_JSON_SCHEMA, 1);
	fputs("  \"tool\": {\"name\": \"nscheck\", \"version\": ", fp);
	nsc_json_str(fp, run->tool_version ? run->tool_version : "unknown");
	fputs("},\n", fp);
	kv_str(fp, 2, "command_line", run->command_line ? run->command_line : "", 1);
	kv_str(fp, 2, "start", start, 1);
	fprintf(fp, "  \"self_check\": %s,\n", run->self_check ? "true" : "false");
	fprintf(fp, "  \"planned\": %u,\n", run->planned);
	key(fp, 2, "environment");
	if (run->env)
		environment(fp, run->env);
	else
		fputs("null", fp);
	if (run->target) {
		const struct nsc_target_info *t = run->target;

		fprintf(fp, ",\n  \"target\": {\n    \"pid\": %d,\n", t->pid);
		kv_str(fp, 4, "comm", t->comm, 1);
		kv_str(fp, 4, "label", t->label, 1);
		kv_str(fp, 4, "container", t->container, 1);
		kv_str(fp, 4, "cgroup", t->cgroup, 0);
		fputs("  }", fp);
	}
	fputs(",\n  \"cases\": [", fp);
	return 0;
}

static void diag(FILE *fp, const struct nsc_diag *d, int more)
{
	fputs("        {\n", fp);
	kv_str(fp, 10, "where", d->where, 1);
	kv_str(fp, 10, "message", d->message, 1);
	kv_errno(fp, 10, "errno", d->err, 1);
	kv_str(fp, 10, "expected", d->expected, 1);
	kv_str(fp, 10, "got", d->got, 0);
	fprintf(fp, "        }%s\n", more ? "," : "");
}

/* The case's metadata: "kconfigs", "anchors", "min_kernel", "tags". */
static void meta(FILE *fp, const struct nsc_result *res)
{
	fputs("      \"kconfigs\": {", fp);
	for (unsigned int i = 0; i < res->nkconfig && i < NSC_RESULT_KCONFIG_MAX; i++) {
		fputs(i ? ", " : "", fp);
		nsc_json_str(fp, res->kconfig[i].name);
		fputs(": ", fp);
		if (res->kconfig[i].value)
			nsc_json_str(fp, res->kconfig[i].value);
		else
			fputs("null", fp);
	}
	fputs("},\n      \"anchors\": [", fp);
	for (const char *const *a = res->anchors; a && *a; a++) {
		fputs(a != res->anchors ? ", " : "", fp);
		nsc_json_str(fp, *a);
	}
	fputs("],\n      \"min_kernel\": ", fp);
	if (res->min_kernel)
		nsc_json_str(fp, res->min_kernel);
	else
		fputs("null", fp);
	fputs(", \"tags\": ", fp);
	if (res->tags)
		nsc_json_str(fp, res->tags);
	else
		fputs("null", fp);
	fputs(",\n", fp);
}

static int json_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	struct json_priv *p = r->priv;
	unsigned int nd = res->ndiag < NSC_DIAG_MAX ? res->ndiag : NSC_DIAG_MAX;
	FILE *fp = r->fp;

	if (!p)
		return nsc_err_setx(err, EINVAL, "JSON reporter: result before begin");
	p->c.pass += res->status == NSC_PASS;
	p->c.fail += res->status == NSC_FAIL;
	p->c.skip += res->status == NSC_SKIP;
	p->c.error += res->status == NSC_ERROR;
	fprintf(fp, "%s\n    {\n", p->n++ ? "," : "");
	kv_str(fp, 6, "id", res->id ? res->id : "", 1);
	kv_str(fp, 6, "namespace", res->ns ? res->ns : "", 1);
	kv_str(fp, 6, "summary", res->summary ? res->summary : "", 1);
	kv_str(fp, 6, "file", res->file ? res->file : "", 1);
	kv_str(fp, 6, "status", nsc_status_name(res->status), 1);
	kv_str(fp, 6, "reason", res->reason, 1);
	kv_str(fp, 6, "hint", res->hint, 1);
	kv_errno(fp, 6, "errno", res->err, 1);
	fprintf(fp, "      \"duration_s\": %.6f,\n", nsc_secs(res->duration));
	fprintf(fp, "      \"checks\": %u,\n", res->checks);
	fprintf(fp, "      \"control\": {\"outcome\": \"%s\", \"detail\": ",
		nsc_control_name(res->control));
	nsc_json_str(fp, res->control_detail);
	fputs("},\n", fp);
	meta(fp, res);
	fputs("      \"diagnostics\": [", fp);
	if (nd)
		fputc('\n', fp);
	for (unsigned int i = 0; i < nd; i++)
		diag(fp, &res->diag[i], i + 1 < nd);
	fprintf(fp, "%s],\n", nd ? "      " : "");
	if (res->nfinding) {
		key(fp, 6, "findings");
		kv_table(fp, 6, res->finding, res->nfinding, NSC_FINDING_MAX);
		fputs(",\n", fp);
	}
	key(fp, 6, "stdout");
	nsc_json_string(fp, res->out_len ? res->out : NULL, res->out_len);
	fputs(",\n", fp);
	key(fp, 6, "stderr");
	nsc_json_string(fp, res->errout_len ? res->errout : NULL, res->errout_len);
	fputs("\n    }", fp);
	return 0;
}

static int json_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	struct json_priv *p = r->priv;
	FILE *fp = r->fp;

	if (!p)
		return nsc_err_setx(err, EINVAL, "JSON reporter: end before begin");
	fprintf(fp, "%s],\n", p->n ? "\n  " : "");
	fprintf(fp, "  \"duration_s\": %.6f,\n", nsc_secs(run->duration));
	fprintf(fp, "  \"interrupted\": %s,\n", run->interrupted ? "true" : "false");
	if (run->env && run->env->tainted_after_known)
		fprintf(fp, "  \"tainted_after\": %llu,\n", run->env->tainted_after);
	else
		fputs("  \"tainted_after\": null,\n", fp);
	fprintf(fp,
		"  \"summary\": {\"pass\": %u, \"fail\": %u, \"skip\": %u, \"error\": %u, \"total\": %u}\n",
		p->c.pass, p->c.fail, p->c.skip, p->c.error, p->n);
	fputs("}\n", fp);
	return 0;
}

static void json_free(struct nsc_reporter *r)
{
	free(r->priv);
}

const struct nsc_reporter_ops nsc_json_ops = {
	.name = "json",
	.begin = json_begin,
	.result = json_result,
	.end = json_end,
	.free_priv = json_free,
};
