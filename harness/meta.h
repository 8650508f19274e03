/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NSC_META_H
#define NSC_META_H

#include <stdbool.h>

#include "nscheck.h"
#include "result.h"

/*
 * Fill @res's metadata from @c: kconfig (names from nsc_case_kconfigs,
 * values from @env, which may be NULL), anchors, tags, min_kernel.  A
 * SKIP record's hint gets "kernel config: CONFIG_X=n, CONFIG_Y not in
 * this kernel's config" for every option this kernel lacks.
 */
void nsc_result_meta(struct nsc_result *res, const struct nsc_case *c, const struct nsc_env *env);

/* "y" or "m". */
bool nsc_kconfig_enabled(const char *value);

/*
 * The options of @k that are not enabled, as "CONFIG_X=n, CONFIG_Y not
 * in this kernel's config" into @buf; returns how many.  Without a
 * config (@have_config false) an unknown value is not counted.
 */
size_t nsc_kconfig_missing(const struct nsc_kconfig_val *k, size_t n, bool have_config, char *buf,
			   size_t size);

#endif
