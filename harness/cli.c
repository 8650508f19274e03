// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "via.h"

const char nsc_cli_usage[] =
	"Usage: nscheck [OPTION]... [--all | ID|GLOB...]\n"
	"Verify that Linux namespaces isolate what they promise, case by case.\n"
	"\n"
	"Selection:\n"
	"  -a, --all              run every case\n"
	"  ID|GLOB...             run the named cases ('net.*', 'uts', ...; not with --all)\n"
	"      --ns LIST          only cases of these namespaces (e.g. uts,ipc)\n"
	"      --skip PATTERN     leave out the cases matching the glob (repeatable)\n"
	"  -l, --list             list case ids and summaries, run nothing (the\n"
	"                         target catalogue: --list 'target.*' or with --target)\n"
	"\n"
	"Auditing a running container (read-only, from outside; target.* cases):\n"
	"      --target PID       audit the process PID and its namespaces\n"
	"      --target-pidfile FILE  the same, PID read from FILE (a runtime's pidfile)\n"
	"      --target-label TEXT    name of the target in reports (default: the\n"
	"                         container id its cgroup names, else its command)\n"
	"      --list --long      ... with namespaces, privilege, kernel options, anchors\n"
	"      --list --json      ... as one JSON document on stdout\n"
	"      --check-config [FILE]  which cases this kernel config can host and\n"
	"                         which SKIP for want of which option (default: the\n"
	"                         running kernel's, /proc/config.gz or\n"
	"                         /boot/config-$(uname -r)); runs nothing\n"
	"\n"
	"Running:\n"
	"  -j, --jobs N           run N case processes at once (default: usable CPUs,\n"
	"                         at most 256; one that sleeps in a kernel wait its\n"
	"                         case declares does not count)\n"
	"  -t, --timeout S        per-case timeout in seconds (default 10)\n"
	"      --no-control       do not run the positive controls (faster, less proof)\n"
	"      --self-check       run each case (default: all) with its namespaces\n"
	"                         withheld and require that it FAILs (sensitive)\n"
	"                         or say BLIND; reports then judge the cases\n"
	"      --rootless         run inside a user namespace of nscheck's own\n"
	"                         (automatic when not root, and for root without\n"
	"                         CAP_SYS_ADMIN when it can make one)\n"
	"      --no-audit         do not compare host state before and after\n"
	"      --via PATH         create each case's namespaces with clone3 (default),\n"
	"                         clone (clone(2)) or unshare (fork, then unshare(2))\n"
	"      --unsafe           also run the cases that would act on the host if\n"
	"                         isolation were broken (set a clock, reboot(2) in\n"
	"                         a PID namespace); for disposable machines (VMs)\n"
	"\n"
	"Reports (several at once; never two to one file):\n"
	"      --tap[=FILE]       TAP 14 (default: on stdout)\n"
	"      --tap-version V    13 for older TAP consumers (prove 3.44, tappy)\n"
	"      --ktap[=FILE]      KTAP version 1, for kernel CI (default: stdout)\n"
	"      --junit FILE       JUnit XML\n"
	"      --json FILE        JSON document ('-' for stdout)\n"
	"      --html FILE        one self-contained HTML page (filters, details)\n"
	"      --kmsg, --no-kmsg  a kernel log line per case start and result\n"
	"                         (default: on when root and /dev/kmsg is writable)\n"
	"  -q, --quiet            console: summary line only\n"
	"      --color WHEN       console colour: auto, always, never\n"
	"      --env              print the environment fingerprint and exit\n"
	"                         (as JSON with --json FILE; no other option)\n"
	"\n"
	"Gate (CI; exit 0 passed, 1 failed; see nscheck compare --help):\n"
	"      --baseline OLD     compare this run with the JSON report OLD: fail when\n"
	"                         a case newly FAILs or ERRORs, or went PASS -> SKIP\n"
	"      --allow-skip       PASS -> SKIP does not fail the gate\n"
	"      --expect FILE      accept the statuses FILE lists ('ID|GLOB STATUS\n"
	"                         [REASON]' lines); any other FAIL or ERROR fails\n"
	"\n"
	"Compare reports: nscheck compare [OPTION]... A.json B.json... (--help there)\n"
	"\n"
	"  -h, --help             show this help\n"
	"  -V, --version          show the version\n"
	"\n"
	"Options that cannot work together are refused (exit 2), never ignored.\n"
	"\n"
	"Exit status: 0 no FAIL or ERROR; 1 some case FAILed (isolation broken);\n"
	"2 usage error or some ERROR; 4 every case was skipped;\n"
	"128+N interrupted by signal N (reports then hold the partial run).\n";

enum {
	OPT_NS = 256,
	OPT_REPORT, /* --NAME[=FILE]: a format of the table, named like its option */
	OPT_TAP_VERSION,
	OPT_COLOR,
	OPT_KMSG,
	OPT_NO_KMSG,
	OPT_ENV,
	OPT_SELF_CHECK,
	OPT_NO_CONTROL,
	OPT_ROOTLESS,
	OPT_NO_AUDIT,
	OPT_TARGET,
	OPT_TARGET_PIDFILE,
	OPT_TARGET_LABEL,
	OPT_LONG,
	OPT_CHECK_CONFIG,
	OPT_BASELINE,
	OPT_EXPECT,
	OPT_ALLOW_SKIP,
	OPT_SKIP,
	OPT_VIA,
	OPT_UNSAFE,
};

static const struct option nsc_long_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "list", no_argument, NULL, 'l' },
	{ "ns", required_argument, NULL, OPT_NS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "timeout", required_argument, NULL, 't' },
	{ "no-control", no_argument, NULL, OPT_NO_CONTROL },
	{ "self-check", no_argument, NULL, OPT_SELF_CHECK },
	{ "rootless", no_argument, NULL, OPT_ROOTLESS },
	{ "no-audit", no_argument, NULL, OPT_NO_AUDIT },
	{ "via", required_argument, NULL, OPT_VIA },
	{ "unsafe", no_argument, NULL, OPT_UNSAFE },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "target-pidfile", required_argument, NULL, OPT_TARGET_PIDFILE },
	{ "target-label", required_argument, NULL, OPT_TARGET_LABEL },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "expect", required_argument, NULL, OPT_EXPECT },
	{ "allow-skip", no_argument, NULL, OPT_ALLOW_SKIP },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "tap", optional_argument, NULL, OPT_REPORT },
	{ "tap-version", required_argument, NULL, OPT_TAP_VERSION },
	{ "ktap", optional_argument, NULL, OPT_REPORT },
	{ "junit", required_argument, NULL, OPT_REPORT },
	{ "json", required_argument, NULL, OPT_REPORT },
	{ "html", required_argument, NULL, OPT_REPORT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "kmsg", no_argument, NULL, OPT_KMSG },
	{ "no-kmsg", no_argument, NULL, OPT_NO_KMSG },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "env", no_argument, NULL, OPT_ENV },
	{ "long", no_argument, NULL, OPT_LONG },
	{ "check-config", optional_argument, NULL, OPT_CHECK_CONFIG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_uint(const char *opt, const char *s, unsigned int min, unsigned int max,
		      unsigned int *out, struct nsc_err *err)
{
	unsigned long v;
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		goto bad;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		goto bad;
	*out = (unsigned int)v;
	return 0;
bad:
	return nsc_err_setx(err, EINVAL, "invalid value '%.64s' for %s (want %u..%u)", s, opt, min,
			    max);
}

static int need_path(const char *opt, const char *s, struct nsc_err *err)
{
	if (!s || !*s)
		return nsc_err_setx(err, EINVAL, "%s needs a file name", opt);
	return 0;
}

static int add_report(struct nsc_cli *cli, const char *format, const char *path, struct nsc_err *err)
{
	char opt[64];

	snprintf(opt, sizeof(opt), "--%s", format);
	if (path && need_path(opt, path, err) < 0)
		return -EINVAL;
	if (cli->nreports >= NSC_CLI_REPORTS)
		return nsc_err_setx(err, EINVAL, "more than %d reports asked for", NSC_CLI_REPORTS);
	cli->reports[cli->nreports].format = format;
	cli->reports[cli->nreports++].path = path;
	return 0;
}

static int parse_one(int c, const char *arg, const char *bad, const char *longname,
		     struct nsc_cli *cli, struct nsc_err *err)
{
	switch (c) {
	case 'a':
		cli->all = true;
		return 0;
	case 'l':
		cli->list = true;
		return 0;
	case 'q':
		cli->quiet = true;
		return 0;
	case 'h':
		cli->help = true;
		return 0;
	case 'V':
		cli->version = true;
		return 0;
	case OPT_ENV:
		cli->env_only = true;
		return 0;
	case OPT_SELF_CHECK:
		cli->self_check = true;
		return 0;
	case OPT_NO_CONTROL:
		cli->no_control = true;
		return 0;
	case OPT_ROOTLESS:
		cli->rootless = true;
		return 0;
	case OPT_NO_AUDIT:
		cli->no_audit = true;
		return 0;
	case OPT_VIA:
		cli->via_set = true;
		if (nsc_via_parse(arg, &cli->via) < 0)
			return nsc_err_setx(err, EINVAL,
					    "invalid value '%.64s' for --via (want clone3, clone or unshare)",
					    arg);
		return 0;
	case OPT_UNSAFE:
		cli->unsafe = true;
		return 0;
	case OPT_TARGET:
		if (cli->target || cli->target_pidfile)
			return nsc_err_setx(err, EINVAL, "only one --target or --target-pidfile");
		cli->target = arg;
		return 0;
	case OPT_TARGET_PIDFILE:
		if (cli->target || cli->target_pidfile)
			return nsc_err_setx(err, EINVAL, "only one --target or --target-pidfile");
		cli->target_pidfile = arg;
		return need_path("--target-pidfile", arg, err);
	case OPT_TARGET_LABEL:
		if (!*arg)
			return nsc_err_setx(err, EINVAL, "--target-label needs a text");
		cli->target_label = arg;
		return 0;
	case OPT_LONG:
		cli->list_long = true;
		return 0;
	case OPT_CHECK_CONFIG:
		cli->check_config = true;
		if (arg && need_path("--check-config", arg, err) < 0)
			return -EINVAL;
		cli->check_config_path = arg;
		return 0;
	case OPT_BASELINE:
		cli->baseline = arg;
		return need_path("--baseline", arg, err);
	case OPT_EXPECT:
		cli->expect = arg;
		return need_path("--expect", arg, err);
	case OPT_ALLOW_SKIP:
		cli->allow_skip = true;
		return 0;
	case OPT_SKIP:
		if (!*arg)
			return nsc_err_setx(err, EINVAL, "--skip needs a case id or glob");
		if (cli->nskip == NSC_SKIP_MAX)
			return nsc_err_setx(err, E2BIG, "more than %d --skip patterns", NSC_SKIP_MAX);
		cli->skip[cli->nskip++] = arg;
		return 0;
	case OPT_NS:
		if (!*arg)
			return nsc_err_setx(err, EINVAL, "--ns needs a namespace list");
		cli->ns = arg;
		return 0;
	case 'j':
		return parse_uint("--jobs", arg, 1, NSC_JOBS_MAX, &cli->jobs, err);
	case 't':
		cli->timeout_set = true;
		return parse_uint("--timeout", arg, 1, NSC_TIMEOUT_MAX, &cli->timeout_s, err);
	case OPT_REPORT:
		return add_report(cli, longname, arg, err);
	case OPT_TAP_VERSION: {
		unsigned int v = 0;

		if (parse_uint("--tap-version", arg, 13, 14, &v, err) < 0)
			return -EINVAL;
		cli->tap_version = (int)v;
		cli->tap_version_set = true;
		return 0;
	}
	case OPT_KMSG:
		cli->kmsg = 1;
		return 0;
	case OPT_NO_KMSG:
		cli->kmsg = 0;
		return 0;
	case OPT_COLOR:
		cli->color_set = true;
		if (!strcmp(arg, "auto"))
			cli->color = -1;
		else if (!strcmp(arg, "always"))
			cli->color = 1;
		else if (!strcmp(arg, "never"))
			cli->color = 0;
		else
			return nsc_err_setx(err, EINVAL,
					    "invalid value '%.64s' for --color (want auto, always or never)",
					    arg);
		return 0;
	case ':':
		return nsc_err_setx(err, EINVAL, "option '%.64s' needs a value", bad);
	default:
		return nsc_err_setx(err, EINVAL, "unknown option '%.64s' (see nscheck --help)", bad);
	}
}

const struct nsc_cli_report *nsc_cli_report(const struct nsc_cli *cli, const char *format)
{
	for (size_t i = 0; i < cli->nreports; i++)
		if (!strcmp(cli->reports[i].format, format))
			return &cli->reports[i];
	return NULL;
}

bool nsc_cli_report_on_stdout(const struct nsc_cli_report *rep)
{
	return !rep->path || !strcmp(rep->path, "-");
}

bool nsc_cli_writes_tap(const struct nsc_cli *cli)
{
	if (nsc_cli_report(cli, "tap"))
		return true;
	if (cli->self_check || cli->env_only || cli->list)
		return false;
	for (size_t i = 0; i < cli->nreports; i++)
		if (nsc_cli_report_on_stdout(&cli->reports[i]))
			return false;
	return true;
}

struct given {
	bool on;
	const char *name;
};

/* The first option of @g given, refused beside @what. */
static int refuse(const char *what, const struct given *g, size_t n, struct nsc_err *err)
{
	for (size_t i = 0; i < n; i++)
		if (g[i].on)
			return nsc_err_setx(err, EINVAL, "%s cannot be combined with %s", what,
					    g[i].name);
	return 0;
}

#define NSC_REFUSE(what, ...)                                              \
	do {                                                               \
		const struct given _g[] = { __VA_ARGS__ };                 \
		if (refuse(what, _g, sizeof(_g) / sizeof(_g[0]), err) < 0) \
			return -EINVAL;                                    \
	} while (0)

/*
 * Every combination works as documented or is refused here.  --help and
 * --version print and exit whatever else is given.
 */
static int check_combination(const struct nsc_cli *cli, struct nsc_err *err)
{
	bool tap = nsc_cli_report(cli, "tap"), junit = nsc_cli_report(cli, "junit");
	bool ktap = nsc_cli_report(cli, "ktap"), html = nsc_cli_report(cli, "html");
	bool json = nsc_cli_report(cli, "json"), ids = cli->npatterns > 0;
	size_t njson = 0;

	for (size_t i = 0; i < cli->nreports; i++)
		njson += !strcmp(cli->reports[i].format, "json");
	if (cli->help || cli->version)
		return 0;
	if (cli->env_only)
		NSC_REFUSE("--env", { cli->all, "--all" }, { ids, "case ids" }, { cli->ns, "--ns" },
			   { cli->list, "--list" }, { cli->self_check, "--self-check" },
			   { cli->jobs, "--jobs" }, { cli->timeout_set, "--timeout" },
			   { cli->no_control, "--no-control" }, { cli->rootless, "--rootless" },
			   { cli->no_audit, "--no-audit" }, { cli->quiet, "--quiet" },
			   { cli->color_set, "--color" }, { tap, "--tap" }, { ktap, "--ktap" },
			   { junit, "--junit" }, { cli->tap_version_set, "--tap-version" },
			   { njson > 1, "a second --json" }, { html, "--html" },
			   { cli->via_set, "--via" }, { cli->unsafe, "--unsafe" });
	if (cli->list_long && !cli->list)
		return nsc_err_setx(err, EINVAL, "--long needs --list");
	if (cli->list_long && cli->list_json)
		return nsc_err_setx(err, EINVAL, "--list --long cannot be combined with --json");
	if (cli->check_config)
		NSC_REFUSE("--check-config", { cli->all, "--all" }, { ids, "more than one FILE" },
			   { cli->list, "--list" }, { cli->self_check, "--self-check" },
			   { cli->env_only, "--env" }, { cli->jobs, "--jobs" },
			   { cli->timeout_set, "--timeout" }, { cli->no_control, "--no-control" },
			   { cli->rootless, "--rootless" }, { cli->no_audit, "--no-audit" },
			   { tap, "--tap" }, { ktap, "--ktap" }, { junit, "--junit" },
			   { json, "--json" }, { cli->tap_version_set, "--tap-version" },
			   { cli->baseline, "--baseline" }, { cli->expect, "--expect" },
			   { cli->nskip, "--skip" }, { html, "--html" },
			   { cli->target || cli->target_pidfile, "--target" },
			   { cli->via_set, "--via" }, { cli->unsafe, "--unsafe" });
	if (cli->list)
		NSC_REFUSE("--list", { cli->self_check, "--self-check" }, { cli->jobs, "--jobs" },
			   { cli->timeout_set, "--timeout" }, { cli->no_control, "--no-control" },
			   { cli->rootless, "--rootless" }, { cli->no_audit, "--no-audit" },
			   { cli->quiet, "--quiet" }, { cli->color_set, "--color" }, { tap, "--tap" },
			   { ktap, "--ktap" }, { junit, "--junit" }, { json, "--json" },
			   { cli->tap_version_set, "--tap-version" }, { html, "--html" },
			   { cli->via_set, "--via" }, { cli->unsafe, "--unsafe" });
	if (cli->self_check)
		NSC_REFUSE("--self-check", { cli->no_control, "--no-control" },
			   { cli->no_audit, "--no-audit" }, { cli->color_set, "--color" },
			   { cli->baseline, "--baseline" }, { cli->expect, "--expect" });
	if (cli->env_only || cli->list)
		NSC_REFUSE(cli->env_only ? "--env" : "--list", { cli->baseline, "--baseline" },
			   { cli->expect, "--expect" }, { cli->env_only && cli->nskip, "--skip" });
	if (cli->allow_skip && !cli->baseline)
		return nsc_err_setx(err, EINVAL, "--allow-skip needs --baseline");
	if (cli->all && ids)
		return nsc_err_setx(err, EINVAL,
				    "--all cannot be combined with case ids or globs (give one or the other)");
	if (cli->tap_version_set && !nsc_cli_writes_tap(cli))
		return nsc_err_setx(err, EINVAL,
				    "--tap-version needs a TAP report (give --tap or --tap=FILE)");
	return 0;
}

/*
 * "--list --json" lists as JSON: a --json without its FILE (last, or
 * before another option) beside --list is the list format, taken out of
 * argv before getopt, which would want a FILE.
 */
static void list_json_prescan(int *argc, char **argv, struct nsc_cli *cli)
{
	bool list = false;
	int at = -1;

	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		list |= !strcmp(argv[i], "--list") || !strcmp(argv[i], "-l");
		if (!strcmp(argv[i], "--json") && (i + 1 == *argc || argv[i + 1][0] == '-'))
			at = i;
	}
	if (!list || at < 0)
		return;
	cli->list_json = true;
	for (int i = at; i + 1 < *argc; i++)
		argv[i] = argv[i + 1];
	argv[--*argc] = NULL;
}

int nsc_cli_parse(int argc, char **argv, struct nsc_cli *cli, struct nsc_err *err)
{
	int c, ret;

	memset(cli, 0, sizeof(*cli));
	cli->timeout_s = 10;
	cli->tap_version = 14;
	cli->color = -1;
	cli->kmsg = -1;
	cli->via = NSC_VIA_CLONE3;
	for (int i = 1; i < argc; i++)
		if (strlen(argv[i]) > NSC_ARG_MAX)
			return nsc_err_setx(err, E2BIG, "argument %d is longer than %d characters",
					    i, NSC_ARG_MAX);
	list_json_prescan(&argc, argv, cli);
	optind = 0; /* glibc: full re-initialisation */
	opterr = 0;
	for (;;) {
		char shortopt[3] = "-?";
		const char *bad;

		int longindex = -1;

		optopt = 0;
		c = getopt_long(argc, argv, ":alj:t:qhV", nsc_long_opts, &longindex);
		if (c == -1)
			break;
		if (optopt > ' ' && optopt < 127) {
			shortopt[1] = (char)optopt;
			bad = shortopt;
		} else {
			bad = optind > 0 && optind - 1 < argc ? argv[optind - 1] : "?";
		}
		ret = parse_one(c, optarg, bad, longindex >= 0 ? nsc_long_opts[longindex].name : "",
				cli, err);
		if (ret < 0)
			return ret;
	}
	for (int i = optind; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return nsc_err_setx(err, EINVAL,
					    "unknown option '%.64s' (see nscheck --help)", argv[i]);
		if (!argv[i][0])
			return nsc_err_setx(err, EINVAL, "empty case id");
	}
	cli->patterns = argv + optind;
	cli->npatterns = (size_t)(argc - optind);
	/* --check-config FILE (not only --check-config=FILE). */
	if (cli->check_config && !cli->check_config_path && cli->npatterns == 1) {
		cli->check_config_path = cli->patterns[0];
		cli->npatterns = 0;
	}
	return check_combination(cli, err);
}
