/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The time offset cases share one body, parameterised by clock: the
 * sandbox (itself in a fresh time namespace, offsets 0) unshares another
 * time namespace, writes an offset for @clk to /proc/self/timens_offsets
 * and forks a grandchild, which enters the new namespace and reads @clk.
 * Isolated iff that reading lies exactly in [t0 + off, t1 + off], where
 * t0/t1 are the sandbox's own readings just before the fork and after the
 * grandchild's exit: no timing tolerance.  The unsharing process's own
 * clock does not move (it lies between the case process's readings before
 * and after the sandbox).  Control: without CLONE_NEWTIME nothing is
 * unshared, no offset is written (time_for_children equals time) and the
 * grandchild's reading lies in [t0, t1].
 */
#ifndef NSC_CASES_TIME_TIMENS_H
#define NSC_CASES_TIME_TIMENS_H

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nscheck.h"

#define NSC_TIMENS_OFFSET_S 864000LL /* ten days */

struct nsc_timens_shared {
	long long outer_before; /* case process, before the sandbox */
	long long t0, t1;	/* sandbox, around the grandchild */
	long long inner;	/* grandchild, inside the new time namespace */
	int inner_ok;
};

/*
 * SKIP unless the running kernel is Linux @major.@minor or later: for a
 * behaviour whose absence looks just like a broken namespace, so that
 * trying cannot tell them apart.
 */
static inline void nsc_timens_need(struct nsc_ctx *ctx, int major, int minor, const char *what)
{
	struct utsname u;
	int ma, mi;

	if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return;
	if (ma < major || (ma == major && mi < minor))
		nsc_skip(ctx, 0, "use a newer kernel", "%s needs Linux >= %d.%d (this is %s)", what,
			 major, minor, u.release);
}

/* A time in ns as a struct timespec, and back. */
static inline struct timespec nsc_timens_ts(long long ns)
{
	return (struct timespec){ .tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL };
}

static inline long long nsc_timens_ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static inline long long nsc_timens_now(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts) < 0)
		return -1;
	return nsc_timens_ns(&ts);
}

/* The clocks a time namespace offsets: CLOCK_MONOTONIC, CLOCK_BOOTTIME. */
#define NSC_TIMENS_NCLOCKS 2

struct nsc_timens_clock {
	clockid_t clk;
	const char *name;
};

static inline const struct nsc_timens_clock *nsc_timens_clock(size_t i)
{
	static const struct nsc_timens_clock clocks[NSC_TIMENS_NCLOCKS] = {
		{ CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
		{ CLOCK_BOOTTIME, "CLOCK_BOOTTIME" },
	};

	return &clocks[i];
}

/* Inode of our time namespace (@children: the one children get), or -errno. */
static inline long long nsc_timens_ino(bool children, struct nsc_err *err)
{
	return children ? nsc_ns_children_ino(0, CLONE_NEWTIME, err) :
			  nsc_ns_ino(0, CLONE_NEWTIME, err);
}

static inline int nsc_timens_write_offset(const char *clkname, long long sec)
{
	char buf[64];
	FILE *f = fopen("/proc/self/timens_offsets", "we");
	int ret = 0;

	if (!f)
		return -errno;
	snprintf(buf, sizeof(buf), "%s %lld 0\n", clkname, sec);
	if (fputs(buf, f) < 0 || fflush(f) != 0)
		ret = -errno;
	if (fclose(f) != 0 && !ret)
		ret = -errno;
	return ret;
}

/* Write @text as it is to /proc/self/timens_offsets (one write): 0 or -errno. */
static inline int nsc_timens_write(const char *text)
{
	int fd = open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC), ret = 0;
	size_t len = strlen(text);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	close(fd);
	return ret;
}

/*
 * In the sandbox: unshare a time namespace for our children and, when
 * one was created (not in the control, where the flag is withheld), give
 * it @offsets ("monotonic S 0\nboottime S 0\n"; NULL: keep those it
 * inherited).  Returns true when a namespace was created.  Without CAP_SYS_TIME: SKIP naming it.
 */
static inline bool nsc_timens_fresh(struct nsc_ctx *ctx, const char *offsets)
{
	int ret;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	if (NSC_TRY(ctx, nsc_timens_ino(true, nsc_errbuf(ctx))) ==
	    NSC_TRY(ctx, nsc_timens_ino(false, nsc_errbuf(ctx))))
		return false;
	if (!offsets)
		return true; /* the offsets it inherited */
	ret = nsc_timens_write(offsets);
	if (ret < 0) {
		nsc_skip_if_restricted(ctx, NSC_OP_TIMENS_OFFSETS, -ret, NULL);
		nsc_error(ctx, -ret, "write offsets to /proc/self/timens_offsets");
	}
	return true;
}

/*
 * Run @fn in a child (forked: it enters our time namespace for children)
 * and wait for it; the child's checks are recorded like ours.
 */
static inline void nsc_timens_in_child(struct nsc_ctx *ctx, void (*fn)(struct nsc_ctx *ctx))
{
	int status;
	pid_t pid = NSC_SAFE(ctx, nsc_fork());

	if (pid == 0) {
		fn(ctx);
		nsc_exit(ctx);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		nsc_error(ctx, 0, "the child in the new time namespace ended with status 0x%x",
			  status);
}

/*
 * The sandbox's part of the absolute-deadline cases: a time namespace
 * for our children with NSC_TIMENS_OFFSET_S on both clocks (none in the
 * control), each clock read here, outside it, into @t0[i] (ns, in the
 * order of nsc_timens_clock()), then @fn in a child inside it.
 */
static inline void nsc_timens_run_ahead(struct nsc_ctx *ctx, long long t0[NSC_TIMENS_NCLOCKS],
					void (*fn)(struct nsc_ctx *ctx))
{
	char offsets[64];

	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\nboottime %lld 0\n",
		 NSC_TIMENS_OFFSET_S, NSC_TIMENS_OFFSET_S);
	nsc_timens_fresh(ctx, offsets);
	for (size_t i = 0; i < NSC_TIMENS_NCLOCKS; i++)
		t0[i] = NSC_SAFE(ctx, nsc_timens_now(nsc_timens_clock(i)->clk));
	nsc_timens_in_child(ctx, fn);
}

static inline void nsc_timens_guard_handler(int sig)
{
	(void)sig;
}

/*
 * A guard for a call that must not block: SIGALRM every 0.5 ms (no
 * SA_RESTART), so that a call that blocks although its deadline is past
 * returns EINTR within 0.5 ms instead of hanging the case.  A call whose
 * deadline is past returns before the guard matters.  In a child only:
 * the guard stays armed until it exits.
 */
static inline void nsc_timens_guard(struct nsc_ctx *ctx)
{
	struct sigaction sa = { .sa_handler = nsc_timens_guard_handler };
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM };
	struct itimerspec its = { .it_value = { 0, 500000 }, .it_interval = { 0, 500000 } };
	sigset_t alrm;
	timer_t t;

	sigemptyset(&sa.sa_mask);
	NSC_SAFE(ctx, sigaction(SIGALRM, &sa, NULL));
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	NSC_SAFE(ctx, sigprocmask(SIG_UNBLOCK, &alrm, NULL));
	NSC_SAFE(ctx, timer_create(CLOCK_MONOTONIC, &sev, &t));
	NSC_SAFE(ctx, timer_settime(t, 0, &its, NULL));
}

static inline void nsc_timens_setup(struct nsc_ctx *ctx, clockid_t clk)
{
	struct nsc_timens_shared *sh = nsc_shared_as(ctx, struct nsc_timens_shared);

	sh->outer_before = NSC_SAFE(ctx, nsc_timens_now(clk));
}

static inline void nsc_timens_child(struct nsc_ctx *ctx, clockid_t clk, const char *clkname)
{
	struct nsc_timens_shared *sh = nsc_shared_as(ctx, struct nsc_timens_shared);
	const long long off = NSC_TIMENS_OFFSET_S * 1000000000LL;
	int status, ret;
	pid_t pid;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	/* Offsets can only be written before a process enters. */
	if (NSC_TRY(ctx, nsc_timens_ino(true, nsc_errbuf(ctx))) !=
	    NSC_TRY(ctx, nsc_timens_ino(false, nsc_errbuf(ctx)))) {
		ret = nsc_timens_write_offset(clkname, NSC_TIMENS_OFFSET_S);
		if (ret < 0) {
			nsc_skip_if_restricted(ctx, NSC_OP_TIMENS_OFFSETS, -ret, NULL);
			nsc_error(ctx, -ret, "write '%s %lld 0' to /proc/self/timens_offsets",
				  clkname, NSC_TIMENS_OFFSET_S);
		}
	}
	sh->t0 = NSC_SAFE(ctx, nsc_timens_now(clk));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->inner = nsc_timens_now(clk);
		sh->inner_ok = sh->inner >= 0;
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	sh->t1 = NSC_SAFE(ctx, nsc_timens_now(clk));
	if (!sh->inner_ok)
		nsc_error(ctx, 0, "the grandchild could not read the %s clock", clkname);
	NSC_ISOLATED(ctx, sh->inner >= sh->t0 + off && sh->inner <= sh->t1 + off,
		     "%s clock in the new time namespace reads %+lld ns from the outside, want %+lld s",
		     clkname, sh->inner - sh->t0, NSC_TIMENS_OFFSET_S);
}

static inline void nsc_timens_verify(struct nsc_ctx *ctx, clockid_t clk, const char *clkname)
{
	struct nsc_timens_shared *sh = nsc_shared_as(ctx, struct nsc_timens_shared);
	long long after = NSC_SAFE(ctx, nsc_timens_now(clk));

	NSC_EXPECT(ctx, sh->t0 >= sh->outer_before && sh->t1 <= after,
		   "the unsharing process's own %s clock moved (%lld..%lld not within %lld..%lld)",
		   clkname, sh->t0, sh->t1, sh->outer_before, after);
}

#define NSC_TIMENS_HOOKS(cname, clk, clkname)           \
	static int cname##_setup(struct nsc_ctx *ctx)   \
	{                                               \
		nsc_timens_setup(ctx, clk);             \
		return 0;                               \
	}                                               \
	static void cname##_child(struct nsc_ctx *ctx)  \
	{                                               \
		nsc_timens_child(ctx, clk, clkname);    \
	}                                               \
	static void cname##_verify(struct nsc_ctx *ctx) \
	{                                               \
		nsc_timens_verify(ctx, clk, clkname);   \
	}

#endif
