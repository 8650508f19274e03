// SPDX-License-Identifier: GPL-2.0-only
/*
 * The environment fingerprint.  Reported as context (and for SKIP
 * hints), never used to decide whether a case can run: that is decided
 * by trying (probe_run.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>

#include "base.h"
#include "env.h"
#include "ns.h"
#include "nscheck.h"
#include "taint.h"

/* Beyond the namespace table's own options (ns.c). */
const char *const nsc_env_kconfig_names[] = {
	"CONFIG_NAMESPACES",	    "CONFIG_VETH",    "CONFIG_PROC_FS",
	"CONFIG_SECURITY_APPARMOR", "CONFIG_SECCOMP", NULL,
};

/* Beyond the namespace table's limits (ns.c). */
static const char *const sysctl_names[] = {
	"kernel.unprivileged_userns_clone",
	"kernel.apparmor_restrict_unprivileged_userns",
	NULL,
};

/* Copy @n bytes of @s into the fixed field @dst, cut to fit. */
static void set_field(char *dst, size_t size, const char *s, size_t n)
{
	if (!s)
		n = 0;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Next line of @text from *@pos: returns 0 at the end. */
static int next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
{
	const char *nl;

	if (*pos >= len)
		return 0;
	*line = text + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *n + 1;
	while (*n && ((*line)[*n - 1] == '\r' || (*line)[*n - 1] == ' ' || (*line)[*n - 1] == '\t'))
		(*n)--;
	return 1;
}

/* Characters a backslash escapes inside shell double quotes. */
static int shell_escapable(char c)
{
	return c == '"' || c == '\\' || c == '$' || c == '`';
}

/* One os-release value, shell-style; -1 for an unterminated quote. */
static int osr_value(const char *p, size_t n, char *out, size_t size)
{
	size_t o = 0;
	char q = 0;

	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (q == '\'') {
			if (c == '\'') {
				q = 0;
				continue;
			}
		} else if (q == '"') {
			if (c == '"') {
				q = 0;
				continue;
			}
			if (c == '\\' && i + 1 < n && shell_escapable(p[i + 1]))
				c = p[++i];
		} else if (c == '\'' || c == '"') {
			q = c;
			continue;
		} else if (c == '\\' && i + 1 < n) {
			c = p[++i];
		} else if (c == ' ' || c == '\t') {
			break;
		}
		if (c && o + 1 < size)
			out[o++] = c;
	}
	out[o] = '\0';
	return q ? -1 : 0;
}

int nsc_osrelease_parse(const char *text, size_t len, struct nsc_env *env)
{
	const char *line;
	size_t pos = 0, n;
	int found = 0;

	while (next_line(text, len, &pos, &line, &n)) {
		char val[256];
		size_t k = 0, klen;
		char *dst = NULL;
		size_t dsize = 0;

		while (k < n && (line[k] == ' ' || line[k] == '\t'))
			k++;
		line += k;
		n -= k;
		for (klen = 0;
		     klen < n && (line[klen] == '_' || (line[klen] >= 'A' && line[klen] <= 'Z') ||
				  (line[klen] >= 'a' && line[klen] <= 'z') ||
				  (line[klen] >= '0' && line[klen] <= '9'));
		     klen++)
			;
		if (!klen || klen >= n || line[klen] != '=')
			continue;
		if (klen == 2 && !memcmp(line, "ID", 2)) {
			dst = env->os_id;
			dsize = sizeof(env->os_id);
		} else if (klen == 10 && !memcmp(line, "VERSION_ID", 10)) {
			dst = env->os_version_id;
			dsize = sizeof(env->os_version_id);
		} else if (klen == 11 && !memcmp(line, "PRETTY_NAME", 11)) {
			dst = env->os_pretty;
			dsize = sizeof(env->os_pretty);
		}
		if (!dst || osr_value(line + klen + 1, n - klen - 1, val, sizeof(val)) < 0)
			continue;
		if (!*dst)
			found++;
		set_field(dst, dsize, val, strlen(val));
		if (!*dst) /* an empty value counts as absent */
			found--;
	}
	return found;
}

static const struct nsc_case *const *want_cases;
static size_t want_ncases;

void nsc_env_want_cases(const struct nsc_case *const *cases, size_t n)
{
	want_cases = cases;
	want_ncases = n;
}

/* An option name the parse keeps: sorted by length, then bytes, for bsearch. */
struct kc_name {
	const char *s;
	size_t n;
};

static int kc_cmp(const void *a, const void *b)
{
	const struct kc_name *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return memcmp(x->s, y->s, x->n);
}

static size_t kc_add(struct kc_name *t, size_t n, const char *s)
{
	if (t) {
		t[n].s = s;
		t[n].n = strlen(s);
	}
	return n + 1;
}

/*
 * Every name the cases, the namespace table and nsc_env_kconfig_names
 * want (NULL @t: only counted).  A kernel config has ~8000 lines and the
 * catalogue ~150 cases: a linear scan per line was the hot spot of a run.
 */
static size_t kc_fill(struct kc_name *t)
{
	size_t n = 0;

	for (size_t c = 0; c < want_ncases; c++)
		for (const char *const *k = want_cases[c]->kconfigs; k && *k; k++)
			n = kc_add(t, n, *k);
	for (int i = 0; i < NSC_NS_COUNT; i++)
		n = kc_add(t, n, nsc_ns_table[i].kconfig);
	for (int i = 0; nsc_env_kconfig_names[i]; i++)
		n = kc_add(t, n, nsc_env_kconfig_names[i]);
	return n;
}

struct kc_set {
	struct kc_name *t;
	size_t n;
};

static bool wanted(const struct kc_set *w, const char *name, size_t n)
{
	struct kc_name key = { name, n };

	return bsearch(&key, w->t, w->n, sizeof(*w->t), kc_cmp) != NULL;
}

static void kconfig_set(struct nsc_env *env, const struct kc_set *w, const char *name, size_t nlen,
			const char *val, size_t vlen)
{
	struct nsc_kv *kv = NULL;

	if (!wanted(w, name, nlen))
		return;
	for (unsigned int i = 0; i < env->nkconfig; i++)
		if (strlen(env->kconfig[i].key) == nlen && !memcmp(env->kconfig[i].key, name, nlen))
			kv = &env->kconfig[i];
	if (!kv) {
		if (env->nkconfig >= NSC_ENV_KCONFIG_MAX)
			return;
		kv = &env->kconfig[env->nkconfig++];
		set_field(kv->key, sizeof(kv->key), name, nlen);
	}
	if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"') {
		val++;
		vlen -= 2;
	}
	set_field(kv->value, sizeof(kv->value), val, vlen);
}

int nsc_kconfig_parse(const char *text, size_t len, struct nsc_env *env)
{
	static const char unset[] = " is not set";
	const size_t ulen = sizeof(unset) - 1;
	const char *line, *eq;
	size_t pos = 0, n;

	struct kc_set w = { NULL, kc_fill(NULL) };

	env->nkconfig = 0;
	memset(env->kconfig, 0, sizeof(env->kconfig));
	w.t = calloc(w.n, sizeof(*w.t));
	if (!w.t)
		return -ENOMEM;
	kc_fill(w.t);
	qsort(w.t, w.n, sizeof(*w.t), kc_cmp);
	while (next_line(text, len, &pos, &line, &n)) {
		if (n > 9 + ulen && !memcmp(line, "# CONFIG_", 9) &&
		    !memcmp(line + n - ulen, unset, ulen)) {
			kconfig_set(env, &w, line + 2, n - 2 - ulen, "n", 1);
			continue;
		}
		if (n < 8 || memcmp(line, "CONFIG_", 7))
			continue;
		eq = memchr(line, '=', n);
		if (!eq || eq == line + 7)
			continue;
		kconfig_set(env, &w, line, (size_t)(eq - line), eq + 1, n - (size_t)(eq - line) - 1);
	}
	free(w.t);
	return (int)env->nkconfig;
}

const char *nsc_env_kconfig(const struct nsc_env *env, const char *name)
{
	return env ? nsc_kv_get(env->kconfig,
				env->nkconfig < NSC_ENV_KCONFIG_MAX ? env->nkconfig :
								      NSC_ENV_KCONFIG_MAX,
				name) :
		     NULL;
}

const char *nsc_env_sysctl(const struct nsc_env *env, const char *name)
{
	return env ? nsc_kv_get(env->sysctl,
				env->nsysctl < NSC_ENV_SYSCTL_MAX ? env->nsysctl : NSC_ENV_SYSCTL_MAX,
				name) :
		     NULL;
}

static int read_file(const char *path, char **buf, size_t *len, size_t max)
{
	return nsc_file_read(path, max, buf, len, NULL);
}

int nsc_kconfig_load(const char *path, char **text, size_t *len, struct nsc_err *err)
{
	size_t cap = 1u << 16, n = 0;
	char *buf = NULL;
	const char *msg;
	struct stat st;
	gzFile gz;
	int fd, r, zerr;

	*text = NULL;
	*len = 0;
	/* Hostile paths: never block on a FIFO, read only a regular file. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return nsc_err_set(err, errno, "%s", path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return nsc_err_setx(err, EINVAL, "%s: not a regular file", path);
	}
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return nsc_err_set(err, ENOMEM, "%s", path);
	}
	gzbuffer(gz, 1u << 16);
	buf = malloc(cap);
	if (!buf) {
		r = ENOMEM;
		goto fail_errno;
	}
	for (;;) {
		if (n + 1 >= cap) {
			char *p = cap * 2 > NSC_KCONFIG_MAX ? NULL : realloc(buf, cap * 2);

			if (!p) {
				r = cap * 2 > NSC_KCONFIG_MAX ? EFBIG : ENOMEM;
				goto fail_errno;
			}
			cap *= 2;
			buf = p;
		}
		r = gzread(gz, buf + n, (unsigned int)(cap - n - 1));
		if (r > 0) {
			n += (size_t)r;
			continue;
		}
		/* The end, or an error: a truncated file reads short, then Z_BUF_ERROR. */
		msg = gzerror(gz, &zerr);
		if (zerr == Z_OK)
			break;
		r = zerr == Z_ERRNO ? errno : EINVAL;
		free(buf);
		/* msg lives in gz: the message is made before gzclose() frees it. */
		if (zerr == Z_ERRNO)
			nsc_err_set(err, r, "%s", path);
		else
			nsc_err_setx(err, r, "%s: not a readable kernel config (%s)", path, msg);
		gzclose(gz);
		return -r;
	}
	gzclose(gz);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
fail_errno:
	free(buf);
	gzclose(gz);
	return nsc_err_set(err, r, "%s", path);
}

static void collect_kconfig(struct nsc_env *env, const char *release)
{
	char path[sizeof(env->kconfig_source)];
	size_t len;
	char *buf;

	if (nsc_kconfig_default(release, path, sizeof(path)) < 0 ||
	    nsc_kconfig_load(path, &buf, &len, NULL) < 0)
		return;
	nsc_kconfig_parse(buf, len, env);
	free(buf);
	snprintf(env->kconfig_source, sizeof(env->kconfig_source), "%s", path);
}

int nsc_kconfig_default(const char *release, char *path, size_t size)
{
	if (access("/proc/config.gz", R_OK) == 0) {
		snprintf(path, size, "/proc/config.gz");
		return 0;
	}
	snprintf(path, size, "/boot/config-%s", release);
	if (*release && access(path, R_OK) == 0)
		return 0;
	return -ENOENT;
}

/* The namespace table's limits, then the others. */
static const char *sysctl_name(int i)
{
	return i < NSC_NS_COUNT ? nsc_ns_table[i].max_sysctl : sysctl_names[i - NSC_NS_COUNT];
}

static void collect_sysctls(struct nsc_env *env)
{
	const char *name;

	for (int i = 0; (name = sysctl_name(i)) && env->nsysctl < NSC_ENV_SYSCTL_MAX; i++) {
		struct nsc_kv *kv = &env->sysctl[env->nsysctl];
		char path[128], *buf, *p;
		size_t len;

		snprintf(path, sizeof(path), "/proc/sys/%s", name);
		for (p = path + 10; *p; p++)
			if (*p == '.')
				*p = '/';
		if (read_file(path, &buf, &len, 4096) < 0)
			continue;
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
			len--;
		set_field(kv->key, sizeof(kv->key), name, strlen(name));
		set_field(kv->value, sizeof(kv->value), buf, len);
		free(buf);
		env->nsysctl++;
	}
}

static int collect_status(struct nsc_env *env, struct nsc_err *err)
{
	const char *line;
	size_t len, pos = 0, n;
	char *buf;
	int ret = read_file("/proc/self/status", &buf, &len, 1u << 20);

	if (ret < 0)
		return nsc_err_set(err, -ret, "read /proc/self/status");
	while (next_line(buf, len, &pos, &line, &n)) {
		if (n > 7 && !memcmp(line, "CapEff:", 7))
			env->cap_eff = strtoull(line + 7, NULL, 16);
		else if (n > 8 && !memcmp(line, "Seccomp:", 8))
			env->seccomp = (int)strtol(line + 8, NULL, 10);
	}
	free(buf);
	return 0;
}

int nsc_env_collect(struct nsc_env *env, struct nsc_err *err)
{
	struct utsname u;
	size_t len;
	char *buf;
	int ret = 0, st;

	memset(env, 0, sizeof(*env));
	env->seccomp = -1;
	env->euid = (unsigned int)geteuid();
	if (uname(&u) < 0) {
		ret = nsc_err_set(err, errno, "uname");
		memset(&u, 0, sizeof(u));
	}
	set_field(env->hostname, sizeof(env->hostname), u.nodename, strlen(u.nodename));
	set_field(env->kernel_release, sizeof(env->kernel_release), u.release, strlen(u.release));
	set_field(env->kernel_version, sizeof(env->kernel_version), u.version, strlen(u.version));
	set_field(env->arch, sizeof(env->arch), u.machine, strlen(u.machine));
	/* zlib reads /proc/config.gz in ~0.5 ms: always, once. */
	env->kconfig_read = true;
	collect_kconfig(env, env->kernel_release);
	if (read_file("/etc/os-release", &buf, &len, 1u << 20) == 0 ||
	    read_file("/usr/lib/os-release", &buf, &len, 1u << 20) == 0) {
		nsc_osrelease_parse(buf, len, env);
		free(buf);
	}
	st = collect_status(env, ret < 0 ? NULL : err);
	if (st < 0 && !ret)
		ret = st;
	collect_sysctls(env);
	env->tainted_known = nsc_taint_read(&env->tainted, NULL) == 0;
	if (read_file("/sys/kernel/security/lsm", &buf, &len, 4096) == 0) {
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
			len--;
		set_field(env->lsm, sizeof(env->lsm), buf, len);
		free(buf);
	}
	return ret;
}
