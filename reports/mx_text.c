// SPDX-License-Identifier: GPL-2.0-only
/*
 * The comparison matrix as aligned text (a terminal) or Markdown, and the
 * format dispatch.  Every string comes from a report file: text output
 * replaces control characters (no escape sequence reaches a terminal),
 * Markdown backslash-escapes what could start markup.
 */
#include <string.h>

#include "escape.h"
#include "matrix.h"

#define NSC_MX_REASON_MAX 96 /* bytes of a reason in the text matrix */

static const char *const mark_names[] = {
	[NSC_MARK_NONE] = "",
	[NSC_MARK_REGRESSION] = "regression",
	[NSC_MARK_ENV_SKIP] = "environment",
	[NSC_MARK_UNEXPECTED] = "unexpected",
	[NSC_MARK_EXPECTED] = "expected",
	[NSC_MARK_XPASS] = "xpass",
	[NSC_MARK_FIXED] = "fixed",
	[NSC_MARK_NEW] = "new",
};

const char *nsc_mx_mark_name(enum nsc_mx_mark mark)
{
	return (unsigned int)mark < sizeof(mark_names) / sizeof(mark_names[0]) ? mark_names[mark] :
										 "";
}

bool nsc_mx_row_shown(const struct nsc_matrix *m, const struct nsc_mx_row *row)
{
	if (!m->only_diff || row->differs)
		return true;
	for (size_t i = 0; i < m->nruns; i++)
		if (row->cells[i].mark != NSC_MARK_NONE && row->cells[i].mark != NSC_MARK_EXPECTED)
			return true;
	return false;
}

static const char *cell_status(const struct nsc_mx_cell *c)
{
	return c->present ? nsc_status_name(c->status) : "-";
}

static const char *color_of(const struct nsc_mx_cell *c)
{
	if (!c->present)
		return "";
	switch (c->status) {
	case NSC_PASS:
		return "\033[32m";
	case NSC_FAIL:
		return "\033[31m";
	case NSC_SKIP:
		return "\033[33m";
	case NSC_ERROR:
		return "\033[35m";
	}
	return "";
}

/* At most @max bytes of @s, cut at a UTF-8 boundary, "..." when cut. */
static void term_cut(FILE *fp, const char *s, size_t max)
{
	size_t n = strlen(s);
	char buf[NSC_MX_REASON_MAX + 4];

	if (n <= max) {
		nsc_term_text(fp, s);
		return;
	}
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	memcpy(buf, s, max);
	strcpy(buf + max, "...");
	nsc_term_text(fp, buf);
}

static size_t width_of_ids(const struct nsc_matrix *m)
{
	size_t w = 4;

	for (size_t r = 0; r < m->nrows; r++)
		if (nsc_mx_row_shown(m, &m->rows[r]) && strlen(m->rows[r].id) > w)
			w = strlen(m->rows[r].id);
	return w;
}

/* "[2] reason" for each distinct non-PASS reason of the row. */
static void text_reasons(FILE *fp, const struct nsc_matrix *m, const struct nsc_mx_row *row)
{
	for (size_t i = 0; i < m->nruns; i++) {
		const struct nsc_mx_cell *c = &row->cells[i];
		size_t j;

		if (!c->present || c->status == NSC_PASS || !*c->reason)
			continue;
		for (j = 0; j < i; j++)
			if (row->cells[j].present && !strcmp(row->cells[j].reason, c->reason))
				break;
		if (j < i)
			continue;
		fprintf(fp, "  [%zu", i + 1);
		for (j = i + 1; j < m->nruns; j++)
			if (row->cells[j].present && !strcmp(row->cells[j].reason, c->reason))
				fprintf(fp, ",%zu", j + 1);
		fputs("] ", fp);
		term_cut(fp, c->reason, NSC_MX_REASON_MAX);
	}
}

static bool has_reason(const struct nsc_matrix *m, const struct nsc_mx_row *row)
{
	for (size_t i = 0; i < m->nruns; i++)
		if (row->cells[i].present && row->cells[i].status != NSC_PASS && *row->cells[i].reason)
			return true;
	return false;
}

static void text_row(FILE *fp, const struct nsc_matrix *m, const struct nsc_mx_row *row, size_t idw,
		     int color)
{
	fprintf(fp, "%-*s", (int)idw, row->id);
	for (size_t i = 0; i < m->nruns; i++) {
		const struct nsc_mx_cell *c = &row->cells[i];
		const char *st = cell_status(c);

		fprintf(fp, "  %s%s%s", color ? color_of(c) : "", st,
			color && *color_of(c) ? "\033[0m" : "");
		if (i + 1 < m->nruns || has_reason(m, row))
			fprintf(fp, "%*s", (int)(5 - strlen(st)), "");
	}
	text_reasons(fp, m, row);
	fputc('\n', fp);
	if (row->differs && row->ncauses) {
		fputs("    because ", fp);
		for (size_t k = 0; k < row->ncauses; k++) {
			fputs(k ? "; " : "", fp);
			nsc_term_text(fp, row->causes[k]);
		}
		fputc('\n', fp);
	}
}

static void text_env(FILE *fp, const struct nsc_matrix *m)
{
	size_t w = 0, nd = 0;

	for (size_t k = 0; k < m->nenv; k++)
		if (m->env[k].differs) {
			nd++;
			if (strlen(m->env[k].key) > w)
				w = strlen(m->env[k].key);
		}
	if (!nd || m->nruns < 2)
		return;
	fputs("\nenvironment differences:\n", fp);
	for (size_t k = 0; k < m->nenv; k++) {
		if (!m->env[k].differs)
			continue;
		fprintf(fp, "  %-*s", (int)w, m->env[k].key);
		for (size_t i = 0; i < m->nruns; i++) {
			fprintf(fp, "  [%zu] ", i + 1);
			term_cut(fp, *m->env[k].values[i] ? m->env[k].values[i] : "(none)", 40);
		}
		fputc('\n', fp);
	}
}

static void write_text(FILE *fp, const struct nsc_matrix *m, int color)
{
	size_t idw = width_of_ids(m);

	fputs("runs:\n", fp);
	for (size_t i = 0; i < m->nruns; i++) {
		fprintf(fp, "  [%zu] ", i + 1);
		nsc_term_text(fp, m->runs[i].label);
		fputs(" (", fp);
		nsc_term_text(fp, m->runs[i].conditions);
		fputs(")  ", fp);
		nsc_term_text(fp, m->runs[i].path);
		fputc('\n', fp);
	}
	fprintf(fp, "\n%-*s", (int)idw, "case");
	for (size_t i = 0; i < m->nruns; i++)
		fprintf(fp, "  [%zu]%*s", i + 1, i + 1 == m->nruns ? 0 : (int)(i + 1 < 10 ? 2 : 1),
			"");
	fputc('\n', fp);
	for (size_t r = 0; r < m->nrows; r++)
		if (nsc_mx_row_shown(m, &m->rows[r]))
			text_row(fp, m, &m->rows[r], idw, color);
	text_env(fp, m);
	fprintf(fp, "\ncompare: %zu case ids, %zu differ across %zu runs\n", m->nrows, m->ndiffer,
		m->nruns);
}

/* Markdown table cell text: one line, markup characters escaped. */
static void md_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x20 || ch == 0x7f)
			fputc(' ', fp);
		else if (strchr("\\`*_[]<>|&~#!{}", ch))
			fprintf(fp, "\\%c", ch);
		else
			fputc(ch, fp);
	}
}

static void md_cell(FILE *fp, const struct nsc_matrix *m, const struct nsc_mx_cell *c)
{
	fputs(cell_status(c), fp);
	if (c->present && c->status != NSC_PASS && *c->reason) {
		fputs(": ", fp);
		md_text(fp, c->reason);
	}
	if (m->gate && c->mark != NSC_MARK_NONE) {
		fprintf(fp, " **(%s", nsc_mx_mark_name(c->mark));
		if (*c->note) {
			fputs(": ", fp);
			md_text(fp, c->note);
		}
		fputs(")**", fp);
	}
}

static void write_markdown(FILE *fp, const struct nsc_matrix *m)
{
	fputs("| case |", fp);
	for (size_t i = 0; i < m->nruns; i++) {
		fputc(' ', fp);
		md_text(fp, m->runs[i].label);
		fputs("<br>", fp);
		md_text(fp, m->runs[i].conditions);
		fputs(" |", fp);
	}
	fputs("\n|---|", fp);
	for (size_t i = 0; i < m->nruns; i++)
		fputs("---|", fp);
	fputc('\n', fp);
	for (size_t r = 0; r < m->nrows; r++) {
		const struct nsc_mx_row *row = &m->rows[r];

		if (!nsc_mx_row_shown(m, row))
			continue;
		fprintf(fp, "| `%s` |", row->id);
		for (size_t i = 0; i < m->nruns; i++) {
			fputc(' ', fp);
			md_cell(fp, m, &row->cells[i]);
			fputs(" |", fp);
		}
		fputc('\n', fp);
	}
	fputs("\n", fp);
	for (size_t r = 0, first = 1; r < m->nrows; r++) {
		const struct nsc_mx_row *row = &m->rows[r];

		if (!row->differs || !row->ncauses || !nsc_mx_row_shown(m, row))
			continue;
		if (first)
			fputs("Why rows differ:\n\n", fp);
		first = 0;
		fprintf(fp, "- `%s`: ", row->id);
		for (size_t k = 0; k < row->ncauses; k++) {
			fputs(k ? "; " : "", fp);
			md_text(fp, row->causes[k]);
		}
		fputc('\n', fp);
	}
	for (size_t k = 0, first = 1; k < m->nenv && m->nruns > 1; k++) {
		if (!m->env[k].differs)
			continue;
		if (first) {
			fputs("\n| environment |", fp);
			for (size_t i = 0; i < m->nruns; i++)
				fprintf(fp, " [%zu] |", i + 1);
			fputs("\n|---|", fp);
			for (size_t i = 0; i < m->nruns; i++)
				fputs("---|", fp);
			fputc('\n', fp);
		}
		first = 0;
		fputs("| ", fp);
		md_text(fp, m->env[k].key);
		fputs(" |", fp);
		for (size_t i = 0; i < m->nruns; i++) {
			fputc(' ', fp);
			md_text(fp, m->env[k].values[i]);
			fputs(" |", fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "\n%zu case ids, %zu differ across %zu runs.\n", m->nrows, m->ndiffer, m->nruns);
}

int nsc_mx_text(FILE *fp, const struct nsc_matrix *m, bool markdown, int color)
{
	if (markdown)
		write_markdown(fp, m);
	else
		write_text(fp, m, color);
	return 0;
}

int nsc_mx_write(FILE *fp, const struct nsc_matrix *m, enum nsc_mx_format fmt, int color,
		 struct nsc_err *err)
{
	int ret;

	switch (fmt) {
	case NSC_MX_TEXT:
	case NSC_MX_MARKDOWN:
		ret = nsc_mx_text(fp, m, fmt == NSC_MX_MARKDOWN, color);
		break;
	case NSC_MX_JSON:
		ret = nsc_mx_json(fp, m);
		break;
	case NSC_MX_HTML:
		ret = nsc_mx_html(fp, m);
		break;
	default:
		ret = -EINVAL;
	}
	if (ret < 0)
		return nsc_err_set(err, -ret, "cannot write the comparison");
	if (ferror(fp))
		return nsc_err_set(err, EIO, "cannot write the comparison");
	return 0;
}
