// SPDX-License-Identifier: GPL-2.0-only
/* Deep copies of result records; see store.h. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

static char *dup_bytes(const char *s, size_t len, int *bad)
{
	char *d;

	if (!s)
		return NULL;
	d = malloc(len + 1);
	if (!d) {
		*bad = 1;
		return NULL;
	}
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static char *dup_str(const char *s, int *bad)
{
	return s ? dup_bytes(s, strlen(s), bad) : NULL;
}

static void result_free(struct nsc_result *r)
{
	free((void *)r->id);
	free((void *)r->ns);
	free((void *)r->summary);
	free((void *)r->file);
	free((void *)r->out);
	free((void *)r->errout);
}

int nsc_store_add(struct nsc_store *s, const struct nsc_result *r, struct nsc_err *err)
{
	struct nsc_result *d;
	int bad = 0;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		struct nsc_result *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return nsc_err_set(err, ENOMEM, "report buffer");
		s->v = v;
		s->cap = cap;
	}
	d = &s->v[s->n];
	*d = *r;
	if (d->ndiag > NSC_DIAG_MAX)
		d->ndiag = NSC_DIAG_MAX;
	d->id = dup_str(r->id, &bad);
	d->ns = dup_str(r->ns, &bad);
	d->summary = dup_str(r->summary, &bad);
	d->file = dup_str(r->file, &bad);
	d->out = dup_bytes(r->out, r->out_len, &bad);
	d->errout = dup_bytes(r->errout, r->errout_len, &bad);
	if (!d->out)
		d->out_len = 0;
	if (!d->errout)
		d->errout_len = 0;
	if (bad) {
		result_free(d);
		return nsc_err_set(err, ENOMEM, "report buffer");
	}
	s->n++;
	return 0;
}

void nsc_store_free(struct nsc_store *s)
{
	for (size_t i = 0; i < s->n; i++)
		result_free(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
