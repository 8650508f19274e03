// SPDX-License-Identifier: GPL-2.0-only
// fuzz-sources: harness/runfile.c harness/runfile_util.c harness/compare.c harness/gate.c reports/mx_text.c reports/mx_json.c reports/mx_html.c reports/escape.c reports/status.c harness/base/err.c
// fuzz-libs: -ljson-c
/*
 * libFuzzer harness for the report reader of `nscheck compare`
 * (harness/runfile.c): a JSON report is outside input, possibly hostile.
 * Besides the sanitizers, checks that a refused input gives a one-line
 * message naming the file, that an accepted one has sorted unique ids,
 * and that comparing it with itself (through the baseline gate and an
 * expectation list parsed from the same bytes) finds no difference and
 * writes every format.  Built and run by ci/fuzz.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all(const struct nsc_matrix *m)
{
	static const enum nsc_mx_format f[] = { NSC_MX_TEXT, NSC_MX_MARKDOWN, NSC_MX_JSON,
						NSC_MX_HTML };
	struct nsc_err err;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		char *out = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&out, &len);

		assert(fp);
		assert(nsc_mx_write(fp, m, f[i], 1, &err) == 0);
		fclose(fp);
		free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsc_runfile runs[2];
	struct nsc_expects x;
	struct nsc_comparison c;
	struct nsc_compare_opts o = { .baseline = true };
	struct nsc_err err;
	bool have_x;

	have_x = nsc_expect_parse((const char *)data, size, "fuzz", &x, &err) == 0;
	if (!have_x)
		assert(!strchr(err.msg, '\n') && !strncmp(err.msg, "fuzz:", 5));
	if (nsc_runfile_parse((const char *)data, size, "fuzz.json", &runs[0], &err) < 0) {
		assert(!strchr(err.msg, '\n') && !strncmp(err.msg, "fuzz.json", 9));
		if (have_x)
			nsc_expect_free(&x);
		return 0;
	}
	for (size_t i = 1; i < runs[0].ncases; i++)
		assert(strcmp(runs[0].cases[i - 1].id, runs[0].cases[i].id) < 0);
	assert(nsc_runfile_parse((const char *)data, size, "fuzz.json", &runs[1], &err) == 0);
	o.expect = have_x ? &x : NULL;
	assert(nsc_compare_build(runs, 2, &o, &c, &err) == 0);
	assert(c.m.ndiffer == 0 && c.m.nregress == 0 && c.m.nenvskip == 0);
	write_all(&c.m);
	nsc_compare_free(&c);
	nsc_runfile_free(&runs[0]);
	nsc_runfile_free(&runs[1]);
	if (have_x)
		nsc_expect_free(&x);
	return 0;
}
