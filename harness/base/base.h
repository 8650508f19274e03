/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The base library: the few helpers every part of nscheck may use
 * (reports, fixtures, harness, cases), and that use nothing of nscheck
 * but each other.  Errors: err.h.
 */
#ifndef NSC_BASE_H
#define NSC_BASE_H

#include <stddef.h>

#include "err.h"

/*
 * The whole file at @path, NUL-terminated, in a malloc()ed *@buf of
 * *@len bytes (the NUL not counted).  Refuses files larger than @max
 * (-EFBIG).  Returns 0 or -errno; @err (may be NULL) names the path.
 */
int nsc_file_read(const char *path, size_t max, char **buf, size_t *len, struct nsc_err *err);

/* CLOCK_MONOTONIC in seconds, and in milliseconds. */
double nsc_now(void);
long long nsc_now_ms(void);

/* A key and its value, as the environment fingerprint keeps them. */
#define NSC_KV_KEY 64
#define NSC_KV_VALUE 256

struct nsc_kv {
	char key[NSC_KV_KEY];
	char value[NSC_KV_VALUE];
};

/* The value of @key among the first @n of @kv, or NULL (also for NULL @key). */
const char *nsc_kv_get(const struct nsc_kv *kv, unsigned int n, const char *key);

#endif
