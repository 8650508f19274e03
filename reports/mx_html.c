// SPDX-License-Identifier: GPL-2.0-only
/*
 * The comparison matrix (or one run) as one self-contained HTML page: no
 * external asset (a Content-Security-Policy forbids any load), inline
 * style and script, a colour-coded matrix under the environment header,
 * filters by namespace, status and "differs only", and in each cell the
 * reason, hint, errno, control outcome, diagnostics and gate note.  All
 * text is escaped (it comes from reports that may be hostile).
 */
#include <string.h>

#include "escape.h"
#include "matrix.h"

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	"style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<style>\n"
	"body{font:14px/1.4 system-ui,sans-serif;margin:1em;color:#222}\n"
	"table{border-collapse:collapse;margin:.5em 0}\n"
	"th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}\n"
	"th{background:#f3f3f3}\n"
	"td.PASS{background:#d9f2d9}td.FAIL{background:#f8c9c9}\n"
	"td.SKIP{background:#fbefc4}td.ERROR{background:#e9d0f3}td.absent{background:#eee}\n"
	"td.gatefail{outline:3px solid #c00;outline-offset:-3px}\n"
	"tr.env-differs td,tr.env-differs th{font-weight:bold;background:#fff3d6}\n"
	"code{font-family:ui-monospace,monospace}\n"
	".summary,.meta{color:#555;font-size:90%}\n"
	".cause{color:#8a4b00;font-size:90%}\n"
	"details{font-size:90%}details pre{white-space:pre-wrap;margin:.2em 0}\n"
	"#filters{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ccc}\n"
	"#filters label{margin-right:1em}\n"
	"</style>\n";

static const char html_script[] =
	"<script>\n"
	"(function () {\n"
	"  'use strict';\n"
	"  var ns = document.getElementById('f-ns');\n"
	"  var diff = document.getElementById('f-diff');\n"
	"  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.f-st'));\n"
	"  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.case'));\n"
	"  function apply() {\n"
	"    var want = {};\n"
	"    boxes.forEach(function (b) { want[b.value] = b.checked; });\n"
	"    var shown = 0;\n"
	"    rows.forEach(function (tr) {\n"
	"      var st = tr.getAttribute('data-status').split(' ');\n"
	"      var ok = st.some(function (s) { return want[s]; }) &&\n"
	"        (!ns.value || tr.getAttribute('data-ns') === ns.value) &&\n"
	"        (!diff.checked || tr.getAttribute('data-differs') === '1');\n"
	"      tr.hidden = !ok;\n"
	"      if (ok) shown++;\n"
	"    });\n"
	"    document.getElementById('shown').textContent = String(shown);\n"
	"  }\n"
	"  ns.addEventListener('change', apply);\n"
	"  diff.addEventListener('change', apply);\n"
	"  boxes.forEach(function (b) { b.addEventListener('change', apply); });\n"
	"  apply();\n"
	"}());\n"
	"</script>\n";

static void h(FILE *fp, const char *s)
{
	nsc_xml_text(fp, s, strlen(s));
}

static void environment(FILE *fp, const struct nsc_matrix *m)
{
	fputs("<h2>Runs and environment</h2>\n<table id=\"env\">\n<tr><th></th>", fp);
	for (size_t i = 0; i < m->nruns; i++) {
		fprintf(fp, "<th>[%zu] ", i + 1);
		h(fp, m->runs[i].label);
		fputs("<div class=\"meta\">", fp);
		h(fp, m->runs[i].conditions);
		if (m->runs[i].interrupted)
			fputs(", interrupted", fp);
		if (*m->runs[i].path) {
			fputs("<br><code>", fp);
			h(fp, m->runs[i].path);
			fputs("</code>", fp);
		}
		fputs("</div></th>", fp);
	}
	fputs("</tr>\n", fp);
	for (size_t k = 0; k < m->nenv; k++) {
		fprintf(fp, "<tr%s><th><code>", m->env[k].differs ? " class=\"env-differs\"" : "");
		h(fp, m->env[k].key);
		fputs("</code></th>", fp);
		for (size_t i = 0; i < m->nruns; i++) {
			fputs("<td>", fp);
			h(fp, m->env[k].values[i]);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void filters(FILE *fp, const struct nsc_matrix *m)
{
	static const char *const st[] = { "PASS", "FAIL", "SKIP", "ERROR", "absent" };

	fputs("<div id=\"filters\"><label>namespace <select id=\"f-ns\">"
	      "<option value=\"\">all</option>",
	      fp);
	for (size_t r = 0; r < m->nrows; r++) {
		size_t j;

		for (j = 0; j < r && strcmp(m->rows[j].ns, m->rows[r].ns); j++)
			;
		if (j < r || !*m->rows[r].ns)
			continue;
		fputs("<option value=\"", fp);
		nsc_xml_attr(fp, m->rows[r].ns);
		fputs("\">", fp);
		h(fp, m->rows[r].ns);
		fputs("</option>", fp);
	}
	fputs("</select></label>", fp);
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		fprintf(fp,
			"<label><input type=\"checkbox\" class=\"f-st\" id=\"f-%s\" value=\"%s\" checked> %s</label>",
			st[i], st[i], st[i]);
	fprintf(fp, "<label><input type=\"checkbox\" id=\"f-diff\"%s> differs only</label>",
		m->only_diff ? " checked" : "");
	fprintf(fp, "<span><span id=\"shown\">%zu</span> of %zu cases shown</span></div>\n",
		m->nrows, m->nrows);
}

static void detail(FILE *fp, const char *what, const char *s, bool pre)
{
	if (!*s)
		return;
	fprintf(fp, "<div><b>%s</b> %s", what, pre ? "<pre>" : "");
	h(fp, s);
	fputs(pre ? "</pre></div>" : "</div>", fp);
}

static void cell(FILE *fp, const struct nsc_matrix *m, const struct nsc_mx_cell *c)
{
	const char *st = c->present ? nsc_status_name(c->status) : "absent";

	fprintf(fp, "<td class=\"%s%s\"><b>%s</b>", st, c->gate_fail ? " gatefail" : "", st);
	if (m->gate && c->mark != NSC_MARK_NONE)
		fprintf(fp, " <i>(%s)</i>", nsc_mx_mark_name(c->mark));
	if (*c->reason) {
		fputs("<div>", fp);
		h(fp, c->reason);
		fputs("</div>", fp);
	}
	if (*c->hint || *c->err || *c->control || *c->diag || *c->note) {
		fputs("<details><summary>details</summary>", fp);
		detail(fp, "hint", c->hint, false);
		detail(fp, "errno", c->err, false);
		detail(fp, "control", c->control, false);
		detail(fp, "diagnostics", c->diag, true);
		detail(fp, "gate", c->note, false);
		fputs("</details>", fp);
	}
	fputs("</td>", fp);
}

static void row(FILE *fp, const struct nsc_matrix *m, const struct nsc_mx_row *r)
{
	char statuses[64] = "";

	for (size_t i = 0; i < m->nruns; i++) {
		const char *st = r->cells[i].present ? nsc_status_name(r->cells[i].status) : "absent";

		if (!strstr(statuses, st) && strlen(statuses) + strlen(st) + 2 < sizeof(statuses))
			snprintf(statuses + strlen(statuses), sizeof(statuses) - strlen(statuses),
				 "%s%s", *statuses ? " " : "", st);
	}
	fputs("<tr class=\"case\" id=\"", fp);
	nsc_xml_attr(fp, r->id);
	fputs("\" data-ns=\"", fp);
	nsc_xml_attr(fp, r->ns);
	fprintf(fp, "\" data-status=\"%s\" data-differs=\"%d\"><th><a href=\"#", statuses,
		r->differs);
	nsc_xml_attr(fp, r->id);
	fputs("\"><code>", fp);
	h(fp, r->id);
	fputs("</code></a><div class=\"summary\">", fp);
	h(fp, r->summary);
	fputs("</div>", fp);
	if (*r->anchors || *r->kconfigs || *r->min_kernel) {
		fputs("<div class=\"meta\">", fp);
		if (*r->kconfigs) {
			fputs("kconfig: ", fp);
			h(fp, r->kconfigs);
			fputs(" ", fp);
		}
		if (*r->min_kernel) {
			fputs("min kernel: ", fp);
			h(fp, r->min_kernel);
			fputs(" ", fp);
		}
		if (*r->anchors) {
			fputs("anchors: ", fp);
			h(fp, r->anchors);
		}
		fputs("</div>", fp);
	}
	for (size_t k = 0; k < r->ncauses; k++) {
		fputs("<div class=\"cause\">because ", fp);
		h(fp, r->causes[k]);
		fputs("</div>", fp);
	}
	fputs("</th>", fp);
	for (size_t i = 0; i < m->nruns; i++)
		cell(fp, m, &r->cells[i]);
	fputs("</tr>\n", fp);
}

int nsc_mx_html(FILE *fp, const struct nsc_matrix *m)
{
	const char *title = m->title && *m->title ? m->title : "nscheck comparison";

	fputs(html_head, fp);
	fputs("<title>", fp);
	h(fp, title);
	fputs("</title>\n</head>\n<body>\n<h1>", fp);
	h(fp, title);
	fputs("</h1>\n", fp);
	fprintf(fp, "<p id=\"counts\">%zu case ids, %zu differ across %zu runs", m->nrows,
		m->ndiffer, m->nruns);
	if (m->gate)
		fprintf(fp,
			"; gate <b id=\"gate\">%s</b>: %zu regressions, %zu environment skips, "
			"%zu unexpected, %zu expected, %zu fixed",
			m->gate_failed ? "FAILED" : "passed", m->nregress, m->nenvskip,
			m->nunexpected, m->nexpected, m->nfixed);
	fputs(".</p>\n", fp);
	environment(fp, m);
	fputs("<h2>Cases</h2>\n", fp);
	filters(fp, m);
	fputs("<table id=\"matrix\">\n<tr><th>case</th>", fp);
	for (size_t i = 0; i < m->nruns; i++) {
		fprintf(fp, "<th>[%zu] ", i + 1);
		h(fp, m->runs[i].label);
		fputs("</th>", fp);
	}
	fputs("</tr>\n", fp);
	for (size_t r = 0; r < m->nrows; r++)
		row(fp, m, &m->rows[r]);
	fputs("</table>\n", fp);
	fputs(html_script, fp);
	fputs("</body>\n</html>\n", fp);
	return 0;
}
