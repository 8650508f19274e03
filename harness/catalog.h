/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The catalogue as data: --list (short, --long, --json) and
 * --check-config, both from the case descriptors.
 */
#ifndef NSC_CATALOG_H
#define NSC_CATALOG_H

#include <stdio.h>

#include "nscheck.h"

enum nsc_list_form { NSC_LIST_SHORT, NSC_LIST_LONG, NSC_LIST_JSON };

/* List @cases on @fp; 0 or -errno (a lost write). */
int nsc_catalog_list(FILE *fp, const struct nsc_case *const *cases, size_t n,
		     enum nsc_list_form form);

/*
 * Which of @cases the kernel config at @path (NULL: the running
 * kernel's, @release for /boot/config-<release>) can host, and which
 * would SKIP for want of which option, on @fp.  Returns the number that
 * would SKIP, or -errno with @err naming the file (missing, unreadable,
 * corrupt, not a kernel config).
 */
int nsc_catalog_check_config(FILE *fp, const struct nsc_case *const *cases, size_t n,
			     const char *path, const char *release, struct nsc_err *err);

#endif
