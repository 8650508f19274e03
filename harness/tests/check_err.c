// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: error messages (err.c).  The errno text is appended once:
 * a message forwarded from another struct nsc_err, or wrapped in a
 * prefix ("setup: %s"), does not repeat it.
 */
#include <check.h>
#include <string.h>

#include "err.h"
#include "nsc_check_main.h"

/* Occurrences of @needle in @s. */
static int count(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

START_TEST(test_set_appends_once)
{
	struct nsc_err e = { 0 }, f = { 0 };

	ck_assert_int_eq(nsc_err_set(&e, EPERM, "mount proc on %s", "/x"), -EPERM);
	ck_assert_str_eq(e.msg, "mount proc on /x: Operation not permitted");
	ck_assert_int_eq(e.err, EPERM);
	/* Negative errno is the same errno. */
	ck_assert_int_eq(nsc_err_set(&f, -EPERM, "%s", e.msg), -EPERM);
	ck_assert_str_eq(f.msg, "mount proc on /x: Operation not permitted");
	ck_assert_int_eq(nsc_err_set(&f, EPERM, "setup: %s", e.msg), -EPERM);
	ck_assert_str_eq(f.msg, "setup: mount proc on /x: Operation not permitted");
	/* Another errno is news: both texts. */
	nsc_err_set(&f, ENOENT, "%s", e.msg);
	ck_assert_str_eq(f.msg, "mount proc on /x: Operation not permitted: "
				"No such file or directory");
	/* No errno, nothing appended; setx never appends. */
	nsc_err_set(&f, 0, "plain");
	ck_assert_str_eq(f.msg, "plain");
	ck_assert_int_eq(f.err, 0);
	ck_assert_int_eq(nsc_err_setx(&f, EIO, "no text"), -EIO);
	ck_assert_str_eq(f.msg, "no text");
	ck_assert_int_eq(nsc_err_set(NULL, EIO, "x"), -EIO);
}
END_TEST

START_TEST(test_append)
{
	char buf[64];

	strcpy(buf, "open x");
	nsc_errno_append(buf, sizeof(buf), EACCES);
	ck_assert_str_eq(buf, "open x: Permission denied");
	nsc_errno_append(buf, sizeof(buf), EACCES);
	nsc_errno_append(buf, sizeof(buf), -EACCES);
	ck_assert_int_eq(count(buf, "Permission denied"), 1);
	/* An empty message is the bare text, and stays so. */
	buf[0] = '\0';
	nsc_errno_append(buf, sizeof(buf), EACCES);
	ck_assert_str_eq(buf, "Permission denied");
	nsc_errno_append(buf, sizeof(buf), EACCES);
	ck_assert_str_eq(buf, "Permission denied");
	/* The text inside a word is not the suffix. */
	strcpy(buf, "xPermission denied");
	nsc_errno_append(buf, sizeof(buf), EACCES);
	ck_assert_str_eq(buf, "xPermission denied: Permission denied");
	/* errno 0: unchanged. */
	strcpy(buf, "as is");
	nsc_errno_append(buf, sizeof(buf), 0);
	ck_assert_str_eq(buf, "as is");
	/* Cut to fit, always terminated; a full buffer takes nothing. */
	memset(buf, 'a', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	nsc_errno_append(buf, sizeof(buf), EACCES);
	ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
	ck_assert_ptr_null(strchr(buf, ':'));
	strcpy(buf, "0123456789012345678901234567890123456789012345678901234");
	nsc_errno_append(buf, sizeof(buf), EACCES);
	ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
	ck_assert_str_eq(buf + 55, ": Permis");
	nsc_errno_append(NULL, 10, EACCES);
	nsc_errno_append(buf, 0, EACCES);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(nsc_errno_name(EPERM), "EPERM");
	ck_assert_str_eq(nsc_errno_name(-ENOENT), "ENOENT");
	ck_assert_str_eq(nsc_errno_name(0), "");
	ck_assert_str_eq(nsc_errno_name(4000), "E4000");
	ck_assert_str_eq(nsc_signal_name(9), "SIGKILL");
	ck_assert_str_eq(nsc_signal_name(200), "SIG200");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("err");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_set_appends_once);
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return nsc_check_run(s);
}
