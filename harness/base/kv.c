// SPDX-License-Identifier: GPL-2.0-only
/* The one lookup in the environment fingerprint's key/value lists. */
#include <string.h>

#include "base.h"

const char *nsc_kv_get(const struct nsc_kv *kv, unsigned int n, const char *key)
{
	if (!key)
		return NULL;
	for (unsigned int i = 0; i < n; i++)
		if (!strcmp(kv[i].key, key))
			return kv[i].value;
	return NULL;
}
