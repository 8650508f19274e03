/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nscheck.h - the only header a case includes.
 *
 * A case is a declarative descriptor plus short hooks:
 *
 *	NSC_CASE(uts, hostname_private) = {
 *		.summary = "...",
 *		.clone_flags = CLONE_NEWUTS,
 *		.child = child,
 *		.verify = verify,
 *	};
 *
 * The file must be cases/<ns>/<name>.c (test-only cases of namespace
 * "test": harness/tests/cases/<name>.c); the registry refuses others.
 *
 * Process model (see harness/runner.c, harness/sandbox.c):
 *   runner -> case process (fork, own process group, may unshare the
 *   disposable .outer_flags) -> sandbox (clone3 with .clone_flags minus
 *   the withheld flags; clone(2), or fork + unshare(2) with --via).
 *   Hooks: setup, parent and verify run in the case process, child runs
 *   in the sandbox, whatever the path: inside every namespace of the
 *   flags, PID 1 of a new PID namespace, nsc_child_pid() its pid.
 *
 * Positive control: every case with isolation checks is also run with
 * its .clone_flags withheld (inside disposable outer namespaces, so the
 * host never changes).  In that run at least one NSC_ISOLATED* check must
 * observe the sharing, else the case is ERROR "probe blind".  Withholding
 * is applied by the sandbox layer only: nsc_unshare(), nsc_netns_new()
 * and the sandbox clone drop withheld flags; cases never test for it.
 */
#ifndef NSCHECK_H
#define NSCHECK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "base.h"

struct nsc_ctx;

struct nsc_case {
	const char *id;			      /* "<ns>.<name>", set by the registry */
	const char *ns;			      /* set by the registry from NSC_CASE */
	const char *name;		      /* set by the registry from NSC_CASE */
	const char *file;		      /* set by the registry from NSC_CASE */
	const char *summary;		      /* one line: the property */
	uint64_t clone_flags;		      /* namespaces the sandbox is cloned with */
	uint64_t outer_flags;		      /* disposable namespaces for the case process */
	const char *const *kconfigs;	      /* NULL-terminated; beyond the options of the
						 * namespaces in the flags (harness/ns.c) */
	bool needs_root;		      /* SKIP "needs root" in rootless mode */
	uint64_t caps;			      /* NSC_CAP(CAP_NET_ADMIN) | ...: effective
					       * capabilities the case (and its control)
					       * needs in nscheck's user namespace; SKIP
					       * naming those missing (capsh --drop) */
	unsigned int timeout_s;		      /* 0: the run's --timeout */
	bool manual_idmap;		      /* CLONE_NEWUSER: the case writes the maps */
	const char *no_control;		      /* why the case has no positive control */
	bool hidden;			      /* test-only: never selected by --all/globs */
	const char *tags;		      /* kernel commit, CVE, spec link */
	uint64_t target_flags;		      /* target case: the target's namespaces its
						 * child joins with setns() (never user) */
	void (*plant)(struct nsc_ctx *ctx);   /* target case, control run only: make
						 * in nscheck's disposable namespaces what
						 * the probe must then see */
	const char *min_kernel;		      /* "5.6": the first release with the property */
	const char *const *anchors;	      /* NSC_ANCHORS("ltp:utsname01", "man:...") */
	unsigned int via;		      /* NSC_VIA_*: the creation paths the case
					       * may run on (0: any); SKIP naming the
					       * path it needs on another (--via) */
	bool unsafe;			      /* could harm the host if isolation were
					       * broken (writes a clock, reboot(2)):
					       * runs only with --unsafe, its control
					       * only in a user namespace of its own */
	const char *kernel_wait;	      /* the kernel wait the case sleeps in
					       * (nsc_kernel_wait_begin), e.g. "an
					       * rcu_barrier(), 20-40 ms": only such a
					       * case leaves its -j slot meanwhile */
	int (*setup)(struct nsc_ctx *ctx);    /* case process, before clone */
	void (*child)(struct nsc_ctx *ctx);   /* in the sandbox */
	void (*parent)(struct nsc_ctx *ctx);  /* case process, while child runs */
	void (*verify)(struct nsc_ctx *ctx);  /* case process, after child exit */
	void (*cleanup)(struct nsc_ctx *ctx); /* case process, always last */
};

#define NSC_KCONFIGS(...) ((const char *const[]){ __VA_ARGS__, NULL })
/*
 * What the case corresponds to elsewhere, one "kind:name" each: ltp:<test
 * as named in LTP's runtest files>, kselftest:<path under
 * tools/testing/selftests>, man:<page(section)>, rt:<runtime-tools
 * validation>, or other:<free text>.  cases/MAPPING.md is generated from
 * these.
 */
#define NSC_ANCHORS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NSC_CAP(cap) (1ULL << (cap))

/*
 * Creation paths of the sandbox (nscheck --via): clone3(2) (the default),
 * clone(2), or fork then unshare(2) in the child (which forks once more
 * when PID or time namespaces are created: they apply to children).
 */
#define NSC_VIA_CLONE3 (1u << 0)
#define NSC_VIA_CLONE (1u << 1)
#define NSC_VIA_UNSHARE (1u << 2)

/*
 * Where NSC_CASE files a descriptor: the id parts and the source file
 * come from the macro, the rest from the case's own initializer.  The
 * registry copies both into one struct nsc_case.
 */
struct nsc_case_entry {
	const char *ns;
	const char *name;
	const char *file;
	const struct nsc_case *desc;
};

/*
 * NSC_CASE(uts, hostname_private) = { .summary = ..., };
 * declares the descriptor, files a pointer to its entry in the
 * "nsc_cases" linker section and leaves the definition open for an
 * ordinary initializer.
 */
#define NSC_CASE(ns_, name_)                                                                    \
	static const struct nsc_case nsc_case_##ns_##_##name_;                                  \
	static const struct nsc_case_entry nsc_entry_##ns_##_##name_ = {                        \
		.ns = #ns_, .name = #name_, .file = __FILE__, .desc = &nsc_case_##ns_##_##name_ \
	};                                                                                      \
	static const struct nsc_case_entry *const nsc_entry_ptr_##ns_##_##name_                 \
		__attribute__((section("nsc_cases"), used, aligned(sizeof(void *)))) =          \
			&nsc_entry_##ns_##_##name_;                                             \
	static const struct nsc_case nsc_case_##ns_##_##name_

/* Check kinds. */
enum nsc_check_kind {
	NSC_CHK_ISOLATION, /* fails -> FAIL; in the control: sharing seen */
	NSC_CHK_EXPECT,	   /* fails -> FAIL, go on */
	NSC_CHK_ASSERT,	   /* fails -> FAIL, leave the hook */
};

/*
 * Where a check is written.  Every check macro files one in the
 * "nsc_checks" linker section, so the harness knows each isolation check
 * by location: in the positive control (and --self-check) every one the
 * case evaluated must fire, i.e. observe the sharing, unless it is marked
 * conditional (NSC_ISOLATED_COND) with the reason it may not.
 */
struct nsc_check_site {
	const char *file;
	int line;
	enum nsc_check_kind kind;
	const char *conditional; /* why it may not fire in the control, or NULL */
};

#define NSC__SITE(kind_, cond_)                                                                   \
	({                                                                                        \
		static const struct nsc_check_site _nsc_site                                      \
			__attribute__((section("nsc_checks"), used, aligned(sizeof(void *)))) = { \
				__FILE__, __LINE__, kind_, cond_                                  \
			};                                                                        \
		&_nsc_site;                                                                       \
	})

/*
 * Record one check.  Returns @ok.  May not return: an ASSERT that fails
 * leaves (the sandbox child exits; a case-process hook ends the case).
 * In the control a failing isolation check records the sharing and goes
 * on, so that every isolation check gets its chance to fire; functional
 * checks failing after that are its consequence and ignored.
 */
bool nsc_check(struct nsc_ctx *ctx, const struct nsc_check_site *site, bool ok, const char *expected,
	       const char *got, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ERROR (harness/fixture broke) with @errnum; leaves. */
void nsc_error_at(struct nsc_ctx *ctx, int errnum, const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 5, 6)));

/* ERROR with a message that already names the errno (from struct nsc_err). */
void nsc_error_msg_at(struct nsc_ctx *ctx, int errnum, const char *file, int line, const char *msg)
	__attribute__((noreturn));

/* SKIP: the host cannot host the property; @hint says how to enable it. */
void nsc_skip(struct nsc_ctx *ctx, int errnum, const char *hint, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));

/*
 * Operations a restricted host may refuse although the kernel's own
 * permission check would let nscheck do them: container runtimes deny
 * sethostname(2) by seccomp to containers without CAP_SYS_ADMIN, mask
 * paths under /proc (the kernel then refuses a new proc mount in a user
 * namespace) and mount /proc/sys read-only.
 */
enum nsc_op {
	NSC_OP_SETHOSTNAME,
	NSC_OP_SETDOMAINNAME,
	NSC_OP_MOUNT_PROC,     /* a new proc instance */
	NSC_OP_WRITE,	       /* open for writing, or write, the file @path */
	NSC_OP_READ,	       /* open for reading, or read, the file @path */
	NSC_OP_TIMENS_OFFSETS, /* write /proc/PID/timens_offsets */
};

/*
 * @op (on @path, may be NULL) failed with @errnum.  When the harness can
 * name a restriction of the host behind it, SKIP naming it (leaves);
 * else return: the caller reports the failure as it would have.
 */
void nsc_skip_if_restricted(struct nsc_ctx *ctx, enum nsc_op op, int errnum, const char *path);

/* The caller is in the initial user namespace (its uid_map maps every id to itself). */
bool nsc_userns_is_initial(void);

/* NSC_SAFE that first lets nsc_skip_if_restricted() name a restriction. */
#define NSC_SAFE_OP(ctx, op, path, expr)                                        \
	({                                                                      \
		long _r = (long)(expr);                                         \
		if (_r < 0) {                                                   \
			int _e = errno;                                         \
			nsc_skip_if_restricted(ctx, op, _e, path);              \
			nsc_error_at(ctx, _e, __FILE__, __LINE__, "%s", #expr); \
		}                                                               \
		_r;                                                             \
	})

/* End the sandbox child (flushes coverage); never returns. */
void nsc_exit(struct nsc_ctx *ctx) __attribute__((noreturn));

/* Both non-NULL and equal. */
bool nsc_streq(const char *a, const char *b);

/* Format helpers for expected/got (thread-local rotating buffers). */
const char *nsc_fmt_ll(long long v);
const char *nsc_fmt_str(const char *s);

#define NSC_ISOLATED(ctx, cond, ...) \
	nsc_check(ctx, NSC__SITE(NSC_CHK_ISOLATION, NULL), !!(cond), NULL, NULL, __VA_ARGS__)
/*
 * An isolation check that may legitimately not observe the sharing in the
 * control; @why (a string literal) says when, and is listed by
 * --self-check.  Every other isolation check must fire there.
 */
#define NSC_ISOLATED_COND(ctx, why, cond, ...) \
	nsc_check(ctx, NSC__SITE(NSC_CHK_ISOLATION, why), !!(cond), NULL, NULL, __VA_ARGS__)
#define NSC_EXPECT(ctx, cond, ...) \
	nsc_check(ctx, NSC__SITE(NSC_CHK_EXPECT, NULL), !!(cond), NULL, NULL, __VA_ARGS__)
#define NSC_ASSERT(ctx, cond, ...) \
	nsc_check(ctx, NSC__SITE(NSC_CHK_ASSERT, NULL), !!(cond), NULL, NULL, __VA_ARGS__)

#define NSC__CMP_LL(ctx, kind, got, exp, eq, ...)                                                \
	({                                                                                       \
		long long _g = (long long)(got), _e = (long long)(exp);                          \
		nsc_check(ctx, NSC__SITE(kind, NULL), (_g == _e) == (eq),                        \
			  (eq) ? nsc_fmt_ll(_e) : "anything else", nsc_fmt_ll(_g), __VA_ARGS__); \
	})
#define NSC__CMP_STR(ctx, kind, got, exp, eq, ...)                                                 \
	({                                                                                         \
		const char *_g = (got), *_e = (exp);                                               \
		bool _same = nsc_streq(_g, _e);                                                    \
		nsc_check(ctx, NSC__SITE(kind, NULL), _same == (eq),                               \
			  (eq) ? nsc_fmt_str(_e) : "anything else", nsc_fmt_str(_g), __VA_ARGS__); \
	})

/* Isolated iff got == exp (e.g. getpid() == 1 inside a PID namespace). */
#define NSC_ISOLATED_EQ(ctx, got, exp, ...) \
	NSC__CMP_LL(ctx, NSC_CHK_ISOLATION, got, exp, true, __VA_ARGS__)
/* Isolated iff got != leak (e.g. the outside still sees its own value). */
#define NSC_ISOLATED_NE(ctx, got, leak, ...) \
	NSC__CMP_LL(ctx, NSC_CHK_ISOLATION, got, leak, false, __VA_ARGS__)
#define NSC_ISOLATED_STREQ(ctx, got, exp, ...) \
	NSC__CMP_STR(ctx, NSC_CHK_ISOLATION, got, exp, true, __VA_ARGS__)
#define NSC_ISOLATED_STRNE(ctx, got, leak, ...) \
	NSC__CMP_STR(ctx, NSC_CHK_ISOLATION, got, leak, false, __VA_ARGS__)
#define NSC_EXPECT_EQ(ctx, got, exp, ...) \
	NSC__CMP_LL(ctx, NSC_CHK_EXPECT, got, exp, true, __VA_ARGS__)
#define NSC_EXPECT_STREQ(ctx, got, exp, ...) \
	NSC__CMP_STR(ctx, NSC_CHK_EXPECT, got, exp, true, __VA_ARGS__)
#define NSC_ASSERT_EQ(ctx, got, exp, ...) \
	NSC__CMP_LL(ctx, NSC_CHK_ASSERT, got, exp, true, __VA_ARGS__)

#define nsc_error(ctx, errnum, ...) nsc_error_at(ctx, errnum, __FILE__, __LINE__, __VA_ARGS__)

/*
 * @ret, a result a case will check (a helper's fork, clone or pipe, as
 * -errno): when it is the errno of an exhausted resource (EAGAIN, ENOMEM,
 * EMFILE, ENFILE: a process or file limit, never the kernel's answer to
 * the property) -> ERROR "@what" (the harness names the limit), never a
 * failed check.  Else returns @ret.
 */
#define NSC_NO_EXHAUSTION(ctx, ret, what) nsc_no_exhaustion_at(ctx, ret, __FILE__, __LINE__, what)
long nsc_no_exhaustion_at(struct nsc_ctx *ctx, long ret, const char *file, int line,
			  const char *what);

/* libc style: expr < 0 with errno set -> ERROR "expr: strerror". */
#define NSC_SAFE(ctx, expr)                                                        \
	({                                                                         \
		long _r = (long)(expr);                                            \
		if (_r < 0)                                                        \
			nsc_error_at(ctx, errno, __FILE__, __LINE__, "%s", #expr); \
		_r;                                                                \
	})
/* nscheck style: expr returns -errno and fills nsc_errbuf(ctx). */
#define NSC_TRY(ctx, expr)                                                                        \
	({                                                                                        \
		long _r = (long)(expr);                                                           \
		if (_r < 0)                                                                       \
			nsc_error_msg_at(ctx, (int)-_r, __FILE__, __LINE__,                       \
					 nsc_errbuf(ctx)->msg[0] ? nsc_errbuf(ctx)->msg : #expr); \
		_r;                                                                               \
	})

/* Scratch error buffer for fixture calls made through NSC_TRY. */
struct nsc_err *nsc_errbuf(struct nsc_ctx *ctx) __attribute__((returns_nonnull));

/*
 * Memory shared by case process and sandbox (MAP_SHARED, zeroed before
 * each run): the case's own observations travel child -> verify here.
 */
#define NSC_SHARED_SIZE 8192
void *nsc_shared(struct nsc_ctx *ctx) __attribute__((returns_nonnull));

/* nsc_shared() as a @type pointer, refusing at compile time what won't fit. */
#define nsc_shared_as(ctx, type)                                       \
	({                                                             \
		_Static_assert(sizeof(type) <= NSC_SHARED_SIZE,        \
			       #type " does not fit NSC_SHARED_SIZE"); \
		(type *)nsc_shared(ctx);                               \
	})

/*
 * Hand-over between the sandbox child and the parent hook: each side
 * wakes the other and waits for it.  nsc_sync_wait() returns 0, or
 * -EPIPE when the other side is gone.
 */
int nsc_sync_wake(struct nsc_ctx *ctx);
int nsc_sync_wait(struct nsc_ctx *ctx);

/* The sandbox as seen from the case process (parent/verify hooks). */
pid_t nsc_child_pid(struct nsc_ctx *ctx);
int nsc_child_pidfd(struct nsc_ctx *ctx);

/* nsc_fork() (base.h): fork(2) for cases and fixtures, the child dies with its parent. */

/*
 * _exit(@status) for a process a case forked, after flushing its coverage
 * counters (coverage builds; otherwise plain _exit).  In case files
 * (compiled with NSC_CASE_SOURCE) every _exit() call comes here, so no
 * forked child of a case loses its counters.
 */
void nsc_exit_status(int status) __attribute__((noreturn));

/*
 * nsc_cov_dump() (base.h) writes this process's coverage counters now,
 * for a process a case forked that ends without _exit(): one killed while
 * it blocks (nsc_park()), or one whose next call ends it (reboot(2) by a
 * member of a PID namespace kills them all).
 */

/*
 * Block until a signal ends the calling process (a forked child that
 * holds a namespace, or only has to exist, until it is killed), after
 * nsc_cov_dump(): a process killed by SIGKILL never reaches _exit().
 */
void nsc_park(void) __attribute__((noreturn));

/*
 * Around a wait that is the kernel's own and the price of the property
 * (an RCU grace period or barrier, a namespace's asynchronous teardown),
 * in the case process of a case that declares it (.kernel_wait): it
 * sleeps and computes nothing meanwhile, so it leaves its -j slot to the
 * next case until nsc_kernel_wait_end().  Nothing else changes:
 * timeouts, the verdict and the record are as without.
 */
void nsc_kernel_wait_begin(struct nsc_ctx *ctx);
void nsc_kernel_wait_end(struct nsc_ctx *ctx);

/* Flags the sandbox was really cloned with (clone_flags minus withheld). */
uint64_t nsc_sandbox_flags(struct nsc_ctx *ctx);

/*
 * unshare(2) of @flags minus the withheld ones.  The only way a case or
 * fixture may create namespaces besides the sandbox clone.
 * Returns 0 or -errno (and fills nsc_errbuf(ctx)).
 */
int nsc_unshare(struct nsc_ctx *ctx, uint64_t flags);

/*
 * Namespaces by identity (harness/ns.c reads /proc/PID/ns; cases never
 * spell those paths).  @pid 0 is the calling thread; @flag one
 * CLONE_NEW* flag.  Return -errno and fill @err on failure.
 *
 * nsc_ns_ino: inode of @pid's namespace of that type.
 * nsc_ns_children_ino: inode of the one its children get
 *   (pid_for_children, time_for_children; -EINVAL for other types).
 * nsc_ns_same: 1 when @a and @b share the namespace (st_dev and st_ino),
 *   0 when not.
 * nsc_ns_open: a read-only O_CLOEXEC fd of it (for setns).
 * nsc_ns_max_path: the /proc/sys file of the user.max_<type>_namespaces
 *   limit of @flag (it reads and sets the limit of the caller's user
 *   namespace) into @buf; -EINVAL for anything but one type.
 */
long long nsc_ns_ino(pid_t pid, uint64_t flag, struct nsc_err *err);
long long nsc_ns_children_ino(pid_t pid, uint64_t flag, struct nsc_err *err);
int nsc_ns_same(pid_t a, pid_t b, uint64_t flag, struct nsc_err *err);
int nsc_ns_open(pid_t pid, uint64_t flag, struct nsc_err *err);
int nsc_ns_max_path(uint64_t flag, char *buf, size_t len, struct nsc_err *err);

/*
 * User namespace id maps (harness/idmap.c; a case with .manual_idmap
 * writes its sandbox's itself).  nsc_idmap_write: "deny" to
 * /proc/@pid/setgroups (when @deny_setgroups), then @uid_map to uid_map
 * and @gid_map to gid_map; either map may be NULL.  nsc_idmap_root: map
 * @uid and @gid (ids of the parent user namespace) to root in the user
 * namespace of @pid: setgroups "deny", "0 <uid> 1", "0 <gid> 1".
 */
int nsc_idmap_write(pid_t pid, const char *uid_map, const char *gid_map, bool deny_setgroups,
		    struct nsc_err *err);
int nsc_idmap_root(pid_t pid, uid_t uid, gid_t gid, struct nsc_err *err);

/*
 * Numeric /proc/sys knobs (harness/sysctl.c); @path is the whole path,
 * e.g. "/proc/sys/net/ipv4/ip_default_ttl".  nsc_sysctl_get_long: the
 * first number in @path into *@val; -errno and @err filled when it cannot
 * be read (ENOENT: no such knob, or /proc/sys hidden) or is no number
 * (EINVAL, ERANGE).  nsc_sysctl_put_long: write "@val\n"; -errno (EROFS:
 * /proc/sys mounted read-only).  nsc_sysctl_long / nsc_sysctl_set_long:
 * the same for a hook; a failure SKIPs when nsc_skip_if_restricted()
 * names a restriction of the host (proc's subset=pid, a read-only or
 * masked /proc/sys), else ERRORs with its errno and @path.
 */
int nsc_sysctl_get_long(const char *path, long *val, struct nsc_err *err);
int nsc_sysctl_put_long(const char *path, long val, struct nsc_err *err);
long nsc_sysctl_long_at(struct nsc_ctx *ctx, const char *path, const char *file, int line);
void nsc_sysctl_set_long_at(struct nsc_ctx *ctx, const char *path, long val, const char *file,
			    int line);
#define nsc_sysctl_long(ctx, path) nsc_sysctl_long_at(ctx, path, __FILE__, __LINE__)
#define nsc_sysctl_set_long(ctx, path, val) \
	nsc_sysctl_set_long_at(ctx, path, val, __FILE__, __LINE__)

/* The case's descriptor and the uid/gid the case process runs as. */
const struct nsc_case *nsc_case_of(struct nsc_ctx *ctx);
uid_t nsc_outer_uid(struct nsc_ctx *ctx);
gid_t nsc_outer_gid(struct nsc_ctx *ctx);

/*
 * Target cases (cases/target/<property>.c, run only by nscheck --target
 * PID).  The case process reads the target from outside (setup, verify);
 * the child hook runs in a forked probe that joined the target's
 * .target_flags namespaces with setns() (a pidfd where the kernel takes
 * one, the /proc/PID/ns files otherwise; with CLONE_NEWPID it runs one fork
 * further, inside the target's PID namespace).  Nothing may be written
 * into those namespaces, and the target is never signalled.
 *
 * Positive control: the same case with nscheck's own case process as the
 * target, in disposable copies of the mutable namespaces of
 * .target_flags (.plant runs there first): every "is it the host's?"
 * check must then see the sharing.
 *
 * nsc_target_pid: the target (in the control: the case process).
 * nsc_target_name: "PID 1234 (sleep)" for messages.
 * nsc_target_alive: ERROR "target ... vanished" when it has exited or
 *   its PID now names another process; else returns.
 * nsc_target_file: /proc/<target>/@name read whole (at most @max bytes),
 *   then nsc_target_alive; -errno (and nsc_errbuf) when unreadable.
 * nsc_target_ns_private: the target's namespace of type @flag must differ
 *   from nscheck's own and from PID 1's (nsfs identity); an isolation
 *   check failing with @shared_reason, plus the finding "<ns>_ns".  No
 *   permission to look is SKIP with the cause.  Returns 1 when private.
 * nsc_finding: one observation for the report (key: value); the same
 *   key again replaces it.  Findings are facts, never verdicts.
 */
pid_t nsc_target_pid(struct nsc_ctx *ctx);
const char *nsc_target_name(struct nsc_ctx *ctx);
void nsc_target_alive(struct nsc_ctx *ctx);
int nsc_target_file(struct nsc_ctx *ctx, const char *name, size_t max, char **buf, size_t *len);
int nsc_target_ns_private(struct nsc_ctx *ctx, uint64_t flag, const char *shared_reason);
void nsc_finding(struct nsc_ctx *ctx, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A cgroup context of the case's own, on any host (harness/cgroup.c):
 * nsc_cgroup_enter() makes a fresh child cgroup of nscheck's own cgroup2
 * cgroup ("nscheck.<runner pid>.<case pid>") and has the sandbox start
 * in it (clone3 with CLONE_INTO_CGROUP; where that is refused, the case
 * process moves itself there before the clone), so a new cgroup
 * namespace gets it as its root, also where nscheck runs in the root
 * cgroup with no cgroup2 mounted (the init of an initramfs: the runner
 * then holds a detached cgroup2 mount).  The case process itself stays
 * where it is.  The runner removes the cgroup, with anything the case
 * made below it, when it reaps the case process (cgroup.kill on
 * stragglers), also after a crash or timeout; if the runner is killed,
 * its janitor (harness/janitor.c) removes it (as PID 1, the next run).  Call it from setup.  0, or -errno with
 * the reason in nsc_errbuf(ctx) (no cgroup2, no permission, rootless in
 * a cgroup not delegated to nscheck's user, read-only cgroup2...).
 */
struct nsc_cgroup {
	int fd;		/* O_DIRECTORY fd of the child cgroup */
	int parent_fd;	/* ... of nscheck's own cgroup, its parent */
	char name[48];	/* its directory name */
	char path[512]; /* its "0::" path as the case process's namespace shows it */
};
int nsc_cgroup_enter(struct nsc_ctx *ctx, struct nsc_cgroup *cg);

/*
 * The sandbox starts in cgroup @fd instead (a cgroup the case made below
 * its own, e.g. with nsc_cgroup_child_make(cg.fd, ...)), as above.
 */
void nsc_cgroup_sandbox(struct nsc_ctx *ctx, int fd);

/*
 * In the sandbox: true when it was cloned into its cgroup with
 * CLONE_INTO_CGROUP, false when the case process had to move there for
 * the clone (no clone3, < 5.7, seccomp) or no cgroup was asked for.
 */
bool nsc_cgroup_cloned_into(struct nsc_ctx *ctx);

/*
 * nsc_fork() whose child starts in cgroup @cgroup_fd: clone3 with
 * CLONE_INTO_CGROUP (no migration), else fork and move it there.
 */
pid_t nsc_fork_into(int cgroup_fd);

#include "fixture.h"

#ifdef NSC_CASE_SOURCE
#include <unistd.h>
#define _exit(status) nsc_exit_status(status)
#endif

#endif
