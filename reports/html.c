// SPDX-License-Identifier: GPL-2.0-only
/*
 * --html FILE: the run as one self-contained HTML page, the comparison
 * matrix of reports/mx_html.c with a single column.  Records are copied
 * as they come (a reporter sees each record once) and the page is
 * written at end(), with the environment header of the run.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "matrix.h"
#include "reporter.h"

struct html_row {
	struct nsc_mx_row row;
	struct nsc_mx_cell cell;
};

struct html_priv {
	struct html_row *rows;
	size_t n, cap;
	char **owned; /* every string below is one of these */
	size_t nowned, owned_cap;
	struct nsc_mx_env *env;
	size_t nenv, env_cap;
	const char *label, *conditions;
};

static const char *keep(struct html_priv *p, char *s)
{
	if (!s)
		return NULL;
	if (p->nowned == p->owned_cap) {
		size_t cap = p->owned_cap ? p->owned_cap * 2 : 256;
		char **o = realloc(p->owned, cap * sizeof(*o));

		if (!o) {
			free(s);
			return NULL;
		}
		p->owned = o;
		p->owned_cap = cap;
	}
	p->owned[p->nowned++] = s;
	return s;
}

static const char *dup(struct html_priv *p, const char *s)
{
	return keep(p, strdup(s ? s : ""));
}

static __attribute__((format(printf, 2, 3))) const char *fmt(struct html_priv *p, const char *f, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, f);
	n = vasprintf(&s, f, ap);
	va_end(ap);
	return n < 0 ? NULL : keep(p, s);
}

static int env_add(struct html_priv *p, const char *key, const char *val)
{
	const char **v;

	if (p->nenv == p->env_cap) {
		size_t cap = p->env_cap ? p->env_cap * 2 : 64;
		struct nsc_mx_env *e = realloc(p->env, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		p->env = e;
		p->env_cap = cap;
	}
	v = calloc(1, sizeof(*v));
	if (!v || !keep(p, (char *)v))
		return -ENOMEM;
	v[0] = dup(p, val);
	if (!v[0] || !(key = dup(p, key)))
		return -ENOMEM;
	p->env[p->nenv++] = (struct nsc_mx_env){ .key = key, .values = v };
	return 0;
}

static int env_fill(struct html_priv *p, const struct nsc_env *e)
{
	char num[64];
	int ret = 0;

	ret |= env_add(p, "kernel_release", e->kernel_release);
	ret |= env_add(p, "kernel_version", e->kernel_version);
	ret |= env_add(p, "os", e->os_pretty);
	ret |= env_add(p, "arch", e->arch);
	snprintf(num, sizeof(num), "%u", e->euid);
	ret |= env_add(p, "euid", num);
	ret |= env_add(p, "mode", e->mode ? e->mode : "");
	snprintf(num, sizeof(num), "0x%016" PRIx64, e->cap_eff);
	ret |= env_add(p, "cap_eff", num);
	snprintf(num, sizeof(num), "%d", e->seccomp);
	ret |= env_add(p, "seccomp", num);
	ret |= env_add(p, "lsm", e->lsm);
	ret |= env_add(p, "kconfig source", e->kconfig_source);
	for (unsigned int i = 0; i < e->nkconfig && i < NSC_ENV_KCONFIG_MAX; i++)
		ret |= env_add(p, e->kconfig[i].key, e->kconfig[i].value);
	for (unsigned int i = 0; i < e->nsysctl && i < NSC_ENV_SYSCTL_MAX; i++)
		ret |= env_add(p, e->sysctl[i].key, e->sysctl[i].value);
	return ret ? -ENOMEM : 0;
}

static int html_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	struct html_priv *p = calloc(1, sizeof(*p));
	const struct nsc_env *e = run->env;

	if (!p)
		return nsc_err_set(err, ENOMEM, "HTML reporter");
	r->priv = p;
	p->label = e ? fmt(p, "%s %s%s", e->kernel_release, e->os_id, e->os_version_id) : "";
	p->conditions = e ? fmt(p, "%s%s", e->mode ? e->mode : (e->euid ? "rootless" : "root"),
				e->seccomp == 2 ? ", seccomp" : "") :
			    "";
	if (!p->label || !p->conditions || (e && env_fill(p, e) < 0))
		return nsc_err_set(err, ENOMEM, "HTML reporter");
	return 0;
}

static const char *diag_text(struct html_priv *p, const struct nsc_result *res)
{
	size_t len = 0, nd = res->ndiag < NSC_DIAG_MAX ? res->ndiag : NSC_DIAG_MAX;
	char *s = NULL;
	FILE *fp = open_memstream(&s, &len);

	if (!fp)
		return NULL;
	for (size_t i = 0; i < nd; i++) {
		const struct nsc_diag *d = &res->diag[i];

		fprintf(fp, "%s%s: %s", i ? "\n" : "", d->where, d->message);
		if (d->err)
			fprintf(fp, " (%s)", nsc_errno_name(d->err));
		if (d->expected[0])
			fprintf(fp, " expected %s", d->expected);
		if (d->got[0])
			fprintf(fp, " got %s", d->got);
	}
	for (unsigned int i = 0; i < res->nfinding && i < NSC_FINDING_MAX; i++)
		fprintf(fp, "%sfinding %s: %s", nd || i ? "\n" : "", res->finding[i].key,
			res->finding[i].value);
	if (fclose(fp)) {
		free(s);
		return NULL;
	}
	return keep(p, s);
}

static const char *meta_text(struct html_priv *p, const struct nsc_result *res, bool anchors)
{
	size_t len = 0;
	char *s = NULL;
	FILE *fp = open_memstream(&s, &len);

	if (!fp)
		return NULL;
	if (anchors)
		for (size_t i = 0; res->anchors && res->anchors[i]; i++)
			fprintf(fp, "%s%s", i ? ", " : "", res->anchors[i]);
	else
		for (unsigned int i = 0; i < res->nkconfig && i < NSC_RESULT_KCONFIG_MAX; i++)
			fprintf(fp, "%s%s=%s", i ? " " : "", res->kconfig[i].name,
				res->kconfig[i].value ? res->kconfig[i].value : "?");
	if (fclose(fp)) {
		free(s);
		return NULL;
	}
	return keep(p, s);
}

static int html_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	struct html_priv *p = r->priv;
	struct html_row *h;

	if (!p)
		return nsc_err_setx(err, EINVAL, "HTML reporter: result before begin");
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct html_row *rows = realloc(p->rows, cap * sizeof(*rows));

		if (!rows)
			return nsc_err_set(err, ENOMEM, "HTML reporter");
		p->rows = rows;
		p->cap = cap;
	}
	h = &p->rows[p->n];
	memset(h, 0, sizeof(*h));
	h->row.id = dup(p, res->id);
	h->row.ns = dup(p, res->ns);
	h->row.summary = dup(p, res->summary);
	h->row.kconfigs = meta_text(p, res, false);
	h->row.anchors = meta_text(p, res, true);
	h->row.min_kernel = dup(p, res->min_kernel);
	h->cell.present = true;
	h->cell.status = res->status;
	h->cell.reason = dup(p, res->reason);
	h->cell.hint = dup(p, res->hint);
	h->cell.err = dup(p, res->err ? nsc_errno_name(res->err) : "");
	h->cell.control = fmt(p, "%s%s%s", nsc_control_name(res->control),
			      res->control_detail[0] ? ": " : "", res->control_detail);
	h->cell.diag = diag_text(p, res);
	h->cell.note = "";
	if (!h->row.id || !h->row.ns || !h->row.summary || !h->row.kconfigs || !h->row.anchors ||
	    !h->row.min_kernel || !h->cell.reason || !h->cell.hint || !h->cell.err ||
	    !h->cell.control || !h->cell.diag)
		return nsc_err_set(err, ENOMEM, "HTML reporter");
	p->n++;
	return 0;
}

static int html_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	struct html_priv *p = r->priv;
	struct nsc_mx_row *rows;
	struct nsc_mx_run col;
	struct nsc_matrix m;
	int ret;

	if (!p)
		return nsc_err_setx(err, EINVAL, "HTML reporter: end before begin");
	rows = calloc(p->n + 1, sizeof(*rows));
	if (!rows)
		return nsc_err_set(err, ENOMEM, "HTML reporter");
	for (size_t i = 0; i < p->n; i++) {
		rows[i] = p->rows[i].row;
		rows[i].cells = &p->rows[i].cell;
	}
	col = (struct nsc_mx_run){ .label = p->label,
				   .conditions = p->conditions,
				   .path = "",
				   .interrupted = run->interrupted };
	m = (struct nsc_matrix){ .title = "nscheck run",
				 .runs = &col,
				 .nruns = 1,
				 .rows = rows,
				 .nrows = p->n,
				 .env = p->env,
				 .nenv = p->nenv };
	ret = nsc_mx_write(r->fp, &m, NSC_MX_HTML, 0, err);
	free(rows);
	return ret;
}

static void html_free(struct nsc_reporter *r)
{
	struct html_priv *p = r->priv;

	if (!p)
		return;
	for (size_t i = 0; i < p->nowned; i++)
		free(p->owned[i]);
	free(p->owned);
	free(p->rows);
	free(p->env);
	free(p);
}

const struct nsc_reporter_ops nsc_html_ops = {
	.name = "html",
	.begin = html_begin,
	.result = html_result,
	.end = html_end,
	.free_priv = html_free,
};
