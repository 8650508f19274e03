// SPDX-License-Identifier: GPL-2.0-only
/*
 * nscheck: command line, reporters, exit status.  The only file that
 * prints usage errors and exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "audit.h"
#include "cgroup.h"
#include "cli.h"
#include "compare.h"
#include "cpus.h"
#include "env.h"
#include "kmsg.h"
#include "probe.h"
#include "catalog.h"
#include "registry.h"
#include "runner.h"
#include "target.h"
#include "signals.h"
#include "via.h"
#include "version.h"

#define NSC_EXIT_OK 0
#define NSC_EXIT_FAIL 1
#define NSC_EXIT_ERROR 2
#define NSC_EXIT_ALL_SKIPPED 4

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

/*
 * Lost output is said once, with the errno of the failed write; a reader
 * that went away (nscheck --help | head) is not an error worth a line.
 */
static int stdout_lost(int status)
{
	int e = errno ? errno : EIO;

	if (e != EPIPE)
		fprintf(stderr, "nscheck: write error on stdout: %s\n", strerror(e));
	__fpurge(stdout);
	clearerr(stdout);
	return status;
}

static int list_cases(const struct nsc_cli *cli, const struct nsc_case **sel, int n)
{
	enum nsc_list_form form = cli->list_json ? NSC_LIST_JSON :
				  cli->list_long ? NSC_LIST_LONG :
						   NSC_LIST_SHORT;

	errno = 0;
	if (nsc_catalog_list(stdout, sel, (size_t)n, form) < 0)
		return stdout_lost(NSC_EXIT_ERROR);
	return NSC_EXIT_OK;
}

/* TERM=dumb (or none): no colour, no cursor movement. */
static bool dumb_terminal(void)
{
	const char *t = getenv("TERM");

	return !t || !*t || !strcmp(t, "dumb");
}

/* Columns of the terminal at @fd; 0 when unknown. */
static int term_width(int fd)
{
	struct winsize ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) < 0 || !ws.ws_col)
		return 0;
	return ws.ws_col;
}

static bool any_on_stdout(const struct nsc_cli *cli)
{
	for (size_t i = 0; i < cli->nreports; i++)
		if (nsc_cli_report_on_stdout(&cli->reports[i]))
			return true;
	return false;
}

/*
 * Every report is created (its temp file) before any case runs: the ones
 * asked for, the default on stdout (TAP, or the self-check lines) unless
 * another report claims stdout, and the console (off a terminal: its
 * summary line alone).
 */
static int reports_open(const struct nsc_cli *cli, const char *gate_json, struct nsc_sink *sink,
			struct nsc_err *err)
{
	bool term = isatty(2) && !dumb_terminal();
	struct nsc_report_opts o = {
		.tap_version = cli->tap_version,
		.color = cli->color < 0 ? term && !getenv("NO_COLOR") : cli->color,
		.progress = term,
		.width = term_width(2),
		.quiet = cli->quiet,
	};
	/* Explicitly, or by default: the self-check lines or TAP. */
	bool default_out = !any_on_stdout(cli) && (cli->self_check || !nsc_cli_report(cli, "tap"));
	bool to_stdout = default_out || any_on_stdout(cli);
	int ret = 0;

	/* A report on the same terminal: the console adds only the summary. */
	if (to_stdout && isatty(1)) {
		o.quiet = 1;
		o.progress = 0;
	}
	for (size_t i = 0; ret >= 0 && i < cli->nreports; i++)
		ret = nsc_sink_open(sink, cli->reports[i].format, cli->reports[i].path, &o, err);
	/* The gate's own JSON report (--baseline, --expect). */
	if (ret >= 0 && gate_json)
		ret = nsc_sink_open(sink, "json", gate_json, &o, err);
	if (ret >= 0 && default_out) {
		struct nsc_report_opts d = o;

		d.quiet = cli->quiet;
		ret = nsc_sink_open(sink, cli->self_check ? "selfcheck" : "tap", NULL, &d, err);
	}
	/* Off a terminal (a CI log) the console is the summary line alone. */
	if (!isatty(2))
		o.quiet = 1;
	if (ret >= 0 && !cli->self_check)
		ret = nsc_sink_open(sink, "console", NULL, &o, err);
	if (ret < 0)
		nsc_sink_close(sink, false, NULL);
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

static int print_env(const struct nsc_cli *cli, const struct nsc_run_info *run)
{
	const struct nsc_cli_report *json = nsc_cli_report(cli, "json");
	struct nsc_report_opts o = { .tap_version = 14 };
	struct nsc_sink sink = { .n = 0 };
	struct nsc_err err;
	int ret;

	ret = nsc_sink_open(&sink, json ? "json" : "env", json ? json->path : NULL, &o, &err);
	if (ret < 0)
		return usage_error(&err);
	ret = nsc_sink_begin(&sink, run, &err);
	if (ret >= 0)
		ret = nsc_sink_end(&sink, run, &err);
	if (nsc_sink_close(&sink, ret >= 0, ret >= 0 ? &err : NULL) < 0 || ret < 0) {
		fprintf(stderr, "nscheck: %s\n", err.msg);
		return NSC_EXIT_ERROR;
	}
	return NSC_EXIT_OK;
}

/* Run (or list) the selected cases; returns the exit status. */
static int run_selected(const struct nsc_cli *cli, const struct nsc_case **sel, int n,
			struct nsc_env *env, const struct nsc_target *target,
			struct nsc_run_info *run, const char *gate_json)
{
	struct nsc_sink sink = { .n = 0 };
	struct nsc_audit *audit = NULL;
	struct nsc_runner_opts ropts;
	struct nsc_err err;
	int ret, signo = 0;

	if (cli->list)
		return list_cases(cli, sel, n);
	memset(&ropts, 0, sizeof(ropts));
	ropts.jobs = cli->jobs ? cli->jobs : nsc_jobs_default(nsc_cpus_usable());
	ropts.timeout_s = cli->timeout_s;
	ropts.timeout_explicit = cli->timeout_set;
	ropts.control = !cli->no_control && !cli->self_check;
	ropts.rootless = cli->rootless;
	ropts.self_check = cli->self_check;
	ropts.via = cli->via;
	ropts.unsafe = cli->unsafe;
	ropts.stop_signals = nsc_signals_set();
	ropts.child_mask = nsc_signals_start_mask();
	ropts.env = env;
	ropts.target = target;

	if (cli->kmsg > 0 && !nsc_kmsg_usable()) {
		nsc_err_setx(&err, EACCES, "--kmsg: cannot write to /dev/kmsg (needs root)");
		return usage_error(&err);
	}
	if (reports_open(cli, gate_json, &sink, &err) < 0)
		return usage_error(&err);
	nsc_kmsg_enable(cli->kmsg > 0 || (cli->kmsg < 0 && nsc_kmsg_usable()));
	/* Before the audit's first snapshot: it sweeps what a killed run left. */
	nsc_cgroup_runner_open();
	if (!cli->no_audit && !cli->self_check) {
		audit = nsc_audit_snapshot();
		ropts.audit = nsc_audit_cb;
		ropts.audit_arg = audit;
	}
	ret = nsc_run(sel, (size_t)n, &ropts, &sink, run, &signo, &err);
	nsc_audit_free(audit);
	nsc_cgroup_runner_close();
	if (ret < 0) {
		fprintf(stderr, "nscheck: %s\n", err.msg);
		nsc_sink_close(&sink, false, NULL);
		return NSC_EXIT_ERROR;
	}
	if (nsc_sink_close(&sink, true, &err) < 0) {
		fprintf(stderr, "nscheck: %s\n", err.msg);
		return NSC_EXIT_ERROR;
	}
	return exit_status(run, ropts.audit ? 1 : 0, signo);
}

/* --target/--target-pidfile: the process, or a one-line reason why not. */
static int target_find(const struct nsc_cli *cli, struct nsc_target *t, struct nsc_err *err)
{
	pid_t pid = 0;
	int ret;

	if (cli->self_check || cli->rootless)
		return nsc_err_setx(err, EINVAL, "--target does not combine with %s",
				    cli->self_check ? "--self-check" : "--rootless");
	if (cli->ns)
		return nsc_err_setx(err, EINVAL,
				    "--target does not combine with --ns (select target.<property> ids)");
	if (cli->target)
		ret = nsc_target_parse_pid(cli->target, &pid, err);
	else
		ret = nsc_target_pidfile(cli->target_pidfile, &pid, err);
	if (ret < 0)
		return ret;
	return nsc_target_open(t, pid, cli->target_label, err);
}

/* A target case selected without --target (only --list may do that). */
static int target_case_check(const struct nsc_cli *cli, const struct nsc_case **sel, int n,
			     struct nsc_err *err)
{
	for (int i = 0; i < n && !cli->list; i++)
		if (nsc_registry_is_target(sel[i]))
			return nsc_err_setx(err, EINVAL,
					    "%s audits a running process: give --target PID",
					    sel[i]->id);
	return n;
}

/* Leave out the cases --skip names; returns the new count. */
static int skip_cases(const struct nsc_cli *cli, const struct nsc_case **sel, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < cli->nskip && fnmatch(cli->skip[j], sel[i]->id, 0); j++)
			;
		if (j == cli->nskip)
			sel[k++] = sel[i];
	}
	return k;
}

struct nsc_gate_files {
	char dir[4096];
	char json[4200];
	struct nsc_expects expect;
};

/* Check --baseline and --expect before running; make a private temp directory. */
static int gate_prepare(const struct nsc_cli *cli, struct nsc_gate_files *g)
{
	const char *tmp = getenv("TMPDIR");
	struct nsc_runfile rf;
	struct nsc_err err;

	if (cli->expect && nsc_expect_load(cli->expect, &g->expect, &err) < 0)
		return usage_error(&err);
	if (cli->baseline) {
		if (nsc_runfile_load(cli->baseline, &rf, &err) < 0)
			return usage_error(&err);
		nsc_runfile_free(&rf);
	}
	if (!tmp || *tmp != '/' || strlen(tmp) > 4000)
		tmp = "/tmp";
	snprintf(g->dir, sizeof(g->dir), "%s/nscheck-gate.XXXXXX", tmp);
	if (!mkdtemp(g->dir)) {
		nsc_err_set(&err, errno, "cannot create a directory in %s", tmp);
		g->dir[0] = '\0';
		return usage_error(&err);
	}
	snprintf(g->json, sizeof(g->json), "%s/run.json", g->dir);
	return NSC_EXIT_OK;
}

static void gate_cleanup(struct nsc_gate_files *g)
{
	nsc_expect_free(&g->expect);
	if (g->json[0])
		unlink(g->json);
	if (g->dir[0])
		rmdir(g->dir);
}

/* The gate's exit status replaces the run's (signals and usage errors win). */
static int gate_run(const struct nsc_cli *cli, struct nsc_gate_files *g, int status)
{
	if (status > NSC_EXIT_ALL_SKIPPED || (status == NSC_EXIT_ERROR && access(g->json, F_OK)))
		return status;
	return nsc_compare_gate_run(cli->baseline, g->json, cli->expect ? &g->expect : NULL,
				    cli->allow_skip, cli->skip, cli->nskip, stderr);
}

static int nscheck(int argc, char **argv)
{
	static char cmdline[8192];
	static struct nsc_gate_files gate;
	bool gating = false;
	const struct nsc_case **sel = NULL;
	struct nsc_target target = { .pid = 0, .pidfd = -1 };
	bool targeted;
	struct nsc_registry reg;
	struct nsc_run_info run;
	struct nsc_env env;
	struct nsc_cli cli;
	struct nsc_err err;
	int n, ret;

	if (argc > 1 && !strcmp(argv[1], "compare"))
		return nsc_compare_main(argc - 1, argv + 1);
	if (nsc_cli_parse(argc, argv, &cli, &err) < 0)
		return usage_error(&err);
	if (cli.help) {
		/* Longer than stdio's buffer: a write that fails midway keeps its errno here. */
		errno = 0;
		if (fputs(nsc_cli_usage, stdout) == EOF)
			return stdout_lost(NSC_EXIT_ERROR);
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
	targeted = cli.target || cli.target_pidfile;
	if (cli.target_label && !targeted)
		return usage_error(&(struct nsc_err){ .err = EINVAL,
						      .msg = "--target-label needs --target PID" });
	if (targeted && !cli.list && !cli.env_only) {
		if (target_find(&cli, &target, &err) < 0)
			return usage_error(&err);
		run.target = &target.info;
	}
	if (nsc_registry_load(&reg, &err) < 0)
		return usage_error(&err);
	/*
	 * The kernel options every case names are part of the environment.
	 * A listing needs none of it: --list skips the collection (the
	 * kernel config, sysctls, os-release).
	 */
	nsc_env_want_cases(reg.cases, reg.n);
	if (cli.list)
		memset(&env, 0, sizeof(env));
	else if (nsc_env_collect(&env, &err) < 0)
		fprintf(stderr, "nscheck: warning: environment incomplete: %s\n", err.msg);
	run.env = &env;
	/*
	 * From here on cli.rootless is the mode chosen, not only the option.
	 * A target run never enters a user namespace of its own: it could
	 * not join the target's namespaces from there.
	 */
	if (targeted)
		env.mode = geteuid() ? "unprivileged (not root)" : "root";
	else
		env.mode = nsc_probe_mode(cli.rootless, &cli.rootless);
	env.via = nsc_via_name(cli.via);
	env.unsafe = cli.unsafe;
	if (cli.env_only) {
		ret = print_env(&cli, &run);
		goto out;
	}
	if (cli.check_config) {
		ret = nsc_catalog_check_config(stdout, reg.cases, reg.n, cli.check_config_path,
					       env.kernel_release, &err);
		ret = ret < 0 ? usage_error(&err) : NSC_EXIT_OK;
		goto out;
	}
	gating = cli.baseline || cli.expect;
	if (gating && gate_prepare(&cli, &gate) != NSC_EXIT_OK) {
		ret = NSC_EXIT_ERROR;
		goto out;
	}
	if (!targeted && !cli.all && !cli.npatterns && !cli.list && !cli.ns && !cli.self_check) {
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
	if (targeted)
		n = nsc_registry_select_target(&reg, cli.npatterns ? cli.patterns : NULL,
					       cli.npatterns, sel, &err);
	else
		n = target_case_check(&cli, sel,
				      nsc_registry_select(&reg, cli.npatterns ? cli.patterns : NULL,
							  cli.npatterns, cli.ns, sel, &err),
				      &err);
	if (n >= 0)
		n = skip_cases(&cli, sel, n);
	ret = n < 0 ? usage_error(&err) :
		      run_selected(&cli, sel, n, &env, targeted ? &target : NULL, &run,
				   gating ? gate.json : NULL);
	if (n >= 0 && gating)
		ret = gate_run(&cli, &gate, ret);
out:
	gate_cleanup(&gate);
	free(sel);
	nsc_target_close(&target);
	nsc_registry_free(&reg);
	return ret;
}

/*
 * Descriptors 0-2 closed by the caller (">&-") would be taken by the first
 * files nscheck opens, and the TAP written into a report file: make them
 * valid first, on /dev/null opened read-only, so that a report meant for a
 * closed stdout fails (EBADF) instead of vanishing.
 */
static bool std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		got = open("/dev/null", O_RDONLY);
		if (got != fd) {
			if (got >= 0)
				close(got);
			return false;
		}
	}
	return true;
}

/*
 * As util-linux's close_stdout(): every lost write of stdout (--help,
 * --version, --list, a report on stdout) is an error, said once.  Then a
 * terminating signal that arrived where nothing read it (before or after
 * the run) decides the exit status.
 */
static int finish(int status)
{
	int sig;

	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		status = stdout_lost(NSC_EXIT_ERROR);
	sig = nsc_signals_take();
	return sig ? 128 + sig : status;
}

int main(int argc, char **argv)
{
	if (!std_fds())
		return NSC_EXIT_ERROR;
	nsc_signals_init();
	return finish(nscheck(argc, argv));
}
