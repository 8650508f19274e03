/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_CLI_H
#define NSC_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define NSC_ARG_MAX 4096 /* longest accepted argument */
#define NSC_JOBS_MAX 256
#define NSC_TIMEOUT_MAX 3600

struct nsc_cli {
	bool all, list, help, version, env_only, self_check;
	bool quiet, no_control, rootless, no_audit;
	const char *ns;		/* --ns LIST */
	unsigned int timeout_s; /* default 10 */
	bool timeout_set;
	unsigned int jobs;     /* 0: number of CPUs */
	bool tap_set;	       /* --tap given */
	const char *tap_path;  /* NULL/"-": stdout */
	int tap_version;       /* 13 or 14 */
	bool ktap_set;	       /* --ktap given */
	const char *ktap_path; /* NULL/"-": stdout */
	const char *junit_path;
	const char *json_path; /* "-": stdout */
	int color;	       /* -1 auto, 0 never, 1 always */
	char **patterns;       /* ids and globs (into argv) */
	size_t npatterns;
};

/*
 * Parse argv.  Returns 0, or -EINVAL with a one-line message in @err
 * naming the bad option or value.  Does not print, does not exit.
 */
int nsc_cli_parse(int argc, char **argv, struct nsc_cli *cli, struct nsc_err *err);

/* The --help text. */
extern const char nsc_cli_usage[];

#endif
