// SPDX-License-Identifier: GPL-2.0-only
/*
 * The comparison matrix as one JSON document ("nscheck-compare/1"),
 * built and serialised with json-c.
 */
#include <json-c/json.h>

#include "matrix.h"

#define NSC_COMPARE_SCHEMA "nscheck-compare/1"

static int put(struct json_object *o, const char *k, struct json_object *v)
{
	if (!v)
		return -ENOMEM;
	if (json_object_object_add(o, k, v) < 0) {
		json_object_put(v);
		return -ENOMEM;
	}
	return 0;
}

static int push(struct json_object *a, struct json_object *v)
{
	if (!v)
		return -ENOMEM;
	if (json_object_array_add(a, v) < 0) {
		json_object_put(v);
		return -ENOMEM;
	}
	return 0;
}

static struct json_object *str(const char *s)
{
	return json_object_new_string(s ? s : "");
}

static struct json_object *cell(const struct nsc_matrix *m, const struct nsc_mx_cell *c)
{
	struct json_object *o = json_object_new_object(), *g;
	int ret = 0;

	if (!o)
		return NULL;
	ret |= put(o, "status", c->present ? str(nsc_status_name(c->status)) : str("absent"));
	ret |= put(o, "reason", str(c->reason));
	ret |= put(o, "hint", str(c->hint));
	ret |= put(o, "errno", str(c->err));
	ret |= put(o, "control", str(c->control));
	ret |= put(o, "diagnostics", str(c->diag));
	if (m->gate && c->mark != NSC_MARK_NONE) {
		g = json_object_new_object();
		ret |= put(o, "gate", g);
		if (g) {
			ret |= put(g, "mark", str(nsc_mx_mark_name(c->mark)));
			ret |= put(g, "fails", json_object_new_boolean(c->gate_fail));
			ret |= put(g, "note", str(c->note));
		}
	}
	if (ret) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *row(const struct nsc_matrix *m, const struct nsc_mx_row *r)
{
	struct json_object *o = json_object_new_object(), *a, *cells;
	int ret = 0;

	if (!o)
		return NULL;
	ret |= put(o, "id", str(r->id));
	ret |= put(o, "namespace", str(r->ns));
	ret |= put(o, "summary", str(r->summary));
	ret |= put(o, "kconfigs", str(r->kconfigs));
	ret |= put(o, "anchors", str(r->anchors));
	ret |= put(o, "min_kernel", str(r->min_kernel));
	ret |= put(o, "differs", json_object_new_boolean(r->differs));
	a = json_object_new_array();
	ret |= put(o, "causes", a);
	for (size_t k = 0; a && k < r->ncauses; k++)
		ret |= push(a, str(r->causes[k]));
	cells = json_object_new_array();
	ret |= put(o, "cells", cells);
	for (size_t i = 0; cells && i < m->nruns; i++)
		ret |= push(cells, cell(m, &r->cells[i]));
	if (ret) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int build(struct json_object *doc, const struct nsc_matrix *m)
{
	struct json_object *runs = json_object_new_array(), *rows, *env, *sum, *gate;
	int ret = put(doc, "schema", str(NSC_COMPARE_SCHEMA));

	ret |= put(doc, "runs", runs);
	for (size_t i = 0; runs && i < m->nruns; i++) {
		struct json_object *r = json_object_new_object();

		ret |= push(runs, r);
		if (!r)
			break;
		ret |= put(r, "label", str(m->runs[i].label));
		ret |= put(r, "conditions", str(m->runs[i].conditions));
		ret |= put(r, "report", str(m->runs[i].path));
		ret |= put(r, "interrupted", json_object_new_boolean(m->runs[i].interrupted));
	}
	rows = json_object_new_array();
	ret |= put(doc, "cases", rows);
	for (size_t r = 0; rows && r < m->nrows; r++)
		if (nsc_mx_row_shown(m, &m->rows[r]))
			ret |= push(rows, row(m, &m->rows[r]));
	env = json_object_new_array();
	ret |= put(doc, "environment", env);
	for (size_t k = 0; env && k < m->nenv; k++) {
		struct json_object *e = json_object_new_object(), *v = json_object_new_array();

		ret |= push(env, e);
		ret |= e ? put(e, "key", str(m->env[k].key)) : -ENOMEM;
		ret |= e ? put(e, "differs", json_object_new_boolean(m->env[k].differs)) : -ENOMEM;
		ret |= e ? put(e, "values", v) : (json_object_put(v), -ENOMEM);
		for (size_t i = 0; e && v && i < m->nruns; i++)
			ret |= push(v, str(m->env[k].values[i]));
	}
	sum = json_object_new_object();
	ret |= put(doc, "summary", sum);
	if (sum) {
		ret |= put(sum, "cases", json_object_new_int64((int64_t)m->nrows));
		ret |= put(sum, "differ", json_object_new_int64((int64_t)m->ndiffer));
		ret |= put(sum, "runs", json_object_new_int64((int64_t)m->nruns));
	}
	gate = m->gate ? json_object_new_object() : NULL;
	if (m->gate)
		ret |= put(doc, "gate", gate);
	else
		ret |= json_object_object_add(doc, "gate", NULL) < 0 ? -ENOMEM : 0; /* null */
	if (m->gate && gate) {
		ret |= put(gate, "failed", json_object_new_boolean(m->gate_failed));
		ret |= put(gate, "regressions", json_object_new_int64((int64_t)m->nregress));
		ret |= put(gate, "environment_skips", json_object_new_int64((int64_t)m->nenvskip));
		ret |= put(gate, "unexpected", json_object_new_int64((int64_t)m->nunexpected));
		ret |= put(gate, "expected", json_object_new_int64((int64_t)m->nexpected));
		ret |= put(gate, "xpass", json_object_new_int64((int64_t)m->nxpass));
		ret |= put(gate, "fixed", json_object_new_int64((int64_t)m->nfixed));
	}
	return ret ? -ENOMEM : 0;
}

int nsc_mx_json(FILE *fp, const struct nsc_matrix *m)
{
	struct json_object *doc = json_object_new_object();
	const char *s;
	int ret;

	if (!doc)
		return -ENOMEM;
	ret = build(doc, m);
	s = ret ? NULL :
		  json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
							      JSON_C_TO_STRING_SPACED |
							      JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!ret && !s)
		ret = -ENOMEM;
	if (!ret && (fputs(s, fp) < 0 || fputc('\n', fp) < 0))
		ret = -EIO;
	json_object_put(doc);
	return ret;
}
