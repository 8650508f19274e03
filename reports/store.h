/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deep copies of result records, for back ends that write everything in
 * end(): the runner's strings and captured output are gone by then.
 */
#ifndef NSC_STORE_H
#define NSC_STORE_H

#include "err.h"
#include "result.h"

struct nsc_store {
	struct nsc_result *v;
	size_t n, cap;
};

int nsc_store_add(struct nsc_store *s, const struct nsc_result *r, struct nsc_err *err);
void nsc_store_free(struct nsc_store *s);

#endif
