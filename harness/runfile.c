// SPDX-License-Identifier: GPL-2.0-only
/* Reading nscheck JSON reports back with json-c; see runfile.h. */
#include <fcntl.h>
#include <stdarg.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runfile_int.h"

#define NSC_ID_MAX 128

/* A one-line message naming the file: "NAME: what". */
#define bad(err, rf, ...) nsc_runfile_bad(err, rf, __VA_ARGS__)

static __attribute__((format(printf, 3, 4))) int
nsc_runfile_bad(struct nsc_err *err, const struct nsc_runfile *rf, const char *fmt, ...)
{
	char msg[NSC_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return nsc_err_setx(err, EINVAL, "%s: %s", rf->path ? rf->path : "?", msg);
}

static bool valid_id(const char *id)
{
	size_t n = strlen(id);

	if (!n || n > NSC_ID_MAX || !strchr(id, '.'))
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

static int parse_status(const char *s, enum nsc_status *st)
{
	static const enum nsc_status all[] = { NSC_PASS, NSC_FAIL, NSC_SKIP, NSC_ERROR };

	for (size_t i = 0; s && i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(s, nsc_status_name(all[i]))) {
			*st = all[i];
			return 0;
		}
	return -EINVAL;
}

/* "where: message (EPERM) expected X got Y", one per line. */
static char *diag_text(struct json_object *arr)
{
	size_t n = json_object_array_length(arr), len = 0;
	char *s = NULL;
	FILE *fp = open_memstream(&s, &len);

	if (!fp)
		return NULL;
	for (size_t i = 0; i < n && i < 64; i++) {
		struct json_object *d = json_object_array_get_idx(arr, i);
		const char *w, *m, *e, *x, *g;

		if (!json_object_is_type(d, json_type_object))
			continue;
		w = nsc_rf_opt_str(d, "where");
		m = nsc_rf_opt_str(d, "message");
		e = nsc_rf_opt_str(d, "errno");
		x = nsc_rf_opt_str(d, "expected");
		g = nsc_rf_opt_str(d, "got");
		fprintf(fp, "%s%s%s%s", i ? "\n" : "", w ? w : "", w && *w ? ": " : "", m ? m : "");
		if (e && *e)
			fprintf(fp, " (%s)", e);
		if (x && *x)
			fprintf(fp, " expected %s", x);
		if (g && *g)
			fprintf(fp, " got %s", g);
	}
	if (fclose(fp)) {
		free(s);
		return NULL;
	}
	return s;
}

static int case_meta(struct nsc_runfile *rf, struct json_object *c, struct nsc_rcase *rc)
{
	struct json_object *v;
	size_t nk = 0;
	const char **k;

	rc->anchors = "";
	rc->min_kernel = "";
	if (json_object_object_get_ex(c, "anchors", &v) && json_object_is_type(v, json_type_array))
		rc->anchors = nsc_rf_own(rf, nsc_rf_join(v, ", ", "name"));
	else if (json_object_object_get_ex(c, "anchors", &v) && nsc_rf_str(v))
		rc->anchors = nsc_rf_str(v);
	if (json_object_object_get_ex(c, "min_kernel", &v) && nsc_rf_scalar(v))
		rc->min_kernel = nsc_rf_scalar(v);
	if (!rc->anchors)
		return -ENOMEM;
	/* .kconfigs: ["CONFIG_X", ...], [{"name": "CONFIG_X", ...}] or {"CONFIG_X": ...}. */
	if (json_object_object_get_ex(c, "kconfigs", &v) &&
	    (json_object_is_type(v, json_type_array) || json_object_is_type(v, json_type_object)))
		nk = json_object_is_type(v, json_type_array) ? json_object_array_length(v) :
							       (size_t)json_object_object_length(v);
	k = calloc(nk + 1, sizeof(*k));
	if (!k || !nsc_rf_own(rf, (char *)k))
		return -ENOMEM;
	rc->kconfigs = k;
	if (!nk)
		return 0;
	if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, name, val)
		{
			(void)val;
			*k++ = name;
		}
		return 0;
	}
	for (size_t i = 0; i < nk; i++) {
		struct json_object *e = json_object_array_get_idx(v, i), *m;
		const char *name = nsc_rf_str(e);

		if (!name && json_object_is_type(e, json_type_object) &&
		    json_object_object_get_ex(e, "name", &m))
			name = nsc_rf_str(m);
		if (name && !strncmp(name, "CONFIG_", 7))
			*k++ = name;
	}
	return 0;
}

static int parse_case(struct nsc_runfile *rf, struct json_object *c, size_t i, struct nsc_rcase *rc,
		      struct nsc_err *err)
{
	struct json_object *v, *d;
	const char *status;

	if (!json_object_is_type(c, json_type_object))
		return bad(err, rf, "case record %zu is not an object", i + 1);
	rc->id = json_object_object_get_ex(c, "id", &v) ? nsc_rf_str(v) : NULL;
	if (!rc->id)
		return bad(err, rf,
			   "case record %zu: \"id\" is missing, not a string or holds a NUL", i + 1);
	if (!valid_id(rc->id))
		return bad(err, rf, "case record %zu: malformed id", i + 1);
	status = json_object_object_get_ex(c, "status", &v) ? nsc_rf_str(v) : NULL;
	if (parse_status(status, &rc->status) < 0)
		return bad(err, rf, "case %s: \"status\" is not PASS, FAIL, SKIP or ERROR", rc->id);
	rc->ns = nsc_rf_opt_str(c, "namespace");
	rc->summary = nsc_rf_opt_str(c, "summary");
	rc->reason = nsc_rf_opt_str(c, "reason");
	rc->hint = nsc_rf_opt_str(c, "hint");
	rc->err = nsc_rf_opt_str(c, "errno");
	if (!rc->ns || !rc->summary || !rc->reason || !rc->hint || !rc->err)
		return bad(err, rf, "case %s: a text field is not a string", rc->id);
	rc->control = "";
	if (json_object_object_get_ex(c, "control", &v) && json_object_is_type(v, json_type_object)) {
		const char *o = nsc_rf_opt_str(v, "outcome"), *det = nsc_rf_opt_str(v, "detail");
		char *s;

		if (!o || !det)
			return bad(err, rf, "case %s: \"control\" holds a non-string", rc->id);
		if (asprintf(&s, "%s%s%s", o, *det ? ": " : "", det) < 0 || !nsc_rf_own(rf, s))
			return -ENOMEM;
		rc->control = s;
	}
	rc->diag = "";
	if (json_object_object_get_ex(c, "diagnostics", &d) &&
	    json_object_is_type(d, json_type_array)) {
		rc->diag = nsc_rf_own(rf, diag_text(d));
		if (!rc->diag)
			return -ENOMEM;
	}
	return case_meta(rf, c, rc);
}

static int rcase_cmp(const void *a, const void *b)
{
	return strcmp(((const struct nsc_rcase *)a)->id, ((const struct nsc_rcase *)b)->id);
}

const struct nsc_rcase *nsc_runfile_case(const struct nsc_runfile *rf, const char *id)
{
	struct nsc_rcase key = { .id = id };

	return rf->ncases ? bsearch(&key, rf->cases, rf->ncases, sizeof(key), rcase_cmp) : NULL;
}

static int parse_root(struct nsc_runfile *rf, struct json_object *root, struct nsc_err *err)
{
	struct json_object *v, *env = NULL, *cases;
	const char *schema;
	size_t n;

	if (!json_object_is_type(root, json_type_object))
		return bad(err, rf, "not an nscheck report: the top level is not a JSON object");
	schema = json_object_object_get_ex(root, "schema", &v) ? nsc_rf_str(v) : NULL;
	if (!schema || strncmp(schema, "nscheck-report/", 15)) {
		bool ours = json_object_object_get_ex(root, "tool", &v) &&
			    json_object_object_get_ex(v, "name", &v) && nsc_rf_str(v) &&
			    !strcmp(nsc_rf_str(v), "nscheck");

		return bad(err, rf,
			   ours ? "no \"schema\": \"nscheck-report/N\" member" :
				  "not an nscheck report (no \"schema\": \"nscheck-report/N\"; "
				  "another tool's JSON?)");
	}
	if (strcmp(schema, NSC_RUNFILE_SCHEMA)) {
		char *s = nsc_rf_line(schema, 40);

		bad(err, rf, "schema \"%s\" is not supported (this nscheck reads %s)", s ? s : "?",
		    NSC_RUNFILE_SCHEMA);
		free(s);
		return -EINVAL;
	}
	if (json_object_object_get_ex(root, "environment", &env) &&
	    !json_object_is_type(env, json_type_null) && !json_object_is_type(env, json_type_object))
		return bad(err, rf, "\"environment\" is not an object");
	if (env && json_object_is_type(env, json_type_null))
		env = NULL;
	if (!json_object_object_get_ex(root, "cases", &cases) ||
	    !json_object_is_type(cases, json_type_array))
		return bad(err, rf, "no \"cases\" array");
	n = json_object_array_length(cases);
	if (n > NSC_RUNFILE_MAX_CASES)
		return bad(err, rf, "%zu case records (at most %u)", n, NSC_RUNFILE_MAX_CASES);
	if (nsc_rf_run_facts(rf, root, env) < 0 || (env && nsc_rf_flatten_env(rf, env) < 0))
		return nsc_err_set(err, ENOMEM, "%s", rf->path);
	if (!rf->interrupted && json_object_object_get_ex(root, "planned", &v) &&
	    json_object_is_type(v, json_type_int) && json_object_get_int64(v) != (int64_t)n)
		return bad(err, rf,
			   "holds %zu case records, planned %lld, and is not marked interrupted", n,
			   (long long)json_object_get_int64(v));
	rf->cases = calloc(n ? n : 1, sizeof(*rf->cases));
	if (!rf->cases)
		return nsc_err_set(err, ENOMEM, "%s", rf->path);
	for (size_t i = 0; i < n; i++) {
		int ret = parse_case(rf, json_object_array_get_idx(cases, i), i, &rf->cases[i], err);

		if (ret == -ENOMEM)
			return nsc_err_set(err, ENOMEM, "%s", rf->path);
		if (ret < 0)
			return ret;
	}
	rf->ncases = n;
	qsort(rf->cases, n, sizeof(*rf->cases), rcase_cmp);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(rf->cases[i - 1].id, rf->cases[i].id))
			return bad(err, rf, "case id %s appears twice", rf->cases[i].id);
	return 0;
}

static int parse_text(const char *buf, size_t len, struct nsc_runfile *out, struct nsc_err *err)
{
	struct json_tokener *tok;
	enum json_tokener_error e;
	size_t end;

	if (!len)
		return bad(err, out, "empty file, not a JSON report");
	if (len > NSC_RUNFILE_MAX_BYTES)
		return bad(err, out, "larger than %u MiB", NSC_RUNFILE_MAX_BYTES >> 20);
	if (memchr(buf, '\0', len))
		return bad(err, out, "holds a NUL byte: not a JSON text");
	tok = json_tokener_new_ex(NSC_RUNFILE_MAX_DEPTH);
	if (!tok)
		return nsc_err_set(err, ENOMEM, "%s", out->path);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS |
					    JSON_TOKENER_VALIDATE_UTF8);
	out->root = json_tokener_parse_ex(tok, buf, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (e == json_tokener_continue)
		return bad(err, out, "truncated: the JSON text ends early, after %zu bytes", len);
	if (e == json_tokener_error_depth)
		return bad(err, out, "nested deeper than %d levels: not an nscheck report",
			   NSC_RUNFILE_MAX_DEPTH);
	if (e != json_tokener_success)
		return bad(err, out, "not JSON: %s near byte %zu", json_tokener_error_desc(e), end);
	if (end > len)
		return bad(err, out, "not JSON: parser stopped past the end");
	/* @buf need not be NUL-terminated: no str* function past here. */
	for (size_t i = end; i < len; i++)
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n')
			return bad(err, out, "trailing data after the JSON text at byte %zu", end);
	return parse_root(out, out->root, err);
}

int nsc_runfile_parse(const char *buf, size_t len, const char *name, struct nsc_runfile *out,
		      struct nsc_err *err)
{
	int ret;

	memset(out, 0, sizeof(*out));
	out->path = nsc_rf_own(out, nsc_rf_line(name ? name : "-", 256));
	if (!out->path)
		return nsc_err_set(err, ENOMEM, "report");
	ret = parse_text(buf, len, out, err);
	if (ret < 0)
		nsc_runfile_free(out);
	return ret;
}

int nsc_runfile_load(const char *path, struct nsc_runfile *out, struct nsc_err *err)
{
	struct nsc_runfile tmp = { .path = path };
	size_t len = 0, cap = 0;
	char *buf = NULL, *shown = nsc_rf_line(path, 256);
	struct stat st;
	int fd, ret;

	memset(out, 0, sizeof(*out));
	if (shown)
		tmp.path = shown;
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) : 0;
	if (fd < 0) {
		ret = nsc_err_set(err, errno, "%s: cannot open", tmp.path);
		goto out;
	}
	if (fstat(fd, &st) < 0 || (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))) {
		ret = bad(err, &tmp,
			  S_ISDIR(st.st_mode) ? "is a directory, not a report" :
						"not a regular file or pipe");
		goto out;
	}
	if (fd && fcntl(fd, F_SETFL, 0) < 0) {
		ret = nsc_err_set(err, errno, "%s", tmp.path);
		goto out;
	}
	for (;;) {
		ssize_t r;

		if (len == cap) {
			char *p;

			if (cap > NSC_RUNFILE_MAX_BYTES) {
				ret = bad(err, &tmp, "larger than %u MiB",
					  NSC_RUNFILE_MAX_BYTES >> 20);
				goto out;
			}
			cap = cap ? cap * 2 : 65536;
			p = realloc(buf, cap + 1);
			if (!p) {
				ret = nsc_err_set(err, ENOMEM, "%s", tmp.path);
				goto out;
			}
			buf = p;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = nsc_err_set(err, errno, "%s: cannot read", tmp.path);
			goto out;
		}
		if (!r)
			break;
		len += (size_t)r;
	}
	ret = nsc_runfile_parse(buf ? buf : "", len, path, out, err);
out:
	if (fd > 0)
		close(fd);
	free(buf);
	free(shown);
	return ret;
}

void nsc_runfile_free(struct nsc_runfile *rf)
{
	if (rf->root)
		json_object_put(rf->root);
	for (size_t i = 0; i < rf->nowned; i++)
		free(rf->owned[i]);
	free(rf->owned);
	free(rf->cases);
	free(rf->env_key);
	free(rf->env_val);
	memset(rf, 0, sizeof(*rf));
}
