// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: taint flags parsed and named bit by bit (every letter of
 * Documentation/admin-guide/tainted-kernels.rst, unknown bits by number,
 * truncation), the real /proc/sys/kernel/tainted read, and the kernel
 * log lines of --kmsg formatted with only printable bytes.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "kmsg.h"
#include "nsc_check_main.h"
#include "taint.h"

START_TEST(test_parse)
{
	unsigned long long b = 1;

	ck_assert_int_eq(nsc_taint_parse("0\n", &b), 0);
	ck_assert_uint_eq(b, 0);
	ck_assert_int_eq(nsc_taint_parse("512\n", &b), 0);
	ck_assert_uint_eq(b, 512);
	ck_assert_int_eq(nsc_taint_parse("18446744073709551615", &b), 0);
	ck_assert(b == ~0ULL);
	ck_assert_int_eq(nsc_taint_parse("18446744073709551616", &b), -EINVAL);
	ck_assert_int_eq(nsc_taint_parse("", &b), -EINVAL);
	ck_assert_int_eq(nsc_taint_parse("-1", &b), -EINVAL);
	ck_assert_int_eq(nsc_taint_parse("12x", &b), -EINVAL);
	ck_assert_int_eq(nsc_taint_parse(" 1", &b), -EINVAL);
	ck_assert_int_eq(nsc_taint_parse(NULL, &b), -EINVAL);
}
END_TEST

START_TEST(test_describe)
{
	char buf[2048];

	nsc_taint_describe(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "none");
	nsc_taint_describe(1ULL << 9, buf, sizeof(buf));
	ck_assert_str_eq(buf, "W (kernel issued warning)");
	nsc_taint_describe((1ULL << 0) | (1ULL << 7) | (1ULL << 12), buf, sizeof(buf));
	ck_assert_str_eq(buf, "P (proprietary module loaded), D (kernel died recently (oops or "
			      "BUG)), O (externally-built module loaded)");
	nsc_taint_describe((1ULL << 14) | (1ULL << 19) | (1ULL << 20) | (1ULL << 63), buf,
			   sizeof(buf));
	ck_assert_str_eq(buf, "L (soft lockup occurred), J (userspace used a mutating debug "
			      "operation in fwctl), bit 20, bit 63");
	/* Every known letter, in bit order. */
	nsc_taint_describe((1ULL << 20) - 1, buf, sizeof(buf));
	{
		const char *letters = "PFSRMBUDAWCIOELKXTNJ";
		const char *p = buf;

		for (const char *l = letters; *l; l++) {
			ck_assert_msg(p[0] == *l && p[1] == ' ' && p[2] == '(', "at %c: %s", *l, p);
			p = strstr(p, "), ");
			if (l[1])
				ck_assert_ptr_nonnull(p);
			p = p ? p + 3 : "";
		}
	}
	/* Truncated, still terminated, marked. */
	nsc_taint_describe(~0ULL, buf, 40);
	ck_assert_uint_eq(strlen(buf), 39);
	ck_assert_str_eq(buf + 36, "...");
	nsc_taint_describe(~0ULL, buf, 1);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_read)
{
	unsigned long long b, b2;
	struct nsc_err err;
	FILE *fp = fopen("/proc/sys/kernel/tainted", "r");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fscanf(fp, "%llu", &b2), 1);
	fclose(fp);
	ck_assert_int_eq(nsc_taint_read(&b, &err), 0);
	ck_assert(b == b2 || (b & b2) == b2); /* only ever gains bits */
}
END_TEST

START_TEST(test_kmsg_lines)
{
	struct nsc_result r;
	char buf[512];

	memset(&r, 0, sizeof(r));
	r.index = 3;
	r.id = "uts.hostname_private";
	r.status = NSC_PASS;
	nsc_kmsg_format_result(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "ok 3 uts.hostname_private");
	r.status = NSC_SKIP;
	snprintf(r.reason, sizeof(r.reason), "no clone3\nsecond line \x1b[31m \xc3\xa9");
	nsc_kmsg_format_result(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, "ok 3 uts.hostname_private # SKIP no clone3?second line ?[31m ??");
	r.status = NSC_FAIL;
	nsc_kmsg_format_result(&r, buf, sizeof(buf));
	ck_assert(!strncmp(buf, "not ok 3 uts.hostname_private # FAIL no clone3?", 47));
	r.status = NSC_ERROR;
	memset(r.reason, 'x', sizeof(r.reason) - 1);
	r.reason[sizeof(r.reason) - 1] = '\0';
	nsc_kmsg_format_result(&r, buf, sizeof(buf));
	ck_assert(!strncmp(buf, "not ok 3 uts.hostname_private # ERROR xxx", 41));
	ck_assert_uint_eq(strlen(buf), strlen("not ok 3 uts.hostname_private # ERROR ") + 200);
}
END_TEST

static Suite *taint_suite(void)
{
	Suite *s = suite_create("taint");
	TCase *tc = tcase_create("taint");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_read);
	tcase_add_test(tc, test_kmsg_lines);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(taint_suite());
}
