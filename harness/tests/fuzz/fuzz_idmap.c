// SPDX-License-Identifier: GPL-2.0-only
// fuzz-sources: fixtures/idmap.c harness/base/err.c
/*
 * libFuzzer harness for nsc_idmap_parse() (fixtures/idmap.c): uid_map /
 * gid_map text is outside input.  Besides the sanitizers, checks that
 * every accepted entry is in bounds and that printing the entries back
 * and parsing again gives the same entries.  Built and run by ci/fuzz.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct nsc_idmap_ent a[NSC_IDMAP_MAX], b[NSC_IDMAP_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[NSC_IDMAP_MAX * 34 + 1];
	struct nsc_err err;
	size_t off = 0;
	char *s;
	int n, m;

	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = nsc_idmap_parse(s, a, NSC_IDMAP_MAX, &err);
	free(s);
	if (n < 0) {
		assert(err.err == EINVAL || err.err == E2BIG);
		assert(memchr(err.msg, '\0', sizeof(err.msg)));
		return 0;
	}
	assert(n <= NSC_IDMAP_MAX);
	text[0] = '\0';
	for (int i = 0; i < n; i++) {
		assert(a[i].count > 0);
		assert(a[i].inside + a[i].count - 1 <= UINT32_MAX);
		assert(a[i].outside + a[i].count - 1 <= UINT32_MAX);
		off += (size_t)snprintf(text + off, sizeof(text) - off, "%lu %lu %lu\n",
					a[i].inside, a[i].outside, a[i].count);
	}
	m = nsc_idmap_parse(text, b, NSC_IDMAP_MAX, &err);
	assert(m == n);
	assert(!memcmp(a, b, (size_t)n * sizeof(a[0])));
	return 0;
}
