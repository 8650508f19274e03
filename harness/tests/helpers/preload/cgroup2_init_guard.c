// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup2_init_guard.so: an LD_PRELOAD shim that refuses (EPERM) every
 * cgroup2 mount made from the initial cgroup namespace, through mount(2)
 * or fsopen(2) (libc's syscall()).  Such a mount resets the hierarchy's
 * global options (nsdelegate, memory_recursiveprot, ...) to its own on
 * the whole host, so nscheck must never make one: under this shim its
 * cgroup cases still PASS (integration.cgroup2_flags).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define PROC_CGROUP_INIT_INO 0xEFFFFFFBU

int mount(const char *src, const char *dst, const char *type, unsigned long flags, const void *data);
long syscall(long nr, ...);

static int in_init_cgroupns(void)
{
	struct stat st;

	return stat("/proc/self/ns/cgroup", &st) == 0 && st.st_ino == PROC_CGROUP_INIT_INO;
}

int mount(const char *src, const char *dst, const char *type, unsigned long flags, const void *data)
{
	int (*next)(const char *, const char *, const char *, unsigned long, const void *) =
		(int (*)(const char *, const char *, const char *, unsigned long,
			 const void *))dlsym(RTLD_NEXT, "mount");

	if (type && !strcmp(type, "cgroup2") && in_init_cgroupns()) {
		errno = EPERM;
		return -1;
	}
	return next(src, dst, type, flags, data);
}

long syscall(long nr, ...)
{
	long (*next)(long, ...) = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	long a[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	/* NOLINTNEXTLINE(performance-no-int-to-ptr): fsopen's first argument is a string */
	if (nr == SYS_fsopen && a[0] && !strcmp((const char *)a[0], "cgroup2") && in_init_cgroupns()) {
		errno = EPERM;
		return -1;
	}
	return next(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
