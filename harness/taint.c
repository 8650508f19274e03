// SPDX-License-Identifier: GPL-2.0-only
/* Taint flags: read, parse, describe (see taint.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"
#include "taint.h"

/* Bit number = index (Documentation/admin-guide/tainted-kernels.rst). */
static const struct {
	char letter;
	const char *what;
} nsc_taints[] = {
	{ 'P', "proprietary module loaded" },
	{ 'F', "module force loaded" },
	{ 'S', "kernel running on an out of specification system" },
	{ 'R', "module force unloaded" },
	{ 'M', "processor reported a machine check exception" },
	{ 'B', "bad page referenced or unexpected page flags" },
	{ 'U', "taint requested by a userspace application" },
	{ 'D', "kernel died recently (oops or BUG)" },
	{ 'A', "ACPI table overridden by user" },
	{ 'W', "kernel issued warning" },
	{ 'C', "staging driver loaded" },
	{ 'I', "workaround for a platform firmware bug applied" },
	{ 'O', "externally-built module loaded" },
	{ 'E', "unsigned module loaded" },
	{ 'L', "soft lockup occurred" },
	{ 'K', "kernel live patched" },
	{ 'X', "auxiliary taint (distribution-defined)" },
	{ 'T', "built with the struct randomization plugin" },
	{ 'N', "an in-kernel test has been run" },
	{ 'J', "userspace used a mutating debug operation in fwctl" },
};

#define NSC_NTAINTS (sizeof(nsc_taints) / sizeof(nsc_taints[0]))

int nsc_taint_parse(const char *text, unsigned long long *bits)
{
	char *end;

	if (!text || *text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	*bits = strtoull(text, &end, 10);
	if (errno || end == text)
		return -EINVAL;
	while (*end == '\n' || *end == ' ')
		end++;
	return *end ? -EINVAL : 0;
}

int nsc_taint_read(unsigned long long *bits, struct nsc_err *err)
{
	static const char path[] = "/proc/sys/kernel/tainted";
	char *buf = NULL;
	size_t len;
	int ret;

	ret = nsc_file_read(path, 64, &buf, &len, err);
	if (ret < 0)
		return ret;
	ret = nsc_taint_parse(buf, bits);
	free(buf);
	if (ret < 0)
		return nsc_err_setx(err, EINVAL, "%s: not a number", path);
	return 0;
}

void nsc_taint_describe(unsigned long long bits, char *buf, size_t len)
{
	size_t off = 0;
	int n;

	if (!len)
		return;
	buf[0] = '\0';
	if (!bits) {
		snprintf(buf, len, "none");
		return;
	}
	for (unsigned int b = 0; b < 64; b++) {
		if (!(bits & (1ULL << b)))
			continue;
		if (b < NSC_NTAINTS)
			n = snprintf(buf + off, len - off, "%s%c (%s)", off ? ", " : "",
				     nsc_taints[b].letter, nsc_taints[b].what);
		else
			n = snprintf(buf + off, len - off, "%sbit %u", off ? ", " : "", b);
		if (n < 0 || (size_t)n >= len - off) {
			if (len > 4)
				snprintf(buf + len - 4, 4, "...");
			return;
		}
		off += (size_t)n;
	}
}
