// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the namespace table (harness/ns.c) against an independent
 * spelling of the same facts and against this kernel's /proc, and the
 * identity helpers cases use (nsc_ns_ino, nsc_ns_same, nsc_ns_open),
 * which must tell a new namespace from a shared one.
 */
#include <check.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ns.h"
#include "nscheck.h"
#include "registry.h"
#include "nsc_check_main.h"

/* The oracle: what the kernel documentation says, written independently. */
static const struct {
	const char *name;
	uint64_t flag;
	const char *kconfig;
	const char *children;
	bool is_mutable;
} oracle[] = {
	{ "cgroup", CLONE_NEWCGROUP, "CONFIG_CGROUPS", NULL, false },
	{ "ipc", CLONE_NEWIPC, "CONFIG_IPC_NS", NULL, true },
	{ "mnt", CLONE_NEWNS, "CONFIG_NAMESPACES", NULL, true },
	{ "net", CLONE_NEWNET, "CONFIG_NET_NS", NULL, true },
	{ "pid", CLONE_NEWPID, "CONFIG_PID_NS", "pid_for_children", false },
	{ "time", CLONE_NEWTIME, "CONFIG_TIME_NS", "time_for_children", false },
	{ "user", CLONE_NEWUSER, "CONFIG_USER_NS", NULL, false },
	{ "uts", CLONE_NEWUTS, "CONFIG_UTS_NS", NULL, true },
};

START_TEST(test_table_matches_oracle)
{
	uint64_t all = 0;
	char sysctl[64];

	ck_assert_uint_eq(NSC_NS_COUNT, sizeof(oracle) / sizeof(oracle[0]));
	for (size_t i = 0; i < NSC_NS_COUNT; i++) {
		const struct nsc_ns_info *ns = nsc_ns_by_name(oracle[i].name);

		ck_assert_ptr_nonnull(ns);
		ck_assert_ptr_eq(nsc_ns_by_flag(oracle[i].flag), ns);
		ck_assert_uint_eq(ns->flag, oracle[i].flag);
		ck_assert_str_eq(ns->kconfig, oracle[i].kconfig);
		snprintf(sysctl, sizeof(sysctl), "user.max_%s_namespaces", oracle[i].name);
		ck_assert_str_eq(ns->max_sysctl, sysctl);
		ck_assert_int_eq(ns->is_mutable, oracle[i].is_mutable);
		if (oracle[i].children)
			ck_assert_str_eq(ns->for_children, oracle[i].children);
		else
			ck_assert_ptr_null(ns->for_children);
		ck_assert_int_eq(ns->clone3_only, oracle[i].flag == CLONE_NEWTIME);
		ck_assert_ptr_nonnull(strstr(ns->flag_name, "CLONE_NEW"));
		all |= oracle[i].flag;
	}
	ck_assert_uint_eq(nsc_ns_all_flags(), all);
	ck_assert_uint_eq(nsc_ns_mutable_flags(),
			  CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWNET);
	ck_assert_uint_eq(nsc_ns_clone3_only_flags(), CLONE_NEWTIME);
	ck_assert_ptr_null(nsc_ns_by_flag(CLONE_NEWUTS | CLONE_NEWIPC));
	ck_assert_ptr_null(nsc_ns_by_flag(0));
	ck_assert_ptr_null(nsc_ns_by_name("setns"));
	ck_assert_ptr_null(nsc_ns_by_name(NULL));
}
END_TEST

/* Every row names entries this kernel really has. */
START_TEST(test_table_matches_proc)
{
	char path[128];
	struct stat st;

	for (size_t i = 0; i < NSC_NS_COUNT; i++) {
		const struct nsc_ns_info *ns = &nsc_ns_table[i];
		char *p;

		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns->name);
		ck_assert_msg(stat(path, &st) == 0, "%s missing", path);
		if (ns->for_children) {
			snprintf(path, sizeof(path), "/proc/self/ns/%s", ns->for_children);
			ck_assert_msg(stat(path, &st) == 0, "%s missing", path);
		}
		snprintf(path, sizeof(path), "/proc/sys/%s", ns->max_sysctl);
		for (p = path + 10; *p; p++)
			if (*p == '.')
				*p = '/';
		ck_assert_msg(access(path, R_OK) == 0, "%s missing", path);
	}
}
END_TEST

START_TEST(test_groups)
{
	const char *list = nsc_ns_group_list();

	for (size_t i = 0; i < NSC_NS_COUNT; i++) {
		ck_assert(nsc_ns_group_known(oracle[i].name));
		ck_assert_ptr_nonnull(strstr(list, oracle[i].name));
	}
	ck_assert(nsc_ns_group_known("setns"));
	ck_assert(nsc_ns_group_known("env"));
	ck_assert(nsc_ns_group_known("test")); /* hidden: known, not listed */
	ck_assert_ptr_null(strstr(list, "test"));
	ck_assert(!nsc_ns_group_known("foo"));
	ck_assert(!nsc_ns_group_known("mount"));
	ck_assert_str_eq(list, "cgroup ipc mnt net pid time user uts setns nsfs pidfd env");
}
END_TEST

/* The --ns message is generated from the table. */
START_TEST(test_ns_message_generated)
{
	static const struct nsc_case c = {
		.id = "uts.x", .ns = "uts", .name = "x", .file = "cases/uts/x.c"
	};
	const struct nsc_case *const all[] = { &c };
	const struct nsc_case *out[1];
	struct nsc_registry reg;
	struct nsc_err err;

	ck_assert_int_eq(nsc_registry_from(&reg, all, 1, &err), 0);
	ck_assert_int_eq(nsc_registry_select(&reg, NULL, 0, "uts,bogus", out, &err), -EINVAL);
	ck_assert_str_eq(err.msg, "unknown namespace 'bogus' in --ns (known: cgroup ipc mnt net pid "
				  "time user uts setns nsfs pidfd env)");
	nsc_registry_free(&reg);
}
END_TEST

static const struct nsc_case kc_case = {
	.clone_flags = CLONE_NEWNET | CLONE_NEWUSER,
	.outer_flags = CLONE_NEWNET | CLONE_NEWUTS,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH", "CONFIG_NET_NS", "CONFIG_VETH"),
};
static const struct nsc_case kc_none = { .summary = "no flags" };

START_TEST(test_case_kconfigs)
{
	const char *k[8];

	ck_assert_uint_eq(nsc_case_kconfigs(&kc_case, k, 8), 4);
	ck_assert_str_eq(k[0], "CONFIG_NET_NS");
	ck_assert_str_eq(k[1], "CONFIG_USER_NS");
	ck_assert_str_eq(k[2], "CONFIG_UTS_NS");
	ck_assert_str_eq(k[3], "CONFIG_VETH");
	ck_assert_uint_eq(nsc_case_kconfigs(&kc_case, k, 2), 2);
	ck_assert_uint_eq(nsc_case_kconfigs(&kc_none, k, 8), 0);
}
END_TEST

/* Same namespace as ourselves; a different one after unshare in a child. */
START_TEST(test_identity_helpers)
{
	char mpath[64];
	struct nsc_err err;
	struct stat a, b;
	int fd, status, pipefd[2];
	pid_t pid;
	char c;

	ck_assert_int_eq(nsc_ns_same(0, getpid(), CLONE_NEWUTS, &err), 1);
	ck_assert_int_eq(stat("/proc/self/ns/uts", &a), 0);
	ck_assert_int_eq(nsc_ns_ino(0, CLONE_NEWUTS, &err), (long long)a.st_ino);
	ck_assert_int_eq(nsc_ns_ino(getpid(), CLONE_NEWUTS, &err), (long long)a.st_ino);
	ck_assert_int_eq(stat("/proc/self/ns/pid_for_children", &a), 0);
	ck_assert_int_eq(nsc_ns_children_ino(0, CLONE_NEWPID, &err), (long long)a.st_ino);
	fd = nsc_ns_open(0, CLONE_NEWNET, &err);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &a), 0);
	ck_assert_int_eq(stat("/proc/self/ns/net", &b), 0);
	ck_assert(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	close(fd);
	/* Errors name the problem. */
	ck_assert_int_eq(nsc_ns_children_ino(0, CLONE_NEWUTS, &err), -EINVAL);
	ck_assert_int_eq(nsc_ns_ino(0, CLONE_NEWUTS | CLONE_NEWNET, &err), -EINVAL);
	ck_assert_int_eq(nsc_ns_same(0, 999999999, CLONE_NEWUTS, &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "/proc/999999999/ns/uts"));
	ck_assert_int_eq(nsc_ns_open(999999999, CLONE_NEWNET, &err), -ENOENT);
	/* The limit's file, as the table names it; one type only. */
	ck_assert_int_eq(nsc_ns_max_path(CLONE_NEWUTS, mpath, sizeof(mpath), &err), 0);
	ck_assert_str_eq(mpath, "/proc/sys/user/max_uts_namespaces");
	ck_assert_int_eq(access(mpath, R_OK), 0);
	ck_assert_int_eq(nsc_ns_max_path(CLONE_NEWUSER, mpath, sizeof(mpath), &err), 0);
	ck_assert_str_eq(mpath, "/proc/sys/user/max_user_namespaces");
	ck_assert_int_eq(nsc_ns_max_path(CLONE_NEWUTS | CLONE_NEWNET, mpath, sizeof(mpath), &err),
			 -EINVAL);
	ck_assert_int_eq(nsc_ns_max_path(CLONE_NEWUTS, mpath, 20, &err), -ENAMETOOLONG);

	if (geteuid() != 0)
		return; /* the positive control below needs CAP_SYS_ADMIN */
	ck_assert_int_eq(pipe(pipefd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(pipefd[0]);
		c = unshare(CLONE_NEWUTS) == 0 ? 'u' : 'e';
		if (write(pipefd[1], &c, 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	ck_assert_int_eq(read(pipefd[0], &c, 1), 1);
	ck_assert_int_eq(c, 'u');
	ck_assert_int_eq(nsc_ns_same(0, pid, CLONE_NEWUTS, &err), 0);
	ck_assert_int_ne(nsc_ns_ino(pid, CLONE_NEWUTS, &err), nsc_ns_ino(0, CLONE_NEWUTS, &err));
	ck_assert_int_eq(nsc_ns_same(0, pid, CLONE_NEWNET, &err), 1);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(pipefd[0]);
}
END_TEST

static Suite *ns_suite(void)
{
	Suite *s = suite_create("ns");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_table_matches_oracle);
	tcase_add_test(tc, test_table_matches_proc);
	tcase_add_test(tc, test_groups);
	tcase_add_test(tc, test_ns_message_generated);
	tcase_add_test(tc, test_case_kconfigs);
	tcase_add_test(tc, test_identity_helpers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(ns_suite());
}
