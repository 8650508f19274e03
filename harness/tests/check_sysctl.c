// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: numeric /proc/sys knobs (harness/sysctl.c).  The parser on
 * files of the test's own making and on real knobs (read only); the
 * hook wrappers in forked children with a context of their own: a read
 * that fails ERRORs with its errno and the caller's file:line, proc
 * mounted with subset=pid and a read-only /proc/sys SKIP naming them
 * (private mount namespaces; the write there puts back the value just
 * read, and only after /proc/sys was seen read-only).  The host is never
 * touched.
 */
#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "internal.h"
#include "nsc_check_main.h"
#include "nsc_check_fork.h"

#define TTL "/proc/sys/net/ipv4/ip_default_ttl"

static char dir[] = "/tmp/check_sysctl.XXXXXX";

/* @text into a fresh file of the test directory; its path (static). */
static const char *knob(const char *text)
{
	static char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/knob", dir);
	f = fopen(path, "we");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(test_get_numbers)
{
	static const struct {
		const char *text;
		long want;
	} ok[] = { { "64\n", 64 }, { " 42", 42 }, { "-7\n", -7 }, { "1024\t65535\n", 1024 } };
	struct nsc_err err;
	long v = 0;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ck_assert_int_eq(nsc_sysctl_get_long(knob(ok[i].text), &v, &err), 0);
		ck_assert_int_eq(v, ok[i].want);
	}
	/* A real knob, as the kernel formats it. */
	ck_assert_int_eq(nsc_sysctl_get_long("/proc/sys/kernel/pid_max", &v, &err), 0);
	ck_assert_int_gt(v, 0);
}
END_TEST

START_TEST(test_get_errors)
{
	char missing[PATH_MAX];
	struct nsc_err err;
	long v = 12345;

	ck_assert_int_eq(nsc_sysctl_get_long(knob("Linux\n"), &v, &err), -EINVAL);
	ck_assert_int_eq(err.err, EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a number: \"Linux"));
	ck_assert_int_eq(nsc_sysctl_get_long(knob(""), &v, &err), -EINVAL);
	ck_assert_int_eq(nsc_sysctl_get_long(knob("99999999999999999999999"), &v, &err), -ERANGE);
	/* A real knob that holds no number. */
	ck_assert_int_eq(nsc_sysctl_get_long("/proc/sys/kernel/ostype", &v, NULL), -EINVAL);
	snprintf(missing, sizeof(missing), "%s/no_such_knob", dir);
	ck_assert_int_eq(nsc_sysctl_get_long(missing, &v, &err), -ENOENT);
	ck_assert_int_eq(err.err, ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, missing));
	/* Hostile paths: a directory is no knob. */
	ck_assert_int_eq(nsc_sysctl_get_long(dir, &v, &err), -EINVAL);
	ck_assert_int_eq(v, 12345); /* untouched on failure */
}
END_TEST

START_TEST(test_put)
{
	char missing[PATH_MAX], buf[32] = "";
	const char *path = knob("1\n");
	struct nsc_err err;
	long v = 0;
	FILE *f;

	ck_assert_int_eq(nsc_sysctl_put_long(path, -123, &err), 0);
	f = fopen(path, "re");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	fclose(f);
	ck_assert_str_eq(buf, "-123\n");
	ck_assert_int_eq(nsc_sysctl_get_long(path, &v, NULL), 0);
	ck_assert_int_eq(v, -123);
	snprintf(missing, sizeof(missing), "%s/no/knob", dir);
	ck_assert_int_eq(nsc_sysctl_put_long(missing, 1, &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, missing));
	ck_assert_int_eq(nsc_sysctl_put_long(dir, 1, NULL), -EISDIR);
}
END_TEST

/* ---- the hook wrappers, in forked children ---- */

/* What a child saw: the value read, or how the hook was left. */
struct seen {
	struct nsc_shm shm;
	long v;
	int returned; /* the wrapper returned instead of leaving */
};

struct job {
	struct seen *seen;
	const char *path;
	int how; /* 'r' read, 'w' write the value just read, 'p' subset=pid, 'o' read-only */
};

static int run(void *arg)
{
	struct job *j = arg;
	struct nsc_ctx ctx = { .shm = &j->seen->shm, .in_child = true };
	struct statvfs sv;
	long v;

	/* A network namespace of its own too: a write could not reach the host's knob. */
	if (j->how == 'p' || j->how == 'o') {
		if (unshare(CLONE_NEWNS | CLONE_NEWNET) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			return 10;
	}
	if (j->how == 'p' && mount("proc", "/proc", "proc", 0, "subset=pid") < 0)
		return 11;
	if (j->how == 'o') {
		if (nsc_sysctl_get_long(j->path, &v, NULL) < 0)
			return 12;
		if (mount("/proc/sys", "/proc/sys", NULL, MS_BIND, NULL) < 0 ||
		    mount(NULL, "/proc/sys", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) < 0 ||
		    statvfs(j->path, &sv) < 0 || !(sv.f_flag & ST_RDONLY))
			return 13;
		nsc_sysctl_set_long(&ctx, j->path, v); /* the same value, on a read-only mount */
	} else {
		j->seen->v = nsc_sysctl_long(&ctx, j->path);
	}
	j->seen->returned = 1;
	return 0;
}

static struct seen *run_job(const char *path, int how)
{
	struct job j = { nsc_check_shared(sizeof(struct seen)), path, how };

	ck_assert_int_eq(nsc_check_in_child(run, &j), 0);
	return j.seen;
}

START_TEST(test_hook_reads)
{
	struct seen *s = run_job(knob("77\n"), 'r');

	ck_assert_int_eq(s->returned, 1);
	ck_assert_int_eq(s->v, 77);
	ck_assert_uint_eq(s->shm.error_seq, 0);
	ck_assert_uint_eq(s->shm.skip_seq, 0);
}
END_TEST

START_TEST(test_hook_error)
{
	struct seen *s = run_job(knob("seventy\n"), 'r');

	ck_assert_int_eq(s->returned, 0);
	ck_assert_uint_ne(s->shm.error_seq, 0);
	ck_assert_int_eq(s->shm.error_err, EINVAL);
	ck_assert_ptr_nonnull(strstr(s->shm.error_msg, "/knob: not a number"));
	/* The caller's place, not the helper's. */
	ck_assert_ptr_nonnull(strstr(s->shm.diag[0].where, "check_sysctl.c:"));
}
END_TEST

START_TEST(test_hook_subset_pid)
{
	struct seen *s = run_job("/proc/sys/kernel/pid_max", 'p');

	ck_assert_int_eq(s->returned, 0);
	ck_assert_uint_eq(s->shm.error_seq, 0);
	ck_assert_uint_ne(s->shm.skip_seq, 0);
	ck_assert_int_eq(s->shm.skip_err, ENOENT);
	ck_assert_ptr_nonnull(strstr(s->shm.skip_reason, "subset=pid"));
}
END_TEST

START_TEST(test_hook_readonly)
{
	struct seen *s = run_job(TTL, 'o');

	ck_assert_int_eq(s->returned, 0);
	ck_assert_uint_eq(s->shm.error_seq, 0);
	ck_assert_uint_ne(s->shm.skip_seq, 0);
	ck_assert_int_eq(s->shm.skip_err, EROFS);
	ck_assert_ptr_nonnull(strstr(s->shm.skip_reason, "read-only"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sysctl");
	TCase *tc = tcase_create("parse");
	TCase *th = tcase_create("hook");
	char path[PATH_MAX];
	int ret;

	if (!nsc_check_have_root("check_sysctl", "mount namespaces"))
		return NSC_CHECK_SKIP;
	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	tcase_add_test(tc, test_get_numbers);
	tcase_add_test(tc, test_get_errors);
	tcase_add_test(tc, test_put);
	suite_add_tcase(s, tc);
	tcase_add_test(th, test_hook_reads);
	tcase_add_test(th, test_hook_error);
	tcase_add_test(th, test_hook_subset_pid);
	tcase_add_test(th, test_hook_readonly);
	suite_add_tcase(s, th);
	ret = nsc_check_run(s);
	snprintf(path, sizeof(path), "%s/knob", dir);
	unlink(path);
	rmdir(dir);
	return ret;
}
