// SPDX-License-Identifier: GPL-2.0-only
/*
 * A case's metadata on its record: the kernel config options it needs
 * (the namespace table's for its flags, then its own) with this
 * kernel's values, its anchors, tags and minimum kernel; and a SKIP hint
 * that names the options this kernel lacks.
 */
#include <stdio.h>
#include <string.h>

#include "env.h"
#include "meta.h"
#include "ns.h"

bool nsc_kconfig_enabled(const char *value)
{
	return value && (!strcmp(value, "y") || !strcmp(value, "m"));
}

/* "CONFIG_VETH=n", or "CONFIG_VETH not in this kernel's config". */
static int kconfig_say(char *buf, size_t size, const struct nsc_kconfig_val *k, bool have_config)
{
	if (k->value)
		return snprintf(buf, size, "%s=%s", k->name, k->value);
	return snprintf(buf, size, "%s %s", k->name,
			have_config ? "not in this kernel's config" :
				      "unknown (no kernel config found)");
}

size_t nsc_kconfig_missing(const struct nsc_kconfig_val *k, size_t n, bool have_config, char *buf,
			   size_t size)
{
	size_t len = 0, missing = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (nsc_kconfig_enabled(k[i].value) || (!have_config && !k[i].value))
			continue;
		if (missing++ && len < size)
			len += (size_t)snprintf(buf + len, size - len, ", ");
		if (len < size)
			len += (size_t)kconfig_say(buf + len, size - len, &k[i], have_config);
	}
	return missing;
}

void nsc_result_meta(struct nsc_result *res, const struct nsc_case *c, const struct nsc_env *env)
{
	const char *names[NSC_RESULT_KCONFIG_MAX];
	bool have = env && env->kconfig_source[0];
	size_t n = nsc_case_kconfigs(c, names, NSC_RESULT_KCONFIG_MAX);
	char missing[256];

	res->nkconfig = (unsigned int)n;
	for (size_t i = 0; i < n; i++) {
		res->kconfig[i].name = names[i];
		res->kconfig[i].value = have ? nsc_env_kconfig(env, names[i]) : NULL;
	}
	res->anchors = c->anchors;
	res->tags = c->tags;
	res->min_kernel = c->min_kernel;
	if (res->status != NSC_SKIP ||
	    !nsc_kconfig_missing(res->kconfig, n, have, missing, sizeof(missing)))
		return;
	/* The options this kernel lacks are part of the hint. */
	if (res->hint[0]) {
		size_t l = strlen(res->hint);

		snprintf(res->hint + l, sizeof(res->hint) - l, "; kernel config: %s", missing);
	} else {
		snprintf(res->hint, sizeof(res->hint), "kernel config: %s", missing);
	}
}
