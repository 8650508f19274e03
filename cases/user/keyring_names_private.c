// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.keyring_names_private: keyring names are looked up per user
 * namespace (Linux 5.3).  The sandbox joins a session keyring by a name of
 * its own (KEYCTL_JOIN_SESSION_KEYRING creates it) and lets its uid
 * search it, so that a join by name could find it.  A helper of the
 * sandbox that starts an anonymous session and joins the name gets the
 * same keyring back; the case process, joining the same name from the
 * parent user namespace while the sandbox still holds it, gets a new
 * keyring.  The parent is the case process's disposable user namespace
 * (.outer_flags): no keyring name is ever added in the host's.  Control:
 * without CLONE_NEWUSER both joins happen in one namespace and return the
 * same serial.  Where keyctl(2) is refused (a container's seccomp
 * profile) or the kernel lacks CONFIG_KEYS, it SKIPs.
 */
#include <linux/keyctl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "user.h"

/* Possessor: everything; user: view, read, search, link. */
#define KR_PERM (0x3f000000 | 0x00010000 | 0x00020000 | 0x00080000 | 0x00100000)

struct kr_shared {
	char name[48];
	long serial; /* the sandbox's keyring */
	long again;  /* a helper of the sandbox joining the name */
};

static long join(const char *name)
{
	long r = syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, name, 0, 0, 0);

	return r < 0 ? -errno : r;
}

static int setup(struct nsc_ctx *ctx)
{
	struct kr_shared *sh = nsc_shared_as(ctx, struct kr_shared);

	nsc_user_map_outer(ctx);
	snprintf(sh->name, sizeof(sh->name), "nsc-%d-keyring", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct kr_shared *sh = nsc_shared_as(ctx, struct kr_shared);
	int status;
	pid_t pid;

	sh->serial = join(sh->name);
	if (sh->serial == -ENOSYS || sh->serial == -EPERM || sh->serial == -EACCES)
		nsc_skip(ctx, (int)-sh->serial,
			 "build the kernel with CONFIG_KEYS and allow keyctl(2) (seccomp profile)",
			 "keyctl(KEYCTL_JOIN_SESSION_KEYRING) is refused (%ld)", sh->serial);
	NSC_SAFE(ctx, sh->serial);
	NSC_SAFE(ctx, syscall(SYS_keyctl, KEYCTL_SETPERM, sh->serial, KR_PERM, 0, 0));
	pid = NSC_SAFE(ctx, nsc_fork());
	if (pid == 0) {
		sh->again = join(NULL) < 0 ? -1 : join(sh->name);
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	NSC_EXPECT_EQ(ctx, sh->again, sh->serial, "joining the name again in the same namespace");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* keep the keyring until the parent joined */
}

static void parent(struct nsc_ctx *ctx)
{
	struct kr_shared *sh = nsc_shared_as(ctx, struct kr_shared);
	long serial;

	if (nsc_sync_wait(ctx) < 0)
		return; /* the sandbox left (SKIP or ERROR recorded there) */
	serial = join(sh->name);
	NSC_SAFE(ctx, serial);
	NSC_ISOLATED_NE(ctx, serial, sh->serial,
			"serial of the keyring the parent namespace joins by the sandbox's name");
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, keyring_names_private) = {
	.summary = "a keyring joined by name in one user namespace is not found from another",
	.clone_flags = CLONE_NEWUSER,
	.outer_flags = CLONE_NEWUSER,
	.kconfigs = NSC_KCONFIGS("CONFIG_KEYS"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "5.3",
	.anchors = NSC_ANCHORS("man:keyrings(7)", "man:keyctl(2)"),
};
