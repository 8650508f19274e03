// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: target mode's runner side (harness/target.c) and the target
 * catalogue's selection (registry.c): PID and pidfile parsing, container
 * ids from cgroup paths, /proc/PID/stat, and nsc_target_open on real
 * processes (a child, a zombie, a kernel thread, nscheck itself, none).
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "registry.h"
#include "target.h"
#include "nsc_check_main.h"
#include "../../cases/target/target.h"

static struct nsc_err err;
static char dir[] = "/tmp/nsc-check-target.XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(test_parse_pid)
{
	pid_t pid = 0;

	ck_assert_int_eq(nsc_target_parse_pid("1234", &pid, &err), 0);
	ck_assert_int_eq(pid, 1234);
	ck_assert_int_eq(nsc_target_parse_pid("2147483647", &pid, &err), 0);
	ck_assert_int_eq(nsc_target_parse_pid("2147483648", &pid, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "invalid PID '2147483648' for --target"));
	ck_assert_int_eq(nsc_target_parse_pid("0", &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_parse_pid("-1", &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_parse_pid(" 12", &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_parse_pid("12x", &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_parse_pid("", &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_parse_pid("+5", &pid, &err), -EINVAL);
}
END_TEST

START_TEST(test_pidfile)
{
	char fifo[256];
	pid_t pid = 0;

	ck_assert_int_eq(nsc_target_pidfile(write_file("ok", "4321\n"), &pid, &err), 0);
	ck_assert_int_eq(pid, 4321);
	ck_assert_int_eq(nsc_target_pidfile(write_file("nonl", "77"), &pid, &err), 0);
	ck_assert_int_eq(pid, 77);
	ck_assert_int_eq(nsc_target_pidfile(write_file("junk", "12 13\n"), &pid, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "no PID in it"));
	ck_assert_int_eq(nsc_target_pidfile(write_file("empty", ""), &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_pidfile(write_file("big", "1111111111111111111111111111111111\n"),
					    &pid, &err),
			 -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "at most 32 bytes"));
	ck_assert_int_eq(nsc_target_pidfile("/nonexistent/pidfile", &pid, &err), -ENOENT);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/pidfile"));
	/* A FIFO planted at the path must not block the run. */
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(nsc_target_pidfile(fifo, &pid, &err), -EINVAL);
	ck_assert_int_eq(nsc_target_pidfile("/dev/null", &pid, &err), -EINVAL);
}
END_TEST

START_TEST(test_container_id)
{
	static const char id[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	char path[256], out[16];

	snprintf(path, sizeof(path), "/machine.slice/libpod-%s.scope/container", id);
	nsc_target_container_id(path, out, sizeof(out));
	ck_assert_str_eq(out, "0123456789ab");
	snprintf(path, sizeof(path), "/system.slice/docker-%s.scope", id);
	nsc_target_container_id(path, out, sizeof(out));
	ck_assert_str_eq(out, "0123456789ab");
	snprintf(path, sizeof(path), "/libpod_parent/libpod-%s", id);
	nsc_target_container_id(path, out, sizeof(out));
	ck_assert_str_eq(out, "0123456789ab");
	snprintf(path, sizeof(path), "/docker/%s", id);
	nsc_target_container_id(path, out, sizeof(out));
	ck_assert_str_eq(out, "0123456789ab");
	nsc_target_container_id("/user.slice/user-1000.slice/session-2.scope", out, sizeof(out));
	ck_assert_str_eq(out, "");
	nsc_target_container_id("/", out, sizeof(out));
	ck_assert_str_eq(out, "");
	/* 64 characters that are not lowercase hex are no id */
	snprintf(path, sizeof(path), "/docker/%.63sX", id);
	nsc_target_container_id(path, out, sizeof(out));
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_proc_stat)
{
	unsigned long long start = 0;
	unsigned long flags = 0;
	char state = 0;

	ck_assert_int_eq(nsc_proc_stat(getpid(), &start, &flags, &state, &err), 0);
	ck_assert_uint_gt(start, 0);
	ck_assert_int_eq(state, 'R');
	ck_assert(nsc_target_same(getpid(), start));
	ck_assert(!nsc_target_same(getpid(), start + 1));
	ck_assert_int_eq(nsc_proc_stat(0x7ffffff0, &start, NULL, NULL, NULL), -ESRCH);
}
END_TEST

START_TEST(test_open_child)
{
	struct nsc_target t;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (!pid) {
		pause();
		_exit(0);
	}
	ck_assert_int_eq(nsc_target_open(&t, pid, NULL, &err), 0);
	ck_assert_int_eq(t.info.pid, pid);
	ck_assert_int_ge(t.pidfd, 0);
	ck_assert_str_eq(t.info.comm, "check_target");
	ck_assert_str_eq(t.info.label, "check_target");
	nsc_target_close(&t);
	ck_assert_int_eq(nsc_target_open(&t, pid, "web-1", &err), 0);
	ck_assert_str_eq(t.info.label, "web-1");
	nsc_target_close(&t);
	/* A zombie has exited: nothing left to audit. */
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitid(P_PID, (id_t)pid, NULL, WEXITED | WNOWAIT), 0);
	ck_assert_int_eq(nsc_target_open(&t, pid, NULL, &err), -ESRCH);
	ck_assert_ptr_nonnull(strstr(err.msg, "has exited"));
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ck_assert_int_eq(nsc_target_open(&t, pid, NULL, &err), -ESRCH);
	ck_assert_ptr_nonnull(strstr(err.msg, "no process with PID"));
}
END_TEST

/* A kernel thread, when this PID namespace shows any (PID 2 on a host). */
static pid_t find_kthread(void)
{
	for (pid_t pid = 2; pid < 200; pid++) {
		unsigned long flags = 0;

		if (nsc_proc_stat(pid, NULL, &flags, NULL, NULL) == 0 && (flags & 0x00200000UL))
			return pid;
	}
	return 0;
}

START_TEST(test_open_refused)
{
	struct nsc_target t;
	pid_t k = find_kthread();

	ck_assert_int_eq(nsc_target_open(&t, getpid(), NULL, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "nscheck itself"));
	if (!k) {
		fprintf(stderr, "check_target: no kernel thread visible here: not tested\n");
		return;
	}
	ck_assert_int_eq(nsc_target_open(&t, k, NULL, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "is a kernel thread"));
}
END_TEST

static const struct nsc_case c_uts = {
	.id = "uts.hostname_private",
	.ns = "uts",
	.name = "hostname_private",
	.file = "cases/uts/hostname_private.c",
};
static const struct nsc_case c_tnet = {
	.id = "target.net_private",
	.ns = "target",
	.name = "net_private",
	.file = "cases/target/net_private.c",
	.target_flags = CLONE_NEWNET,
};
static const struct nsc_case c_tuts = {
	.id = "target.uts_private",
	.ns = "target",
	.name = "uts_private",
	.file = "cases/target/uts_private.c",
	.target_flags = CLONE_NEWUTS,
};

/* The target cases' /proc/PID/status reader, on hostile texts. */
START_TEST(test_status_value)
{
	const char *st = "Name:\tNSpid: fake\nNSpidX:\t9\nNSpid:\t4711\t1\nPPid:  0\n"
			 "Seccomp:\t2";
	char v[8], big[64];

	ck_assert_str_eq(nsc_status_value(st, "NSpid", big, sizeof(big)), "4711\t1");
	ck_assert_str_eq(nsc_status_value(st, "PPid", big, sizeof(big)), "0");
	ck_assert_str_eq(nsc_status_value(st, "Seccomp", big, sizeof(big)), "2"); /* no newline */
	ck_assert_str_eq(nsc_status_value(st, "Name", v, sizeof(v)), "NSpid: ");  /* cut to fit */
	ck_assert_str_eq(nsc_status_value(st, "CapEff", big, sizeof(big)), "");
	ck_assert_str_eq(nsc_status_value("", "PPid", big, sizeof(big)), "");
	ck_assert_str_eq(nsc_status_value("PPid", "PPid", big, sizeof(big)), "");
}
END_TEST

START_TEST(test_catalogue)
{
	const struct nsc_case *const all[] = { &c_uts, &c_tnet, &c_tuts };
	char *pat_glob[] = { "*private" }, *pat_t[] = { "target.*" }, *pat_uts[] = { "uts" };
	char *pat_id[] = { "target.net_private" };
	const struct nsc_case *out[3];
	struct nsc_registry reg;

	ck_assert_int_eq(nsc_registry_from(&reg, all, 3, &err), 0);
	/* --all and globs of the kernel catalogue never pick a target case */
	ck_assert_int_eq(nsc_registry_select(&reg, NULL, 0, NULL, out, &err), 1);
	ck_assert_str_eq(out[0]->id, "uts.hostname_private");
	ck_assert_int_eq(nsc_registry_select(&reg, pat_glob, 1, NULL, out, &err), 1);
	/* ...unless the pattern names the target catalogue (--list 'target.*') */
	ck_assert_int_eq(nsc_registry_select(&reg, pat_t, 1, NULL, out, &err), 2);
	ck_assert(nsc_registry_is_target(out[0]) && nsc_registry_is_target(out[1]));
	/* --ns never names it */
	ck_assert_int_eq(nsc_registry_select(&reg, NULL, 0, "target", out, &err), -ENOENT);
	/* --target: the target catalogue, or the ids named in it */
	ck_assert_int_eq(nsc_registry_select_target(&reg, NULL, 0, out, &err), 2);
	ck_assert_str_eq(out[0]->id, "target.net_private");
	ck_assert_int_eq(nsc_registry_select_target(&reg, pat_id, 1, out, &err), 1);
	ck_assert_int_eq(nsc_registry_select_target(&reg, pat_uts, 1, out, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "is no target case"));
	nsc_registry_free(&reg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("target");
	TCase *tc = tcase_create("core");
	int ret;

	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	tcase_add_test(tc, test_parse_pid);
	tcase_add_test(tc, test_pidfile);
	tcase_add_test(tc, test_container_id);
	tcase_add_test(tc, test_proc_stat);
	tcase_add_test(tc, test_open_child);
	tcase_add_test(tc, test_open_refused);
	tcase_add_test(tc, test_catalogue);
	tcase_add_test(tc, test_status_value);
	suite_add_tcase(s, tc);
	ret = nsc_check_run(s);
	for (const char *const *f =
		     (const char *const[]){ "ok", "nonl", "junk", "empty", "big", "fifo", NULL };
	     *f; f++) {
		char path[256];

		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		unlink(path);
	}
	rmdir(dir);
	return ret;
}
