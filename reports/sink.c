// SPDX-License-Identifier: GPL-2.0-only
/*
 * The format table and the sink.  A new report format is one file in
 * reports/ defining its struct nsc_reporter_ops plus one line here (and
 * one CLI option in harness/cli.c).
 */
#include <string.h>

#include "sink.h"

extern const struct nsc_reporter_ops nsc_tap_ops;
extern const struct nsc_reporter_ops nsc_ktap_ops;
extern const struct nsc_reporter_ops nsc_junit_ops;
extern const struct nsc_reporter_ops nsc_json_ops;
extern const struct nsc_reporter_ops nsc_console_ops;
extern const struct nsc_reporter_ops nsc_env_ops;
extern const struct nsc_reporter_ops nsc_selfcheck_ops;
extern const struct nsc_reporter_ops nsc_html_ops;

const struct nsc_reporter_ops *const nsc_report_formats[] = {
	&nsc_tap_ops,	    /* tap: TAP 14 (or 13) */
	&nsc_ktap_ops,	    /* ktap: KTAP version 1, for kernel CI */
	&nsc_junit_ops,	    /* junit: JUnit XML */
	&nsc_json_ops,	    /* json: one JSON document per run */
	&nsc_console_ops,   /* console: the human view, on stderr */
	&nsc_env_ops,	    /* env: the environment fingerprint as text (--env) */
	&nsc_selfcheck_ops, /* selfcheck: the --self-check lines */
	&nsc_html_ops,	    /* html: one self-contained page (reports/mx_html.c) */
	NULL,
};

const struct nsc_reporter_ops *nsc_report_format(const char *name)
{
	for (size_t i = 0; name && nsc_report_formats[i]; i++)
		if (!strcmp(nsc_report_formats[i]->name, name))
			return nsc_report_formats[i];
	return NULL;
}

int nsc_sink_open(struct nsc_sink *s, const char *format, const char *path,
		  const struct nsc_report_opts *opts, struct nsc_err *err)
{
	struct nsc_reporter *r;
	int ret;

	if (s->n >= NSC_SINK_MAX)
		return nsc_err_setx(err, E2BIG, "more than %d reports", NSC_SINK_MAX);
	ret = nsc_reporter_open(&r, format, path, opts, err);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < s->n; i++) {
		if (nsc_reporter_same_target(s->r[i], r)) {
			ret = nsc_err_setx(err, EEXIST, "--%s and --%s write to the same file %s",
					   s->r[i]->ops->name, r->ops->name,
					   r->path ? r->path : "(stdout)");
			nsc_reporter_close(r, 0, NULL);
			return ret;
		}
	}
	s->r[s->n++] = r;
	return 0;
}

int nsc_sink_begin(struct nsc_sink *s, const struct nsc_run_info *run, struct nsc_err *err)
{
	for (size_t i = 0; i < s->n; i++) {
		int ret = s->r[i]->ops->begin(s->r[i], run, err);

		if (ret < 0)
			return ret;
	}
	return 0;
}

int nsc_sink_result(struct nsc_sink *s, const struct nsc_result *res, struct nsc_err *err)
{
	for (size_t i = 0; i < s->n; i++) {
		int ret = s->r[i]->ops->result(s->r[i], res, err);

		if (ret < 0)
			return ret;
	}
	return 0;
}

int nsc_sink_end(struct nsc_sink *s, const struct nsc_run_info *run, struct nsc_err *err)
{
	for (size_t i = 0; i < s->n; i++) {
		int ret = s->r[i]->ops->end(s->r[i], run, err);

		if (ret < 0)
			return ret;
	}
	return 0;
}

int nsc_sink_close(struct nsc_sink *s, bool commit, struct nsc_err *err)
{
	int ret = 0;

	for (size_t i = 0; i < s->n; i++) {
		struct nsc_err e;
		int r = nsc_reporter_close(s->r[i], commit, &e);

		if (r < 0 && !ret) {
			ret = r;
			if (err)
				*err = e;
		}
	}
	s->n = 0;
	return ret;
}
