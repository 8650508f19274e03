// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: case registry (sorting, duplicates, selection, globs). */
#include <check.h>
#include <signal.h>
#include <stdlib.h>

#include "registry.h"
#include "nsc_check_main.h"

static const struct nsc_case c_uts = {
	.id = "uts.hostname_private",
	.ns = "uts",
	.name = "hostname_private",
	.file = "cases/uts/hostname_private.c",
};
static const struct nsc_case c_ipc = {
	.id = "ipc.sysv_msg_private",
	.ns = "ipc",
	.name = "sysv_msg_private",
	.file = "cases/ipc/sysv_msg_private.c",
};
static const struct nsc_case c_ipc2 = {
	.id = "ipc.sysv_shm_private",
	.ns = "ipc",
	.name = "sysv_shm_private",
	.file = "/src/cases/ipc/sysv_shm_private.c",
};
static const struct nsc_case c_net = {
	.id = "net.veth_ping",
	.ns = "net",
	.name = "veth_ping",
	.file = "cases/net/veth_ping.c",
};
static const struct nsc_case c_hidden = {
	.id = "test.blind",
	.ns = "test",
	.name = "blind",
	.file = "harness/tests/cases/blind.c",
	.hidden = true,
};

static struct nsc_registry reg;
static struct nsc_err err;

static void load_all(void)
{
	const struct nsc_case *const all[] = { &c_net, &c_uts, &c_hidden, &c_ipc2, &c_ipc };

	ck_assert_int_eq(nsc_registry_from(&reg, all, 5, &err), 0);
}

START_TEST(test_sorted_by_id)
{
	load_all();
	ck_assert_uint_eq(reg.n, 5);
	ck_assert_str_eq(reg.cases[0]->id, "ipc.sysv_msg_private");
	ck_assert_str_eq(reg.cases[1]->id, "ipc.sysv_shm_private");
	ck_assert_str_eq(reg.cases[2]->id, "net.veth_ping");
	ck_assert_str_eq(reg.cases[3]->id, "test.blind");
	ck_assert_str_eq(reg.cases[4]->id, "uts.hostname_private");
	ck_assert_ptr_eq(nsc_registry_find(&reg, "net.veth_ping"), &c_net);
	ck_assert_ptr_null(nsc_registry_find(&reg, "net.veth"));
	nsc_registry_free(&reg);
}
END_TEST

START_TEST(test_duplicate_rejected)
{
	const struct nsc_case dup = c_uts;
	const struct nsc_case *const all[] = { &c_uts, &c_ipc, &dup };

	ck_assert_int_eq(nsc_registry_from(&reg, all, 3, &err), -EEXIST);
	ck_assert_ptr_nonnull(strstr(err.msg, "uts.hostname_private"));
	ck_assert_uint_eq(reg.n, 0);
}
END_TEST

START_TEST(test_empty_and_bad_ids_rejected)
{
	const struct nsc_case bad_ns = { .id = "foo.bar", .ns = "foo", .name = "bar" };
	const struct nsc_case bad_name = { .id = "uts.Bad-Name", .ns = "uts", .name = "Bad-Name" };
	const struct nsc_case mismatch = { .id = "uts.a", .ns = "uts", .name = "b" };
	const struct nsc_case *const a[] = { &bad_ns };
	const struct nsc_case *const b[] = { &bad_name };
	const struct nsc_case *const c[] = { &mismatch };

	ck_assert_int_eq(nsc_registry_from(&reg, NULL, 0, &err), -ENOENT);
	ck_assert_int_eq(nsc_registry_from(&reg, a, 1, &err), -EINVAL);
	ck_assert_int_eq(nsc_registry_from(&reg, b, 1, &err), -EINVAL);
	ck_assert_int_eq(nsc_registry_from(&reg, c, 1, &err), -EINVAL);
}
END_TEST

/* The id is the file name: a case filed elsewhere is refused. */
START_TEST(test_file_must_match_id)
{
	static const char *const bad[] = {
		"cases/uts/hostname.c",		 /* other name */
		"cases/ipc/hostname_private.c",	 /* other namespace */
		"cases/uts/xhostname_private.c", /* not a whole component */
		"harness/tests/cases/hostname_private.c",
		"cases/uts/hostname_private.h",
		NULL,
	};
	struct nsc_case c = c_uts;
	const struct nsc_case *const a[] = { &c };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c.file = bad[i];
		ck_assert_int_eq(nsc_registry_from(&reg, a, 1, &err), -EINVAL);
		ck_assert_ptr_nonnull(strstr(err.msg, "uts.hostname_private"));
		ck_assert_ptr_nonnull(strstr(err.msg, "cases/uts/hostname_private.c"));
	}
	c.file = "/build/x/cases/uts/hostname_private.c";
	ck_assert_int_eq(nsc_registry_from(&reg, a, 1, &err), 0);
	nsc_registry_free(&reg);
}
END_TEST

static const struct nsc_case d_plain = { .summary = "plain" };

/* NSC_CASE entries: the registry assembles id, ns, name and file. */
START_TEST(test_entries_assembled)
{
	const struct nsc_case_entry good = { "uts", "plain", "cases/uts/plain.c", &d_plain };
	const struct nsc_case_entry moved = { "uts", "plain", "cases/net/plain.c", &d_plain };
	const struct nsc_case_entry *const g[] = { &good };
	const struct nsc_case_entry *const m[] = { &moved };

	ck_assert_int_eq(nsc_registry_load_entries(&reg, g, 1, &err), 0);
	ck_assert_uint_eq(reg.n, 1);
	ck_assert_str_eq(reg.cases[0]->id, "uts.plain");
	ck_assert_str_eq(reg.cases[0]->summary, "plain");
	ck_assert_str_eq(reg.cases[0]->file, "cases/uts/plain.c");
	nsc_registry_free(&reg);
	ck_assert_int_eq(nsc_registry_load_entries(&reg, m, 1, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "cases/net/plain.c"));
	ck_assert_ptr_null(reg.own);
}
END_TEST

static int select_ids(char **pats, size_t n, const char *ns, const struct nsc_case **out)
{
	return nsc_registry_select(&reg, pats, n, ns, out, &err);
}

START_TEST(test_select_all_skips_hidden)
{
	const struct nsc_case *out[5];

	load_all();
	ck_assert_int_eq(select_ids(NULL, 0, NULL, out), 4);
	for (int i = 0; i < 4; i++)
		ck_assert(!out[i]->hidden);
	nsc_registry_free(&reg);
}
END_TEST

START_TEST(test_select_glob_ns_and_exact)
{
	const struct nsc_case *out[5];
	char *glob[] = { "ipc.*" }, *nsname[] = { "net" }, *hid[] = { "test.blind" };
	char *star[] = { "*" }, *both[] = { "uts.hostname_private", "ipc.sysv_shm_private" };

	load_all();
	ck_assert_int_eq(select_ids(glob, 1, NULL, out), 2);
	ck_assert_str_eq(out[0]->id, "ipc.sysv_msg_private");
	ck_assert_int_eq(select_ids(nsname, 1, NULL, out), 1);
	ck_assert_str_eq(out[0]->id, "net.veth_ping");
	ck_assert_int_eq(select_ids(hid, 1, NULL, out), 1);
	ck_assert_int_eq(select_ids(star, 1, NULL, out), 4); /* glob never hidden */
	ck_assert_int_eq(select_ids(both, 2, NULL, out), 2); /* id order, not argv */
	ck_assert_str_eq(out[0]->id, "ipc.sysv_shm_private");
	ck_assert_int_eq(select_ids(NULL, 0, "uts,net", out), 2);
	ck_assert_int_eq(select_ids(glob, 1, "uts", out), -ENOENT);
	nsc_registry_free(&reg);
}
END_TEST

START_TEST(test_select_errors_name_the_problem)
{
	const struct nsc_case *out[5];
	char *bad[] = { "uts.hostname_private", "nope.*" };

	load_all();
	ck_assert_int_eq(select_ids(bad, 2, NULL, out), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "'nope.*'"));
	ck_assert_int_eq(select_ids(NULL, 0, "uts,bogus", out), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "'bogus'"));
	ck_assert_int_eq(select_ids(NULL, 0, "uts,,ipc", out), -EINVAL);
	nsc_registry_free(&reg);
}
END_TEST

START_TEST(test_linked_registry)
{
	/* This test binary links no case: the real registry must refuse. */
	ck_assert_int_eq(nsc_registry_load(&reg, &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no cases"));
}
END_TEST

START_TEST(test_err_helpers)
{
	struct nsc_err e;

	ck_assert_int_eq(nsc_err_set(&e, ENOENT, "open %s", "/x"), -ENOENT);
	ck_assert_str_eq(e.msg, "open /x: No such file or directory");
	ck_assert_int_eq(nsc_err_setx(&e, -EPERM, "plain"), -EPERM);
	ck_assert_int_eq(e.err, EPERM);
	ck_assert_str_eq(e.msg, "plain");
	ck_assert_int_eq(nsc_err_set(NULL, EIO, "ignored"), -EIO);
	nsc_err_clear(&e);
	ck_assert_int_eq(e.err, 0);
	ck_assert_str_eq(nsc_errno_name(EACCES), "EACCES");
	ck_assert_str_eq(nsc_errno_name(0), "");
	ck_assert_str_eq(nsc_errno_name(4000), "E4000");
	ck_assert_str_eq(nsc_signal_name(SIGSEGV), "SIGSEGV");
	ck_assert_str_eq(nsc_signal_name(200), "SIG200");
}
END_TEST

static Suite *registry_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sorted_by_id);
	tcase_add_test(tc, test_duplicate_rejected);
	tcase_add_test(tc, test_empty_and_bad_ids_rejected);
	tcase_add_test(tc, test_file_must_match_id);
	tcase_add_test(tc, test_entries_assembled);
	tcase_add_test(tc, test_select_all_skips_hidden);
	tcase_add_test(tc, test_select_glob_ns_and_exact);
	tcase_add_test(tc, test_select_errors_name_the_problem);
	tcase_add_test(tc, test_linked_registry);
	tcase_add_test(tc, test_err_helpers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(registry_suite());
}
