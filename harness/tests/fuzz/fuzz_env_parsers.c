// SPDX-License-Identifier: GPL-2.0-only
// fuzz-sources: harness/env.c harness/ns.c harness/taint.c harness/base/err.c harness/base/file.c harness/base/kv.c
// fuzz-libs: -lz
/*
 * libFuzzer harness for the parsers of outside input in harness/env.c:
 * os-release text, kernel .config text, and the config loader
 * (nsc_kconfig_load: zlib's gzread on a gzip or plain file, from a
 * memfd) followed by the .config parser.  Besides the sanitizers, checks
 * that every parsed field stays NUL-terminated within its buffer, that
 * counts stay within their arrays, and that a successful load is
 * NUL-terminated at the length it reports.
 * The first input byte picks the parser.  Built and run by ci/fuzz.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void assert_terminated(const char *s, size_t len)
{
	assert(memchr(s, '\0', len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsc_env env;
	char *out = NULL, path[64];
	size_t outlen = 0;
	int n, fd;

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
		fd = memfd_create("fuzz", MFD_CLOEXEC);
		if (fd < 0 || write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
			if (fd >= 0)
				close(fd);
			break;
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (nsc_kconfig_load(path, &out, &outlen, NULL) == 0) {
			assert(out && out[outlen] == '\0');
			n = nsc_kconfig_parse(out, outlen, &env);
			assert(n >= 0 && env.nkconfig <= NSC_ENV_KCONFIG_MAX);
		}
		free(out);
		close(fd);
		break;
	}
	return 0;
}
