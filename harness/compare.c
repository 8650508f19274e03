// SPDX-License-Identifier: GPL-2.0-only
/*
 * The comparison matrix of several JSON reports: rows are the union of
 * case ids, columns the runs, and for each row that differs the
 * environment facts that explain it (a kernel config option of the case,
 * its .min_kernel against the kernel release, or an environment value
 * that its SKIP reason names: seccomp, euid, LSMs, sysctls).
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

const char *nsc_compare_own(struct nsc_comparison *c, char *s)
{
	if (!s)
		return NULL;
	if (c->nowned == c->owned_cap) {
		size_t cap = c->owned_cap ? c->owned_cap * 2 : 256;
		char **p = realloc(c->owned, cap * sizeof(*p));

		if (!p) {
			free(s);
			return NULL;
		}
		c->owned = p;
		c->owned_cap = cap;
	}
	c->owned[c->nowned++] = s;
	return s;
}

bool nsc_compare_match(const char *id, const char *const *pats, size_t npats)
{
	for (size_t i = 0; i < npats; i++)
		if (!fnmatch(pats[i], id, 0))
			return true;
	return false;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted unique strings of @v (in place); returns the new count. */
static size_t uniq(const char **v, size_t n)
{
	size_t k = 0;

	qsort(v, n, sizeof(*v), str_cmp);
	for (size_t i = 0; i < n; i++)
		if (!k || strcmp(v[k - 1], v[i]))
			v[k++] = v[i];
	return k;
}

static int runs_init(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t nruns,
		     const struct nsc_compare_opts *o)
{
	c->m.runs = calloc(nruns, sizeof(*c->m.runs));
	if (!c->m.runs || !nsc_compare_own(c, (char *)c->m.runs))
		return -ENOMEM;
	c->m.nruns = nruns;
	for (size_t i = 0; i < nruns; i++) {
		const struct nsc_runfile *r = &runs[i];
		struct nsc_mx_run *mr = &c->m.runs[i];
		char *s;

		if (i < o->nlabels && o->labels[i])
			mr->label = o->labels[i];
		else if (asprintf(&s, "%s%s%s%s%s", r->target, *r->target ? " on " : "",
				  *r->kernel_release ? r->kernel_release : "?", *r->os ? " " : "",
				  r->os) < 0 ||
			 !(mr->label = nsc_compare_own(c, s)))
			return -ENOMEM;
		if (asprintf(&s, "%s%s, %s%s", r->rootless ? "rootless" : "root",
			     r->seccomp == 2 ? ", seccomp" : "", r->via,
			     r->interrupted ? ", interrupted" : "") < 0 ||
		    !(mr->conditions = nsc_compare_own(c, s)))
			return -ENOMEM;
		mr->path = r->path;
		mr->interrupted = r->interrupted;
	}
	return 0;
}

/* Keys that name the run rather than explain a result. */
static bool env_shown(const char *key)
{
	return strcmp(key, "kernel_version") != 0;
}

static int env_init(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t nruns)
{
	size_t total = 0, n;
	const char **keys;

	for (size_t i = 0; i < nruns; i++)
		total += runs[i].nenv;
	keys = calloc(total + 1, sizeof(*keys));
	if (!keys || !nsc_compare_own(c, (char *)keys))
		return -ENOMEM;
	n = 0;
	for (size_t i = 0; i < nruns; i++)
		for (size_t j = 0; j < runs[i].nenv; j++)
			if (env_shown(runs[i].env_key[j]))
				keys[n++] = runs[i].env_key[j];
	n = uniq(keys, n);
	c->m.env = calloc(n + 1, sizeof(*c->m.env));
	if (!c->m.env || !nsc_compare_own(c, (char *)c->m.env))
		return -ENOMEM;
	for (size_t k = 0; k < n; k++) {
		const char **vals = calloc(nruns, sizeof(*vals));

		if (!vals || !nsc_compare_own(c, (char *)vals))
			return -ENOMEM;
		c->m.env[k].key = keys[k];
		c->m.env[k].values = vals;
		for (size_t i = 0; i < nruns; i++) {
			const char *v = nsc_runfile_env(&runs[i], keys[k]);

			vals[i] = v ? v : "";
			if (i && strcmp(vals[i], vals[0]))
				c->m.env[k].differs = true;
		}
	}
	c->m.nenv = n;
	return 0;
}

/* "y [1,2], n [3]": @vals grouped by value. */
static char *grouped(const char *const *vals, size_t n)
{
	size_t len = 0;
	char *s = NULL;
	FILE *fp = open_memstream(&s, &len);
	bool first = true;

	if (!fp)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < i && strcmp(vals[j], vals[i]); j++)
			;
		if (j < i)
			continue;
		fprintf(fp, "%s%s [", first ? "" : ", ", *vals[i] ? vals[i] : "(none)");
		first = false;
		for (j = i; j < n; j++)
			if (!strcmp(vals[j], vals[i]))
				fprintf(fp, "%s%zu", j == i ? "" : ",", j + 1);
		fputc(']', fp);
	}
	if (fclose(fp)) {
		free(s);
		return NULL;
	}
	return s;
}

static bool has_any(const char *text, const char *const *words)
{
	for (; *words; words++)
		if (strcasestr(text, *words))
			return true;
	return false;
}

bool nsc_env_relevant(const char *key, const char *text)
{
	static const char *const priv[] = { "root", "privilege", "CAP_", "capabilit", NULL };
	static const char *const lsm[] = { "apparmor", "selinux", "lsm", "smack", "landlock", NULL };
	static const char *const sec[] = { "seccomp", NULL };

	if (!strcmp(key, "seccomp"))
		return has_any(text, sec);
	if (!strcmp(key, "euid") || !strcmp(key, "cap_eff"))
		return has_any(text, priv);
	if (!strcmp(key, "lsm"))
		return has_any(text, lsm);
	return strlen(key) > 3 && strstr(text, key);
}

/* The reasons and hints of a row's cells, for nsc_env_relevant(). */
static char *row_text(const struct nsc_mx_row *row, size_t nruns)
{
	size_t len = 0;
	char *s = NULL;
	FILE *fp = open_memstream(&s, &len);

	if (!fp)
		return NULL;
	for (size_t i = 0; i < nruns; i++)
		if (row->cells[i].present && row->cells[i].status != NSC_PASS)
			fprintf(fp, "%s\n%s\n%s\n", row->cells[i].reason, row->cells[i].hint,
				row->cells[i].diag);
	if (fclose(fp)) {
		free(s);
		return NULL;
	}
	return s;
}

/* Append "@what: @g" (takes @g) to the row's causes. */
static int add_cause(struct nsc_comparison *c, const char ***causes, size_t *n, const char *what,
		     char *g)
{
	const char **p;
	char *s = NULL;

	if (!g || asprintf(&s, "%s: %s", what, g) < 0) {
		free(g);
		return -ENOMEM;
	}
	free(g);
	if (!nsc_compare_own(c, s))
		return -ENOMEM;
	p = realloc(*causes, (*n + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	p[(*n)++] = s;
	*causes = p;
	return 0;
}

/* Why @row differs: config options, .min_kernel, named environment values. */
static int explain(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t nruns,
		   struct nsc_mx_row *row, const struct nsc_rcase *meta)
{
	const char **vals = calloc(nruns, sizeof(*vals)), **causes = NULL;
	char *text = row_text(row, nruns), what[64];
	size_t n = 0;
	int ret = -ENOMEM;

	if (!vals || !text)
		goto out;
	for (const char *const *k = meta->kconfigs; *k; k++) {
		bool differ = false;

		for (size_t i = 0; i < nruns; i++) {
			const char *v = nsc_runfile_env(&runs[i], *k);

			vals[i] = v ? v : "?";
			differ |= i && strcmp(vals[i], vals[0]);
		}
		if (differ && add_cause(c, &causes, &n, *k, grouped(vals, nruns)) < 0)
			goto out;
	}
	if (*meta->min_kernel) {
		bool older = false;

		for (size_t i = 0; i < nruns; i++) {
			older |= nsc_kver_cmp(runs[i].kernel_release, meta->min_kernel) < 0;
			vals[i] = *runs[i].kernel_release ? runs[i].kernel_release : "?";
		}
		snprintf(what, sizeof(what), "needs Linux >= %.32s", meta->min_kernel);
		if (older && add_cause(c, &causes, &n, what, grouped(vals, nruns)) < 0)
			goto out;
	}
	for (size_t k = 0; k < c->m.nenv; k++) {
		const struct nsc_mx_env *e = &c->m.env[k];
		bool listed = false;

		if (!e->differs || !nsc_env_relevant(e->key, text))
			continue;
		for (const char *const *kc = meta->kconfigs; *kc; kc++)
			listed |= !strcmp(*kc, e->key);
		if (!listed && add_cause(c, &causes, &n, e->key, grouped(e->values, nruns)) < 0)
			goto out;
	}
	ret = 0;
out:
	if (causes && !nsc_compare_own(c, (char *)causes))
		ret = -ENOMEM;
	row->causes = ret ? NULL : causes;
	row->ncauses = ret ? 0 : n;
	free(vals);
	free(text);
	return ret;
}

static void cell_fill(struct nsc_mx_cell *cell, const struct nsc_rcase *rc)
{
	static const char none[] = "";

	cell->reason = cell->hint = cell->err = cell->control = cell->diag = cell->note = none;
	cell->status = NSC_SKIP;
	if (!rc)
		return;
	cell->present = true;
	cell->status = rc->status;
	cell->reason = rc->reason;
	cell->hint = rc->hint;
	cell->err = rc->err;
	cell->control = rc->control;
	cell->diag = rc->diag;
}

static int row_init(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t nruns,
		    struct nsc_mx_row *row, const char *id)
{
	const struct nsc_rcase *meta = NULL;
	static const char *const none[] = { NULL };
	struct nsc_rcase empty = { .kconfigs = none, .min_kernel = "", .anchors = "" };
	char *kc;

	row->id = id;
	row->cells = calloc(nruns, sizeof(*row->cells));
	if (!row->cells || !nsc_compare_own(c, (char *)row->cells))
		return -ENOMEM;
	for (size_t i = 0; i < nruns; i++) {
		const struct nsc_rcase *rc = nsc_runfile_case(&runs[i], id);

		cell_fill(&row->cells[i], rc);
		if (rc && !meta)
			meta = rc;
		if (i && (row->cells[i].present != row->cells[0].present ||
			  row->cells[i].status != row->cells[0].status))
			row->differs = true;
	}
	if (!meta)
		meta = &empty;
	row->ns = meta->ns ? meta->ns : "";
	row->summary = meta->summary ? meta->summary : "";
	row->anchors = meta->anchors;
	row->min_kernel = meta->min_kernel;
	kc = NULL;
	for (const char *const *k = meta->kconfigs; *k; k++) {
		char *t;

		if (asprintf(&t, "%s%s%s", kc ? kc : "", kc ? " " : "", *k) < 0) {
			free(kc);
			return -ENOMEM;
		}
		free(kc);
		kc = t;
	}
	row->kconfigs = kc ? nsc_compare_own(c, kc) : "";
	if (!row->kconfigs)
		return -ENOMEM;
	return row->differs ? explain(c, runs, nruns, row, meta) : 0;
}

int nsc_compare_build(const struct nsc_runfile *runs, size_t nruns,
		      const struct nsc_compare_opts *opts, struct nsc_comparison *c,
		      struct nsc_err *err)
{
	size_t total = 0, n = 0;
	const char **ids;

	memset(c, 0, sizeof(*c));
	c->m.only_diff = opts->only_diff;
	if (runs_init(c, runs, nruns, opts) < 0 || env_init(c, runs, nruns) < 0)
		goto nomem;
	for (size_t i = 0; i < nruns; i++)
		total += runs[i].ncases;
	ids = calloc(total + 1, sizeof(*ids));
	if (!ids || !nsc_compare_own(c, (char *)ids))
		goto nomem;
	for (size_t i = 0; i < nruns; i++)
		for (size_t j = 0; j < runs[i].ncases; j++)
			if (!nsc_compare_match(runs[i].cases[j].id, opts->skip, opts->nskip))
				ids[n++] = runs[i].cases[j].id;
	n = uniq(ids, n);
	c->m.rows = calloc(n + 1, sizeof(*c->m.rows));
	if (!c->m.rows || !nsc_compare_own(c, (char *)c->m.rows))
		goto nomem;
	for (size_t r = 0; r < n; r++) {
		if (row_init(c, runs, nruns, &c->m.rows[r], ids[r]) < 0)
			goto nomem;
		c->m.ndiffer += c->m.rows[r].differs;
	}
	c->m.nrows = n;
	if (opts->baseline || opts->expect)
		nsc_gate_apply(c, runs, nruns, opts);
	return 0;
nomem:
	nsc_compare_free(c);
	return nsc_err_set(err, ENOMEM, "compare");
}

void nsc_compare_free(struct nsc_comparison *c)
{
	for (size_t i = 0; i < c->nowned; i++)
		free(c->owned[i]);
	free(c->owned);
	memset(c, 0, sizeof(*c));
}
