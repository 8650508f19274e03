// SPDX-License-Identifier: GPL-2.0-only
/*
 * The case registry: NSC_CASE puts a pointer to each descriptor into the
 * "nsc_cases" linker section; the linker provides its bounds.  Link order
 * is not source order, so the cases are sorted by id here.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"
#include "registry.h"

extern const struct nsc_case_entry *const __start_nsc_cases[] __attribute__((weak));
extern const struct nsc_case_entry *const __stop_nsc_cases[] __attribute__((weak));

static int case_cmp(const void *a, const void *b)
{
	const struct nsc_case *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static bool id_valid(const struct nsc_case *c)
{
	size_t nslen = strlen(c->ns);
	const char *p;

	if (strncmp(c->id, c->ns, nslen) || c->id[nslen] != '.' ||
	    strcmp(c->id + nslen + 1, c->name) || !*c->name)
		return false;
	for (p = c->name; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
			return false;
	return nsc_ns_group_known(c->ns);
}

/* Does @s end with @suffix, starting at a path component? */
static bool path_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix) && (n == k || s[n - k - 1] == '/');
}

/*
 * The id is the file name: cases/<ns>/<name>.c; the test-only cases
 * (namespace "test") live in harness/tests/cases/<name>.c.
 */
static bool file_valid(const struct nsc_case *c)
{
	char want[256];

	if (!c->file)
		return false;
	if (!strcmp(c->ns, "test"))
		snprintf(want, sizeof(want), "tests/cases/%s.c", c->name);
	else
		snprintf(want, sizeof(want), "cases/%s/%s.c", c->ns, c->name);
	return path_ends_with(c->file, want);
}

int nsc_registry_from(struct nsc_registry *reg, const struct nsc_case *const *cases, size_t n,
		      struct nsc_err *err)
{
	size_t i;

	reg->cases = NULL;
	reg->own = NULL;
	reg->ids = NULL;
	reg->n = 0;
	if (!n)
		return nsc_err_setx(err, ENOENT, "no cases are linked into this binary");
	reg->cases = calloc(n, sizeof(*reg->cases));
	if (!reg->cases)
		return nsc_err_set(err, ENOMEM, "registry");
	for (i = 0; i < n; i++) {
		if (!cases[i] || !id_valid(cases[i])) {
			free(reg->cases);
			reg->cases = NULL;
			return nsc_err_setx(err, EINVAL,
					    "invalid case id '%s' (want <ns>.<name> with a known ns)",
					    cases[i] ? cases[i]->id : "(null)");
		}
		if (!file_valid(cases[i])) {
			free(reg->cases);
			reg->cases = NULL;
			return nsc_err_setx(err, EINVAL,
					    "case '%s' is defined in %s, not cases/%s/%s.c",
					    cases[i]->id, cases[i]->file ? cases[i]->file : "(null)",
					    cases[i]->ns, cases[i]->name);
		}
		reg->cases[i] = cases[i];
	}
	qsort(reg->cases, n, sizeof(*reg->cases), case_cmp);
	for (i = 1; i < n; i++) {
		if (!strcmp(reg->cases[i - 1]->id, reg->cases[i]->id)) {
			int ret = nsc_err_setx(err, EEXIST, "duplicate case id '%s' (%s and %s)",
					       reg->cases[i]->id, reg->cases[i - 1]->file,
					       reg->cases[i]->file);
			free(reg->cases);
			reg->cases = NULL;
			return ret;
		}
	}
	reg->n = n;
	return 0;
}

/*
 * One struct nsc_case per entry: the case's initializer plus the id
 * parts and file that NSC_CASE recorded.
 */
int nsc_registry_load_entries(struct nsc_registry *reg, const struct nsc_case_entry *const *ent,
			      size_t n, struct nsc_err *err)
{
	const struct nsc_case **ptrs;
	struct nsc_case *own;
	char *ids;
	size_t i, idlen = 0;
	int ret;

	reg->own = NULL;
	reg->ids = NULL;
	for (i = 0; i < n; i++)
		idlen += strlen(ent[i]->ns) + strlen(ent[i]->name) + 2;
	own = calloc(n ? n : 1, sizeof(*own));
	ptrs = calloc(n ? n : 1, sizeof(*ptrs));
	ids = malloc(idlen ? idlen : 1);
	if (!own || !ptrs || !ids) {
		free(own);
		free(ptrs);
		free(ids);
		return nsc_err_set(err, ENOMEM, "registry");
	}
	idlen = 0;
	for (i = 0; i < n; i++) {
		own[i] = *ent[i]->desc;
		own[i].ns = ent[i]->ns;
		own[i].name = ent[i]->name;
		own[i].file = ent[i]->file;
		own[i].id = ids + idlen;
		idlen += (size_t)sprintf(ids + idlen, "%s.%s", ent[i]->ns, ent[i]->name) + 1;
		ptrs[i] = &own[i];
	}
	ret = nsc_registry_from(reg, ptrs, n, err);
	free(ptrs);
	if (ret < 0) {
		free(own);
		free(ids);
		return ret;
	}
	reg->own = own;
	reg->ids = ids;
	return 0;
}

int nsc_registry_load(struct nsc_registry *reg, struct nsc_err *err)
{
	size_t n = 0;

	if (__start_nsc_cases && __stop_nsc_cases)
		/* cppcheck-suppress comparePointers ; the linker's bounds of one section */
		n = (size_t)(__stop_nsc_cases - __start_nsc_cases);
	return nsc_registry_load_entries(reg, n ? __start_nsc_cases : NULL, n, err);
}

void nsc_registry_free(struct nsc_registry *reg)
{
	free(reg->cases);
	free(reg->own);
	free(reg->ids);
	reg->cases = NULL;
	reg->own = NULL;
	reg->ids = NULL;
	reg->n = 0;
}

const struct nsc_case *nsc_registry_find(const struct nsc_registry *reg, const char *id)
{
	size_t lo = 0, hi = reg->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, reg->cases[mid]->id);

		if (!c)
			return reg->cases[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Is @ns in the comma-separated @list? */
static bool ns_in_list(const char *list, const char *ns)
{
	size_t len = strlen(ns);
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && !strncmp(p, ns, len))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

static int ns_list_check(const char *list, struct nsc_err *err)
{
	char item[32];
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (!n || n >= sizeof(item))
			return nsc_err_setx(err, EINVAL, "bad --ns list '%s'", list);
		memcpy(item, p, n);
		item[n] = '\0';
		if (!nsc_ns_group_known(item))
			return nsc_err_setx(err, EINVAL, "unknown namespace '%s' in --ns (known: %s)",
					    item, nsc_ns_group_list());
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

/* Target cases (cases/target/) form the catalogue of --target runs only. */
static bool is_target(const struct nsc_case *c)
{
	return !strcmp(c->ns, "target") || c->target_flags;
}

bool nsc_registry_is_target(const struct nsc_case *c)
{
	return is_target(c);
}

static bool pattern_matches(const char *pat, const struct nsc_case *c)
{
	if (!strcmp(pat, c->id))
		return true;
	if (c->hidden)
		return false;
	/* A glob reaches the target catalogue only when it names it. */
	if (is_target(c) && strncmp(pat, "target", 6))
		return false;
	/* "net" alone selects the namespace, like "net.*" */
	if (!strcmp(pat, c->ns))
		return true;
	return !fnmatch(pat, c->id, 0);
}

static int select_cases(const struct nsc_registry *reg, char *const *patterns, size_t npatterns,
			const char *ns_list, bool target, const struct nsc_case **out,
			struct nsc_err *err)
{
	size_t i, p;
	int n = 0, ret;

	if (ns_list) {
		ret = ns_list_check(ns_list, err);
		if (ret < 0)
			return ret;
	}
	for (p = 0; p < npatterns; p++) {
		bool hit = false;

		for (i = 0; i < reg->n && !hit; i++)
			hit = pattern_matches(patterns[p], reg->cases[i]);
		if (!hit)
			return nsc_err_setx(err, ENOENT,
					    "unknown case id or pattern '%s' (see nscheck --list)",
					    patterns[p]);
	}
	for (i = 0; i < reg->n; i++) {
		const struct nsc_case *c = reg->cases[i];
		bool want = !npatterns && !c->hidden && is_target(c) == target;

		for (p = 0; p < npatterns && !want; p++)
			want = pattern_matches(patterns[p], c);
		if (want && target && !is_target(c))
			return nsc_err_setx(err, EINVAL,
					    "case '%s' is no target case: --target runs target.* only",
					    c->id);
		if (want && ns_list && !ns_in_list(ns_list, c->ns))
			want = false;
		if (want)
			out[n++] = c;
	}
	if (!n)
		return nsc_err_setx(err, ENOENT, "no case matches the selection%s%s",
				    ns_list ? " with --ns " : "", ns_list ? ns_list : "");
	return n;
}

int nsc_registry_select(const struct nsc_registry *reg, char *const *patterns, size_t npatterns,
			const char *ns_list, const struct nsc_case **out, struct nsc_err *err)
{
	return select_cases(reg, patterns, npatterns, ns_list, false, out, err);
}

int nsc_registry_select_target(const struct nsc_registry *reg, char *const *patterns,
			       size_t npatterns, const struct nsc_case **out, struct nsc_err *err)
{
	return select_cases(reg, patterns, npatterns, NULL, true, out, err);
}
