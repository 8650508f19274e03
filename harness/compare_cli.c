// SPDX-License-Identifier: GPL-2.0-only
/*
 * `nscheck compare [OPTION]... REPORT.json...`: the command line of the
 * comparison and gate.  Returns exit statuses; main.c exits with them.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "escape.h"

#define NSC_COMPARE_MAX_RUNS 64
#define NSC_COMPARE_MAX_PATTERNS 256

const char nsc_compare_usage[] =
	"Usage: nscheck compare [OPTION]... REPORT.json REPORT.json...\n"
	"       nscheck compare --baseline OLD.json [OPTION]... NEW.json\n"
	"       nscheck compare --expect FILE [OPTION]... REPORT.json\n"
	"Put nscheck JSON reports (--json FILE) side by side: one row per case id,\n"
	"one column per run, and the environment differences that explain the rows.\n"
	"\n"
	"  -f, --format FMT       text (default), markdown, json or html\n"
	"      --only-diff        only the rows that differ (or that a gate marked)\n"
	"      --label TEXT       column label of the next report (repeatable; default:\n"
	"                         kernel release and distribution)\n"
	"      --skip PATTERN     leave out case ids matching the glob (repeatable)\n"
	"      --color WHEN       text colour: auto, always, never\n"
	"\n"
	"Gate (CI):\n"
	"      --baseline OLD     compare NEW against OLD: exit 1 when a case newly\n"
	"                         FAILs or ERRORs, or went from PASS to SKIP\n"
	"      --allow-skip       PASS -> SKIP does not fail the gate\n"
	"      --expect FILE      accept the statuses listed in FILE (lines\n"
	"                         'ID|GLOB STATUS [REASON]'); any other FAIL or ERROR\n"
	"                         of the last report fails the gate\n"
	"\n"
	"Exit status: without a gate 0 when every case has the same status in every\n"
	"report, 1 when some differ; with a gate 0 passed, 1 failed; 2 bad input.\n";

struct compare_args {
	const char *labels[NSC_COMPARE_MAX_RUNS];
	size_t nlabels;
	const char *skip[NSC_COMPARE_MAX_PATTERNS];
	size_t nskip;
	const char *baseline, *expect;
	enum nsc_mx_format fmt;
	int color;
	bool only_diff, allow_skip, help;
	char **files;
	size_t nfiles;
};

enum {
	OPT_ONLY_DIFF = 256,
	OPT_LABEL,
	OPT_SKIP,
	OPT_COLOR,
	OPT_BASELINE,
	OPT_ALLOW_SKIP,
	OPT_EXPECT,
};

static const struct option compare_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "only-diff", no_argument, NULL, OPT_ONLY_DIFF },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "allow-skip", no_argument, NULL, OPT_ALLOW_SKIP },
	{ "expect", required_argument, NULL, OPT_EXPECT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int parse_format(const char *s, enum nsc_mx_format *f)
{
	static const struct {
		const char *name;
		enum nsc_mx_format fmt;
	} t[] = {
		{ "text", NSC_MX_TEXT }, { "markdown", NSC_MX_MARKDOWN }, { "md", NSC_MX_MARKDOWN },
		{ "json", NSC_MX_JSON }, { "html", NSC_MX_HTML },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(s, t[i].name)) {
			*f = t[i].fmt;
			return 0;
		}
	return -EINVAL;
}

static int parse_one(int c, struct compare_args *a, const char *opt, struct nsc_err *err)
{
	switch (c) {
	case 'f':
		if (parse_format(optarg, &a->fmt) < 0)
			return nsc_err_setx(err, EINVAL,
					    "invalid value '%.64s' for --format (want text, markdown, json or html)",
					    optarg);
		return 0;
	case 'h':
		a->help = true;
		return 0;
	case OPT_ONLY_DIFF:
		a->only_diff = true;
		return 0;
	case OPT_ALLOW_SKIP:
		a->allow_skip = true;
		return 0;
	case OPT_LABEL:
		if (a->nlabels == NSC_COMPARE_MAX_RUNS)
			return nsc_err_setx(err, E2BIG, "too many --label");
		a->labels[a->nlabels++] = optarg;
		return 0;
	case OPT_SKIP:
		if (a->nskip == NSC_COMPARE_MAX_PATTERNS || !*optarg)
			return nsc_err_setx(err, EINVAL, "too many or empty --skip");
		a->skip[a->nskip++] = optarg;
		return 0;
	case OPT_BASELINE:
	case OPT_EXPECT:
		if (!*optarg)
			return nsc_err_setx(err, EINVAL, "--%s needs a file name",
					    c == OPT_BASELINE ? "baseline" : "expect");
		*(c == OPT_BASELINE ? &a->baseline : &a->expect) = optarg;
		return 0;
	case OPT_COLOR:
		if (!strcmp(optarg, "auto") || !strcmp(optarg, "always") || !strcmp(optarg, "never")) {
			a->color = optarg[1] == 'u' ? -1 : optarg[1] == 'l';
			return 0;
		}
		return nsc_err_setx(err, EINVAL,
				    "invalid value '%.64s' for --color (want auto, always or never)",
				    optarg);
	case ':':
		return nsc_err_setx(err, EINVAL, "option '%.64s' needs a value", opt);
	default:
		return nsc_err_setx(err, EINVAL,
				    "unknown option '%.64s' (see nscheck compare --help)", opt);
	}
}

static int parse_args(int argc, char **argv, struct compare_args *a, struct nsc_err *err)
{
	int c, ret;

	memset(a, 0, sizeof(*a));
	a->color = -1;
	optind = 0;
	opterr = 0;
	for (;;) {
		char shortopt[3] = "-?";
		const char *opt;

		optopt = 0;
		c = getopt_long(argc, argv, ":f:h", compare_opts, NULL);
		if (c == -1)
			break;
		if (optopt > ' ' && optopt < 127) {
			shortopt[1] = (char)optopt;
			opt = shortopt;
		} else {
			opt = optind > 0 && optind - 1 < argc ? argv[optind - 1] : "?";
		}
		ret = parse_one(c, a, opt, err);
		if (ret < 0)
			return ret;
	}
	a->files = argv + optind;
	a->nfiles = (size_t)(argc - optind);
	if (a->help)
		return 0;
	for (size_t i = 0; i < a->nfiles; i++)
		if (a->files[i][0] == '-' && a->files[i][1])
			return nsc_err_setx(err, EINVAL, "unknown option '%.64s'", a->files[i]);
	if (a->allow_skip && !a->baseline)
		return nsc_err_setx(err, EINVAL, "--allow-skip needs --baseline");
	if (a->baseline && a->nfiles != 1)
		return nsc_err_setx(err, EINVAL, "--baseline OLD takes exactly one NEW report");
	if (!a->baseline && !a->expect && a->nfiles < 2)
		return nsc_err_setx(err, EINVAL, "compare needs two or more reports (or a gate)");
	if (!a->nfiles)
		return nsc_err_setx(err, EINVAL, "compare needs a report");
	if (a->nfiles + (a->baseline != NULL) > NSC_COMPARE_MAX_RUNS)
		return nsc_err_setx(err, E2BIG, "at most %d reports", NSC_COMPARE_MAX_RUNS);
	return 0;
}

/* The gate verdict as lines for a person: text or on stderr after a run. */
static int gate_lines(FILE *fp, const struct nsc_matrix *m)
{
	for (size_t r = 0; r < m->nrows; r++) {
		const struct nsc_mx_cell *cell = &m->rows[r].cells[m->nruns - 1];

		if (cell->mark == NSC_MARK_NONE || cell->mark == NSC_MARK_EXPECTED)
			continue;
		fprintf(fp, "gate: %-11s %s %s%s", nsc_mx_mark_name(cell->mark), m->rows[r].id,
			cell->present ? nsc_status_name(cell->status) : "absent",
			*cell->note ? ": " : "");
		nsc_term_text(fp, cell->note);
		fputs((cell->mark == NSC_MARK_REGRESSION || cell->mark == NSC_MARK_ENV_SKIP) &&
				      !cell->gate_fail ?
			      " (allowed by --allow-skip)\n" :
			      "\n",
		      fp);
	}
	fprintf(fp,
		"gate: %s: %zu regressions, %zu environment skips, %zu unexpected, %zu expected, %zu fixed\n",
		m->gate_failed ? "FAILED" : "passed", m->nregress, m->nenvskip, m->nunexpected,
		m->nexpected, m->nfixed);
	return 0;
}

static int run_compare(struct compare_args *a, struct nsc_expects *expect, FILE *out, bool gate_only)
{
	struct nsc_runfile runs[NSC_COMPARE_MAX_RUNS];
	struct nsc_compare_opts o = {
		.labels = a->labels,
		.nlabels = a->nlabels,
		.skip = a->skip,
		.nskip = a->nskip,
		.only_diff = a->only_diff,
		.baseline = a->baseline != NULL,
		.allow_skip = a->allow_skip,
		.expect = expect,
	};
	struct nsc_comparison c;
	size_t n = 0;
	struct nsc_err err;
	int ret = 2;

	if (a->baseline) {
		if (nsc_runfile_load(a->baseline, &runs[n], &err) < 0)
			goto bad;
		n++;
	}
	for (size_t i = 0; i < a->nfiles; i++, n++)
		if (nsc_runfile_load(a->files[i], &runs[n], &err) < 0)
			goto bad;
	if (nsc_compare_build(runs, n, &o, &c, &err) < 0)
		goto bad;
	if (gate_only)
		gate_lines(out, &c.m);
	else if (nsc_mx_write(out, &c.m, a->fmt,
			      a->color < 0 ? isatty(fileno(out)) && !getenv("NO_COLOR") : a->color,
			      &err) < 0 ||
		 (a->fmt == NSC_MX_TEXT && c.m.gate && gate_lines(out, &c.m) < 0))
		goto bad_c;
	if (fflush(out) || ferror(out)) {
		nsc_err_set(&err, errno ? errno : EIO, "cannot write the comparison");
		goto bad_c;
	}
	ret = c.m.gate ? c.m.gate_failed : c.m.ndiffer > 0;
	nsc_compare_free(&c);
	goto out;
bad_c:
	nsc_compare_free(&c);
bad:
	fprintf(stderr, "nscheck compare: %s\n", err.msg);
out:
	while (n--)
		nsc_runfile_free(&runs[n]);
	return ret;
}

int nsc_compare_main(int argc, char **argv)
{
	struct nsc_expects expect = { 0 };
	struct compare_args a;
	struct nsc_err err;
	int ret;

	if (parse_args(argc, argv, &a, &err) < 0) {
		fprintf(stderr, "nscheck compare: %s\n", err.msg);
		return 2;
	}
	if (a.help) {
		fputs(nsc_compare_usage, stdout);
		return fflush(stdout) ? 2 : 0;
	}
	if (a.expect && nsc_expect_load(a.expect, &expect, &err) < 0) {
		fprintf(stderr, "nscheck compare: %s\n", err.msg);
		return 2;
	}
	ret = run_compare(&a, a.expect ? &expect : NULL, stdout, false);
	nsc_expect_free(&expect);
	return ret;
}

int nsc_compare_gate_run(const char *baseline_json, const char *new_json,
			 const struct nsc_expects *expect, bool allow_skip, const char *const *skip,
			 size_t nskip, FILE *fp)
{
	struct compare_args a;
	char *files[1] = { (char *)new_json };

	memset(&a, 0, sizeof(a));
	a.baseline = baseline_json;
	a.allow_skip = allow_skip;
	a.files = files;
	a.nfiles = 1;
	for (size_t i = 0; i < nskip && i < NSC_COMPARE_MAX_PATTERNS; i++)
		a.skip[a.nskip++] = skip[i];
	return run_compare(&a, (struct nsc_expects *)expect, fp, true);
}
