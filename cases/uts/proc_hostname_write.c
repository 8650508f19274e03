// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.proc_hostname_write: a hostname written to /proc/sys/kernel/hostname
 * (the sysctl path, not sethostname(2)) inside a new UTS namespace changes
 * that namespace only: uname() and gethostname() inside show it, the
 * outside keeps its name.  Control: without CLONE_NEWUTS the write shows
 * outside (in a disposable outer UTS namespace, never the host's).
 *
 * Needs root in the initial user namespace: the kernel.hostname sysctl is
 * a global file owned by its root (mode 0644, no per-namespace owner as
 * the IPC and net sysctls have), so root of a user namespace of nscheck's
 * own cannot open it for writing (EACCES; measured on 6.18).  The case
 * SKIPs outside the initial user namespace, also as root with
 * --rootless, so that every rootless mode gives one verdict.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "nscheck.h"

#define PH_PATH "/proc/sys/kernel/hostname"

struct ph_shared {
	char before[65]; /* outside name before the sandbox ran */
	char set[65];	 /* what the sandbox wrote */
};

static void ph_read(struct nsc_ctx *ctx, char *buf, size_t len)
{
	int fd = (int)NSC_SAFE(ctx, open(PH_PATH, O_RDONLY | O_CLOEXEC));
	ssize_t n = NSC_SAFE(ctx, read(fd, buf, len - 1));

	close(fd);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static int setup(struct nsc_ctx *ctx)
{
	struct ph_shared *sh = nsc_shared_as(ctx, struct ph_shared);

	if (!nsc_userns_is_initial())
		nsc_skip(ctx, EPERM, "run nscheck as root without --rootless",
			 "needs root: " PH_PATH
			 " is writable only by root of the initial user namespace, and nscheck runs in a user namespace of its own");
	if (access(PH_PATH, F_OK) < 0) { /* proc mounted subset=pid hides /proc/sys */
		nsc_skip_if_restricted(ctx, NSC_OP_READ, errno, PH_PATH);
		nsc_error(ctx, errno, "%s", PH_PATH);
	}
	NSC_SAFE(ctx, gethostname(sh->before, sizeof(sh->before)));
	snprintf(sh->set, sizeof(sh->set), "nsc-%d-sysctl", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ph_shared *sh = nsc_shared_as(ctx, struct ph_shared);
	int fd = (int)NSC_SAFE_OP(ctx, NSC_OP_WRITE, PH_PATH, open(PH_PATH, O_WRONLY | O_CLOEXEC));
	size_t len = strlen(sh->set);
	struct utsname u;
	char now[65] = "";

	NSC_ASSERT_EQ(ctx, NSC_SAFE_OP(ctx, NSC_OP_WRITE, PH_PATH, write(fd, sh->set, len)),
		      (long long)len, "bytes written to " PH_PATH);
	close(fd);
	NSC_SAFE(ctx, uname(&u));
	NSC_EXPECT_STREQ(ctx, u.nodename, sh->set, "uname nodename inside after the write");
	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_EXPECT_STREQ(ctx, now, sh->set, "gethostname inside after the write");
}

static void verify(struct nsc_ctx *ctx)
{
	struct ph_shared *sh = nsc_shared_as(ctx, struct ph_shared);
	char now[65] = "", proc[80];

	NSC_SAFE(ctx, gethostname(now, sizeof(now)));
	NSC_ISOLATED_STRNE(ctx, now, sh->set, "hostname written to " PH_PATH " inside shows outside");
	ph_read(ctx, proc, sizeof(proc));
	NSC_ISOLATED_STRNE(ctx, proc, sh->set, PH_PATH " outside shows the inside name");
	NSC_EXPECT_STREQ(ctx, now, sh->before, "outside hostname unchanged");
}

NSC_CASE(uts, proc_hostname_write) = {
	.summary = "a hostname written to /proc/sys/kernel/hostname changes only the UTS namespace",
	.clone_flags = CLONE_NEWUTS,
	.outer_flags = CLONE_NEWUTS,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSCTL"),
	.needs_root = true,
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:uts_namespaces(7)", "man:proc_sys_kernel(5)"),
};
