// SPDX-License-Identifier: GPL-2.0-only
/*
 * JUnit XML in the dialect described by reports/nscheck-junit.xsd (and,
 * but for the testcase file attribute, the generic junit-10.xsd):
 * <testsuites> with totals, one <testsuite> per namespace (first-seen
 * order), the environment once, in the first suite's <properties>,
 * <failure>/<error>/<skipped> and the case's captured output in
 * <system-out>/<system-err>.  A testcase's classname is its namespace and
 * its name the rest of the id, so "classname.name" is the case id (Jenkins
 * shows that, not "pid.pid.x"); file is the case source (GitLab links it).
 * The SKIP reason is the <skipped> text as well as its message (GitLab
 * shows only the text).  Results are buffered and written in end(): a
 * suite's counts open its tag.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "backends.h"
#include "escape.h"
#include "store.h"

static int junit_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	r->priv = calloc(1, sizeof(struct nsc_store));
	if (!r->priv)
		return nsc_err_set(err, ENOMEM, "JUnit reporter");
	return 0;
}

static int junit_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	if (!r->priv)
		return nsc_err_setx(err, EINVAL, "JUnit reporter: result before begin");
	return nsc_store_add(r->priv, res, err);
}

static void prop(FILE *fp, const char *prefix, const char *name, const char *value)
{
	fputs("      <property name=\"", fp);
	nsc_xml_attr(fp, prefix);
	nsc_xml_attr(fp, name);
	fputs("\" value=\"", fp);
	nsc_xml_attr(fp, value);
	fputs("\"/>\n", fp);
}

static void properties(FILE *fp, const struct nsc_run_info *run, const char *start)
{
	const struct nsc_env *e = run->env;
	char buf[32];

	fputs("    <properties>\n", fp);
	prop(fp, "", "nscheck.version", run->tool_version);
	prop(fp, "", "nscheck.command_line", run->command_line);
	prop(fp, "", "nscheck.start", start);
	prop(fp, "", "nscheck.interrupted", run->interrupted ? "true" : "false");
	if (run->target) {
		char pid[16];

		snprintf(pid, sizeof(pid), "%d", run->target->pid);
		prop(fp, "", "target.pid", pid);
		prop(fp, "", "target.comm", run->target->comm);
		prop(fp, "", "target.label", run->target->label);
		prop(fp, "", "target.container", run->target->container);
	}
	if (e) {
		prop(fp, "", "kernel.release", e->kernel_release);
		prop(fp, "", "kernel.version", e->kernel_version);
		prop(fp, "", "arch", e->arch);
		prop(fp, "", "os.id", e->os_id);
		prop(fp, "", "os.version_id", e->os_version_id);
		prop(fp, "", "os.pretty_name", e->os_pretty);
		snprintf(buf, sizeof(buf), "%u", e->euid);
		prop(fp, "", "euid", buf);
		if (e->mode)
			prop(fp, "", "mode", e->mode);
		if (e->via) {
			prop(fp, "", "via", e->via);
			prop(fp, "", "unsafe", e->unsafe ? "true" : "false");
		}
		snprintf(buf, sizeof(buf), "0x%016" PRIx64, e->cap_eff);
		prop(fp, "", "capabilities.effective", buf);
		snprintf(buf, sizeof(buf), "%d", e->seccomp);
		prop(fp, "", "seccomp", buf);
		prop(fp, "", "kconfig.source", e->kconfig_source[0] ? e->kconfig_source : "none");
		for (unsigned int i = 0; i < e->nkconfig && i < NSC_ENV_KCONFIG_MAX; i++)
			prop(fp, "kconfig.", e->kconfig[i].key, e->kconfig[i].value);
		for (unsigned int i = 0; i < e->nsysctl && i < NSC_ENV_SYSCTL_MAX; i++)
			prop(fp, "sysctl.", e->sysctl[i].key, e->sysctl[i].value);
		prop(fp, "", "lsm", e->lsm);
		if (e->tainted_known) {
			snprintf(buf, sizeof(buf), "%llu", e->tainted);
			prop(fp, "", "kernel.tainted_before", buf);
		}
		if (e->tainted_after_known) {
			snprintf(buf, sizeof(buf), "%llu", e->tainted_after);
			prop(fp, "", "kernel.tainted_after", buf);
		}
	}
	fputs("    </properties>\n", fp);
}

static void text(FILE *fp, const char *s)
{
	nsc_xml_text(fp, s, strlen(s));
}

/* The body of <failure>/<error>: everything a human needs, one per line. */
static void problem(FILE *fp, const struct nsc_result *res)
{
	const char *tag = res->status == NSC_FAIL ? "failure" : "error";

	fprintf(fp, "      <%s message=\"", tag);
	nsc_xml_attr(fp, res->reason);
	fputs("\" type=\"", fp);
	nsc_xml_attr(fp, res->err ? nsc_errno_name(res->err) : nsc_status_name(res->status));
	fputs("\">", fp);
	text(fp, res->reason);
	if (res->err)
		fprintf(fp, "\nerrno: %s", nsc_errno_name(res->err));
	if (res->hint[0]) {
		fputs("\nhint: ", fp);
		text(fp, res->hint);
	}
	fprintf(fp, "\ncontrol: %s", nsc_control_name(res->control));
	if (res->control_detail[0]) {
		fputs(" (", fp);
		text(fp, res->control_detail);
		fputc(')', fp);
	}
	for (unsigned int i = 0; i < res->ndiag && i < NSC_DIAG_MAX; i++) {
		const struct nsc_diag *d = &res->diag[i];

		fputc('\n', fp);
		text(fp, d->where);
		fputs(": ", fp);
		text(fp, d->message);
		if (d->err)
			fprintf(fp, " (%s)", nsc_errno_name(d->err));
		if (d->expected[0] || d->got[0]) {
			fputs("\n  expected: ", fp);
			text(fp, d->expected);
			fputs("\n  got: ", fp);
			text(fp, d->got);
		}
	}
	fprintf(fp, "</%s>\n", tag);
}

/*
 * The id without its "<ns>." prefix: classname "uts" + name
 * "hostname_private" read back as "uts.hostname_private".  An id that
 * does not start with its namespace stays whole.
 */
static const char *case_name(const struct nsc_result *res, const char *ns)
{
	const char *id = res->id ? res->id : "";
	size_t n = strlen(ns);

	if (n && !strncmp(id, ns, n) && id[n] == '.' && id[n + 1])
		return id + n + 1;
	return id;
}

/* The case's metadata: kernel options with this kernel's values, anchors. */
static void case_properties(FILE *fp, const struct nsc_result *res)
{
	fputs("      <properties>\n", fp);
	for (unsigned int i = 0; i < res->nkconfig && i < NSC_RESULT_KCONFIG_MAX; i++)
		prop(fp, "kconfig.", res->kconfig[i].name,
		     res->kconfig[i].value ? res->kconfig[i].value : "");
	for (const char *const *a = res->anchors; a && *a; a++)
		prop(fp, "", "anchor", *a);
	if (res->min_kernel)
		prop(fp, "", "min_kernel", res->min_kernel);
	if (res->tags)
		prop(fp, "", "tags", res->tags);
	fputs("      </properties>\n", fp);
}

static bool has_meta(const struct nsc_result *res)
{
	return res->nkconfig || (res->anchors && res->anchors[0]) || res->min_kernel || res->tags;
}

static void testcase(FILE *fp, const struct nsc_result *res)
{
	const char *ns = res->ns ? res->ns : "";

	fputs("    <testcase name=\"", fp);
	nsc_xml_attr(fp, case_name(res, ns));
	fputs("\" classname=\"", fp);
	nsc_xml_attr(fp, ns[0] ? ns : "nscheck");
	fputs("\" file=\"", fp);
	nsc_xml_attr(fp, res->file ? res->file : "");
	fprintf(fp, "\" time=\"%.3f\"", nsc_secs(res->duration));
	if (res->status == NSC_PASS && !res->out_len && !res->errout_len && !has_meta(res)) {
		fputs("/>\n", fp);
		return;
	}
	fputs(">\n", fp);
	if (has_meta(res))
		case_properties(fp, res);
	if (res->status == NSC_FAIL || res->status == NSC_ERROR) {
		problem(fp, res);
	} else if (res->status == NSC_SKIP) {
		fputs("      <skipped message=\"", fp);
		nsc_xml_attr(fp, res->reason);
		fputs("\">", fp);
		text(fp, res->reason);
		if (res->hint[0]) {
			fputs("\nhint: ", fp);
			text(fp, res->hint);
		}
		fputs("</skipped>\n", fp);
	}
	if (res->out && res->out_len) {
		fputs("      <system-out>", fp);
		nsc_xml_text(fp, res->out, res->out_len);
		fputs("</system-out>\n", fp);
	}
	if (res->errout && res->errout_len) {
		fputs("      <system-err>", fp);
		nsc_xml_text(fp, res->errout, res->errout_len);
		fputs("</system-err>\n", fp);
	}
	fputs("    </testcase>\n", fp);
}

static int same_ns(const struct nsc_result *a, const char *ns)
{
	return !strcmp(a->ns ? a->ns : "", ns);
}

/*
 * <testsuite ...> for @tests cases with counts @c, and the environment
 * when it is the first suite (@id 0): the properties are written once.
 */
static void suite_open(FILE *fp, const char *name, unsigned int tests, const struct nsc_counts *c,
		       double time, unsigned int id, const struct nsc_run_info *run,
		       const char *start)
{
	const char *host = run->env ? run->env->hostname : "";

	fputs("  <testsuite name=\"", fp);
	nsc_xml_attr(fp, name);
	fprintf(fp,
		"\" tests=\"%u\" failures=\"%u\" errors=\"%u\" skipped=\"%u\" time=\"%.3f\" timestamp=\"",
		tests, c->fail, c->error, c->skip, time);
	nsc_xml_attr(fp, start);
	fputs("\" hostname=\"", fp);
	nsc_xml_attr(fp, host[0] ? host : "localhost");
	fprintf(fp, "\" id=\"%u\" package=\"nscheck\">\n", id);
	if (!id)
		properties(fp, run, start);
}

static void suite(FILE *fp, const struct nsc_store *s, size_t first, unsigned int id,
		  const struct nsc_run_info *run, const char *start)
{
	const char *ns = s->v[first].ns ? s->v[first].ns : "";
	struct nsc_counts c = { 0 };
	unsigned int tests = 0;
	double time = 0;
	size_t i;

	for (i = first; i < s->n; i++) {
		if (!same_ns(&s->v[i], ns))
			continue;
		time += nsc_secs(s->v[i].duration);
		c.fail += s->v[i].status == NSC_FAIL;
		c.error += s->v[i].status == NSC_ERROR;
		c.skip += s->v[i].status == NSC_SKIP;
		tests++;
	}
	suite_open(fp, ns[0] ? ns : "nscheck", tests, &c, time, id, run, start);
	for (i = first; i < s->n; i++)
		if (same_ns(&s->v[i], ns))
			testcase(fp, &s->v[i]);
	fputs("  </testsuite>\n", fp);
}

static int junit_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	const struct nsc_store *s = r->priv;
	struct nsc_counts c = { 0 };
	unsigned int id = 0;
	char start[40];
	FILE *fp = r->fp;

	if (!s)
		return nsc_err_setx(err, EINVAL, "JUnit reporter: end before begin");
	nsc_iso8601(&run->start, start, sizeof(start));
	for (size_t i = 0; i < s->n; i++) {
		c.fail += s->v[i].status == NSC_FAIL;
		c.error += s->v[i].status == NSC_ERROR;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fprintf(fp,
		"<testsuites name=\"nscheck\" tests=\"%zu\" failures=\"%u\" errors=\"%u\" time=\"%.3f\">\n",
		s->n, c.fail, c.error, nsc_secs(run->duration));
	for (size_t i = 0; i < s->n; i++) {
		const char *ns = s->v[i].ns ? s->v[i].ns : "";
		size_t j;

		for (j = 0; j < i && !same_ns(&s->v[j], ns); j++)
			;
		if (j == i) /* first record of its namespace */
			suite(fp, s, i, id++, run, start);
	}
	if (!s->n) {
		/* No record (interrupted early): keep the environment anyway. */
		suite_open(fp, "nscheck", 0, &c, 0, 0, run, start);
		fputs("  </testsuite>\n", fp);
	}
	fputs("</testsuites>\n", fp);
	return 0;
}

static void junit_free(struct nsc_reporter *r)
{
	if (r->priv)
		nsc_store_free(r->priv);
	free(r->priv);
}

const struct nsc_reporter_ops nsc_junit_ops = {
	.name = "junit",
	.begin = junit_begin,
	.result = junit_result,
	.end = junit_end,
	.free_priv = junit_free,
};
