// SPDX-License-Identifier: GPL-2.0-only
// fuzz-sources: harness/base/mountinfo.c harness/base/file.c harness/base/err.c
/*
 * libFuzzer harness for the one mountinfo parser (harness/base/
 * mountinfo.c): any line, parsed in place.  Besides the sanitizers,
 * checks that every field of an accepted line is a string inside the
 * line's buffer.  Built and run by ci/fuzz.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void assert_inside(const char *p, const char *buf, size_t size)
{
	assert(p >= buf && p < buf + size);
	assert(memchr(p, '\0', (size_t)(buf + size - p)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	struct nsc_mount m;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (nsc_mountinfo_parse(buf, &m) == 0) {
		assert(m.id >= 0 && m.parent >= 0);
		assert_inside(m.root, buf, size + 1);
		assert_inside(m.target, buf, size + 1);
		assert_inside(m.fstype, buf, size + 1);
		assert_inside(m.source, buf, size + 1);
		if (m.super[0])
			assert_inside(m.super, buf, size + 1);
	}
	free(buf);
	return 0;
}
