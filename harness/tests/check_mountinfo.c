// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the one mountinfo parser (harness/base/mountinfo.c): the
 * proc(5) example, optional fields (none, several), octal escapes,
 * malformed lines skipped; and this process's real mountinfo has "/".
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base.h"
#include "nsc_check_main.h"

START_TEST(test_parse_lines)
{
	char l1[] = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue";
	char l2[] = "22 1 0:21 / /proc rw,nosuid - proc proc rw";
	char l3[] = "40 22 0:5 /a\\040b /m\\011n\\134 rw shared:2 master:3 - tmpfs my\\040src rw\n";
	char l4[] = "41 22 0:5 / /x rw - tmpfs src";
	char l5[] = "42 22 0:5 / /y ro,nosuid unbindable - tmpfs src rw";
	char bad1[] = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 ext3 /dev/root rw";
	char bad2[] = "x 35 98:0 / / rw - ext3 /dev/root rw";
	char bad3[] = "36 35 98:0 / / rw -";
	char bad4[] = "";
	struct nsc_mount m;

	ck_assert_int_eq(nsc_mountinfo_parse(l1, &m), 0);
	ck_assert_int_eq(m.id, 36);
	ck_assert_int_eq(m.parent, 35);
	ck_assert_str_eq(m.root, "/mnt1");
	ck_assert_str_eq(m.target, "/mnt2");
	ck_assert_str_eq(m.fstype, "ext3");
	ck_assert_str_eq(m.source, "/dev/root");
	ck_assert_str_eq(m.super, "rw,errors=continue");
	ck_assert_str_eq(m.opts, "rw,noatime");
	ck_assert_int_eq(m.master, 1);
	ck_assert_int_eq(m.shared, 0);
	ck_assert(!m.unbindable);
	ck_assert_int_eq(nsc_mountinfo_parse(l2, &m), 0);
	ck_assert_str_eq(m.target, "/proc");
	ck_assert_str_eq(m.fstype, "proc");
	ck_assert_int_eq(nsc_mountinfo_parse(l3, &m), 0);
	ck_assert_str_eq(m.root, "/a b");
	ck_assert_str_eq(m.target, "/m\tn\\");
	ck_assert_str_eq(m.source, "my src");
	ck_assert_str_eq(m.super, "rw");
	ck_assert_int_eq(m.shared, 2);
	ck_assert_int_eq(m.master, 3);
	ck_assert_int_eq(nsc_mountinfo_parse(l4, &m), 0);
	ck_assert_int_eq(m.shared, 0);
	ck_assert_int_eq(m.master, 0);
	ck_assert_str_eq(m.opts, "rw");
	ck_assert_str_eq(m.super, ""); /* no superblock options given */
	ck_assert_int_eq(nsc_mountinfo_parse(l5, &m), 0);
	ck_assert(m.unbindable);
	ck_assert_str_eq(m.opts, "ro,nosuid");
	ck_assert_int_eq(nsc_mountinfo_parse(bad1, &m), -EINVAL);
	ck_assert_int_eq(nsc_mountinfo_parse(bad2, &m), -EINVAL);
	ck_assert_int_eq(nsc_mountinfo_parse(bad3, &m), -EINVAL);
	ck_assert_int_eq(nsc_mountinfo_parse(bad4, &m), -EINVAL);
}
END_TEST

START_TEST(test_read_file_and_proc)
{
	char path[] = "/tmp/nsc-mi-XXXXXX";
	const char text[] = "1 0 0:1 / / rw - rootfs rootfs rw\n"
			    "garbage line\n"
			    "2 1 0:2 / /proc rw - proc proc rw\n";
	struct nsc_mounts mi;
	struct nsc_err err;
	bool root = false;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1), (ssize_t)sizeof(text) - 1);
	close(fd);
	ck_assert_int_eq(nsc_mountinfo_read(path, &mi, &err), 0);
	ck_assert_uint_eq(mi.n, 2);
	ck_assert_str_eq(mi.m[1].target, "/proc");
	nsc_mountinfo_free(&mi);
	unlink(path);
	ck_assert_int_eq(nsc_mountinfo_read(path, &mi, &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_int_eq(nsc_mountinfo_read(NULL, &mi, &err), 0);
	ck_assert_uint_gt(mi.n, 0);
	for (size_t i = 0; i < mi.n; i++)
		root |= !strcmp(mi.m[i].target, "/");
	ck_assert(root);
	nsc_mountinfo_free(&mi);
}
END_TEST

static Suite *mountinfo_suite(void)
{
	Suite *s = suite_create("mountinfo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_parse_lines);
	tcase_add_test(tc, test_read_file_and_proc);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(mountinfo_suite());
}
