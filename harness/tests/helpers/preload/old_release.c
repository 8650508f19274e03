// SPDX-License-Identifier: GPL-2.0-only
/*
 * old_release.so: an LD_PRELOAD shim whose uname(2) reports the release
 * in NSC_FAKE_RELEASE (e.g. "5.10.0"), the rest as the kernel says.  For
 * the cases whose property is a kernel release's design, not an interface
 * that can be tried (user.rlimit_nproc_per_userns: per-namespace
 * RLIMIT_NPROC since 5.14): they must SKIP naming the release on an older
 * kernel, never FAIL (integration.older_kernel).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

/* NOLINTNEXTLINE(readability-inconsistent-declaration-parameter-name): glibc's is reserved */
int uname(struct utsname *u)
{
	const char *r = getenv("NSC_FAKE_RELEASE");

	if (syscall(SYS_uname, u) < 0)
		return -1;
	if (r && *r)
		snprintf(u->release, sizeof(u->release), "%s", r);
	return 0;
}
