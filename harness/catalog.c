// SPDX-License-Identifier: GPL-2.0-only
/* --list in its three forms and --check-config (see catalog.h). */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "via.h"
#include "env.h"
#include "escape.h"
#include "meta.h"
#include "ns.h"

/* "uts net" for the namespace types in @flags, table order. */
static void ns_names(uint64_t flags, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NSC_NS_COUNT && n < size; i++)
		if (flags & nsc_ns_table[i].flag)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " " : "",
					      nsc_ns_table[i].name);
}

static void list_long(FILE *fp, const struct nsc_case *c)
{
	const char *k[NSC_RESULT_KCONFIG_MAX];
	size_t nk = nsc_case_kconfigs(c, k, NSC_RESULT_KCONFIG_MAX);
	char ns[96], outer[96];

	ns_names(c->clone_flags, ns, sizeof(ns));
	ns_names(c->outer_flags, outer, sizeof(outer));
	fprintf(fp, "%s\n  summary     %s\n", c->id, c->summary ? c->summary : "");
	fprintf(fp, "  namespaces  %s", ns[0] ? ns : "-");
	if (outer[0])
		fprintf(fp, " (outer: %s)", outer);
	if (c->target_flags) {
		ns_names(c->target_flags, outer, sizeof(outer));
		fprintf(fp, " (joins the target's: %s)", outer);
	}
	fprintf(fp, "\n  privilege   %s\n", c->needs_root ? "root" : "rootless");
	fputs("  kconfig    ", fp);
	for (size_t i = 0; i < nk; i++)
		fprintf(fp, " %s", k[i]);
	fprintf(fp, "%s\n", nk ? "" : " -");
	if (c->min_kernel)
		fprintf(fp, "  min kernel  %s\n", c->min_kernel);
	fputs("  anchors    ", fp);
	for (const char *const *a = c->anchors; a && *a; a++)
		fprintf(fp, " %s", *a);
	fprintf(fp, "%s\n", c->anchors && c->anchors[0] ? "" : " -");
	fprintf(fp, "  control     %s\n", c->no_control ? c->no_control : "yes");
	fputs("  via        ", fp);
	for (unsigned int v = 1; v & NSC_VIA_ALL; v <<= 1)
		if (nsc_via_allowed(c) & v)
			fprintf(fp, " %s", nsc_via_name(v));
	fputc('\n', fp);
	if (c->unsafe)
		fputs("  unsafe      yes (runs only with --unsafe)\n", fp);
}

static void json_strings(FILE *fp, const char *const *v)
{
	fputc('[', fp);
	for (size_t i = 0; v && v[i]; i++) {
		fputs(i ? ", " : "", fp);
		nsc_json_str(fp, v[i]);
	}
	fputc(']', fp);
}

static void json_ns(FILE *fp, uint64_t flags)
{
	bool first = true;

	fputc('[', fp);
	for (size_t i = 0; i < NSC_NS_COUNT; i++) {
		if (!(flags & nsc_ns_table[i].flag))
			continue;
		fprintf(fp, "%s\"%s\"", first ? "" : ", ", nsc_ns_table[i].name);
		first = false;
	}
	fputc(']', fp);
}

static void json_opt_str(FILE *fp, const char *s)
{
	if (s)
		nsc_json_str(fp, s);
	else
		fputs("null", fp);
}

static void list_json(FILE *fp, const struct nsc_case *c, bool more)
{
	const char *k[NSC_RESULT_KCONFIG_MAX + 1] = { 0 };

	nsc_case_kconfigs(c, k, NSC_RESULT_KCONFIG_MAX);
	fputs("    {\"id\": ", fp);
	nsc_json_str(fp, c->id);
	fputs(", \"group\": ", fp);
	nsc_json_str(fp, c->ns);
	fputs(", \"file\": ", fp);
	nsc_json_str(fp, c->file);
	fputs(",\n     \"summary\": ", fp);
	nsc_json_str(fp, c->summary ? c->summary : "");
	fputs(",\n     \"namespaces\": ", fp);
	json_ns(fp, c->clone_flags);
	fputs(", \"outer_namespaces\": ", fp);
	json_ns(fp, c->outer_flags);
	fprintf(fp, ", \"needs_root\": %s,\n     \"kconfigs\": ", c->needs_root ? "true" : "false");
	json_strings(fp, k);
	fputs(", \"min_kernel\": ", fp);
	json_opt_str(fp, c->min_kernel);
	fputs(",\n     \"anchors\": ", fp);
	json_strings(fp, c->anchors);
	fputs(",\n     \"tags\": ", fp);
	json_opt_str(fp, c->tags);
	fputs(", \"no_control\": ", fp);
	json_opt_str(fp, c->no_control);
	fputs(",\n     \"via\": [", fp);
	for (unsigned int v = 1, first = 1; v & NSC_VIA_ALL; v <<= 1)
		if (nsc_via_allowed(c) & v) {
			fprintf(fp, "%s\"%s\"", first ? "" : ", ", nsc_via_name(v));
			first = 0;
		}
	fprintf(fp, "], \"unsafe\": %s}%s\n", c->unsafe ? "true" : "false", more ? "," : "");
}

int nsc_catalog_list(FILE *fp, const struct nsc_case *const *cases, size_t n, enum nsc_list_form form)
{
	if (form == NSC_LIST_JSON)
		fputs("{\n  \"cases\": [\n", fp);
	for (size_t i = 0; i < n; i++) {
		if (form == NSC_LIST_SHORT)
			fprintf(fp, "%-28s %s\n", cases[i]->id,
				cases[i]->summary ? cases[i]->summary : "");
		else if (form == NSC_LIST_LONG)
			list_long(fp, cases[i]);
		else
			list_json(fp, cases[i], i + 1 < n);
	}
	if (form == NSC_LIST_JSON)
		fputs("  ]\n}\n", fp);
	return fflush(fp) || ferror(fp) ? -EIO : 0;
}

/* "# Linux/x86 6.1.0 Kernel Configuration": 6 and 1, else 0. */
static int config_version(const char *text, int *major, int *minor)
{
	const char *p = strstr(text, "# Linux/");

	*major = *minor = 0;
	if (!p || p - text > 4096)
		return 0;
	p = strchr(p + 8, ' '); /* after "Linux/<arch>" */
	return p && sscanf(p, " %d.%d", major, minor) == 2;
}

/* Is the config's kernel older than @min ("5.6")? */
static bool older_than(int major, int minor, const char *min)
{
	int a = 0, b = 0;

	if (!min || sscanf(min, "%d.%d", &a, &b) < 1 || !major)
		return false;
	return major < a || (major == a && minor < b);
}

int nsc_catalog_check_config(FILE *fp, const struct nsc_case *const *cases, size_t n,
			     const char *path, const char *release, struct nsc_err *err)
{
	char def[300], missing[400];
	struct nsc_env *env = calloc(1, sizeof(*env));
	size_t len, skip = 0;
	int major, minor;
	char *text;
	int ret;

	if (!env)
		return nsc_err_set(err, ENOMEM, "--check-config");
	if (!path) {
		if (nsc_kconfig_default(release, def, sizeof(def)) < 0) {
			free(env);
			return nsc_err_setx(err, ENOENT,
					    "no kernel config: neither /proc/config.gz nor /boot/config-%s (give --check-config FILE)",
					    release);
		}
		path = def;
	}
	ret = nsc_kconfig_load(path, &text, &len, err);
	if (ret < 0) {
		free(env);
		return ret;
	}
	if (!strstr(text, "CONFIG_")) {
		free(text);
		free(env);
		return nsc_err_setx(err, EINVAL, "%s: not a kernel config (no CONFIG_ line)", path);
	}
	nsc_kconfig_parse(text, len, env);
	snprintf(env->kconfig_source, sizeof(env->kconfig_source), "%s", path);
	config_version(text, &major, &minor);
	free(text);
	fprintf(fp, "kernel config: %s", path);
	if (major)
		fprintf(fp, " (Linux %d.%d)", major, minor);
	fputc('\n', fp);
	for (size_t i = 0; i < n; i++) {
		const struct nsc_case *c = cases[i];
		struct nsc_result res = { 0 };
		size_t m;

		res.status = NSC_PASS;
		nsc_result_meta(&res, c, env);
		m = nsc_kconfig_missing(res.kconfig, res.nkconfig, true, missing, sizeof(missing));
		if (older_than(major, minor, c->min_kernel)) {
			size_t l = strlen(missing);

			snprintf(missing + l, sizeof(missing) - l, "%sLinux >= %s", m ? ", " : "",
				 c->min_kernel);
			m++;
		}
		if (m)
			skip++;
		fprintf(fp, "%-5s %-28s %s\n", m ? "SKIP" : "ok", c->id, m ? missing : "");
	}
	fprintf(fp, "%zu cases: %zu can run, %zu would SKIP for want of a kernel option\n", n,
		n - skip, skip);
	free(env);
	return fflush(fp) || ferror(fp) ? nsc_err_set(err, EIO, "stdout") : (int)skip;
}
