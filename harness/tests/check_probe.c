// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the namespace probe.  nsc_probe_classify() for every errno
 * branch with synthetic environments (the reason names the cause, the
 * hint the sysctl / config / profile to change); nsc_probe_run() as root
 * (succeeds), without CAP_SYS_ADMIN (EPERM, culprit found by the
 * one-flag retry) and in a user namespace of ours whose
 * user.max_user_namespaces is 0 (ENOSPC).  Privileges and limits are
 * changed only in forked children, the limit only inside their own user
 * namespace: the host is never touched.
 */
#include <check.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "probe.h"
#include "nsc_check_main.h"
#include "nsc_check_fork.h"

static struct nsc_env env;
static struct nsc_probe p;

static void setup(void)
{
	memset(&env, 0, sizeof(env));
	memset(&p, 0, sizeof(p));
	env.seccomp = 0;
}

static void kv_add(struct nsc_kv *kv, unsigned int *n, const char *key, const char *val)
{
	snprintf(kv[*n].key, NSC_KV_KEY, "%s", key);
	snprintf(kv[*n].value, NSC_KV_VALUE, "%s", val);
	(*n)++;
}

static void sysctl_add(const char *key, const char *val)
{
	kv_add(env.sysctl, &env.nsysctl, key, val);
}

static void kconfig_add(const char *key, const char *val)
{
	kv_add(env.kconfig, &env.nkconfig, key, val);
}

#define ck_reason(want) ck_assert_str_eq(p.reason, want)
#define ck_hint(want) ck_assert_str_eq(p.hint, want)

START_TEST(test_flag_names)
{
	static const struct {
		uint64_t flag;
		const char *ns, *kc;
	} t[] = {
		{ CLONE_NEWUSER, "user", "CONFIG_USER_NS" },
		{ CLONE_NEWUTS, "uts", "CONFIG_UTS_NS" },
		{ CLONE_NEWIPC, "ipc", "CONFIG_IPC_NS" },
		{ CLONE_NEWPID, "pid", "CONFIG_PID_NS" },
		{ CLONE_NEWNET, "net", "CONFIG_NET_NS" },
		{ CLONE_NEWNS, "mnt", "CONFIG_NAMESPACES" },
		{ CLONE_NEWCGROUP, "cgroup", "CONFIG_CGROUPS" },
		{ CLONE_NEWTIME, "time", "CONFIG_TIME_NS" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_str_eq(nsc_flag_ns(t[i].flag), t[i].ns);
		ck_assert_str_eq(nsc_flag_kconfig(t[i].flag), t[i].kc);
	}
	/* Not one namespace flag: unknown, and the generic option. */
	ck_assert_str_eq(nsc_flag_ns(CLONE_NEWUTS | CLONE_NEWIPC), "?");
	ck_assert_str_eq(nsc_flag_ns(0), "?");
	ck_assert_str_eq(nsc_flag_kconfig(CLONE_VM), "CONFIG_NAMESPACES");
}
END_TEST

START_TEST(test_einval_kconfig)
{
	kconfig_add("CONFIG_USER_NS", "y");
	kconfig_add("CONFIG_IPC_NS", "n");
	nsc_probe_classify(&p, CLONE_NEWIPC, EINVAL, false, false, &env);
	ck_assert_int_eq(p.err, EINVAL);
	ck_assert_uint_eq(p.culprit, CLONE_NEWIPC);
	ck_reason("kernel cannot create ipc namespaces (CONFIG_IPC_NS=n): EINVAL");
	ck_hint("build the kernel with CONFIG_IPC_NS=y");

	/* No environment: the config value is unknown. */
	nsc_probe_classify(&p, CLONE_NEWPID, ENOSYS, false, false, NULL);
	ck_assert_int_eq(p.err, ENOSYS);
	ck_reason("kernel cannot create pid namespaces (CONFIG_PID_NS=unknown): ENOSYS");
	ck_hint("build the kernel with CONFIG_PID_NS=y");
}
END_TEST

START_TEST(test_enosys_seccomp)
{
	env.seccomp = 2;
	nsc_probe_classify(&p, CLONE_NEWNET, ENOSYS, false, false, &env);
	ck_reason("kernel cannot create net namespaces (CONFIG_NET_NS=unknown): ENOSYS"
		  " (a seccomp filter is active and may deny the call)");
	ck_hint("run without the seccomp profile, or build the kernel with CONFIG_NET_NS=y");
	/* EINVAL is not what a seccomp filter returns: no seccomp blame. */
	nsc_probe_classify(&p, CLONE_NEWNET, EINVAL, false, false, &env);
	ck_assert_ptr_null(strstr(p.reason, "seccomp"));
	ck_hint("build the kernel with CONFIG_NET_NS=y");
}
END_TEST

START_TEST(test_time_without_clone3)
{
	/* clone(2) has no room for CLONE_NEWTIME: blame the missing clone3. */
	ck_assert_int_eq(setenv("NSCHECK_NO_CLONE3", "1", 1), 0);
	nsc_probe_classify(&p, CLONE_NEWTIME, ENOSYS, false, false, &env);
	ck_reason("clone3() is unavailable (ENOSYS) and clone(2) cannot create time namespaces");
	ck_hint("run on Linux >= 5.8 (clone3 with CLONE_NEWTIME)");
	env.seccomp = 2;
	nsc_probe_classify(&p, CLONE_NEWTIME, EINVAL, false, false, &env);
	ck_reason("clone3() is unavailable (ENOSYS, a seccomp filter is active) and clone(2)"
		  " cannot create time namespaces");
	ck_hint("allow clone3 in the seccomp profile, or run without it");
	ck_assert_uint_eq(p.culprit, CLONE_NEWTIME);
	unsetenv("NSCHECK_NO_CLONE3");
}
END_TEST

START_TEST(test_time_with_clone3)
{
	if (syscall(SYS_clone3, NULL, 0) < 0 && errno == ENOSYS)
		return; /* this kernel lacks clone3: covered above */
	unsetenv("NSCHECK_NO_CLONE3");
	kconfig_add("CONFIG_TIME_NS", "n");
	nsc_probe_classify(&p, CLONE_NEWTIME, EINVAL, false, false, &env);
	ck_reason("kernel cannot create time namespaces (CONFIG_TIME_NS=n): EINVAL");
	ck_hint("build the kernel with CONFIG_TIME_NS=y");
}
END_TEST

START_TEST(test_enospc)
{
	sysctl_add("user.max_uts_namespaces", "0");
	sysctl_add("user.max_mnt_namespaces", "7");
	nsc_probe_classify(&p, CLONE_NEWUTS, ENOSPC, false, false, &env);
	ck_assert_int_eq(p.err, ENOSPC);
	ck_reason("uts namespaces are disabled (user.max_uts_namespaces=0)");
	ck_hint("sysctl -w user.max_uts_namespaces=10000");
	/* The mount namespace's sysctl says "mnt", not "mnt" via nsc_flag_ns. */
	nsc_probe_classify(&p, CLONE_NEWNS, ENOSPC, false, false, &env);
	ck_reason("mnt namespace limit reached (user.max_mnt_namespaces=7)");
	ck_hint("raise it (sysctl -w user.max_mnt_namespaces=10000), or wait until other"
		" namespaces are gone");
	nsc_probe_classify(&p, CLONE_NEWPID, ENOSPC, false, false, NULL);
	ck_reason("pid namespace limit reached (user.max_pid_namespaces=unknown)");
}
END_TEST

START_TEST(test_eusers)
{
	nsc_probe_classify(&p, CLONE_NEWUSER, EUSERS, true, true, &env);
	ck_assert_int_eq(p.err, EUSERS);
	ck_reason("user namespace nesting limit reached (EUSERS)");
	ck_hint("run nscheck from a less deeply nested namespace");
}
END_TEST

START_TEST(test_eacces_apparmor)
{
	sysctl_add("kernel.apparmor_restrict_unprivileged_userns", "1");
	nsc_probe_classify(&p, CLONE_NEWNS, EACCES, true, true, &env);
	ck_reason("AppArmor denies mnt namespaces inside a new user namespace"
		  " (kernel.apparmor_restrict_unprivileged_userns=1)");
	ck_hint("sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or give nscheck an"
		" AppArmor profile with 'userns,'");
	nsc_probe_classify(&p, CLONE_NEWUSER, EACCES, false, true, &env);
	ck_reason("AppArmor denies user namespaces"
		  " (kernel.apparmor_restrict_unprivileged_userns=1)");
}
END_TEST

START_TEST(test_eacces_other)
{
	/* The restriction is off: not AppArmor's doing. */
	sysctl_add("kernel.apparmor_restrict_unprivileged_userns", "0");
	nsc_probe_classify(&p, CLONE_NEWNS, EACCES, true, true, &env);
	ck_reason("creating mnt namespaces is denied (EACCES, inside a new user namespace)");
	ck_hint("check the LSM policy (AppArmor, SELinux) for namespace creation");
	env.seccomp = 2;
	nsc_probe_classify(&p, CLONE_NEWUTS, EACCES, false, false, &env);
	ck_reason("creating uts namespaces is denied (EACCES, a seccomp filter is active)");
	ck_hint("run without the seccomp profile (e.g. --security-opt seccomp=unconfined)");
}
END_TEST

START_TEST(test_eperm_userns_clone)
{
	sysctl_add("kernel.unprivileged_userns_clone", "0");
	nsc_probe_classify(&p, CLONE_NEWUSER, EPERM, false, true, &env);
	ck_assert_int_eq(p.err, EPERM);
	ck_reason("unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)");
	ck_hint("sysctl -w kernel.unprivileged_userns_clone=1, or run as root");
	/* That sysctl is about user namespaces only. */
	nsc_probe_classify(&p, CLONE_NEWUTS, EPERM, false, false, &env);
	ck_reason("no privilege to create uts namespaces (EPERM)");
}
END_TEST

START_TEST(test_eperm_seccomp)
{
	env.seccomp = 2;
	nsc_probe_classify(&p, CLONE_NEWCGROUP, EPERM, false, false, &env);
	ck_reason("creating cgroup namespaces fails with EPERM and a seccomp filter is active");
	ck_hint("run without the seccomp profile (e.g. --security-opt seccomp=unconfined)");
	/* Any other errno goes the EPERM way. */
	nsc_probe_classify(&p, CLONE_NEWCGROUP, EBADF, false, false, &env);
	ck_reason("creating cgroup namespaces fails with EBADF and a seccomp filter is active");
	ck_assert_int_eq(p.err, EBADF);
}
END_TEST

START_TEST(test_eperm_plain)
{
	sysctl_add("kernel.unprivileged_userns_clone", "1");
	nsc_probe_classify(&p, CLONE_NEWNET, EPERM, false, false, &env);
	ck_reason("no privilege to create net namespaces (EPERM)");
	ck_hint("run as root (CAP_SYS_ADMIN), or let nscheck run rootless");
	nsc_probe_classify(&p, CLONE_NEWUSER, EPERM, true, true, &env);
	ck_reason("no privilege to create user namespaces (EPERM inside a new user namespace)");
	ck_hint("run nscheck as root");
}
END_TEST

/* ---- nsc_probe_run() for real, the odd cases in forked children ---- */

struct child_result {
	int ret, step;
	struct nsc_probe p;
};

START_TEST(test_run_ok)
{
	struct nsc_probe q;

	memset(&q, 0x55, sizeof(q));
	ck_assert_int_eq(nsc_probe_run(0, CLONE_NEWUTS, false, NULL, &q), 0);
	ck_assert_int_eq(q.err, 0);
	ck_assert_uint_eq(q.culprit, 0);
	ck_assert_str_eq(q.reason, "");
	ck_assert_str_eq(q.hint, "");
	/* A disposable outer namespace, and a user namespace with its maps. */
	ck_assert_int_eq(nsc_probe_run(CLONE_NEWIPC, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID,
				       false, NULL, &q),
			 0);
	ck_assert_msg(q.err == 0, "probe failed: %s", q.reason);
}
END_TEST

/* Drop CAP_SYS_ADMIN from the effective and permitted sets. */
static int drop_sys_admin(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	d[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	d[CAP_SYS_ADMIN / 32].permitted &= ~(1u << (CAP_SYS_ADMIN % 32));
	d[CAP_SYS_ADMIN / 32].inheritable &= ~(1u << (CAP_SYS_ADMIN % 32));
	return (int)syscall(SYS_capset, &h, d);
}

static int probe_no_admin(void *arg)
{
	struct child_result *cr = arg;

	if (drop_sys_admin() < 0)
		return 10;
	/* The UTS flag fails alone; IPC as outer namespace fails first. */
	cr->ret = nsc_probe_run(CLONE_NEWIPC, CLONE_NEWUTS, false, NULL, &cr->p);
	return 0;
}

START_TEST(test_run_eperm)
{
	struct child_result *cr = nsc_check_shared(sizeof(*cr));

	ck_assert_int_eq(nsc_check_in_child(probe_no_admin, cr), 0);
	ck_assert_int_eq(cr->ret, 0);
	ck_assert_int_eq(cr->p.err, EPERM);
	/* The retry with one flag at a time names the first that fails. */
	ck_assert_uint_eq(cr->p.culprit, CLONE_NEWUTS);
	ck_assert_str_eq(cr->p.reason, "no privilege to create uts namespaces (EPERM)");
	ck_assert_str_eq(cr->p.hint, "run as root (CAP_SYS_ADMIN), or let nscheck run rootless");
	munmap(cr, sizeof(*cr));
}
END_TEST

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * In a user namespace of its own (root mapped to root) whose
 * user.max_user_namespaces is 0, a probe cannot create user namespaces:
 * ENOSPC from the kernel, in the rootless step or in the clone.
 */
static int probe_no_userns(void *arg)
{
	struct child_result *cr = arg;

	if (unshare(CLONE_NEWUSER) < 0)
		return 10;
	if (write_file("/proc/self/setgroups", "deny") < 0 ||
	    write_file("/proc/self/uid_map", "0 0 1") < 0 ||
	    write_file("/proc/self/gid_map", "0 0 1") < 0)
		return 11;
	if (write_file("/proc/sys/user/max_user_namespaces", "0") < 0)
		return 12;
	memset(&env, 0, sizeof(env));
	sysctl_add("user.max_user_namespaces", "0");
	if (cr->step == 4)
		cr->ret = nsc_probe_run(0, CLONE_NEWUTS, true, &env, &cr->p);
	else
		cr->ret = nsc_probe_run(0, CLONE_NEWUTS | CLONE_NEWUSER, false, &env, &cr->p);
	return 0;
}

START_TEST(test_run_enospc)
{
	struct child_result *cr = nsc_check_shared(sizeof(*cr));

	for (int step = 2; step <= 4; step += 2) {
		memset(cr, 0, sizeof(*cr));
		cr->step = step;
		ck_assert_int_eq(nsc_check_in_child(probe_no_userns, cr), 0);
		ck_assert_int_eq(cr->ret, 0);
		ck_assert_int_eq(cr->p.err, ENOSPC);
		ck_assert_uint_eq(cr->p.culprit, CLONE_NEWUSER);
		ck_assert_str_eq(cr->p.reason,
				 "user namespaces are disabled (user.max_user_namespaces=0)");
		ck_assert_str_eq(cr->p.hint, "sysctl -w user.max_user_namespaces=10000");
	}
	munmap(cr, sizeof(*cr));
}
END_TEST

/* A case's own namespace creation failed: restriction (SKIP) or not. */
START_TEST(test_failure_restriction)
{
	static const int skip[] = { EPERM, EACCES, ENOSPC, EUSERS, EINVAL, ENOSYS };
	static const int error[] = { EAGAIN, EMFILE, ENFILE, ENOMEM, EIO, EBADF };

	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		ck_assert_msg(nsc_probe_classify_failure(&p, CLONE_NEWNET, skip[i], false, &env),
			      "errno %d not a restriction", skip[i]);
	for (size_t i = 0; i < sizeof(error) / sizeof(error[0]); i++)
		ck_assert_msg(!nsc_probe_classify_failure(&p, CLONE_NEWNET, error[i], false, &env),
			      "errno %d taken for a restriction", error[i]);
	ck_assert(!nsc_probe_classify_failure(&p, 0, EPERM, false, &env));
	/* Two types at once, ENOSPC: the one whose limit is the lowest. */
	sysctl_add("user.max_net_namespaces", "2");
	sysctl_add("user.max_uts_namespaces", "1000");
	ck_assert(nsc_probe_classify_failure(&p, CLONE_NEWNET | CLONE_NEWUTS, ENOSPC, false, &env));
	ck_reason("net namespace limit reached (user.max_net_namespaces=2)");
	ck_assert_int_eq(p.culprit, CLONE_NEWNET);
	env.seccomp = 2;
	ck_assert(nsc_probe_classify_failure(&p, CLONE_NEWTIME, EPERM, false, &env));
	ck_reason("creating time namespaces fails with EPERM and a seccomp filter is active");
}
END_TEST

START_TEST(test_resource)
{
	ck_assert(nsc_probe_is_resource(EAGAIN) && nsc_probe_is_resource(EMFILE) &&
		  nsc_probe_is_resource(ENFILE) && nsc_probe_is_resource(ENOMEM));
	ck_assert(!nsc_probe_is_resource(EPERM) && !nsc_probe_is_resource(ENOSPC));
	ck_assert(nsc_probe_classify_resource(&p, EAGAIN, 2));
	ck_assert_ptr_nonnull(
		strstr(p.reason,
		       "process limit reached (EAGAIN): with -j 2 nscheck needs up to 13 processes"));
	ck_assert_ptr_nonnull(strstr(p.reason, "pids.max of its cgroup: "));
	ck_assert(nsc_probe_classify_resource(&p, EMFILE, 4));
	ck_assert_ptr_nonnull(
		strstr(p.reason,
		       "open file limit reached (EMFILE): with -j 4 nscheck needs up to 72 open files"));
	ck_hint("ulimit -n 72, or run with fewer -j");
	ck_assert(nsc_probe_classify_resource(&p, ENOMEM, 1));
	ck_reason("out of memory (ENOMEM)");
	ck_assert(!nsc_probe_classify_resource(&p, EPERM, 1));
}
END_TEST

START_TEST(test_caps)
{
	nsc_probe_classify_caps(&p, NSC_CAP(CAP_NET_ADMIN));
	ck_assert_int_eq(p.err, EPERM);
	ck_reason("nscheck lacks CAP_NET_ADMIN, which the case needs (not in its effective capability set)");
	nsc_probe_classify_caps(&p, NSC_CAP(CAP_SETUID) | NSC_CAP(CAP_SETGID) | NSC_CAP(40));
	ck_reason("nscheck lacks CAP_SETGID, CAP_SETUID, capability 40, which the case needs (not in its effective capability set)");
	/* user.init_only_caps_refused's: podman's default set lacks it. */
	nsc_probe_classify_caps(&p, NSC_CAP(CAP_MKNOD));
	ck_reason("nscheck lacks CAP_MKNOD, which the case needs (not in its effective capability set)");
	nsc_probe_classify_caps(&p, NSC_CAP(CAP_SETFCAP));
	ck_reason("nscheck lacks CAP_SETFCAP, which the case needs (not in its effective capability set)");
	/* As root in the test: nothing of these is missing. */
	ck_assert_uint_eq(nsc_caps_missing(NSC_CAP(CAP_NET_ADMIN) | NSC_CAP(CAP_SETGID)), 0);
}
END_TEST

/* RLIMIT_NOFILE: raised to the need when the hard limit allows, else refused. */
START_TEST(test_nofile)
{
	struct rlimit rl = { 13, 13 };
	struct nsc_err err;
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int ok = setrlimit(RLIMIT_NOFILE, &rl) == 0 && nsc_probe_nofile(2, &err) == -EMFILE &&
			 strstr(err.msg,
				"with -j 2 nscheck needs 56 open files, RLIMIT_NOFILE is 13");

		nsc_cov_dump();
		_exit(ok ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit got;
		int ok;

		rl.rlim_cur = 13;
		rl.rlim_max = 4096;
		ok = setrlimit(RLIMIT_NOFILE, &rl) == 0 && nsc_probe_nofile(2, &err) == 0 &&
		     getrlimit(RLIMIT_NOFILE, &got) == 0 && got.rlim_cur == 56;
		nsc_cov_dump();
		_exit(ok ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
}
END_TEST

/* A tight process limit (RLIMIT_NPROC below 256, not as root) is seen. */
START_TEST(test_procs_limited)
{
	struct rlimit rl = { 10, 10 };
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* The saved ids stay root: back to root to write the coverage. */
		int ok = setrlimit(RLIMIT_NPROC, &rl) == 0 && setresgid(65534, 65534, 0) == 0 &&
			 setresuid(65534, 65534, 0) == 0 && nsc_probe_procs_limited();

		if (setresuid(0, 0, 0) < 0 || setresgid(0, 0, 0) < 0)
			ok = 0;
		nsc_cov_dump();
		_exit(ok ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
}
END_TEST

static Suite *probe_suite(void)
{
	Suite *s = suite_create("probe");
	TCase *tc = tcase_create("classify");
	TCase *tr = tcase_create("run");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_flag_names);
	tcase_add_test(tc, test_einval_kconfig);
	tcase_add_test(tc, test_enosys_seccomp);
	tcase_add_test(tc, test_time_without_clone3);
	tcase_add_test(tc, test_time_with_clone3);
	tcase_add_test(tc, test_enospc);
	tcase_add_test(tc, test_eusers);
	tcase_add_test(tc, test_eacces_apparmor);
	tcase_add_test(tc, test_eacces_other);
	tcase_add_test(tc, test_eperm_userns_clone);
	tcase_add_test(tc, test_eperm_seccomp);
	tcase_add_test(tc, test_eperm_plain);
	tcase_add_test(tc, test_failure_restriction);
	tcase_add_test(tc, test_resource);
	tcase_add_test(tc, test_caps);
	tcase_add_test(tc, test_nofile);
	tcase_add_test(tc, test_procs_limited);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tr, setup, NULL);
	tcase_add_test(tr, test_run_ok);
	tcase_add_test(tr, test_run_eperm);
	tcase_add_test(tr, test_run_enospc);
	suite_add_tcase(s, tr);
	return s;
}

int main(void)
{
	if (!nsc_check_have_root("check_probe", "nsc_probe_run as root"))
		return NSC_CHECK_SKIP;
	return nsc_check_run(probe_suite());
}
