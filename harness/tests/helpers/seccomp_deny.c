// SPDX-License-Identifier: GPL-2.0-only
/*
 * seccomp_deny: run a command under a seccomp filter that denies user
 * namespaces the way container runtimes do.
 *
 *	seccomp_deny CMD [ARG...]
 *	seccomp_deny --uts CMD [ARG...]
 *	seccomp_deny --unshare CMD [ARG...]
 *	seccomp_deny --no-tmpfile CMD [ARG...]
 *
 * With --unshare only unshare(2) is denied (EPERM), whatever its flags.
 * With --uts the filter denies only sethostname(2) and setdomainname(2),
 * with EPERM, as podman's default profile does for a container without
 * CAP_SYS_ADMIN (user namespaces allowed).  With --no-tmpfile it fails
 * openat(2) with O_TMPFILE with EOPNOTSUPP, as on a file system without
 * unnamed temp files.  The rest of this comment is about the default
 * filter.
 *
 * clone(2) and unshare(2) with CLONE_NEWUSER fail with EACCES.  clone3(2)
 * fails with ENOSYS altogether: its flags live in memory, out of reach of
 * a BPF filter, so runtimes deny it and callers fall back to clone(2).
 * Raw BPF, no libseccomp.  x86_64 and aarch64 (flags are argument 0 of
 * clone there); syscalls of another ABI are allowed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NSC_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NSC_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
/* cppcheck tries every branch; this one is meant for new architectures. */
// cppcheck-suppress preprocessorErrorDirective
#error "seccomp_deny: add this architecture's AUDIT_ARCH"
#endif

#ifndef __NR_clone3
#define __NR_clone3 435
#endif

#define NSC_ARG0_LO offsetof(struct seccomp_data, args[0]) /* little endian */

static struct sock_filter filter[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NSC_AUDIT_ARCH, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 1, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_unshare, 0, 3),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NSC_ARG0_LO),
	BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static struct sock_filter filter_uts[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NSC_AUDIT_ARCH, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_sethostname, 1, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_setdomainname, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static struct sock_filter filter_unshare[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NSC_AUDIT_ARCH, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_unshare, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

#define NSC_ARG2_LO offsetof(struct seccomp_data, args[2]) /* openat flags, little endian */
#ifndef __O_TMPFILE
#define __O_TMPFILE 020000000
#endif

static struct sock_filter filter_tmpfile[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NSC_AUDIT_ARCH, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat, 0, 3),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NSC_ARG2_LO),
	BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, __O_TMPFILE, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EOPNOTSUPP),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

int main(int argc, char **argv)
{
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	if (argc > 1 && !strcmp(argv[1], "--uts")) {
		prog.len = sizeof(filter_uts) / sizeof(filter_uts[0]);
		prog.filter = filter_uts;
		argv++;
		argc--;
	} else if (argc > 1 && !strcmp(argv[1], "--unshare")) {
		prog.len = sizeof(filter_unshare) / sizeof(filter_unshare[0]);
		prog.filter = filter_unshare;
		argv++;
		argc--;
	} else if (argc > 1 && !strcmp(argv[1], "--no-tmpfile")) {
		prog.len = sizeof(filter_tmpfile) / sizeof(filter_tmpfile[0]);
		prog.filter = filter_tmpfile;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: seccomp_deny [--uts|--unshare|--no-tmpfile] CMD [ARG...]\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		fprintf(stderr, "seccomp_deny: PR_SET_NO_NEW_PRIVS: %s\n", strerror(errno));
		return 2;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		fprintf(stderr, "seccomp_deny: seccomp: %s\n", strerror(errno));
		return 2;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "seccomp_deny: exec %s: %s\n", argv[1], strerror(errno));
	return 127;
}
