/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading nscheck JSON reports back (reports/nscheck-report.schema.json)
 * with json-c, for `nscheck compare` and the gates.  Every input is
 * treated as hostile: it is checked to be JSON (strict, valid UTF-8, no
 * NUL byte, bounded size and depth), complete, an nscheck report of a
 * schema version this nscheck reads, with well-formed case records and
 * unique ids.  Fields added by newer writers of the same schema major
 * version are tolerated; the optional case metadata (.kconfigs,
 * .anchors, .min_kernel) is used where present.
 */
#ifndef NSC_RUNFILE_H
#define NSC_RUNFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "result.h"

#define NSC_RUNFILE_MAX_BYTES (64u << 20)
#define NSC_RUNFILE_MAX_CASES 100000u
#define NSC_RUNFILE_MAX_DEPTH 16
#define NSC_RUNFILE_SCHEMA "nscheck-report/1"

struct nsc_rcase {
	const char *id, *ns, *summary;
	enum nsc_status status;
	const char *reason, *hint, *err; /* "" when none */
	const char *control;		 /* "outcome: detail" or "" */
	const char *diag;		 /* "where: message (errno) ..." lines, or "" */
	const char *const *kconfigs;	 /* option names, NULL-terminated */
	const char *anchors;		 /* joined with ", ", or "" */
	const char *min_kernel;		 /* "5.6", or "" */
};

struct nsc_runfile {
	const char *path; /* as given, control characters replaced */
	const char *tool_version, *command_line;
	const char *kernel_release, *os; /* "" when unknown */
	long euid;			 /* -1 unknown */
	int seccomp;			 /* -1 unknown */
	bool rootless;			 /* euid != 0 or --rootless */
	const char *via;		 /* creation path: "clone3" unless stated */
	const char *target;		 /* --target runs: "LABEL (PID N)", else "" */
	bool interrupted;
	/* The environment flattened to key/value pairs, sorted by key. */
	const char **env_key, **env_val;
	size_t nenv;
	struct nsc_rcase *cases; /* sorted by id */
	size_t ncases;
	/* private */
	void *root;   /* the json_object, owner of most strings */
	char **owned; /* strings built here */
	size_t nowned, owned_cap;
};

/*
 * Parse and validate the report in @buf (@len bytes) read from @name.
 * Returns 0, or -errno with a one-line message in @err that starts with
 * the (sanitised) name: "r.json: truncated: JSON ends after 120 bytes".
 */
int nsc_runfile_parse(const char *buf, size_t len, const char *name, struct nsc_runfile *out,
		      struct nsc_err *err);

/* Read @path ("-": stdin; regular files and pipes only) and parse it. */
int nsc_runfile_load(const char *path, struct nsc_runfile *out, struct nsc_err *err);

void nsc_runfile_free(struct nsc_runfile *rf);

/* The environment value of @key in @rf, or NULL. */
const char *nsc_runfile_env(const struct nsc_runfile *rf, const char *key);

/* The case @id of @rf, or NULL. */
const struct nsc_rcase *nsc_runfile_case(const struct nsc_runfile *rf, const char *id);

/*
 * Compare kernel versions "6.1.0-28-amd64" and "6.12": <0, 0, >0 over the
 * numeric "major.minor[.patch]" prefix; 0 when either has none.
 */
int nsc_kver_cmp(const char *a, const char *b);

#endif
