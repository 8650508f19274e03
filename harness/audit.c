// SPDX-License-Identifier: GPL-2.0-only
/*
 * Residue audit (see audit.h): comparing two snapshots (taken by
 * audit_snap.c) into the env.host_residue record.  A snapshot is a
 * sorted list of items (kind, key, value); two are compared by a merge.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_int.h"
#include "base.h"
#include "taint.h"

void nsc_audit_free(struct nsc_audit *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->items[i].key);
		free(a->items[i].val);
	}
	free(a->items);
	free(a->out);
	free(a->text);
	free(a);
}

size_t nsc_audit_count(const struct nsc_audit *a)
{
	return a ? a->n : 0;
}

const char *nsc_audit_item(const struct nsc_audit *a, size_t i)
{
	struct nsc_audit *m = (struct nsc_audit *)a;
	const struct nsc_audit_item *it;

	if (!a || i >= a->n)
		return NULL;
	it = &a->items[i];
	free(m->text);
	if (asprintf(&m->text, "%s %s%s%s", it->kind, it->key, it->key[0] && it->val[0] ? " " : "",
		     it->val) < 0)
		m->text = NULL;
	return m->text;
}

/* Accumulates the differences into the record and a full text list. */
struct diff {
	struct nsc_result *res;
	FILE *out;
	unsigned int n;
	char kinds[160];
};

static void diff_add(struct diff *d, const char *kind, const char *what, const char *before,
		     const char *after, const char *fmt, ...)
{
	struct nsc_result *r = d->res;
	char msg[NSC_DIAG_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(d->out, "%s\n", msg);
	if (!strstr(d->kinds, kind)) {
		size_t l = strlen(d->kinds);

		snprintf(d->kinds + l, sizeof(d->kinds) - l, "%s%s", l ? ", " : "", kind);
	}
	d->n++;
	if (r->ndiag < NSC_DIAG_MAX) {
		struct nsc_diag *g = &r->diag[r->ndiag++];

		snprintf(g->where, sizeof(g->where), "%s", what);
		snprintf(g->message, sizeof(g->message), "%s", msg);
		snprintf(g->expected, sizeof(g->expected), "%s", before);
		snprintf(g->got, sizeof(g->got), "%s", after);
	}
}

static const char *source_of(const char *kind)
{
	for (size_t i = 0; i < nsc_audit_nsources; i++)
		if (!strcmp(nsc_audit_sources[i].kind, kind))
			return nsc_audit_sources[i].from;
	return "?";
}

/* A taint that appeared during the run, named bit by bit. */
static void taint_diff(struct diff *d, const char *before, const char *after)
{
	unsigned long long b = 0, a = 0;
	char what[NSC_DIAG_TEXT - 64];

	if (nsc_taint_parse(before, &b) < 0 || nsc_taint_parse(after, &a) < 0)
		return;
	nsc_taint_describe(a & ~b, what, sizeof(what));
	diff_add(d, "kernel taint", source_of("taint"), before, after,
		 "kernel taint appeared during the run: %s", what);
}

static void compare(const struct nsc_audit *b, const struct nsc_audit *a, struct diff *d)
{
	size_t i = 0, j = 0;

	while (i < b->n || j < a->n) {
		const struct nsc_audit_item *x = i < b->n ? &b->items[i] : NULL;
		const struct nsc_audit_item *y = j < a->n ? &a->items[j] : NULL;
		int c = !x ? 1 : !y ? -1 : nsc_audit_item_cmp(x, y);

		if (c < 0 && x) {
			diff_add(d, x->kind, source_of(x->kind), x->val, "", "gone %s: %s%s%s",
				 x->kind, x->key, x->key[0] && x->val[0] ? " " : "", x->val);
			i++;
		} else if (c > 0 && y) {
			diff_add(d, y->kind, source_of(y->kind), "", y->val, "new %s: %s%s%s",
				 y->kind, y->key, y->key[0] && y->val[0] ? " " : "", y->val);
			j++;
		} else if (x && y) {
			if (!strcmp(x->kind, "taint") && strcmp(x->val, y->val))
				taint_diff(d, x->val, y->val);
			else if (strcmp(x->val, y->val))
				diff_add(d, x->kind, source_of(x->kind), x->val, y->val,
					 "changed %s%s%s: '%s' -> '%s'", x->kind,
					 x->key[0] ? " " : "", x->key, x->val, y->val);
			i++;
			j++;
		}
	}
}

static void count_kinds(const struct nsc_audit *a, FILE *out)
{
	fprintf(out, "compared %zu items:", a->n);
	for (size_t k = 0; k < nsc_audit_nsources; k++) {
		size_t c = 0;

		for (size_t i = 0; i < a->n; i++)
			c += !strcmp(a->items[i].kind, nsc_audit_sources[k].kind);
		fprintf(out, " %s %zu%s", nsc_audit_sources[k].kind, c,
			k + 1 < nsc_audit_nsources ? "," : "\n");
	}
}

/* "the run left the host as it found it (hostname, ...)", from the table. */
static const char *audit_summary(void)
{
	static char buf[320];
	size_t n;

	if (buf[0])
		return buf;
	n = (size_t)snprintf(buf, sizeof(buf), "the run left the host as it found it (");
	for (size_t k = 0; k < nsc_audit_nsources && n < sizeof(buf); k++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", nsc_audit_sources[k].what,
				      k + 1 < nsc_audit_nsources ? ", " : ")");
	return buf;
}

void nsc_audit_record(struct nsc_audit *before, struct nsc_result *res)
{
	struct nsc_audit *after = nsc_audit_snapshot();
	struct diff d = { .res = res };
	size_t len = 0;

	res->id = NSC_AUDIT_ID;
	res->ns = "env";
	res->summary = audit_summary();
	res->file = "harness/audit.c";
	res->control = NSC_CONTROL_NONE;
	snprintf(res->control_detail, sizeof(res->control_detail),
		 "a before/after comparison of host state, no namespace to withhold");
	res->ndiag = 0;
	res->status = NSC_PASS;
	res->reason[0] = res->hint[0] = '\0';
	res->err = 0;
	res->checks = 0;
	res->out = NULL;
	res->out_len = 0;
	if (!before || !after || before->err.err || after->err.err) {
		const struct nsc_err *e = !before || !after ? NULL :
					  before->err.err   ? &before->err :
							      &after->err;

		res->status = NSC_ERROR;
		res->err = e ? e->err : ENOMEM;
		snprintf(res->reason, sizeof(res->reason),
			 "residue audit could not snapshot the host: %s",
			 e ? e->msg : "out of memory");
		nsc_audit_free(after);
		return;
	}
	free(before->out);
	before->out = NULL;
	d.out = open_memstream(&before->out, &len);
	if (!d.out) {
		res->status = NSC_ERROR;
		res->err = errno;
		snprintf(res->reason, sizeof(res->reason), "residue audit: out of memory");
		nsc_audit_free(after);
		return;
	}
	compare(before, after, &d);
	res->checks = (unsigned int)(before->n > after->n ? before->n : after->n);
	count_kinds(before, d.out);
	fclose(d.out);
	res->out = before->out;
	res->out_len = len;
	if (d.n) {
		res->status = NSC_ERROR;
		snprintf(res->reason, sizeof(res->reason),
			 "host state changed during the run: %u difference%s (%s)", d.n,
			 d.n == 1 ? "" : "s", d.kinds);
		snprintf(res->hint, sizeof(res->hint),
			 "remove the leftovers listed; a change made by another process during the run shows here too");
		if (d.n > NSC_DIAG_MAX)
			snprintf(res->diag[NSC_DIAG_MAX - 1].message, sizeof(res->diag[0].message),
				 "... and %u more differences (see the output)",
				 d.n - NSC_DIAG_MAX + 1);
	}
	nsc_audit_free(after);
}

void nsc_audit_cb(void *arg, struct nsc_result *res)
{
	nsc_audit_record(arg, res);
}
