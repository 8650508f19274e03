// SPDX-License-Identifier: GPL-2.0-only
// fuzz-sources: harness/env.c harness/gunzip.c harness/ns.c harness/base/err.c harness/base/file.c harness/base/kv.c
/*
 * libFuzzer harness for the parsers of outside input in harness/env.c:
 * os-release text, kernel .config text and the gzip decoder that reads
 * /proc/config.gz.  Besides the sanitizers, checks that every parsed
 * field stays NUL-terminated within its buffer, that counts stay within
 * their arrays, and that a successful inflate reports a sane length.
 * The first input byte picks the parser.  Built and run by ci/fuzz.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "gunzip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void assert_terminated(const char *s, size_t len)
{
	assert(memchr(s, '\0', len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsc_env env;
	unsigned char *out = NULL;
	size_t outlen = 0;
	int n;

	if (!size)
		return 0;
	memset(&env, 0, sizeof(env));
	switch (data[0] % 3) {
	case 0:
		n = nsc_osrelease_parse((const char *)data + 1, size - 1, &env);
		assert(n >= 0 && n <= 3);
		assert_terminated(env.os_id, sizeof(env.os_id));
		assert_terminated(env.os_version_id, sizeof(env.os_version_id));
		assert_terminated(env.os_pretty, sizeof(env.os_pretty));
		break;
	case 1:
		n = nsc_kconfig_parse((const char *)data + 1, size - 1, &env);
		assert(n >= 0 && (unsigned int)n == env.nkconfig);
		assert(env.nkconfig <= NSC_ENV_KCONFIG_MAX);
		for (unsigned int i = 0; i < env.nkconfig; i++) {
			assert_terminated(env.kconfig[i].key, sizeof(env.kconfig[i].key));
			assert_terminated(env.kconfig[i].value, sizeof(env.kconfig[i].value));
			assert(nsc_env_kconfig(&env, env.kconfig[i].key));
		}
		break;
	default:
		if (nsc_gunzip(data + 1, size - 1, &out, &outlen) == 0)
			assert(out != NULL || outlen == 0);
		free(out);
		break;
	}
	return 0;
}
