// SPDX-License-Identifier: GPL-2.0-only
/*
 * nscheck: command line, reporters, exit status.  The only file that
 * prints usage errors and exits.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "env.h"
#include "probe.h"
#include "registry.h"
#include "reporter.h"
#include "runner.h"
#include "version.h"

#define NSC_EXIT_OK 0
#define NSC_EXIT_FAIL 1
#define NSC_EXIT_ERROR 2
#define NSC_EXIT_ALL_SKIPPED 4

#define NSC_MAX_REPORTERS 5

static int usage_error(const struct nsc_err *e)
{
	fprintf(stderr, "nscheck: %s\n", e->msg);
	return NSC_EXIT_ERROR;
}

static void join_argv(int argc, char **argv, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < argc && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? " " : "", argv[i]);
}

static int list_cases(const struct nsc_case **sel, int n)
{
	for (int i = 0; i < n; i++)
		printf("%-28s %s\n", sel[i]->id, sel[i]->summary ? sel[i]->summary : "");
	return fflush(stdout) ? NSC_EXIT_ERROR : NSC_EXIT_OK;
}

struct nsc_reports {
	struct nsc_reporter *r[NSC_MAX_REPORTERS];
	size_t n;
};

static int reports_add(struct nsc_reports *rs, enum nsc_report_kind kind, const char *path,
		       const struct nsc_report_opts *o, struct nsc_err *err)
{
	int ret = nsc_reporter_open(&rs->r[rs->n], kind, path, o, err);

	if (ret >= 0)
		rs->n++;
	return ret;
}

static int reports_close(struct nsc_reports *rs, int commit, struct nsc_err *err)
{
	int ret = 0;

	for (size_t i = 0; i < rs->n; i++) {
		int r = nsc_reporter_close(rs->r[i], commit, err);

		if (r < 0 && !ret)
			ret = r;
	}
	rs->n = 0;
	return ret;
}

/* Every report file is created (as a temp file) before any case runs. */
static int reports_open(const struct nsc_cli *cli, struct nsc_reports *rs, struct nsc_err *err)
{
	struct nsc_report_opts o = {
		.tap_version = cli->tap_version,
		.color = cli->color < 0 ? isatty(2) && !getenv("NO_COLOR") : cli->color,
		.progress = isatty(2),
		.quiet = cli->quiet,
	};
	bool json_stdout = cli->json_path && !strcmp(cli->json_path, "-");
	bool ktap_stdout = cli->ktap_set && (!cli->ktap_path || !strcmp(cli->ktap_path, "-"));
	bool tap = cli->tap_set || !(json_stdout || ktap_stdout);
	bool tap_stdout = tap && (!cli->tap_path || !strcmp(cli->tap_path, "-"));
	int ret = 0;

	/* TAP on the same terminal: the console adds only the summary. */
	if ((tap_stdout || ktap_stdout) && isatty(1)) {
		o.quiet = 1;
		o.progress = 0;
	}

	if (tap_stdout && (json_stdout || ktap_stdout))
		return nsc_err_setx(err, EINVAL, "--tap and --%s cannot both write to stdout",
				    json_stdout ? "json -" : "ktap");
	if (json_stdout && ktap_stdout)
		return nsc_err_setx(err, EINVAL, "--ktap and --json - cannot both write to stdout");
	if (tap)
		ret = reports_add(rs, NSC_REPORT_TAP, cli->tap_path, &o, err);
	if (ret >= 0 && cli->ktap_set)
		ret = reports_add(rs, NSC_REPORT_KTAP, cli->ktap_path, &o, err);
	if (ret >= 0 && cli->junit_path)
		ret = reports_add(rs, NSC_REPORT_JUNIT, cli->junit_path, &o, err);
	if (ret >= 0 && cli->json_path)
		ret = reports_add(rs, NSC_REPORT_JSON, cli->json_path, &o, err);
	/* Off a terminal (a CI log) the console is the summary line alone. */
	if (!isatty(2))
		o.quiet = 1;
	if (ret >= 0)
		ret = reports_add(rs, NSC_REPORT_CONSOLE, NULL, &o, err);
	if (ret < 0)
		reports_close(rs, 0, NULL);
	return ret;
}

/* @extra: records that are no case (the residue audit). */
static int exit_status(const struct nsc_run_info *run, unsigned int extra, int signo)
{
	if (signo)
		return 128 + signo;
	if (run->counts.fail)
		return NSC_EXIT_FAIL;
	if (run->counts.error)
		return NSC_EXIT_ERROR;
	if (run->planned > extra && run->counts.skip == run->planned - extra)
		return NSC_EXIT_ALL_SKIPPED;
	return NSC_EXIT_OK;
}

static int print_env(const struct nsc_cli *cli, const struct nsc_env *env,
		     const struct nsc_run_info *run)
{
	struct nsc_report_opts o = { .tap_version = 14 };
	bool json = cli->json_path != NULL;
	struct nsc_reporter *r;
	struct nsc_err err;
	int ret;

	ret = nsc_reporter_open(&r, json ? NSC_REPORT_JSON : NSC_REPORT_ENV,
				json ? cli->json_path : "-", &o, &err);
	if (ret < 0)
		return usage_error(&err);
	ret = r->ops->begin(r, run, &err);
	if (ret >= 0)
		ret = r->ops->end(r, run, &err);
	if (nsc_reporter_close(r, ret >= 0, &err) < 0 || ret < 0) {
		fprintf(stderr, "nscheck: %s\n", err.msg);
		return NSC_EXIT_ERROR;
	}
	return NSC_EXIT_OK;
}

/* Run (or list, or self-check) the selected cases; returns the exit status. */
static int run_selected(const struct nsc_cli *cli, const struct nsc_case **sel, int n,
			struct nsc_env *env, struct nsc_run_info *run)
{
	struct nsc_reports rs = { .n = 0 };
	struct nsc_audit *audit = NULL;
	struct nsc_runner_opts ropts;
	struct nsc_err err;
	int ret, signo = 0;

	if (cli->list)
		return list_cases(sel, n);
	memset(&ropts, 0, sizeof(ropts));
	ropts.jobs = cli->jobs ? cli->jobs : (unsigned int)sysconf(_SC_NPROCESSORS_ONLN);
	if (!ropts.jobs || ropts.jobs > NSC_JOBS_MAX)
		ropts.jobs = 1;
	ropts.timeout_s = cli->timeout_s;
	ropts.timeout_explicit = cli->timeout_set;
	ropts.control = !cli->no_control;
	ropts.rootless = cli->rootless;
	ropts.env = env;

	if (cli->self_check) {
		ret = nsc_self_check(sel, (size_t)n, &ropts, stdout, &signo, &err);
		if (ret < 0) {
			fprintf(stderr, "nscheck: %s\n", err.msg);
			return NSC_EXIT_ERROR;
		}
		return signo ? 128 + signo : ret ? NSC_EXIT_FAIL : NSC_EXIT_OK;
	}

	if (reports_open(cli, &rs, &err) < 0)
		return usage_error(&err);
	if (!cli->no_audit) {
		audit = nsc_audit_snapshot();
		ropts.audit = nsc_audit_cb;
		ropts.audit_arg = audit;
	}
	ret = nsc_run(sel, (size_t)n, &ropts, rs.r, rs.n, run, &signo, &err);
	nsc_audit_free(audit);
	if (ret < 0) {
		fprintf(stderr, "nscheck: %s\n", err.msg);
		reports_close(&rs, 0, NULL);
		return NSC_EXIT_ERROR;
	}
	if (reports_close(&rs, 1, &err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err.msg);
		return NSC_EXIT_ERROR;
	}
	return exit_status(run, ropts.audit ? 1 : 0, signo);
}

int main(int argc, char **argv)
{
	static char cmdline[8192];
	const struct nsc_case **sel = NULL;
	struct nsc_registry reg;
	struct nsc_run_info run;
	struct nsc_env env;
	struct nsc_cli cli;
	struct nsc_err err;
	int n, ret;

	signal(SIGPIPE, SIG_IGN);
	if (nsc_cli_parse(argc, argv, &cli, &err) < 0)
		return usage_error(&err);
	if (cli.help) {
		fputs(nsc_cli_usage, stdout);
		return NSC_EXIT_OK;
	}
	if (cli.version) {
		printf("nscheck %s\n", NSC_VERSION);
		return NSC_EXIT_OK;
	}
	join_argv(argc, argv, cmdline, sizeof(cmdline));
	memset(&run, 0, sizeof(run));
	run.tool_version = NSC_VERSION;
	run.command_line = cmdline;
	clock_gettime(CLOCK_REALTIME, &run.start);
	if (nsc_env_collect(&env, &err) < 0)
		fprintf(stderr, "nscheck: warning: environment incomplete: %s\n", err.msg);
	run.env = &env;
	/* From here on cli.rootless is the mode chosen, not only the option. */
	env.mode = nsc_probe_mode(cli.rootless, &cli.rootless);
	if (cli.env_only || cli.json_path || cli.junit_path)
		nsc_env_collect_kconfig(&env);
	if (cli.env_only)
		return print_env(&cli, &env, &run);

	if (nsc_registry_load(&reg, &err) < 0)
		return usage_error(&err);
	if (!cli.all && !cli.npatterns && !cli.list && !cli.ns && !cli.self_check) {
		fprintf(stderr,
			"nscheck: nothing to run: give --all, case ids or globs (see nscheck --list)\n");
		ret = NSC_EXIT_ERROR;
		goto out;
	}
	sel = calloc(reg.n, sizeof(*sel));
	if (!sel) {
		fprintf(stderr, "nscheck: out of memory\n");
		ret = NSC_EXIT_ERROR;
		goto out;
	}
	n = nsc_registry_select(&reg, cli.npatterns ? cli.patterns : NULL, cli.npatterns, cli.ns,
				sel, &err);
	ret = n < 0 ? usage_error(&err) : run_selected(&cli, sel, n, &env, &run);
out:
	free(sel);
	nsc_registry_free(&reg);
	return ret;
}
