// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the residue audit.  Two snapshots of an unchanged state
 * compare equal (PASS); hostname, domainname, links, SysV IPC objects,
 * mounts and child processes that appear, disappear or change are each
 * reported with their source; more differences than diagnostics are
 * summarised; an unreadable source makes the record ERROR; a kernel taint
 * that appears is named bit by bit.
 *
 * Every change is made in a forked child inside namespaces it unshared
 * (UTS, IPC, NET, mount with / made rprivate): the host is never touched.
 */
#include <check.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit.h"
#include "fixture.h"
#include "internal.h"
#include "nsc_check_main.h"

#define PRIVATE_NS (CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWNS)

/* What a child hands back: the record (pointers cleared) and its text. */
struct shared {
	int stage;	/* failing step in the child, 0 if none */
	char what[256]; /* description of that step */
	struct nsc_result res;
	char out[16384];
	size_t count; /* items in the "before" snapshot */
	int ids[16];  /* SysV ids the child created */
	int pid;      /* a child process it started */
	char ifname[2][NSC_IFNAMSIZ];
	char dir[64]; /* its mount point */
	char oldhost[65];
};

static struct shared *sh;

static void setup(void)
{
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(sh, MAP_FAILED);
	memset(sh, 0, sizeof(*sh));
}

static void teardown(void)
{
	/* A child that failed half-way leaves its (then unmounted) dir. */
	if (sh->dir[0])
		rmdir(sh->dir);
	munmap(sh, sizeof(*sh));
}

static int step_fail(int stage, const char *what)
{
	sh->stage = stage;
	snprintf(sh->what, sizeof(sh->what), "%s: %s", what, strerror(errno));
	return stage;
}

/* Copy @res into the shared page; the strings it points to die with us. */
static void hand_back(const struct nsc_result *res)
{
	sh->res = *res;
	if (res->out)
		snprintf(sh->out, sizeof(sh->out), "%.*s", (int)res->out_len, res->out);
	sh->res.id = sh->res.ns = sh->res.summary = sh->res.file = NULL;
	sh->res.out = sh->res.errout = NULL;
}

/* Fork, unshare the private namespaces, run @fn; asserts it succeeded. */
static void in_private_ns(int (*fn)(void))
{
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
			r = fn();
		nsc_cov_dump();
		_exit(r);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "child killed by signal %d", WTERMSIG(status));
	ck_assert_msg(WEXITSTATUS(status) == 0, "child step %d: %s", WEXITSTATUS(status), sh->what);
}

/* The diagnostic whose message starts with @prefix and contains @part. */
static const struct nsc_diag *find_diag(const struct nsc_result *r, const char *prefix,
					const char *part)
{
	static const struct nsc_diag none;

	for (unsigned int i = 0; i < r->ndiag && i < NSC_DIAG_MAX; i++)
		if (!strncmp(r->diag[i].message, prefix, strlen(prefix)) &&
		    strstr(r->diag[i].message, part))
			return &r->diag[i];
	ck_abort_msg("no diagnostic '%s...%s'", prefix, part);
	return &none;
}

/*
 * A taint that appears between the snapshots is named bit by bit; bits
 * already set before are not.  The kernel's flags cannot be cleared, so
 * the "after" value is a file bind-mounted over /proc/sys/kernel/tainted
 * in the child's private mount namespace.
 */
static int taint_appears(void)
{
	struct nsc_audit *before = nsc_audit_snapshot();
	unsigned long long now = 0;
	char file[] = "/tmp/nsc-taint.XXXXXX";
	struct nsc_result res;
	FILE *fp;
	int fd;

	if (!before)
		return step_fail(1, "snapshot");
	fp = fopen("/proc/sys/kernel/tainted", "r");
	if (!fp || fscanf(fp, "%llu", &now) != 1)
		return step_fail(2, "read tainted");
	fclose(fp);
	fd = mkstemp(file);
	if (fd < 0 || dprintf(fd, "%llu\n", now | (1ULL << 9) | (1ULL << 12) | (1ULL << 40)) < 0 ||
	    close(fd) < 0)
		return step_fail(3, "write the fake taint file");
	if (mount(file, "/proc/sys/kernel/tainted", NULL, MS_BIND, NULL) < 0)
		return step_fail(4, "bind the fake taint file");
	memset(&res, 0, sizeof(res));
	nsc_audit_record(before, &res);
	unlink(file);
	hand_back(&res);
	nsc_audit_free(before);
	return 0;
}

START_TEST(test_taint_appears)
{
	const struct nsc_diag *d;

	in_private_ns(taint_appears);
	ck_assert_int_eq(sh->res.status, NSC_ERROR);
	ck_assert_ptr_nonnull(strstr(sh->res.reason, "kernel taint"));
	d = find_diag(&sh->res, "kernel taint appeared during the run: ", "W (");
	ck_assert_str_eq(d->message, "kernel taint appeared during the run: "
				     "W (kernel issued warning), "
				     "O (externally-built module loaded), bit 40");
	ck_assert_str_eq(d->where, "/proc/sys/kernel/tainted");
}
END_TEST

START_TEST(test_null_and_bounds)
{
	struct nsc_audit *a = nsc_audit_snapshot();
	struct nsc_result res;

	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(nsc_audit_count(NULL), 0);
	ck_assert_ptr_null(nsc_audit_item(NULL, 0));
	ck_assert_ptr_null(nsc_audit_item(a, nsc_audit_count(a)));
	nsc_audit_free(NULL);
	nsc_audit_free(a);
	/* No "before": ERROR, never a PASS. */
	memset(&res, 0, sizeof(res));
	nsc_audit_record(NULL, &res);
	ck_assert_str_eq(res.id, NSC_AUDIT_ID);
	ck_assert_int_eq(res.status, NSC_ERROR);
	ck_assert_int_eq(res.err, ENOMEM);
	ck_assert_str_eq(res.reason, "residue audit could not snapshot the host: out of memory");
}
END_TEST

static int items_of_private_ns(void)
{
	struct nsc_audit *a = nsc_audit_snapshot();
	struct utsname u;
	char want[128], kind[32], prev[32] = "";
	int host = 0, lo = 0, root = 0;

	if (!a)
		return step_fail(1, "snapshot");
	if (sethostname("nsc-audit-items", 15) < 0 || uname(&u) < 0)
		return step_fail(2, "sethostname");
	nsc_audit_free(a);
	a = nsc_audit_snapshot();
	snprintf(want, sizeof(want), "domainname %s", u.domainname);
	for (size_t i = 0; i < nsc_audit_count(a); i++) {
		const char *it = nsc_audit_item(a, i);

		host += !strcmp(it, "hostname nsc-audit-items");
		host += !strcmp(it, want);
		lo += !strcmp(it, "link lo ifindex 1");
		root += !strncmp(it, "mount id ", 9) && !strcmp(strrchr(it, ' '), " /");
		/* Sorted by kind ("kind key value"). */
		if (strcspn(it, " ") >= sizeof(kind) || strncmp(prev, it, strcspn(it, " ")) > 0)
			return step_fail(3, "items not sorted by kind");
		snprintf(kind, sizeof(kind), "%.*s", (int)strcspn(it, " "), it);
		memcpy(prev, kind, sizeof(prev));
	}
	sh->count = nsc_audit_count(a);
	nsc_audit_free(a);
	if (host != 2 || lo != 1 || root != 1) {
		errno = 0;
		snprintf(sh->what, sizeof(sh->what), "host %d lo %d root %d", host, lo, root);
		return 4;
	}
	return 0;
}

START_TEST(test_items)
{
	in_private_ns(items_of_private_ns);
	ck_assert_uint_gt(sh->count, 4);
}
END_TEST

static int unchanged(void)
{
	struct nsc_audit *before = nsc_audit_snapshot();
	struct nsc_result res;

	if (!before)
		return step_fail(1, "snapshot");
	sh->count = nsc_audit_count(before);
	memset(&res, 0, sizeof(res));
	res.ndiag = 3; /* stale values are reset */
	snprintf(res.reason, sizeof(res.reason), "stale");
	nsc_audit_cb(before, &res);
	hand_back(&res);
	nsc_audit_free(before);
	return 0;
}

START_TEST(test_unchanged_passes)
{
	char want[64];

	in_private_ns(unchanged);
	ck_assert_int_eq(sh->res.status, NSC_PASS);
	ck_assert_str_eq(sh->res.reason, "");
	ck_assert_uint_eq(sh->res.ndiag, 0);
	ck_assert_int_eq(sh->res.control, NSC_CONTROL_NONE);
	ck_assert_uint_eq(sh->res.checks, sh->count);
	snprintf(want, sizeof(want), "compared %zu items: hostname 1, domainname 1, link 1,",
		 sh->count);
	ck_assert_ptr_eq(strstr(sh->out, want), sh->out);
	ck_assert_ptr_nonnull(strstr(sh->out, " netns "));
	ck_assert_ptr_nonnull(strstr(sh->out, " child 0, taint 1\n"));
}
END_TEST

/*
 * Before: one shm segment.  Then: hostname and domainname changed, the
 * segment removed, a message queue created, a tmpfs mounted, a veth
 * pair created, a child process started.
 */
static int changes(void)
{
	struct nsc_audit *before;
	struct nsc_result res;
	struct nsc_veth v;
	struct nsc_err err = { 0 };
	struct utsname u;
	pid_t pid;
	int nsfd;

	snprintf(sh->dir, sizeof(sh->dir), "/tmp/nsc-audit.XXXXXX");
	if (!mkdtemp(sh->dir))
		return step_fail(1, "mkdtemp");
	sh->ids[0] = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (sh->ids[0] < 0 || uname(&u) < 0)
		return step_fail(2, "shmget");
	snprintf(sh->oldhost, sizeof(sh->oldhost), "%s", u.nodename);
	before = nsc_audit_snapshot();
	if (!before)
		return step_fail(3, "snapshot");
	if (sethostname("nsc-audit-new", 13) < 0 || setdomainname("nsc-dom", 7) < 0)
		return step_fail(4, "sethostname");
	if (shmctl(sh->ids[0], IPC_RMID, NULL) < 0)
		return step_fail(5, "shmctl");
	sh->ids[1] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (sh->ids[1] < 0)
		return step_fail(6, "msgget");
	if (mount("tmpfs", sh->dir, "tmpfs", 0, "size=4k") < 0)
		return step_fail(7, "mount");
	nsfd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (nsfd < 0 || nsc_veth_create(&v, nsfd, nsfd, &err) < 0)
		return step_fail(8, err.msg);
	memcpy(sh->ifname, v.name, sizeof(sh->ifname));
	/* Not sh->pid = fork(): the child would write 0 into the shared page. */
	pid = fork();
	if (pid < 0)
		return step_fail(9, "fork");
	if (!pid) {
		pause();
		_exit(0);
	}
	sh->pid = pid;
	memset(&res, 0, sizeof(res));
	nsc_audit_record(before, &res);
	hand_back(&res);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	umount(sh->dir);
	rmdir(sh->dir);
	nsc_audit_free(before);
	return 0;
}

START_TEST(test_changes_reported)
{
	const struct nsc_result *r = &sh->res;
	const struct nsc_diag *d;
	char msg[NSC_DIAG_TEXT], val[64];

	in_private_ns(changes);
	ck_assert_int_eq(r->status, NSC_ERROR);
	ck_assert_str_eq(r->reason,
			 "host state changed during the run: 8 differences"
			 " (child, domainname, hostname, link, mount, sysvipcmsg, sysvipcshm)");
	ck_assert_ptr_nonnull(strstr(r->hint, "remove the leftovers listed"));
	ck_assert_uint_eq(r->ndiag, 8);

	snprintf(msg, sizeof(msg), "changed hostname: '%s' -> 'nsc-audit-new'", sh->oldhost);
	d = find_diag(r, msg, "");
	ck_assert_str_eq(d->where, "uname(2)");
	ck_assert_str_eq(d->expected, sh->oldhost);
	ck_assert_str_eq(d->got, "nsc-audit-new");
	ck_assert_ptr_nonnull(strstr(sh->out, msg));
	d = find_diag(r, "changed domainname: '", "' -> 'nsc-dom'");
	ck_assert_str_eq(d->where, "uname(2)");

	snprintf(msg, sizeof(msg), "gone sysvipcshm: id %d key 0x00000000", sh->ids[0]);
	d = find_diag(r, msg, "");
	ck_assert_str_eq(d->where, "/proc/sysvipc/shm");
	ck_assert_str_eq(d->expected, "key 0x00000000");
	ck_assert_str_eq(d->got, "");

	snprintf(msg, sizeof(msg), "new sysvipcmsg: id %d key 0x00000000", sh->ids[1]);
	d = find_diag(r, msg, "");
	ck_assert_str_eq(d->where, "/proc/sysvipc/msg");
	ck_assert_str_eq(d->expected, "");

	for (int k = 0; k < 2; k++) {
		d = find_diag(r, "new link: ", sh->ifname[k]);
		ck_assert_str_eq(d->where, "links of nscheck's network namespace");
		ck_assert_ptr_eq(strstr(d->got, "ifindex "), d->got);
	}

	d = find_diag(r, "new mount: id ", sh->dir);
	ck_assert_str_eq(d->where, "/proc/self/mountinfo");
	ck_assert_str_eq(d->got, sh->dir);

	snprintf(val, sizeof(val), "new child: pid %d ", sh->pid);
	d = find_diag(r, val, "");
	ck_assert_str_eq(d->where, "/proc/self/task/*/children");
	ck_assert_str_eq(d->got, "check_audit");
	/* The full list and the per-kind counts are in the output. */
	ck_assert_ptr_nonnull(strstr(sh->out, "\ncompared "));
}
END_TEST

/* Twelve new message queues: more differences than diagnostics. */
static int many_changes(void)
{
	struct nsc_audit *before = nsc_audit_snapshot();
	struct nsc_result res;

	if (!before)
		return step_fail(1, "snapshot");
	for (int i = 0; i < 12; i++) {
		sh->ids[i] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		if (sh->ids[i] < 0)
			return step_fail(2, "msgget");
	}
	memset(&res, 0, sizeof(res));
	nsc_audit_record(before, &res);
	hand_back(&res);
	nsc_audit_free(before);
	return 0;
}

START_TEST(test_many_changes_summarised)
{
	const struct nsc_result *r = &sh->res;
	char line[96];

	in_private_ns(many_changes);
	ck_assert_int_eq(r->status, NSC_ERROR);
	ck_assert_str_eq(r->reason, "host state changed during the run: 12 differences (sysvipcmsg)");
	ck_assert_uint_eq(r->ndiag, NSC_DIAG_MAX);
	ck_assert_str_eq(r->diag[NSC_DIAG_MAX - 1].message,
			 "... and 5 more differences (see the output)");
	/* All twelve are listed in the output. */
	for (int i = 0; i < 12; i++) {
		snprintf(line, sizeof(line), "new sysvipcmsg: id %d key 0x00000000\n", sh->ids[i]);
		ck_assert_ptr_nonnull(strstr(sh->out, line));
	}
	ck_assert_ptr_nonnull(strstr(sh->out, " sysvipcmsg 0,")); /* before */
}
END_TEST

/* /proc hidden by a tmpfs (in our mount ns) before or after the run. */
static int unreadable(void)
{
	struct nsc_audit *before;
	struct nsc_result res;

	if (sh->stage == 100 && mount("tmpfs", "/proc", "tmpfs", 0, "size=4k") < 0)
		return step_fail(1, "mount tmpfs on /proc");
	before = nsc_audit_snapshot();
	if (!before)
		return step_fail(2, "snapshot");
	sh->count = nsc_audit_count(before);
	if (sh->stage == 100) {
		if (umount("/proc") < 0)
			return step_fail(3, "umount /proc");
	} else if (mount("tmpfs", "/proc", "tmpfs", 0, "size=4k") < 0) {
		return step_fail(4, "mount tmpfs on /proc");
	}
	sh->stage = 0;
	memset(&res, 0, sizeof(res));
	nsc_audit_record(before, &res);
	hand_back(&res);
	nsc_audit_free(before);
	return 0;
}

START_TEST(test_unreadable_source)
{
	for (int when = 0; when < 2; when++) {
		memset(sh, 0, sizeof(*sh));
		sh->stage = when ? 100 : 0; /* 100: hidden before, else after */
		in_private_ns(unreadable);
		ck_assert_int_eq(sh->res.status, NSC_ERROR);
		ck_assert_int_eq(sh->res.err, ENOENT);
		ck_assert_str_eq(sh->res.reason,
				 "residue audit could not snapshot the host:"
				 " read /proc/self/mountinfo: No such file or directory");
		ck_assert_uint_eq(sh->res.ndiag, 0);
		ck_assert_int_eq(sh->out[0], '\0');
	}
}
END_TEST

static Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("audit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_null_and_bounds);
	tcase_add_test(tc, test_items);
	tcase_add_test(tc, test_unchanged_passes);
	tcase_add_test(tc, test_changes_reported);
	tcase_add_test(tc, test_many_changes_summarised);
	tcase_add_test(tc, test_unreadable_source);
	tcase_add_test(tc, test_taint_appears);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	if (!nsc_check_have_root("check_audit", "unshares namespaces"))
		return NSC_CHECK_SKIP;
	return nsc_check_run(audit_suite());
}
