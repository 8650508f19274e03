/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_REGISTRY_H
#define NSC_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "nscheck.h"

struct nsc_registry {
	const struct nsc_case **cases; /* sorted by id */
	size_t n;
	struct nsc_case *own; /* nsc_registry_load: the descriptors */
	char *ids;	      /* nsc_registry_load: their ids */
};

/*
 * Collect every NSC_CASE linked into the binary (section nsc_cases),
 * sorted by id.  Fails on duplicate ids, ids that do not match
 * "<ns>.<name>", a source file that is not cases/<ns>/<name>.c, and an
 * empty registry.
 */
int nsc_registry_load(struct nsc_registry *reg, struct nsc_err *err);

/* The same from explicit NSC_CASE entries (unit tests). */
int nsc_registry_load_entries(struct nsc_registry *reg, const struct nsc_case_entry *const *ent,
			      size_t n, struct nsc_err *err);

/*
 * Build a registry from complete descriptors (id, ns, name and file
 * set; unit tests).  The file must be cases/<ns>/<name>.c.
 */
int nsc_registry_from(struct nsc_registry *reg, const struct nsc_case *const *cases, size_t n,
		      struct nsc_err *err);

void nsc_registry_free(struct nsc_registry *reg);

const struct nsc_case *nsc_registry_find(const struct nsc_registry *reg, const char *id);

/*
 * Select cases into @out (caller-allocated, reg->n entries) in id order.
 * @patterns: ids or fnmatch globs (NULL/empty with @all: every visible
 * case).  @ns_list: comma-separated namespaces or NULL.  Hidden cases are
 * selected only by their exact id.  A pattern that matches nothing is an
 * error (-ENOENT, message names it).  Returns the count.
 */
int nsc_registry_select(const struct nsc_registry *reg, char *const *patterns, size_t npatterns,
			const char *ns_list, const struct nsc_case **out, struct nsc_err *err);

/*
 * The same over the target catalogue (cases/target/, ids target.*):
 * every target case when @npatterns is 0.  A normal selection never
 * picks a target case unless a pattern names it ("target", "target.*",
 * an id); --all never does.  A pattern naming a non-target case is an
 * error here.
 */
int nsc_registry_select_target(const struct nsc_registry *reg, char *const *patterns,
			       size_t npatterns, const struct nsc_case **out, struct nsc_err *err);

/* A target case (namespace group "target")? */
bool nsc_registry_is_target(const struct nsc_case *c);

#endif
