// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup2_init_guard.so: an LD_PRELOAD shim that refuses (EPERM) every
 * cgroup2 mount made from the initial cgroup namespace, through mount(2)
 * or fsopen(2) (libc's syscall()).  Such a mount resets the hierarchy's
 * global options (nsdelegate, memory_recursiveprot, ...) to its own on
 * the whole host, so nscheck must never make one: under this shim its
 * cgroup cases still PASS and it attempts none, which the shim notes in
 * $CGROUP2_GUARD_LOG (integration.cgroup2_flags).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROC_CGROUP_INIT_INO 0xEFFFFFFBU

int mount(const char *src, const char *dst, const char *type, unsigned long flags, const void *data);

/*
 * Note each refused attempt in the file $CGROUP2_GUARD_LOG (when set):
 * a refusal alone may go unnoticed (a case that falls back quietly), the
 * attempt is the bug.
 */
static void note_refused(const char *how)
{
	const char *log = getenv("CGROUP2_GUARD_LOG");
	int fd;

	if (!log)
		return;
	fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (write(fd, how, strlen(how)) < 0) {
		/* nothing more to do: the refusal still stands */
	}
	close(fd);
}

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
		note_refused("mount(2) of cgroup2 in the initial cgroup namespace\n");
		errno = EPERM;
		return -1;
	}
	return next(src, dst, type, flags, data);
}

long syscall(long sysno, ...)
{
	long (*next)(long, ...) = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	long a[6];
	va_list ap;

	va_start(ap, sysno);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	/* NOLINTNEXTLINE(performance-no-int-to-ptr): fsopen's first argument is a string */
	if (sysno == SYS_fsopen && a[0] && !strcmp((const char *)a[0], "cgroup2") &&
	    in_init_cgroupns()) {
		note_refused("fsopen(2) of cgroup2 in the initial cgroup namespace\n");
		errno = EPERM;
		return -1;
	}
	return next(sysno, a[0], a[1], a[2], a[3], a[4], a[5]);
}
