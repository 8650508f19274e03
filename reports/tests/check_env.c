// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: os-release and kconfig parsers, gzip decoder, env collection. */
#include <sys/utsname.h>

#include "env.h"
#include "nsc_testutil.h"

#define PARSE_OSR(text, env) nsc_osrelease_parse(text, sizeof(text) - 1, env)
#define PARSE_KC(text, env) nsc_kconfig_parse(text, sizeof(text) - 1, env)

/* Write @p's characters (no NUL) at the start of @dst. */
static void put_prefix(char *dst, const char *p)
{
	while (*p)
		*dst++ = *p++;
}

START_TEST(test_osrelease)
{
	static const char text[] = "# comment ID=wrong\n"
				   "NAME=\"Debian GNU/Linux\"\n"
				   "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
				   "VERSION_ID=\"12\"\n"
				   "ID=debian\n"
				   "ID_LIKE=\"ubuntu\"\n";
	struct nsc_env env = { 0 };

	ck_assert_int_eq(PARSE_OSR(text, &env), 3);
	ck_assert_str_eq(env.os_id, "debian");
	ck_assert_str_eq(env.os_version_id, "12");
	ck_assert_str_eq(env.os_pretty, "Debian GNU/Linux 12 (bookworm)");
}
END_TEST

START_TEST(test_osrelease_quoting)
{
	static const char text[] = "  ID='open suse'\r\n"
				   "PRETTY_NAME=\"say \\\"hi\\\" \\\\ \\$HOME \\n\"\r\n"
				   "VERSION_ID=1\\ 2\"3\"'4' trailing\r\n"
				   "ID_X=no\n";
	struct nsc_env env = { 0 };

	ck_assert_int_eq(PARSE_OSR(text, &env), 3);
	ck_assert_str_eq(env.os_id, "open suse");
	ck_assert_str_eq(env.os_pretty, "say \"hi\" \\ $HOME \\n");
	ck_assert_str_eq(env.os_version_id, "1 234");
}
END_TEST

START_TEST(test_osrelease_hostile)
{
	static char big[20000];
	struct nsc_env env = { 0 };
	static const char unterminated[] = "ID=\"never closed\nVERSION_ID=7";
	static const char odd[] = "=x\nID\nID=\nVERSION_ID=\"\"\n\n\n=\n\"ID=q\"\nPRETTY_NAME";

	ck_assert_int_eq(PARSE_OSR(unterminated, &env), 1);
	ck_assert_str_eq(env.os_id, "");
	ck_assert_str_eq(env.os_version_id, "7"); /* no trailing newline */
	memset(&env, 0, sizeof(env));
	ck_assert_int_eq(PARSE_OSR(odd, &env), 0);
	ck_assert_str_eq(env.os_id, "");
	put_prefix(big, "PRETTY_NAME=");
	nsc_t_fill(big + 12, sizeof(big) - 12, "x\xff\"\\'");
	nsc_osrelease_parse(big, strlen(big), &env); /* may be unterminated */
	put_prefix(big, "PRETTY_NAME=");
	memset(big + 12, 'p', sizeof(big) - 13);
	ck_assert_int_eq(nsc_osrelease_parse(big, strlen(big), &env), 1);
	ck_assert_uint_eq(strlen(env.os_pretty), sizeof(env.os_pretty) - 1);
	ck_assert_int_eq(nsc_osrelease_parse("ID=x", 0, &env), 0);
}
END_TEST

START_TEST(test_kconfig)
{
	static const char text[] = "#\n# Automatically generated file; DO NOT EDIT.\n"
				   "CONFIG_NAMESPACES=y\n"
				   "CONFIG_UTS_NS=y\n"
				   "# CONFIG_TIME_NS is not set\n"
				   "CONFIG_NET_NS_EXTRA=y\n" /* not CONFIG_NET_NS */
				   "CONFIG_VETH=m\n"
				   "CONFIG_DEFAULT_HOSTNAME=\"(none)\"\n" /* not collected */
				   "CONFIG_SECURITY_APPARMOR=\"quoted\"\r\n"
				   "# CONFIG_USER_NS is not set\n"
				   "CONFIG_USER_NS=y\n" /* a later line wins */
				   "CONFIG_SECCOMP=y";	/* no trailing newline */
	struct nsc_env env = { 0 };

	ck_assert_int_eq(PARSE_KC(text, &env), 7);
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_NAMESPACES"), "y");
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_UTS_NS"), "y");
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_TIME_NS"), "n");
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_VETH"), "m");
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_SECURITY_APPARMOR"), "quoted");
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_USER_NS"), "y");
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_SECCOMP"), "y");
	ck_assert_ptr_null(nsc_env_kconfig(&env, "CONFIG_NET_NS"));
	ck_assert_ptr_null(nsc_env_kconfig(&env, "CONFIG_DEFAULT_HOSTNAME"));
	ck_assert_ptr_null(nsc_env_kconfig(&env, NULL));
	ck_assert_ptr_null(nsc_env_kconfig(NULL, "CONFIG_UTS_NS"));
	/* Parsing again starts from scratch. */
	ck_assert_int_eq(PARSE_KC("# CONFIG_PID_NS is not set\n", &env), 1);
	ck_assert_ptr_null(nsc_env_kconfig(&env, "CONFIG_UTS_NS"));
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_PID_NS"), "n");
}
END_TEST

START_TEST(test_kconfig_hostile)
{
	static char big[300000];
	struct nsc_env env = { 0 };
	static const char odd[] = "CONFIG_=y\nCONFIG_\n# CONFIG_ is not set\n"
				  "# CONFIG_IPC_NS is not se\nCONFIG_IPC_NS\nCONFIG_PID_NS=\n"
				  "# CONFIG_X is not set";

	ck_assert_int_eq(PARSE_KC(odd, &env), 1);
	ck_assert_str_eq(nsc_env_kconfig(&env, "CONFIG_PID_NS"), "");
	put_prefix(big, "CONFIG_PROC_FS=");
	memset(big + 15, 'v', 1000);
	big[1015] = '\n';
	for (size_t off = 1016; off + 64 < sizeof(big);)
		off += (size_t)snprintf(big + off, sizeof(big) - off, "CONFIG_NET_NS=%s\n",
					off % 3 ? "y" : "\"\xff\"");
	ck_assert_int_eq(nsc_kconfig_parse(big, strlen(big), &env), 2);
	ck_assert_uint_le(strlen(nsc_env_kconfig(&env, "CONFIG_PROC_FS")), NSC_KV_VALUE - 1);
	ck_assert_int_eq(nsc_kconfig_parse(big, 0, &env), 0);
}
END_TEST

/* Compress @text with python's gzip at @level (FNAME set when @name). */
static unsigned char *gzip_with_python(const char *dir, const char *text, int level, int name,
				       size_t *len)
{
	char in[600], out[600], lv[8];
	const char *argv[] = { nsc_t_python(),
			       "-c",
			       "import gzip,sys\n"
			       "d=open(sys.argv[1],'rb').read()\n"
			       "lv=int(sys.argv[3])\n"
			       "f=gzip.GzipFile(filename='config' if sys.argv[4]=='1' else '', mode='wb', "
			       "compresslevel=lv, fileobj=open(sys.argv[2],'wb'), mtime=0)\n"
			       "f.write(d); f.close()\n",
			       in,
			       out,
			       lv,
			       name ? "1" : "0",
			       NULL };
	FILE *fp;

	snprintf(in, sizeof(in), "%s/in", dir);
	snprintf(out, sizeof(out), "%s/out.gz", dir);
	snprintf(lv, sizeof(lv), "%d", level);
	fp = fopen(in, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
	return (unsigned char *)nsc_t_slurp(out, len);
}

/* Write @n bytes of @data to @dir/@name; returns the path (static). */
static const char *put_file(const char *dir, const char *name, const void *data, size_t n)
{
	static char path[600];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, n, fp), n);
	fclose(fp);
	return path;
}

/* Kernel configs through zlib: gzip at every level, plain text, damage refused. */
START_TEST(test_kconfig_load)
{
	static char text[200000];
	char *dir = nsc_t_tmpdir(), *out;
	int levels[] = { 0, 1, 6, 9 };
	struct nsc_err err;
	size_t outlen;

	/* Repetitive (matches, long distances) and varied (literals) text. */
	for (size_t off = 0, i = 0; off + 80 < sizeof(text); i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
					i % 7 ? "CONFIG_OPT_%zu=y\n" : "# CONFIG_X%zx is not set\n",
					i * 2654435761u % 100003);
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		size_t gzlen;
		unsigned char *gz =
			gzip_with_python(dir, i == 3 ? "" : text, levels[i], (int)i & 1, &gzlen);
		const char *path;

		ck_assert_ptr_nonnull(gz);
		path = put_file(dir, "c.gz", gz, gzlen);
		ck_assert_int_eq(nsc_kconfig_load(path, &out, &outlen, &err), 0);
		ck_assert_uint_eq(outlen, i == 3 ? 0 : strlen(text));
		ck_assert_int_eq(out[outlen], '\0');
		ck_assert(!memcmp(out, i == 3 ? "" : text, outlen));
		free(out);
		if (gzlen > 40) {
			/* Corrupt, truncated: refused with zlib's reason, never a crash. */
			gz[gzlen - 6] ^= 0x55; /* ISIZE */
			path = put_file(dir, "c.gz", gz, gzlen);
			ck_assert_int_eq(nsc_kconfig_load(path, &out, &outlen, &err), -EINVAL);
			ck_assert_ptr_null(out);
			ck_assert_ptr_nonnull(strstr(err.msg, "not a readable kernel config"));
			gz[gzlen - 6] ^= 0x55;
			gz[gzlen / 2] ^= 0x10;
			path = put_file(dir, "c.gz", gz, gzlen);
			ck_assert_int_lt(nsc_kconfig_load(path, &out, &outlen, &err), 0);
			gz[gzlen / 2] ^= 0x10;
			for (size_t cut = 11; cut < gzlen; cut += gzlen / 7 + 1) {
				path = put_file(dir, "c.gz", gz, cut);
				ck_assert_int_lt(nsc_kconfig_load(path, &out, &outlen, &err), 0);
			}
		}
		free(gz);
	}
	/* Uncompressed, as /boot/config-* is. */
	ck_assert_int_eq(nsc_kconfig_load(put_file(dir, "plain", text, strlen(text)), &out, &outlen,
					  &err),
			 0);
	ck_assert_uint_eq(outlen, strlen(text));
	ck_assert(!memcmp(out, text, outlen));
	free(out);
	/* Missing: the path and the errno. */
	ck_assert_int_eq(nsc_kconfig_load("/nonexistent/config", &out, &outlen, &err), -ENOENT);
	ck_assert_str_eq(err.msg, "/nonexistent/config: No such file or directory");
	nsc_t_rmtree(dir);
}
END_TEST

/* The real /proc/config.gz, where the kernel has one, against python's gzip. */
START_TEST(test_proc_config_gz)
{
	char *dir = nsc_t_tmpdir(), out[600];
	const char *argv[] = {
		nsc_t_python(),
		"-c",
		"import gzip,sys\n"
		"open(sys.argv[2],'wb').write(gzip.decompress(open(sys.argv[1],'rb').read()))\n",
		"/proc/config.gz",
		out,
		NULL
	};
	struct nsc_err err;
	size_t len, tlen;
	char *want, *text;

	snprintf(out, sizeof(out), "%s/config", dir);
	if (access("/proc/config.gz", R_OK) < 0) {
		fprintf(stderr, "check_env: no /proc/config.gz on this kernel\n");
		nsc_t_rmtree(dir);
		return;
	}
	ck_assert_int_eq(nsc_kconfig_load("/proc/config.gz", &text, &tlen, &err), 0);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
	want = nsc_t_slurp(out, &len);
	ck_assert_uint_eq(tlen, len);
	ck_assert(!memcmp(text, want, len));
	free(want);
	free(text);
	nsc_t_rmtree(dir);
}
END_TEST

START_TEST(test_collect)
{
	struct nsc_env env;
	struct nsc_err err;
	struct utsname u;

	memset(&env, 0xa5, sizeof(env));
	ck_assert_int_eq(nsc_env_collect(&env, &err), 0);
	ck_assert_int_eq(uname(&u), 0);
	ck_assert_str_eq(env.kernel_release, u.release);
	ck_assert_str_eq(env.arch, u.machine);
	ck_assert_str_eq(env.hostname, u.nodename);
	ck_assert_uint_eq(env.euid, geteuid());
	ck_assert_int_ge(env.seccomp, 0);
	ck_assert_int_le(env.seccomp, 2);
	if (geteuid() == 0)
		ck_assert(env.cap_eff != 0);
	/* The kernel config is collected with the rest, once. */
	ck_assert(env.kconfig_read);
	ck_assert_uint_le(env.nkconfig, NSC_ENV_KCONFIG_MAX);
	ck_assert_uint_le(env.nsysctl, NSC_ENV_SYSCTL_MAX);
	if (env.kconfig_source[0])
		ck_assert_ptr_nonnull(nsc_env_kconfig(&env, "CONFIG_NAMESPACES"));
	else
		ck_assert_uint_eq(env.nkconfig, 0);
	if (access("/proc/sys/user/max_user_namespaces", R_OK) == 0)
		ck_assert_ptr_nonnull(nsc_env_sysctl(&env, "user.max_user_namespaces"));
	ck_assert_ptr_null(nsc_env_sysctl(&env, "kernel.no_such_sysctl"));
	for (unsigned int i = 0; i < env.nsysctl; i++)
		ck_assert_ptr_null(strchr(env.sysctl[i].value, '\n'));
}
END_TEST

static Suite *env_suite(void)
{
	Suite *s = suite_create("env");
	TCase *tc = tcase_create("env");

	tcase_add_test(tc, test_osrelease);
	tcase_add_test(tc, test_osrelease_quoting);
	tcase_add_test(tc, test_osrelease_hostile);
	tcase_add_test(tc, test_kconfig);
	tcase_add_test(tc, test_kconfig_hostile);
	tcase_add_test(tc, test_kconfig_load);
	tcase_add_test(tc, test_proc_config_gz);
	tcase_add_test(tc, test_collect);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(env_suite)
