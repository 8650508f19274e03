// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.create_requires_cap: creating a UTS namespace needs CAP_SYS_ADMIN
 * over the caller's user namespace, unless the same call also creates a
 * user namespace (which is made first and then owns the new UTS
 * namespace).  A probe forked in the sandbox drops every capability
 * (capset: effective, permitted and inheritable empty); its
 * unshare(CLONE_NEWUTS) fails EPERM, while unshare(CLONE_NEWUSER |
 * CLONE_NEWUTS) succeeds and the new UTS namespace is a new one (checked
 * by identity).  No control: a privilege rule, not an isolation; the
 * CLONE_NEWUSER arm is its functional counterpart.  A host that refuses
 * user namespaces (sysctl, LSM) SKIPs naming it.
 */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

struct cap_shared {
	int drop_err;	  /* errno of capset, 0 if it worked */
	int plain;	  /* unshare(CLONE_NEWUTS): 0 or -errno */
	int with_user;	  /* unshare(CLONE_NEWUSER | CLONE_NEWUTS): 0 or -errno */
	long long before; /* UTS namespace inode before */
	long long after;  /* after the CLONE_NEWUSER arm */
};

static int drop_all_caps(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	return syscall(SYS_capset, &h, d) < 0 ? errno : 0;
}

/* In a forked probe without capabilities: @flags, then report. */
static int probe(struct nsc_ctx *ctx, uint64_t flags)
{
	struct cap_shared *sh = nsc_shared_as(ctx, struct cap_shared);
	int status, ret = 0;
	pid_t pid = NSC_SAFE(ctx, nsc_fork());

	if (pid == 0) {
		sh->drop_err = drop_all_caps();
		if (!sh->drop_err)
			ret = nsc_unshare(ctx, flags);
		if (flags & CLONE_NEWUSER) {
			sh->with_user = ret;
			sh->after = nsc_ns_ino(0, CLONE_NEWUTS, NULL);
		} else {
			sh->plain = ret;
		}
		_exit(0);
	}
	NSC_SAFE(ctx, waitpid(pid, &status, 0));
	if (sh->drop_err)
		nsc_error(ctx, sh->drop_err, "capset: drop every capability in the probe");
	return (flags & CLONE_NEWUSER) ? sh->with_user : sh->plain;
}

static void child(struct nsc_ctx *ctx)
{
	struct cap_shared *sh = nsc_shared_as(ctx, struct cap_shared);
	int ret;

	sh->before = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	/* First the arm that must work: a host refusing user namespaces SKIPs. */
	ret = probe(ctx, CLONE_NEWUSER | CLONE_NEWUTS);
	if (ret < 0)
		nsc_error(ctx, -ret, "unshare(CLONE_NEWUSER|CLONE_NEWUTS) without capabilities");
	NSC_EXPECT(ctx, sh->after > 0 && sh->after != sh->before,
		   "UTS namespace after unshare(CLONE_NEWUSER|CLONE_NEWUTS) is a new one (inode %lld, before %lld)",
		   sh->after, sh->before);
	ret = probe(ctx, CLONE_NEWUTS);
	NSC_EXPECT_EQ(ctx, ret, -EPERM, "unshare(CLONE_NEWUTS) without CAP_SYS_ADMIN");
}

NSC_CASE(uts, create_requires_cap) = {
	.summary = "creating a UTS namespace needs CAP_SYS_ADMIN unless with a new user namespace",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "a privilege rule, not an isolation: the CLONE_NEWUSER arm is its functional counterpart",
	.child = child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:utsname04_clone", "ltp:utsname04_unshare", "man:unshare(2)",
			       "man:clone(2)"),
};
