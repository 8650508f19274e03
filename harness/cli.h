/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_CLI_H
#define NSC_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define NSC_ARG_MAX 4096 /* longest accepted argument */
#define NSC_JOBS_MAX 256
#define NSC_TIMEOUT_MAX 3600
#define NSC_CLI_REPORTS 7 /* report options on one command line */
#define NSC_SKIP_MAX 64

/* One report asked for on the command line. */
struct nsc_cli_report {
	const char *format; /* a name of the format table (reports/sink.c) */
	const char *path;   /* NULL or "-": stdout */
};

struct nsc_cli {
	bool all, list, help, version, env_only, self_check;
	bool quiet, no_control, rootless, no_audit;
	unsigned int via; /* --via: one NSC_VIA_* bit (default clone3) */
	bool via_set;
	bool unsafe;		       /* --unsafe */
	bool list_long, list_json;     /* --list --long, --list --json */
	bool check_config;	       /* --check-config [FILE] */
	const char *check_config_path; /* NULL: the running kernel's */
	const char *ns;		       /* --ns LIST */
	unsigned int timeout_s;	       /* default 10 */
	bool timeout_set;
	unsigned int jobs;				/* 0: number of CPUs */
	struct nsc_cli_report reports[NSC_CLI_REPORTS]; /* in command line order */
	size_t nreports;
	int tap_version; /* 13 or 14 */
	bool tap_version_set;
	int color; /* -1 auto, 0 never, 1 always */
	bool color_set;
	int kmsg;			/* -1 auto (root and /dev/kmsg writable), 0, 1 */
	const char *target;		/* --target PID (text, checked by main) */
	const char *target_pidfile;	/* --target-pidfile FILE */
	const char *target_label;	/* --target-label TEXT */
	const char *baseline;		/* --baseline OLD.json: gate this run against it */
	const char *expect;		/* --expect FILE */
	bool allow_skip;		/* --allow-skip */
	const char *skip[NSC_SKIP_MAX]; /* --skip PATTERN: ids left out */
	size_t nskip;
	char **patterns; /* ids and globs (into argv) */
	size_t npatterns;
};

/*
 * Parse argv and check that the options go together (every combination
 * either works as documented in --help and the man page or is refused
 * here).  Returns 0, or -EINVAL with a one-line message in @err naming
 * the bad option, value or combination.  Does not print, does not exit.
 */
int nsc_cli_parse(int argc, char **argv, struct nsc_cli *cli, struct nsc_err *err);

/* The first report of @format asked for, or NULL. */
const struct nsc_cli_report *nsc_cli_report(const struct nsc_cli *cli, const char *format);

/* Whether a report was asked for on stdout (no file, or "-"). */
bool nsc_cli_report_on_stdout(const struct nsc_cli_report *rep);

/*
 * Whether the run writes TAP: --tap was given, or it is the default on
 * stdout (a normal run where no other report claims stdout).
 */
bool nsc_cli_writes_tap(const struct nsc_cli *cli);

/* The --help text. */
extern const char nsc_cli_usage[];

#endif
