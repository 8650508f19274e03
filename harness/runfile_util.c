// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers of the report reader (runfile.c): json-c accessors that never
 * return a string holding a NUL, the environment flattened to key/value
 * pairs, the run's conditions, kernel version order.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runfile_int.h"

char *nsc_rf_own(struct nsc_runfile *rf, char *s)
{
	if (!s)
		return NULL;
	if (rf->nowned == rf->owned_cap) {
		size_t cap = rf->owned_cap ? rf->owned_cap * 2 : 64;
		char **p = realloc(rf->owned, cap * sizeof(*p));

		if (!p) {
			free(s);
			return NULL;
		}
		rf->owned = p;
		rf->owned_cap = cap;
	}
	rf->owned[rf->nowned++] = s;
	return s;
}

/* A copy of @s for one line of output: controls become '?', at most @max bytes. */
char *nsc_rf_line(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++)
		d[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	d[n] = '\0';
	return d;
}

/* A string member, or NULL when of another type or holding a NUL. */
const char *nsc_rf_str(struct json_object *o)
{
	const char *s;

	if (!o || !json_object_is_type(o, json_type_string))
		return NULL;
	s = json_object_get_string(o);
	return strlen(s) == (size_t)json_object_get_string_len(o) ? s : NULL;
}

/* Member @key of @o as a string: "" when absent or null, NULL when of another type. */
const char *nsc_rf_opt_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null))
		return "";
	return nsc_rf_str(v);
}

/* Scalars as text ("y", "3", "true"); NULL for objects and arrays. */
const char *nsc_rf_scalar(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "";
	case json_type_string:
		return nsc_rf_str(v);
	case json_type_int:
	case json_type_double:
	case json_type_boolean:
		return json_object_get_string(v);
	default:
		return NULL;
	}
}

char *nsc_rf_join(struct json_object *arr, const char *sep, const char *member)
{
	size_t n = json_object_array_length(arr), len = 1, off = 0;
	char *s = NULL;

	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(arr, i), *m;
			const char *t = nsc_rf_scalar(e);

			if (!t && member && json_object_is_type(e, json_type_object) &&
			    json_object_object_get_ex(e, member, &m))
				t = nsc_rf_scalar(m);
			if (!t || !*t)
				continue;
			if (!pass) {
				len += strlen(t) + strlen(sep);
				continue;
			}
			off += (size_t)sprintf(s + off, "%s%s", off ? sep : "", t);
		}
		if (!pass) {
			s = malloc(len);
			if (!s)
				return NULL;
			s[0] = '\0';
		}
	}
	return s;
}

static int add_env(struct nsc_runfile *rf, const char *key, const char *val, size_t *cap)
{
	if (rf->nenv == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		const char **k = realloc(rf->env_key, c * sizeof(*k));
		const char **v;

		if (!k)
			return -ENOMEM;
		rf->env_key = k;
		v = realloc(rf->env_val, c * sizeof(*v));
		if (!v)
			return -ENOMEM;
		rf->env_val = v;
		*cap = c;
	}
	rf->env_key[rf->nenv] = key;
	rf->env_val[rf->nenv++] = val;
	return 0;
}

/*
 * Flatten the environment: scalars by name, "kconfig" values and
 * "sysctl" entries by option name, arrays joined, other objects one
 * level deep as "name.member".  Unknown members of newer writers come
 * along the same way.
 */
int nsc_rf_flatten_env(struct nsc_runfile *rf, struct json_object *env)
{
	size_t cap = 0;

	json_object_object_foreach(env, key, val)
	{
		const char *t = nsc_rf_scalar(val);
		struct json_object *vals;

		if (t) {
			if (add_env(rf, key, t, &cap) < 0)
				return -ENOMEM;
		} else if (json_object_is_type(val, json_type_array)) {
			char *j = nsc_rf_own(rf, nsc_rf_join(val, ",", NULL));

			if (!j || add_env(rf, key, j, &cap) < 0)
				return -ENOMEM;
		} else if (!strcmp(key, "kconfig") &&
			   json_object_object_get_ex(val, "values", &vals) &&
			   json_object_is_type(vals, json_type_object)) {
			json_object_object_foreach(vals, k, v)
			{
				if (nsc_rf_scalar(v) && add_env(rf, k, nsc_rf_scalar(v), &cap) < 0)
					return -ENOMEM;
			}
		} else if (json_object_is_type(val, json_type_object)) {
			bool plain = !strcmp(key, "sysctl");

			json_object_object_foreach(val, k, v)
			{
				const char *name = k;
				char *s;

				if (!nsc_rf_scalar(v))
					continue;
				if (!plain) {
					if (asprintf(&s, "%s.%s", key, k) < 0 || !nsc_rf_own(rf, s))
						return -ENOMEM;
					name = s;
				}
				if (add_env(rf, name, nsc_rf_scalar(v), &cap) < 0)
					return -ENOMEM;
			}
		}
	}
	return 0;
}

const char *nsc_runfile_env(const struct nsc_runfile *rf, const char *key)
{
	for (size_t i = 0; i < rf->nenv; i++)
		if (!strcmp(rf->env_key[i], key))
			return rf->env_val[i];
	return NULL;
}

static bool has_arg(const char *cmd, const char *arg, const char **val)
{
	size_t n = strlen(arg);

	for (const char *p = cmd; (p = strstr(p, arg)); p += n) {
		if (p != cmd && p[-1] != ' ')
			continue;
		if (p[n] == ' ' || p[n] == '=' || !p[n]) {
			if (val)
				*val = p[n] ? p + n + 1 : p + n;
			return true;
		}
	}
	return false;
}

/* Run-level facts: label parts and conditions. */
int nsc_rf_run_facts(struct nsc_runfile *rf, struct json_object *root, struct json_object *env)
{
	struct json_object *v;
	const char *via = NULL, *osid, *osver;

	rf->command_line = json_object_object_get_ex(root, "command_line", &v) && nsc_rf_str(v) ?
				   nsc_rf_str(v) :
				   "";
	rf->tool_version = "";
	if (json_object_object_get_ex(root, "tool", &v) &&
	    json_object_object_get_ex(v, "version", &v) && nsc_rf_str(v))
		rf->tool_version = nsc_rf_str(v);
	rf->interrupted = json_object_object_get_ex(root, "interrupted", &v) &&
			  json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v);
	rf->euid = -1;
	rf->seccomp = -1;
	rf->kernel_release = "";
	rf->os = "";
	if (env) {
		if (json_object_object_get_ex(env, "euid", &v) &&
		    json_object_is_type(v, json_type_int))
			rf->euid = (long)json_object_get_int64(v);
		if (json_object_object_get_ex(env, "seccomp", &v) &&
		    json_object_is_type(v, json_type_int))
			rf->seccomp = json_object_get_int(v);
		rf->kernel_release = nsc_rf_opt_str(env, "kernel_release") ?
					     nsc_rf_opt_str(env, "kernel_release") :
					     "";
		osid = nsc_rf_opt_str(env, "os_id");
		osver = nsc_rf_opt_str(env, "os_version_id");
		if (osid && osver) {
			char *os;

			/* "debian12"; a codename gets a dash: "initramfs-bookworm" */
			if (asprintf(&os, "%s%s%s", osid,
				     *osver && (*osver < '0' || *osver > '9') ? "-" : "", osver) < 0 ||
			    !nsc_rf_own(rf, os))
				return -ENOMEM;
			rf->os = os;
		}
		via = nsc_rf_opt_str(env, "via");
	}
	rf->target = "";
	if (json_object_object_get_ex(root, "target", &v) &&
	    json_object_is_type(v, json_type_object)) {
		struct json_object *pid = NULL;
		const char *label = nsc_rf_opt_str(v, "label");
		char *t;

		json_object_object_get_ex(v, "pid", &pid);
		if (asprintf(&t, "%s (PID %s)", label && *label ? label : "?",
			     pid && nsc_rf_scalar(pid) ? nsc_rf_scalar(pid) : "?") < 0 ||
		    !nsc_rf_own(rf, t))
			return -ENOMEM;
		rf->target = t;
	}
	rf->rootless = (rf->euid > 0) || has_arg(rf->command_line, "--rootless", NULL);
	if ((!via || !*via) && has_arg(rf->command_line, "--via", &via)) {
		char *s = strndup(via, strcspn(via, " "));

		if (!nsc_rf_own(rf, s))
			return -ENOMEM;
		via = s;
	}
	rf->via = via && *via ? via : "clone3";
	return 0;
}

static int kver_parse(const char *s, long v[3])
{
	int n = 0;

	v[0] = v[1] = v[2] = 0;
	while (n < 3 && *s >= '0' && *s <= '9') {
		v[n++] = strtol(s, (char **)&s, 10);
		if (*s != '.')
			break;
		s++;
	}
	return n;
}

int nsc_kver_cmp(const char *a, const char *b)
{
	long x[3], y[3];

	if (kver_parse(a, x) < 2 || kver_parse(b, y) < 1)
		return 0;
	for (int i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}
