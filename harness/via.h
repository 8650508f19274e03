/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Creation paths (nscheck --via, case field .via) and the --unsafe
 * opt-in: pure rules, unit-tested (harness/tests/check_via.c).
 */
#ifndef NSC_VIA_H
#define NSC_VIA_H

#include <stdbool.h>
#include <stddef.h>

#include "nscheck.h"

#define NSC_VIA_ALL (NSC_VIA_CLONE3 | NSC_VIA_CLONE | NSC_VIA_UNSHARE)

/* "clone3", "clone", "unshare" -> one NSC_VIA_* bit; 0 or -EINVAL. */
int nsc_via_parse(const char *s, unsigned int *via);

/* The name of one NSC_VIA_* bit ("clone3" for anything else). */
const char *nsc_via_name(unsigned int via);

/*
 * The paths @c can run on: its .via (0: all), without clone(2) when its
 * flags hold one that clone(2) cannot express (CLONE_NEWTIME: its bit is
 * the exit signal's in clone(2)).
 */
unsigned int nsc_via_allowed(const struct nsc_case *c);

/*
 * Whether @c must SKIP when run through @via: true with a reason naming
 * the path(s) it needs and a hint; false when it may run.
 */
bool nsc_via_skip(const struct nsc_case *c, unsigned int via, char *reason, size_t rlen, char *hint,
		  size_t hlen);

/*
 * Whether @c must SKIP for want of --unsafe (@unsafe: given): true with
 * the reason; false when it may run.
 */
bool nsc_unsafe_skip(const struct nsc_case *c, bool unsafe, char *reason, size_t rlen, char *hint,
		     size_t hlen);

#endif
