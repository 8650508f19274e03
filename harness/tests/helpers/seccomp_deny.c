// SPDX-License-Identifier: GPL-2.0-only
/*
 * seccomp_deny: run a command under a seccomp filter that denies user
 * namespaces the way container runtimes do.
 *
 *	seccomp_deny CMD [ARG...]
 *	seccomp_deny --uts CMD [ARG...]
 *	seccomp_deny --unshare CMD [ARG...]
 *	seccomp_deny --no-tmpfile CMD [ARG...]
 *	seccomp_deny --kernel-6.6 CMD [ARG...]
 *
 * With --unshare only unshare(2) is denied (EPERM), whatever its flags.
 * With --uts the filter denies only sethostname(2) and setdomainname(2),
 * with EPERM, as podman's default profile does for a container without
 * CAP_SYS_ADMIN (user namespaces allowed).  With --no-tmpfile it fails
 * openat(2) with O_TMPFILE with EOPNOTSUPP, as on a file system without
 * unnamed temp files.  With --kernel-6.6 the calls that Linux 6.6 (an LTS
 * kernel) lacks answer as there: statmount(2), listmount(2), listns(2)
 * fail with ENOSYS, the nsfs ioctls after NS_GET_MNTNS_ID (nr 6 to 13:
 * PID translation, mount namespace iteration, NS_GET_ID) and every pidfd
 * ioctl (PIDFD_GET_*_NAMESPACE, PIDFD_GET_INFO) with ENOTTY,
 * fanotify_init(FAN_REPORT_MNT) with EINVAL and name_to_handle_at(2)
 * with EOPNOTSUPP (nsfs had no file handles; nothing else nscheck runs
 * asks for one).  NS_GET_MNTNS_ID (6.11) still answers: since 6.18 mount
 * namespace ids come in per-CPU batches, no longer in creation order as
 * on 6.6, and a case without the ids relies on that order
 * (mnt.nsfs_bind_loop_refused FAILed with it denied).  The rest of this comment is about the default filter.
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

#ifndef __NR_name_to_handle_at
#define __NR_name_to_handle_at 303
#endif
#define NSC_NR_statmount 457 /* every architecture's table */
#define NSC_NR_listmount 458
#define NSC_NR_listns 470
#define NSC_FAN_REPORT_MNT 0x00004000
#define NSC_ARG0 offsetof(struct seccomp_data, args[0]) /* little endian */
#define NSC_ARG1 offsetof(struct seccomp_data, args[1])
#define NSC_NSIO 0xb7
#define NSC_PIDFS 0xFF
#define NSC_OLD_IOCTLS (8 + 11) /* nsfs nr 6..13, pidfs nr 1..11 */

static struct sock_filter filter_old[20 + NSC_OLD_IOCTLS + 2];

/* --kernel-6.6: see the head comment.  Returns the filter's length. */
static unsigned short old_kernel_filter(void)
{
	struct sock_filter *f = filter_old;
	unsigned int i, n = 0;
	const unsigned int enosys[] = { NSC_NR_statmount, NSC_NR_listmount, NSC_NR_listns };

	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					      offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NSC_AUDIT_ARCH, 1, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					      offsetof(struct seccomp_data, nr));
	for (i = 0; i < sizeof(enosys) / sizeof(enosys[0]); i++) {
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, enosys[i], 0, 1);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
	}
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_name_to_handle_at, 0,
					      1);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EOPNOTSUPP);
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fanotify_init, 0, 4);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NSC_ARG0);
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NSC_FAN_REPORT_MNT, 0, 1);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	/* ioctl: compare type and nr (the low 16 bits), whatever the size. */
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_ioctl, 0,
					      NSC_OLD_IOCTLS + 2);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, NSC_ARG1);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xffff);
	for (i = 0; i < NSC_OLD_IOCTLS; i++) {
		unsigned int cmd = i < 8 ? (NSC_NSIO << 8) | (6 + i) : (NSC_PIDFS << 8) | (i - 7);

		/* To the ENOTTY return after the list's ALLOW. */
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, cmd,
						      (unsigned char)(NSC_OLD_IOCTLS - i), 0);
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOTTY);
	return (unsigned short)n;
}

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
	} else if (argc > 1 && !strcmp(argv[1], "--kernel-6.6")) {
		prog.len = old_kernel_filter();
		prog.filter = filter_old;
		argv++;
		argc--;
	} else if (argc > 1 && !strcmp(argv[1], "--no-tmpfile")) {
		prog.len = sizeof(filter_tmpfile) / sizeof(filter_tmpfile[0]);
		prog.filter = filter_tmpfile;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr,
			"usage: seccomp_deny [--uts|--unshare|--no-tmpfile|--kernel-6.6] CMD [ARG...]\n");
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
