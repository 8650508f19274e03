// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the residue audit sources that check_audit.c does not plant
 * a leak in, each with one: a POSIX message queue (with /dev/mqueue
 * mounted), a SysV semaphore set, a named network namespace, temporary
 * files named nscheck* in /tmp, /var/tmp, /dev/shm and $TMPDIR, and a child
 * cgroup of our own cgroup.  check_audit.c plants the others (hostname,
 * domainname, SysV shm and msg, links, mounts, processes).
 *
 * Everything is planted in a forked child inside namespaces it unshared
 * (UTS, IPC, NET, mount with / made rprivate, tmpfs over /dev, /run, /tmp
 * and /var/tmp), except the child cgroup: cgroups are not namespaced, so
 * that one is a real cgroup below the test's own, removed at once.
 */
#include <check.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit.h"
#include "fixture.h"
#include "internal.h"
#include "nsc_check_main.h"

#define PRIVATE_NS (CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWNS)

struct shared {
	int stage;
	char what[256];
	int status;
	char reason[512];
	char out[16384];
	char cgroup[4096];  /* the planted cgroup, for the parent to remove */
	char foreign[4096]; /* one of another nscheck run's (runner PID 1) */
	int semid;
};

static struct shared *sh;

static int step_fail(int stage, const char *what)
{
	sh->stage = stage;
	snprintf(sh->what, sizeof(sh->what), "%s: %s", what, strerror(errno));
	return stage;
}

/* Our cgroup's directory: "0::PATH" under the cgroup2 mount whose root is /. */
static int own_cgroup(char *dir, size_t len)
{
	char line[4600], path[4096] = "", mp[4096], root[4096];
	FILE *f = fopen("/proc/self/cgroup", "re");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3) && sscanf(line + 3, "%4095s", path) != 1)
			path[0] = '\0';
	if (f)
		fclose(f);
	f = fopen("/proc/self/mountinfo", "re");
	while (path[0] == '/' && f && fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (sep && !strncmp(sep + 3, "cgroup2 ", 8) &&
		    sscanf(line, "%*d %*d %*s %4095s %4095s", root, mp) == 2 && !strcmp(root, "/")) {
			snprintf(dir, len, "%s%s", mp, strcmp(path, "/") ? path : "");
			fclose(f);
			return 0;
		}
	}
	if (f)
		fclose(f);
	return -1;
}

static int setup_private(void)
{
	static const char *const tmpfs[] = { "/dev", "/run", "/tmp", "/var/tmp" };

	for (size_t i = 0; i < sizeof(tmpfs) / sizeof(tmpfs[0]); i++)
		if (mount("nsc-audit", tmpfs[i], "tmpfs", 0, "size=64k") < 0)
			return step_fail(10, tmpfs[i]);
	if (mkdir("/dev/mqueue", 0755) < 0 || mkdir("/dev/shm", 01777) < 0 ||
	    mkdir("/run/netns", 0755) < 0 || mkdir("/tmp/sub", 0755) < 0)
		return step_fail(11, "mkdir");
	/* The mqueue file system of our own IPC namespace. */
	if (mount("mqueue", "/dev/mqueue", "mqueue", 0, NULL) < 0)
		return step_fail(12, "mount mqueue");
	if (setenv("TMPDIR", "/tmp/sub", 1) < 0)
		return step_fail(13, "setenv");
	return 0;
}

static int touch(const char *path)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int plant(void)
{
	struct nsc_audit *before;
	struct nsc_result res;
	char cg[4096], name[64];
	mqd_t q;
	int fd, r;

	if ((r = setup_private()))
		return r;
	if (own_cgroup(cg, sizeof(cg)) < 0)
		return step_fail(20, "no cgroup2 directory of our own");
	/* Not planted: other names, and a queue that is gone again. */
	if (touch("/tmp/other-file") < 0 || touch("/dev/shm/other") < 0)
		return step_fail(21, "touch");
	before = nsc_audit_snapshot();
	if (!before)
		return step_fail(22, "snapshot");
	q = mq_open("/nscheck-leak", O_CREAT | O_RDWR | O_CLOEXEC, 0600, NULL);
	if (q == (mqd_t)-1)
		return step_fail(23, "mq_open");
	mq_close(q);
	sh->semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (sh->semid < 0)
		return step_fail(24, "semget");
	if (touch("/run/netns/nsc-leak") < 0 ||
	    mount("/proc/self/ns/net", "/run/netns/nsc-leak", NULL, MS_BIND, NULL) < 0)
		return step_fail(25, "named netns");
	fd = shm_open("/nscheck-shm", O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0 || touch("/tmp/nscheck-a") < 0 || mkdir("/var/tmp/nscheck-b", 0700) < 0 ||
	    touch("/tmp/sub/nscheck-c") < 0 || touch("/tmp/notnscheck") < 0)
		return step_fail(26, "temp files");
	close(fd);
	snprintf(name, sizeof(name), "nscheck-audit-%d", (int)getpid());
	snprintf(sh->cgroup, sizeof(sh->cgroup), "%s/%s", cg, name);
	if (mkdir(sh->cgroup, 0755) < 0) {
		sh->cgroup[0] = '\0';
		return step_fail(27, "mkdir a child cgroup");
	}
	snprintf(sh->foreign, sizeof(sh->foreign), "%s/nscheck.1.%d", cg, (int)getpid());
	if (mkdir(sh->foreign, 0755) < 0) {
		sh->foreign[0] = '\0';
		return step_fail(28, "mkdir another run's cgroup");
	}
	memset(&res, 0, sizeof(res));
	nsc_audit_record(before, &res);
	rmdir(sh->cgroup);
	rmdir(sh->foreign);
	sh->status = res.status;
	snprintf(sh->reason, sizeof(sh->reason), "%s", res.reason);
	if (res.out)
		snprintf(sh->out, sizeof(sh->out), "%.*s", (int)res.out_len, res.out);
	nsc_audit_free(before);
	return 0;
}

START_TEST(test_sources_planted)
{
	char want[256];
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int r;

		if (unshare(PRIVATE_NS) < 0)
			r = step_fail(90, "unshare");
		else if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			r = step_fail(91, "make / rprivate");
		else
			r = plant();
		nsc_cov_dump();
		_exit(r);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	/* Whatever happened in the child, the real cgroup goes. */
	if (sh->cgroup[0])
		rmdir(sh->cgroup);
	if (sh->foreign[0])
		rmdir(sh->foreign);
	ck_assert_msg(WIFEXITED(status) && !WEXITSTATUS(status), "child step %d: %s",
		      WEXITSTATUS(status), sh->what);
	ck_assert_msg(access(sh->cgroup, F_OK) < 0, "cgroup %s still there", sh->cgroup);
	ck_assert_int_eq(sh->status, NSC_ERROR);
	ck_assert_str_eq(sh->reason, "host state changed during the run: 9 differences"
				     " (cgroup, mount, mqueue, netns, sysvipcsem, tmpfile)");
	ck_assert_ptr_nonnull(strstr(sh->out, "new mqueue: nscheck-leak\n"));
	/* Another live run's case cgroup is not this run's residue. */
	ck_assert_ptr_null(strstr(sh->out, "nscheck.1."));
	snprintf(want, sizeof(want), "new sysvipcsem: id %d key 0x00000000\n", sh->semid);
	ck_assert_ptr_nonnull(strstr(sh->out, want));
	ck_assert_ptr_nonnull(strstr(sh->out, "new netns: nsc-leak\n"));
	ck_assert_ptr_nonnull(strstr(sh->out, " /run/netns/nsc-leak\n"));
	ck_assert_ptr_nonnull(strstr(sh->out, "new tmpfile: /tmp/nscheck-a\n"));
	ck_assert_ptr_nonnull(strstr(sh->out, "new tmpfile: /var/tmp/nscheck-b\n"));
	ck_assert_ptr_nonnull(strstr(sh->out, "new tmpfile: /tmp/sub/nscheck-c\n"));
	ck_assert_ptr_nonnull(strstr(sh->out, "new tmpfile: /dev/shm/nscheck-shm\n"));
	snprintf(want, sizeof(want), "new cgroup: %s\n", strrchr(sh->cgroup, '/') + 1);
	ck_assert_ptr_nonnull(strstr(sh->out, want));
	ck_assert_ptr_null(strstr(sh->out, "other"));
	ck_assert_ptr_null(strstr(sh->out, "notnscheck"));
}
END_TEST

/*
 * Routes, policy rules and nftables tables: planted in a network
 * namespace of the child's own (lo up before the first snapshot: that
 * adds routes of its own), through the fixtures.
 */
static int plant_net(void)
{
	struct nsc_audit *before;
	struct nsc_result res;
	struct nsc_err err;
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC), r;

	if (fd < 0 || nsc_link_up(fd, "lo", &err) < 0)
		return step_fail(30, "netns fd, lo up");
	before = nsc_audit_snapshot();
	if (!before)
		return step_fail(31, "snapshot");
	if (nsc_route_add(fd, "198.19.7.0/24", "lo", &err) < 0 ||
	    nsc_rule_add(fd, 17999, 179, &err) < 0)
		return step_fail(32, err.msg);
	r = nsc_nft_table_add(fd, "nscaudit", &err);
	sh->semid = r == 0; /* here: "the nft table was planted" */
	if (r < 0 && r != -EPROTONOSUPPORT && r != -ENOENT)
		return step_fail(33, err.msg);
	memset(&res, 0, sizeof(res));
	nsc_audit_record(before, &res);
	sh->status = res.status;
	snprintf(sh->reason, sizeof(sh->reason), "%s", res.reason);
	if (res.out)
		snprintf(sh->out, sizeof(sh->out), "%.*s", (int)res.out_len, res.out);
	nsc_audit_free(before);
	close(fd);
	return 0;
}

START_TEST(test_net_sources_planted)
{
	int status;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int r = unshare(CLONE_NEWNET) < 0 ? step_fail(90, "unshare") : plant_net();

		nsc_cov_dump();
		_exit(r);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && !WEXITSTATUS(status), "child step %d: %s",
		      WEXITSTATUS(status), sh->what);
	ck_assert_int_eq(sh->status, NSC_ERROR);
	if (sh->semid)
		ck_assert_str_eq(sh->reason,
				 "host state changed during the run: 3 differences (nft, route, rule)");
	else
		ck_assert_str_eq(sh->reason,
				 "host state changed during the run: 2 differences (route, rule)");
	ck_assert_ptr_nonnull(strstr(sh->out, "new route: 198.19.7.0/24 table 254"));
	ck_assert_ptr_nonnull(strstr(sh->out, "new rule: inet priority 17999 table 179"));
	if (sh->semid)
		ck_assert_ptr_nonnull(strstr(sh->out, "new nft: family 1 nscaudit"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("audit sources");
	TCase *tc = tcase_create("planted");

	if (!nsc_check_have_root("check_audit_sources", "unshares namespaces, mounts"))
		return NSC_CHECK_SKIP;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	memset(sh, 0, sizeof(*sh));
	tcase_add_test(tc, test_sources_planted);
	tcase_add_test(tc, test_net_sources_planted);
	suite_add_tcase(s, tc);
	return nsc_check_run(s);
}
