// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CI gate of `nscheck compare --baseline OLD NEW` and `--expect FILE`:
 * marks each cell of the last run and decides whether the gate fails.
 *  - A case that newly FAILs or ERRORs (its status changed to it, or it
 *    is new and fails) is a regression; a known failure (same status in
 *    the baseline) is not.
 *  - PASS -> SKIP fails the gate unless --allow-skip; it is marked
 *    "environment" when an environment value that differs between the two
 *    runs and is not a kernel config option (seccomp, euid, LSMs,
 *    sysctls) explains the SKIP reason, else "regression".
 *  - A case that passed in the baseline and is missing from the new run
 *    is a regression (ids are stable: use --skip to leave one out).
 *  - An --expect entry accepts the status it names (its reason is
 *    shown); without a baseline, every FAIL or ERROR not accepted fails.
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* An environment difference between @a and @b that explains @text. */
static const char *env_cause(const struct nsc_runfile *a, const struct nsc_runfile *b,
			     const char *text)
{
	for (size_t i = 0; i < b->nenv; i++) {
		const char *k = b->env_key[i], *va = nsc_runfile_env(a, k);

		if (!strncmp(k, "CONFIG_", 7) || !strcmp(k, "kernel_release") ||
		    !strcmp(k, "kernel_version") || !strcmp(k, "hostname"))
			continue;
		if ((!va || strcmp(va, b->env_val[i])) && nsc_env_relevant(k, text))
			return k;
	}
	return NULL;
}

static void mark(struct nsc_matrix *m, struct nsc_mx_cell *cell, enum nsc_mx_mark mk, bool fails,
		 const char *note)
{
	cell->mark = mk;
	cell->gate_fail = fails;
	cell->note = note ? note : "";
	m->gate_failed |= fails;
	m->nregress += mk == NSC_MARK_REGRESSION;
	m->nenvskip += mk == NSC_MARK_ENV_SKIP;
	m->nunexpected += mk == NSC_MARK_UNEXPECTED;
	m->nexpected += mk == NSC_MARK_EXPECTED;
	m->nxpass += mk == NSC_MARK_XPASS;
	m->nfixed += mk == NSC_MARK_FIXED;
}

static bool failing(enum nsc_status s)
{
	return s == NSC_FAIL || s == NSC_ERROR;
}

static __attribute__((format(printf, 2, 3))) const char *fmt(struct nsc_comparison *c,
							     const char *f, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, f);
	n = vasprintf(&s, f, ap);
	va_end(ap);
	if (n < 0)
		return "";
	return nsc_compare_own(c, s) ? s : "";
}

static void baseline_rule(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t last,
			  struct nsc_mx_row *row, const struct nsc_compare_opts *o)
{
	struct nsc_mx_cell *old = &row->cells[0], *cell = &row->cells[last];
	const char *was = nsc_status_name(old->status);
	struct nsc_matrix *m = &c->m;

	if (!cell->present) {
		if (old->present && old->status == NSC_PASS)
			mark(m, cell, NSC_MARK_REGRESSION, true,
			     "passed in the baseline, missing now");
		return;
	}
	if (!old->present) {
		if (failing(cell->status))
			mark(m, cell, NSC_MARK_REGRESSION, true, "not in the baseline");
		else
			mark(m, cell, NSC_MARK_NEW, false, "not in the baseline");
		return;
	}
	if (failing(cell->status) && cell->status != old->status) {
		mark(m, cell, NSC_MARK_REGRESSION, true, fmt(c, "was %s", was));
	} else if (old->status == NSC_PASS && cell->status == NSC_SKIP) {
		char *text = NULL;
		const char *k = NULL;

		if (asprintf(&text, "%s\n%s", cell->reason, cell->hint) >= 0)
			k = env_cause(&runs[0], &runs[last], text);
		free(text);
		if (k)
			mark(m, cell, NSC_MARK_ENV_SKIP, !o->allow_skip,
			     fmt(c, "was PASS; the environment changed: %s", k));
		else
			mark(m, cell, NSC_MARK_REGRESSION, !o->allow_skip,
			     "was PASS; no environment difference explains the SKIP");
	} else if (old->status != NSC_PASS && cell->status == NSC_PASS) {
		mark(m, cell, NSC_MARK_FIXED, false, fmt(c, "was %s", was));
	}
}

void nsc_gate_apply(struct nsc_comparison *c, const struct nsc_runfile *runs, size_t nruns,
		    const struct nsc_compare_opts *o)
{
	size_t last = nruns - 1;

	c->m.gate = true;
	for (size_t r = 0; r < c->m.nrows; r++) {
		struct nsc_mx_row *row = &c->m.rows[r];
		struct nsc_mx_cell *cell = &row->cells[last];
		const struct nsc_expect *x = o->expect ? nsc_expect_find(o->expect, row->id) : NULL;

		if (x && cell->present && cell->status == x->status) {
			mark(&c->m, cell, NSC_MARK_EXPECTED, false, x->reason);
		} else if (x && cell->present && cell->status == NSC_PASS) {
			mark(&c->m, cell, NSC_MARK_XPASS, false,
			     fmt(c, "expected %s: %s", nsc_status_name(x->status), x->reason));
		} else if (o->baseline && nruns > 1) {
			baseline_rule(c, runs, last, row, o);
		} else if (cell->present && failing(cell->status)) {
			mark(&c->m, cell, NSC_MARK_UNEXPECTED, true,
			     x ? fmt(c, "expected %s: %s", nsc_status_name(x->status), x->reason) :
				 "not in the expectations");
		}
	}
}

/* ---- --expect files ---------------------------------------------------- */

#define NSC_EXPECT_MAX_BYTES (1u << 20)
#define NSC_EXPECT_MAX_LINE 1024
#define NSC_EXPECT_MAX 10000

static int expect_bad(struct nsc_err *err, const char *name, unsigned int line, const char *what)
{
	char shown[128];
	size_t i;

	for (i = 0; i < sizeof(shown) - 1 && name[i]; i++)
		shown[i] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ? '?' : name[i];
	shown[i] = '\0';
	return nsc_err_setx(err, EINVAL, "%s:%u: %s", shown, line, what);
}

static int status_of(const char *s, size_t n, enum nsc_status *st)
{
	static const enum nsc_status all[] = { NSC_PASS, NSC_FAIL, NSC_SKIP, NSC_ERROR };

	for (size_t i = 0; i < 4; i++)
		if (n == strlen(nsc_status_name(all[i])) &&
		    !strncasecmp(s, nsc_status_name(all[i]), n)) {
			*st = all[i];
			return 0;
		}
	return -EINVAL;
}

static int expect_line(const char *text, size_t n, const char *name, unsigned int line,
		       struct nsc_expects *x, struct nsc_err *err)
{
	static const char glob_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_.-*?[]!";
	char buf[NSC_EXPECT_MAX_LINE + 1], *p = buf, *st, *reason;
	struct nsc_expect *e, *grown;
	size_t plen, slen;

	/* A NUL-terminated copy: the file's text is not. */
	memcpy(buf, text, n);
	buf[n] = '\0';
	for (size_t j = 0; j < n; j++)
		if ((unsigned char)buf[j] < 0x20 && buf[j] != '\t' && buf[j] != '\r')
			return expect_bad(err, name, line, "control character");
	if (n && buf[n - 1] == '\r')
		buf[n - 1] = '\0';
	p += strspn(p, " \t");
	if (!*p || *p == '#')
		return 0;
	plen = strcspn(p, " \t");
	if (strspn(p, glob_chars) < plen)
		return expect_bad(err, name, line, "pattern is not a case id or glob");
	st = p + plen;
	st += strspn(st, " \t");
	slen = strcspn(st, " \t");
	if (!slen)
		return expect_bad(err, name, line,
				  "no status after the pattern (PASS, FAIL, SKIP, ERROR)");
	if (x->n >= NSC_EXPECT_MAX)
		return expect_bad(err, name, line, "too many entries");
	grown = realloc(x->e, (x->n + 1) * sizeof(*grown));
	if (!grown)
		return nsc_err_set(err, ENOMEM, "expect");
	x->e = grown;
	e = &x->e[x->n];
	memset(e, 0, sizeof(*e));
	if (status_of(st, slen, &e->status) < 0)
		return expect_bad(err, name, line, "status is not PASS, FAIL, SKIP or ERROR");
	reason = st + slen;
	reason += strspn(reason, " \t");
	e->line = line;
	e->pattern = strndup(p, plen);
	e->reason = strdup(reason);
	if (!e->pattern || !e->reason) {
		free(e->pattern);
		free(e->reason);
		return nsc_err_set(err, ENOMEM, "expect");
	}
	x->n++;
	return 0;
}

int nsc_expect_parse(const char *text, size_t len, const char *name, struct nsc_expects *out,
		     struct nsc_err *err)
{
	unsigned int line = 0;
	size_t off = 0;

	memset(out, 0, sizeof(*out));
	if (len > NSC_EXPECT_MAX_BYTES)
		return expect_bad(err, name, 0, "larger than 1 MiB");
	if (memchr(text, '\0', len))
		return expect_bad(err, name, 0, "holds a NUL byte: not a text file");
	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - text - off) : len - off;
		int ret;

		line++;
		if (n > NSC_EXPECT_MAX_LINE)
			ret = expect_bad(err, name, line, "line longer than 1024 bytes");
		else
			ret = expect_line(text + off, n, name, line, out, err);
		if (ret < 0) {
			nsc_expect_free(out);
			return ret;
		}
		off += n + 1;
	}
	return 0;
}

int nsc_expect_load(const char *path, struct nsc_expects *out, struct nsc_err *err)
{
	char *buf = malloc(NSC_EXPECT_MAX_BYTES + 1);
	FILE *fp;
	size_t n;
	int ret;

	memset(out, 0, sizeof(*out));
	if (!buf)
		return nsc_err_set(err, ENOMEM, "expect");
	fp = fopen(path, "re");
	if (!fp) {
		ret = nsc_err_set(err, errno, "%.200s: cannot open", path);
		free(buf);
		return ret;
	}
	n = fread(buf, 1, NSC_EXPECT_MAX_BYTES + 1, fp);
	if (ferror(fp))
		ret = nsc_err_set(err, EIO, "%.200s: cannot read", path);
	else
		ret = nsc_expect_parse(buf, n, path, out, err);
	fclose(fp);
	free(buf);
	return ret;
}

void nsc_expect_free(struct nsc_expects *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->e[i].pattern);
		free(x->e[i].reason);
	}
	free(x->e);
	memset(x, 0, sizeof(*x));
}

const struct nsc_expect *nsc_expect_find(const struct nsc_expects *x, const char *id)
{
	for (size_t i = 0; i < x->n; i++)
		if (!fnmatch(x->e[i].pattern, id, 0))
			return &x->e[i];
	return NULL;
}
