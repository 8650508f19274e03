// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: restrictions of the host behind a failed operation
 * (harness/restrict.c observes, nsc_probe_classify_op() decides).
 * The decision for every operation and fact that matters, from a table;
 * then the observation for real, in forked children only: a private
 * mount namespace with a path under /proc masked and /proc/sys bound
 * read-only (what container runtimes do), and a user namespace of the
 * child's own with and without a UTS namespace it owns.  The host is
 * never touched.
 */
#include <check.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "probe.h"
#include "nsc_check_main.h"
#include "nsc_check_fork.h"

#define TTL "/proc/sys/net/ipv4/ip_default_ttl"

/* Facts of a container's default security, as nscheck sees them rootless. */
#define CTR                                                                                  \
	{                                                                                    \
		.seccomp = 2, .cap_sys_admin = true, .owns_uts = true, .init_userns = false, \
		.proc_masks = 3, .proc_mask = "/proc/acpi", .rdonly = true,                  \
		.rdonly_at = "/proc/sys",                                                    \
	}

/* One row: @op fails with @err under @f; want a SKIP whose reason has @want. */
struct row {
	const char *name;
	enum nsc_op op;
	int err;
	const char *path;
	struct nsc_host_facts f;
	const char *want; /* NULL: not a restriction (stays ERROR) */
	const char *hint; /* a substring of the hint */
};

static struct row rows[] = {
	{ "seccomp sethostname", NSC_OP_SETHOSTNAME, EPERM, NULL, CTR,
	  "a seccomp filter denies sethostname() (EPERM although nscheck holds CAP_SYS_ADMIN",
	  "--cap-add SYS_ADMIN" },
	{ "seccomp setdomainname", NSC_OP_SETDOMAINNAME, EPERM, NULL, CTR,
	  "a seccomp filter denies setdomainname()", "seccomp=unconfined" },
	{ "lsm sethostname",
	  NSC_OP_SETHOSTNAME,
	  EPERM,
	  NULL,
	  { .seccomp = 0, .cap_sys_admin = true, .owns_uts = true },
	  "sethostname() is denied by an LSM policy",
	  "AppArmor" },
	{ "no capability", NSC_OP_SETHOSTNAME, EPERM, NULL, { .seccomp = 2, .owns_uts = true }, NULL, NULL },
	{ "uts not owned",
	  NSC_OP_SETHOSTNAME,
	  EPERM,
	  NULL,
	  { .seccomp = 2, .cap_sys_admin = true },
	  NULL,
	  NULL },
	{ "sethostname EINVAL", NSC_OP_SETHOSTNAME, EINVAL, NULL, CTR, NULL, NULL },
	{ "masked proc", NSC_OP_MOUNT_PROC, EPERM, "/proc", CTR,
	  "proc is masked (3 mounts over paths under /proc, e.g. /proc/acpi, as container runtimes make)",
	  "unmask=ALL" },
	{ "one mask",
	  NSC_OP_MOUNT_PROC,
	  EPERM,
	  "/proc",
	  { .proc_masks = 1, .proc_mask = "/proc/kcore" },
	  "proc is masked (1 mount over paths under /proc, e.g. /proc/kcore,",
	  "systempaths=unconfined" },
	{ "proc in the initial userns",
	  NSC_OP_MOUNT_PROC,
	  EPERM,
	  "/proc",
	  { .init_userns = true, .proc_masks = 2 },
	  NULL,
	  NULL },
	{ "proc not masked", NSC_OP_MOUNT_PROC, EPERM, "/proc", { .seccomp = 2 }, NULL, NULL },
	{ "proc EBUSY", NSC_OP_MOUNT_PROC, EBUSY, "/proc", CTR, NULL, NULL },
	{ "read-only /proc/sys", NSC_OP_WRITE, EROFS, TTL, CTR,
	  TTL " is on a read-only mount (/proc/sys): container runtimes mount /proc/sys read-only",
	  "unmask=ALL" },
	{ "read-only elsewhere",
	  NSC_OP_WRITE,
	  EROFS,
	  "/etc/x",
	  { .rdonly = true, .rdonly_at = "/" },
	  "/etc/x is on a read-only mount (/)",
	  "writable" },
	{ "EROFS but writable mount", NSC_OP_WRITE, EROFS, TTL, { .seccomp = 2 }, NULL, NULL },
	{ "EACCES on a read-only mount", NSC_OP_WRITE, EACCES, TTL, CTR, NULL, NULL },
	{ "timens_offsets without CAP_SYS_TIME",
	  NSC_OP_TIMENS_OFFSETS,
	  EPERM,
	  NULL,
	  { .cap_sys_admin = true, .init_userns = true },
	  "writing timens_offsets needs CAP_SYS_TIME, which nscheck lacks",
	  "--cap-add SYS_TIME" },
	{ "timens_offsets EPERM with CAP_SYS_TIME",
	  NSC_OP_TIMENS_OFFSETS,
	  EPERM,
	  NULL,
	  { .cap_sys_time = true },
	  NULL,
	  NULL },
	{ "timens_offsets EACCES (frozen)",
	  NSC_OP_TIMENS_OFFSETS,
	  EACCES,
	  NULL,
	  { .seccomp = 2 },
	  NULL,
	  NULL },
	{ "write without a path", NSC_OP_WRITE, EROFS, NULL, CTR, NULL, NULL },
	{ "proc subset=pid",
	  NSC_OP_READ,
	  ENOENT,
	  "/proc/sysvipc/msg",
	  { .proc_subset_pid = true },
	  "/proc is mounted with subset=pid: /proc/sysvipc/msg, which is no process directory, is hidden",
	  "without the subset=pid option" },
	{ "ENOENT on a full proc", NSC_OP_READ, ENOENT, "/proc/sysvipc/msg", CTR, NULL, NULL },
	{ "subset=pid, EACCES",
	  NSC_OP_READ,
	  EACCES,
	  "/proc/sysvipc/msg",
	  { .proc_subset_pid = true },
	  NULL,
	  NULL },
	{ "read without a path", NSC_OP_READ, ENOENT, NULL, { .proc_subset_pid = true }, NULL, NULL },
};

START_TEST(test_classify)
{
	const struct row *r = &rows[_i];
	struct nsc_probe p;
	bool got;

	memset(&p, 0, sizeof(p));
	got = nsc_probe_classify_op(&p, r->op, r->err, r->path, &r->f);
	ck_assert_msg(got == (r->want != NULL), "%s: classified %d, reason \"%s\"", r->name, got,
		      p.reason);
	if (!r->want)
		return;
	ck_assert_msg(strstr(p.reason, r->want), "%s: reason \"%s\"", r->name, p.reason);
	ck_assert_msg(strstr(p.hint, r->hint), "%s: hint \"%s\"", r->name, p.hint);
	ck_assert_int_eq(p.err, r->err);
}
END_TEST

/* ---- nsc_host_facts_read() for real, in forked children ---- */

/* What runc does: a path under /proc masked, /proc/sys bound read-only. */
static int masked(void *arg)
{
	struct nsc_host_facts *f = arg;

	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return 10;
	if (mount("/dev/null", "/proc/keys", NULL, MS_BIND, NULL) < 0)
		return 11;
	if (mount("/proc/sys", "/proc/sys", NULL, MS_BIND, NULL) < 0 ||
	    mount(NULL, "/proc/sys", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) < 0)
		return 12;
	nsc_host_facts_read(f, NSC_OP_WRITE, TTL);
	return 0;
}

START_TEST(test_facts_masked)
{
	struct nsc_host_facts *f = nsc_check_shared(sizeof(struct nsc_host_facts));

	ck_assert_int_eq(nsc_check_in_child(masked, f), 0);
	ck_assert(f->init_userns);
	ck_assert(f->cap_sys_admin);
	ck_assert(f->cap_sys_time);
	ck_assert_int_eq(f->seccomp, 0);
	ck_assert_uint_ge(f->proc_masks, 2);
	ck_assert_msg(!strcmp(f->proc_mask, "/proc/keys") || !strcmp(f->proc_mask, "/proc/sys"),
		      "first mask %s", f->proc_mask);
	ck_assert(f->rdonly);
	ck_assert_str_eq(f->rdonly_at, "/proc/sys");
	munmap(f, sizeof(*f));
}
END_TEST

START_TEST(test_facts_plain)
{
	struct nsc_host_facts f;

	/* The test's own view; nothing here masks proc's own mount. */
	nsc_host_facts_read(&f, NSC_OP_WRITE, "/proc/self/comm");
	ck_assert(f.init_userns);
	ck_assert(nsc_userns_is_initial());
	ck_assert(!f.rdonly);
	ck_assert_str_eq(f.rdonly_at, "");
	ck_assert(f.cap_sys_admin);
}
END_TEST

/* In a user namespace of our own: not initial; owns a UTS namespace only after making one. */
static int userns(void *arg)
{
	struct nsc_host_facts *f = arg;
	uid_t uid = geteuid();
	gid_t gid = getegid();
	struct nsc_host_facts before;

	if (unshare(CLONE_NEWUSER) < 0 || nsc_idmap_root(getpid(), uid, gid, NULL) < 0)
		return 10;
	nsc_host_facts_read(&before, NSC_OP_SETHOSTNAME, NULL);
	if (before.owns_uts || before.init_userns || !before.cap_sys_admin || nsc_userns_is_initial())
		return 11;
	if (unshare(CLONE_NEWUTS) < 0)
		return 12;
	nsc_host_facts_read(f, NSC_OP_SETHOSTNAME, NULL);
	return 0;
}

START_TEST(test_facts_userns)
{
	struct nsc_host_facts *f = nsc_check_shared(sizeof(struct nsc_host_facts));

	ck_assert_int_eq(nsc_check_in_child(userns, f), 0);
	ck_assert(f->owns_uts);
	ck_assert(f->cap_sys_admin);
	ck_assert(!f->init_userns);
	munmap(f, sizeof(*f));
}
END_TEST

static Suite *restrict_suite(void)
{
	Suite *s = suite_create("restrict");
	TCase *tc = tcase_create("classify");
	TCase *tf = tcase_create("facts");

	tcase_add_loop_test(tc, test_classify, 0, (int)(sizeof(rows) / sizeof(rows[0])));
	suite_add_tcase(s, tc);
	tcase_add_test(tf, test_facts_masked);
	tcase_add_test(tf, test_facts_plain);
	tcase_add_test(tf, test_facts_userns);
	suite_add_tcase(s, tf);
	return s;
}

int main(void)
{
	if (!nsc_check_have_root("check_restrict", "mount namespaces, user namespaces"))
		return NSC_CHECK_SKIP;
	return nsc_check_run(restrict_suite());
}
