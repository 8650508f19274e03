/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The environment fingerprint (struct nsc_env in result.h): kernel,
 * distribution, privileges, the kernel config options and sysctls that
 * decide what namespaces the host can create, and the active LSMs.
 */
#ifndef NSC_ENV_H
#define NSC_ENV_H

#include <stddef.h>

#include "err.h"
#include "result.h"

/*
 * Fill @env.  Missing sources leave their fields empty (kconfig_source
 * "" when no kernel config was found, seccomp -1 when unknown); returns
 * -errno only when uname(2) or /proc/self/status cannot be read, with
 * the fields that could be read filled anyway.
 */
int nsc_env_collect(struct nsc_env *env, struct nsc_err *err);

/*
 * The running kernel's config: /proc/config.gz, else
 * /boot/config-<@release>; its path into @path.  -ENOENT when neither
 * is readable.
 */
int nsc_kconfig_default(const char *release, char *path, size_t size);

/*
 * A kernel config file, gzip-compressed or not (zlib), whole and
 * NUL-terminated in a malloc()ed *@text of *@len bytes.  Refuses more
 * than NSC_KCONFIG_MAX bytes.  0 or -errno; @err names the file and,
 * for a corrupt or truncated one, zlib's reason.
 */
#define NSC_KCONFIG_MAX (64u << 20)
int nsc_kconfig_load(const char *path, char **text, size_t *len, struct nsc_err *err);

/*
 * Collect (and parse from configs) the options these cases name too,
 * besides the namespace table's and nsc_env_kconfig_names.  @cases must
 * outlive the collection.
 */
struct nsc_case;
void nsc_env_want_cases(const struct nsc_case *const *cases, size_t n);

/* Value of a collected kernel config option ("y", "m", "n"), or NULL. */
const char *nsc_env_kconfig(const struct nsc_env *env, const char *name);

/* Value of a collected sysctl ("user.max_user_namespaces"), or NULL. */
const char *nsc_env_sysctl(const struct nsc_env *env, const char *name);

/*
 * Pure parsers, safe on any input (fuzzed): @text need not be
 * NUL-terminated.
 *
 * nsc_osrelease_parse: os-release(5) text: KEY=VALUE lines, values
 * unquoted, 'single' or "double" quoted with shell-style backslash
 * escapes; fills os_id, os_version_id, os_pretty (truncated to fit).
 * Returns the number of those three keys found.
 *
 * nsc_kconfig_parse: a kernel .config: "CONFIG_X=val" (quotes stripped)
 * and "# CONFIG_X is not set" ("n"), kept only for the options nscheck
 * cares about (nsc_env_kconfig_names); a later line wins.  Sets
 * env->nkconfig and returns it (-ENOMEM: nothing kept).
 */
int nsc_osrelease_parse(const char *text, size_t len, struct nsc_env *env);
int nsc_kconfig_parse(const char *text, size_t len, struct nsc_env *env);

/*
 * The kernel config options collected besides the namespace table's
 * (ns.c), NULL-terminated.
 */
extern const char *const nsc_env_kconfig_names[];

#endif
