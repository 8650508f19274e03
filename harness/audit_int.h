/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Residue audit, inside: the snapshot (audit.c compares two of them,
 * audit_snap.c takes one from the table of sources).  Not for outside
 * harness/audit*.c; the rest of nscheck sees audit.h.
 */
#ifndef NSC_AUDIT_INT_H
#define NSC_AUDIT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "audit.h"
#include "err.h"

struct nsc_audit_item {
	const char *kind; /* static: "hostname", "link", ... */
	char *key;
	char *val;
};

struct nsc_audit {
	struct nsc_audit_item *items;
	size_t n, cap;
	struct nsc_err err; /* first source that could not be read */
	bool oom;
	char *out;  /* text of the last record */
	char *text; /* nsc_audit_item() buffer */
};

struct nsc_audit_source;
typedef void nsc_audit_snap_fn(struct nsc_audit *a, const struct nsc_audit_source *s);

/* One source of host state: its item kind, where it is read, how. */
struct nsc_audit_source {
	const char *kind;
	const char *from; /* path or interface, for messages */
	const char *what; /* for the record's summary */
	nsc_audit_snap_fn *snap;
};

/* THE list of what the audit compares (audit_snap.c); everything else reads it. */
extern const struct nsc_audit_source nsc_audit_sources[];
extern const size_t nsc_audit_nsources;

/* For sources outside audit_snap.c: add one item; note a source that failed. */
void nsc_audit_add(struct nsc_audit *a, const char *kind, const char *key, const char *val);
void nsc_audit_fail(struct nsc_audit *a, int errnum, const char *what);

/* Network sources by netlink dump (audit_net.c). */
nsc_audit_snap_fn nsc_audit_snap_routes, nsc_audit_snap_rules, nsc_audit_snap_nft;

/* Snapshot order: by kind, then key (qsort and merge comparator). */
int nsc_audit_item_cmp(const void *x, const void *y);

#endif
