/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the reports/ and env unit tests: temp dirs, running a
 * validator (fork + execvp, never system()), hostile result records.
 */
#ifndef NSC_TESTUTIL_H
#define NSC_TESTUTIL_H

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reporter.h"
#include "nsc_check_main.h"

#ifndef NSC_SRC_DIR
#define NSC_SRC_DIR "."
#endif

/* Everything a report must survive, in one NUL-free string. */
#define NSC_HOSTILE                                                                   \
	"quote\" apos' <tag> & ]]> x\nnewline\rcr\ttab \x01\x02\x1b[31m "             \
	"\x7f \xc2\x85 \xff\xfe bad \xc3\x28 \xed\xa0\x80 \xef\xbf\xbe # hash \\ bs " \
	"\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x99\x82 {"

static inline int nsc_t_rm(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	return remove(p);
}

/*
 * Every test's directory lives under one base directory, made before the
 * tests fork and removed when the suite's own process exits: a test that
 * fails (libcheck skips a checked fixture's teardown then) or a child
 * that _exit()s leaves nothing in /tmp.
 */
static char nsc_t_base[64];
static pid_t nsc_t_base_owner;

static inline void nsc_t_base_remove(void)
{
	if (nsc_t_base[0] && getpid() == nsc_t_base_owner)
		nftw(nsc_t_base, nsc_t_rm, 16, FTW_DEPTH | FTW_PHYS);
}

__attribute__((constructor)) static void nsc_t_base_make(void)
{
	snprintf(nsc_t_base, sizeof(nsc_t_base), "/tmp/nsc-unit.XXXXXX");
	if (!mkdtemp(nsc_t_base)) {
		nsc_t_base[0] = '\0';
		return;
	}
	nsc_t_base_owner = getpid();
	atexit(nsc_t_base_remove);
}

static inline char *nsc_t_tmpdir(void)
{
	char *d = malloc(sizeof(nsc_t_base) + 16);

	ck_assert_ptr_nonnull(d);
	ck_assert_msg(nsc_t_base[0], "no base directory in /tmp");
	snprintf(d, sizeof(nsc_t_base) + 16, "%s/t.XXXXXX", nsc_t_base);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static inline void nsc_t_rmtree(char *dir)
{
	nftw(dir, nsc_t_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static inline char *nsc_t_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int c;

	if (len)
		*len = 0;
	if (!fp)
		return NULL;
	while ((c = fgetc(fp)) != EOF) {
		if (n + 2 > cap) {
			char *nbuf;

			cap = cap ? cap * 2 : 4096;
			nbuf = realloc(buf, cap);
			ck_assert_ptr_nonnull(nbuf);
			buf = nbuf;
		}
		buf[n++] = (char)c;
	}
	fclose(fp);
	if (!buf)
		buf = calloc(1, 1);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/*
 * Run @argv (PATH search), stdin from @in (or /dev/null), stdout and
 * stderr into @out (or inherited).  Returns the exit status, 128+signal,
 * or 127 when the program cannot be run.
 */
static inline int nsc_t_run(const char *const argv[], const char *in, const char *out)
{
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int fd = open(in ? in : "/dev/null", O_RDONLY);

		if (fd < 0 || dup2(fd, 0) < 0)
			_exit(127);
		if (out) {
			fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
				_exit(127);
		}
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Is @prog runnable (absolute path, or found on PATH)? */
static inline int nsc_t_have(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
		if (access(buf, X_OK) == 0)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

/* The system python (it has python3-jsonschema on Debian), else PATH's. */
static inline const char *nsc_t_python(void)
{
	return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Fill @s (size @n) with @pat repeated: longer than any buffer downstream. */
static inline void nsc_t_fill(char *s, size_t n, const char *pat)
{
	size_t pl = strlen(pat);

	for (size_t i = 0; i + 1 < n; i++)
		s[i] = pat[i % pl];
	s[n - 1] = '\0';
}

static struct nsc_env nsc_t_env;

/* A run header with a hostile environment. */
static inline void nsc_t_run_info(struct nsc_run_info *run, unsigned int planned)
{
	memset(run, 0, sizeof(*run));
	memset(&nsc_t_env, 0, sizeof(nsc_t_env));
	run->tool_version = "nscheck 0.1.0-test";
	run->command_line = "nscheck --all --junit \"a&b.xml\" " NSC_HOSTILE;
	run->start.tv_sec = 1700000000;
	run->start.tv_nsec = 123456789;
	run->duration = 1.5;
	run->planned = planned;
	snprintf(nsc_t_env.hostname, sizeof(nsc_t_env.hostname), "host<&>");
	snprintf(nsc_t_env.kernel_release, sizeof(nsc_t_env.kernel_release), "6.1.0-test");
	snprintf(nsc_t_env.kernel_version, sizeof(nsc_t_env.kernel_version), "%s", NSC_HOSTILE);
	snprintf(nsc_t_env.arch, sizeof(nsc_t_env.arch), "x86_64");
	snprintf(nsc_t_env.os_id, sizeof(nsc_t_env.os_id), "debian");
	snprintf(nsc_t_env.os_version_id, sizeof(nsc_t_env.os_version_id), "12");
	snprintf(nsc_t_env.os_pretty, sizeof(nsc_t_env.os_pretty), "Debian \"12\" \x01");
	nsc_t_env.mode = "rootless (root without CAP_SYS_ADMIN)";
	nsc_t_env.cap_eff = 0x1ffffffffffULL;
	nsc_t_env.seccomp = 2;
	snprintf(nsc_t_env.kconfig_source, sizeof(nsc_t_env.kconfig_source), "/proc/config.gz");
	nsc_t_env.nkconfig = 2;
	snprintf(nsc_t_env.kconfig[0].key, NSC_KV_KEY, "CONFIG_USER_NS");
	snprintf(nsc_t_env.kconfig[0].value, NSC_KV_VALUE, "y");
	snprintf(nsc_t_env.kconfig[1].key, NSC_KV_KEY, "CONFIG_TIME_NS");
	snprintf(nsc_t_env.kconfig[1].value, NSC_KV_VALUE, "n");
	nsc_t_env.nsysctl = 1;
	snprintf(nsc_t_env.sysctl[0].key, NSC_KV_KEY, "user.max_user_namespaces");
	snprintf(nsc_t_env.sysctl[0].value, NSC_KV_VALUE, "0");
	snprintf(nsc_t_env.lsm, sizeof(nsc_t_env.lsm), "lockdown,capability,apparmor");
	run->env = &nsc_t_env;
}

#define NSC_T_NRES 6
static char nsc_t_out[] = "out\0with NUL \xff <b>&amp; ]]>\n";

/*
 * PASS, FAIL (diagnostics, hostile everything), SKIP (hostile reason
 * longer than any buffer), ERROR (errno, captured output with a NUL),
 * PASS, and a namespace seen again after another ("env" twice).
 */
static inline void nsc_t_results(struct nsc_result *r)
{
	memset(r, 0, NSC_T_NRES * sizeof(*r));
	for (unsigned int i = 0; i < NSC_T_NRES; i++) {
		r[i].index = i + 1;
		r[i].duration = 0.001 * (i + 1);
		r[i].checks = i;
		r[i].control = NSC_CONTROL_SHARED;
	}
	r[0].id = "env.first";
	r[0].ns = "env";
	r[0].summary = "a pass";
	r[0].file = "cases/env/first.c";
	r[0].status = NSC_PASS;

	r[1].id = "net.fail#1\\x";
	r[1].ns = "net";
	r[1].summary = NSC_HOSTILE;
	r[1].file = "cases/net/fail.c";
	r[1].status = NSC_FAIL;
	snprintf(r[1].reason, sizeof(r[1].reason), "%s", NSC_HOSTILE);
	snprintf(r[1].control_detail, sizeof(r[1].control_detail), "saw %s", NSC_HOSTILE);
	r[1].ndiag = 2;
	snprintf(r[1].diag[0].where, sizeof(r[1].diag[0].where), "cases/net/fail.c:42");
	snprintf(r[1].diag[0].message, NSC_DIAG_TEXT, "%s", NSC_HOSTILE);
	snprintf(r[1].diag[0].expected, NSC_DIAG_VALUE, "\"exp\"<>");
	snprintf(r[1].diag[0].got, NSC_DIAG_VALUE, "%s", NSC_HOSTILE);
	r[1].diag[0].err = 13;
	snprintf(r[1].diag[1].where, sizeof(r[1].diag[1].where), "cases/net/fail.c:43");
	nsc_t_fill(r[1].diag[1].message, NSC_DIAG_TEXT, NSC_HOSTILE);

	r[2].id = "time.skip";
	r[2].ns = "time";
	r[2].file = "cases/time/skip.c";
	r[2].status = NSC_SKIP;
	r[2].control = NSC_CONTROL_NOT_RUN;
	nsc_t_fill(r[2].reason, sizeof(r[2].reason), "no # time\\ns " NSC_HOSTILE);
	snprintf(r[2].hint, sizeof(r[2].hint), "set CONFIG_TIME_NS=y <&>");

	r[3].id = "uts.error";
	r[3].ns = "uts";
	r[3].file = "cases/uts/error.c";
	r[3].status = NSC_ERROR;
	r[3].err = 1;
	r[3].control = NSC_CONTROL_ERROR;
	snprintf(r[3].reason, sizeof(r[3].reason), "killed by SIGSEGV");
	r[3].out = nsc_t_out;
	r[3].out_len = sizeof(nsc_t_out) - 1;
	r[3].errout = NSC_HOSTILE;
	r[3].errout_len = strlen(NSC_HOSTILE);

	r[4].id = "uts.pass";
	r[4].ns = "uts";
	r[4].file = "cases/uts/pass.c";
	r[4].status = NSC_PASS;

	r[5].id = "env.host_residue";
	r[5].ns = "env";
	r[5].file = "harness/audit.c";
	r[5].status = NSC_PASS;
	r[5].control = NSC_CONTROL_NONE;
}

/* Write a whole report of format @kind to @path; returns the close() result. */
static inline int nsc_t_report(const char *kind, const char *path, const struct nsc_report_opts *o,
			       const struct nsc_result *res, unsigned int n, struct nsc_run_info *run)
{
	struct nsc_reporter *r;
	struct nsc_err err;

	ck_assert_int_eq(nsc_reporter_open(&r, kind, path, o, &err), 0);
	ck_assert_int_eq(r->ops->begin(r, run, &err), 0);
	for (unsigned int i = 0; i < n; i++) {
		ck_assert_int_eq(r->ops->result(r, &res[i], &err), 0);
		run->counts.pass += res[i].status == NSC_PASS;
		run->counts.fail += res[i].status == NSC_FAIL;
		run->counts.skip += res[i].status == NSC_SKIP;
		run->counts.error += res[i].status == NSC_ERROR;
	}
	ck_assert_int_eq(r->ops->end(r, run, &err), 0);
	return nsc_reporter_close(r, 1, &err);
}

#define NSC_T_MAIN(suite_fn)                      \
	int main(void)                            \
	{                                         \
		return nsc_check_run(suite_fn()); \
	}

#endif
