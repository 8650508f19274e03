// SPDX-License-Identifier: GPL-2.0-only
/*
 * KTAP version 1, the format of the kernel's kselftest and KUnit results
 * (Documentation/dev-tools/ktap.rst), which kernel CI systems ingest and
 * the kernel's own tools/testing/kunit/kunit.py parse reads:
 *
 *	KTAP version 1
 *	1..<namespaces>
 *	# <run diagnostics>
 *	  KTAP version 1
 *	  # Subtest: uts
 *	  1..<cases of uts>
 *	  # <diagnostics of the case>
 *	  ok 1 uts.hostname_private
 *	  # reason: ...
 *	  not ok 2 uts.x # ERROR <reason>
 *	ok 1 uts
 *	...
 *	# Totals: pass:N fail:N xfail:0 xpass:0 skip:N error:N
 *
 * One subtest block per namespace (first-seen order) with its own plan,
 * so everything is written in end(); diagnostics are "# " lines before
 * the result line they belong to (KTAP has no YAML blocks: a TAP 14
 * consumer's YAML after a result is filed by kunit.py under the next
 * test); SKIP is "ok N id # SKIP reason", ERROR "not ok N id # ERROR
 * reason" (KTAP's directive for a test that could not run properly;
 * kunit.py counts it as failed).  Test names keep only [A-Za-z0-9_.-]: a
 * '#' would end the name for a KTAP reader.
 */
#include <stdlib.h>
#include <string.h>

#include "backends.h"
#include "store.h"

static int ktap_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	r->priv = calloc(1, sizeof(struct nsc_store));
	if (!r->priv)
		return nsc_err_set(err, ENOMEM, "KTAP reporter");
	return 0;
}

static int ktap_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	if (!r->priv)
		return nsc_err_setx(err, EINVAL, "KTAP reporter: result before begin");
	return nsc_store_add(r->priv, res, err);
}

/* A test name: what a KTAP reader takes as a name, nothing else. */
static void name(FILE *fp, const char *s)
{
	if (!s || !*s) {
		fputs("nscheck", fp);
		return;
	}
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '.' || c == '-')
			fputc(c, fp);
		else
			fputc('_', fp);
	}
}

/*
 * Text on one line: line breaks, tabs and other controls -> ' ', bytes
 * above 0x7e -> '?' (kunit.py reads the log as text of unknown
 * encoding), at most @max bytes.
 */
static void text(FILE *fp, const char *s, size_t max)
{
	for (size_t i = 0; s && s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		fputc(c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : c, fp);
	}
}

/* "<indent># <key>: <value>" */
static void diag(FILE *fp, const char *indent, const char *key, const char *value)
{
	fprintf(fp, "%s# %s: ", indent, key);
	text(fp, value, 512);
	fputc('\n', fp);
}

static void case_diag(FILE *fp, const struct nsc_result *res)
{
	const char *in = "  ";

	if (res->status != NSC_PASS) {
		diag(fp, in, "reason", res->reason[0] ? res->reason : nsc_status_name(res->status));
		if (res->err)
			diag(fp, in, "errno", nsc_errno_name(res->err));
		if (res->hint[0])
			diag(fp, in, "hint", res->hint);
	}
	for (unsigned int i = 0; i < res->ndiag && i < NSC_DIAG_MAX; i++) {
		const struct nsc_diag *d = &res->diag[i];

		fprintf(fp, "%s# ", in);
		text(fp, d->where[0] ? d->where : "diag", sizeof(d->where));
		fputs(": ", fp);
		text(fp, d->message, sizeof(d->message));
		if (d->err)
			fprintf(fp, " (%s)", nsc_errno_name(d->err));
		if (d->expected[0] || d->got[0]) {
			fputs(": expected ", fp);
			text(fp, d->expected, sizeof(d->expected));
			fputs(", got ", fp);
			text(fp, d->got, sizeof(d->got));
		}
		fputc('\n', fp);
	}
	for (unsigned int i = 0; i < res->nfinding && i < NSC_FINDING_MAX; i++) {
		fprintf(fp, "%s# finding ", in);
		text(fp, res->finding[i].key, sizeof(res->finding[i].key));
		fputs(": ", fp);
		text(fp, res->finding[i].value, sizeof(res->finding[i].value));
		fputc('\n', fp);
	}
	fprintf(fp, "%s# control: %s", in, nsc_control_name(res->control));
	if (res->control_detail[0]) {
		fputs(" (", fp);
		text(fp, res->control_detail, sizeof(res->control_detail));
		fputc(')', fp);
	}
	fprintf(fp, "; duration_ms: %.3f\n", nsc_secs(res->duration) * 1e3);
}

static void case_line(FILE *fp, const struct nsc_result *res, unsigned int n)
{
	const char *reason = res->reason[0] ? res->reason : nsc_status_name(res->status);

	fprintf(fp, "  %s %u ",
		res->status == NSC_PASS || res->status == NSC_SKIP ? "ok" : "not ok", n);
	name(fp, res->id);
	if (res->status == NSC_SKIP || res->status == NSC_ERROR) {
		fputs(res->status == NSC_SKIP ? " # SKIP " : " # ERROR ", fp);
		text(fp, reason, 200);
	}
	fputc('\n', fp);
}

static int same_ns(const struct nsc_result *a, const char *ns)
{
	return !strcmp(a->ns ? a->ns : "", ns);
}

/* Is @i the first record of its namespace? */
static int first_of_ns(const struct nsc_store *s, size_t i)
{
	const char *ns = s->v[i].ns ? s->v[i].ns : "";

	for (size_t j = 0; j < i; j++)
		if (same_ns(&s->v[j], ns))
			return 0;
	return 1;
}

/* One namespace's subtest block and its result line, number @n. */
static void block(FILE *fp, const struct nsc_store *s, size_t first, unsigned int n)
{
	const char *ns = s->v[first].ns ? s->v[first].ns : "";
	struct nsc_counts c = { 0 };
	unsigned int tests = 0, k = 0;

	for (size_t i = first; i < s->n; i++) {
		if (!same_ns(&s->v[i], ns))
			continue;
		c.pass += s->v[i].status == NSC_PASS;
		c.fail += s->v[i].status == NSC_FAIL;
		c.skip += s->v[i].status == NSC_SKIP;
		c.error += s->v[i].status == NSC_ERROR;
		tests++;
	}
	fputs("  KTAP version 1\n  # Subtest: ", fp);
	name(fp, ns);
	fprintf(fp, "\n  1..%u\n", tests);
	for (size_t i = first; i < s->n; i++) {
		if (!same_ns(&s->v[i], ns))
			continue;
		case_diag(fp, &s->v[i]);
		case_line(fp, &s->v[i], ++k);
	}
	fprintf(fp, "%s %u ", c.fail || c.error ? "not ok" : "ok", n);
	name(fp, ns);
	if (!c.fail && !c.error && !c.pass)
		fputs(" # SKIP every case skipped", fp);
	fputc('\n', fp);
}

static int ktap_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	const struct nsc_store *s = r->priv;
	const struct nsc_env *e = run->env;
	struct nsc_counts c = { 0 };
	unsigned int blocks = 0, n = 0;
	FILE *fp = r->fp;

	if (!s)
		return nsc_err_setx(err, EINVAL, "KTAP reporter: end before begin");
	for (size_t i = 0; i < s->n; i++) {
		blocks += first_of_ns(s, i);
		c.pass += s->v[i].status == NSC_PASS;
		c.fail += s->v[i].status == NSC_FAIL;
		c.skip += s->v[i].status == NSC_SKIP;
		c.error += s->v[i].status == NSC_ERROR;
	}
	fputs("KTAP version 1\n", fp);
	if (blocks)
		fprintf(fp, "1..%u\n", blocks);
	else
		fputs("1..0 # SKIP no cases ran\n", fp);
	diag(fp, "", "nscheck", run->tool_version ? run->tool_version : "nscheck");
	if (e) {
		fprintf(fp, "# kernel: ");
		text(fp, e->kernel_release, sizeof(e->kernel_release));
		fputc(' ', fp);
		text(fp, e->arch, sizeof(e->arch));
		fputc(' ', fp);
		text(fp, e->kernel_version, sizeof(e->kernel_version));
		fputc('\n', fp);
	}
	if (run->interrupted)
		fprintf(fp, "# interrupted: %zu of %u cases ran\n", s->n, run->planned);
	for (size_t i = 0; i < s->n; i++)
		if (first_of_ns(s, i))
			block(fp, s, i, ++n);
	if (e && e->tainted_known && e->tainted_after_known)
		fprintf(fp, "# kernel tainted: before %llu, after %llu\n", e->tainted,
			e->tainted_after);
	fprintf(fp, "# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:%u\n", c.pass, c.fail,
		c.skip, c.error);
	return 0;
}

static void ktap_free(struct nsc_reporter *r)
{
	if (r->priv)
		nsc_store_free(r->priv);
	free(r->priv);
}

const struct nsc_reporter_ops nsc_ktap_ops = {
	.name = "ktap",
	.begin = ktap_begin,
	.result = ktap_result,
	.end = ktap_end,
	.free_priv = ktap_free,
};
