// SPDX-License-Identifier: GPL-2.0-only
/*
 * ns_strip.so: an LD_PRELOAD shim that makes namespace creation silently
 * not happen, to prove that nscheck checks every namespace it asked for
 * by identity (issue 10.4): clone3(2) and clone(2) through syscall(3),
 * and unshare(2), succeed with their CLONE_NEW* flags removed.
 *
 *	LD_PRELOAD=.../ns_strip.so nscheck --all    (run it inside namespaces
 *	of a test's own: nscheck then believes it has private ones)
 *
 * NSC_STRIP_FLAGS=0x... limits the flags removed (default: all eight).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <linux/sched.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define NS_ALL                                                                                     \
	(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWUSER | \
	 CLONE_NEWCGROUP | CLONE_NEWTIME)

static uint64_t strip_flags(void)
{
	const char *s = getenv("NSC_STRIP_FLAGS");

	return s ? strtoull(s, NULL, 0) & NS_ALL : NS_ALL;
}

/* NOLINTNEXTLINE(readability-inconsistent-declaration-parameter-name): glibc says __sysno */
long syscall(long nr, ...)
{
	static long (*real)(long, ...);
	struct clone_args args;
	long a[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	if (nr == SYS_clone3 && a[0] && (size_t)a[1] >= sizeof(uint64_t)) {
		size_t n = (size_t)a[1] < sizeof(args) ? (size_t)a[1] : sizeof(args);

		memset(&args, 0, sizeof(args));
		/* NOLINTNEXTLINE(performance-no-int-to-ptr): a pointer passed as long */
		memcpy(&args, (const void *)a[0], n);
		args.flags &= ~strip_flags();
		return real(nr, (long)&args, (long)n, a[2], a[3], a[4], a[5]);
	}
	/* clone(2): CLONE_NEWTIME's bit is CSIGNAL there, never strip it. */
	if (nr == SYS_clone)
		a[0] &= ~(long)(strip_flags() & ~(uint64_t)CLONE_NEWTIME);
	if (nr == SYS_unshare)
		a[0] &= ~(long)strip_flags();
	return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int unshare(int flags)
{
	return (int)syscall(SYS_unshare, (long)(flags & ~(int)strip_flags()));
}
