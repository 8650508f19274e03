// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.release_not_namespaced: of the uname(2) fields only nodename and
 * domainname can be changed per UTS namespace.  The kernel keeps a copy
 * of sysname, release, version and machine in every UTS namespace, but
 * nothing can write them, so inside a new one uname() reports the same
 * values as outside, and /proc/sys/kernel/{ostype,osrelease,version}
 * inside agree with uname().  No control: the property is an absence of
 * isolation, which a missing namespace cannot make fail (the harness has
 * checked by identity that the sandbox's UTS namespace is new).
 */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "nscheck.h"

struct rel_shared {
	struct utsname out; /* uname() of the case process */
};

/* /proc/sys/kernel/@name, first line, into @buf. */
static void read_kernel(struct nsc_ctx *ctx, const char *name, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	f = fopen(path, "re");
	if (!f) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, errno, path);
		nsc_error(ctx, errno, "open %s", path);
	}
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static int setup(struct nsc_ctx *ctx)
{
	NSC_SAFE(ctx, uname(&nsc_shared_as(ctx, struct rel_shared)->out));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct rel_shared *sh = nsc_shared_as(ctx, struct rel_shared);
	struct utsname in;
	char buf[sizeof(in.version) + 8];

	NSC_SAFE(ctx, uname(&in));
	NSC_EXPECT_STREQ(ctx, in.sysname, sh->out.sysname, "uname sysname inside");
	NSC_EXPECT_STREQ(ctx, in.release, sh->out.release, "uname release inside");
	NSC_EXPECT_STREQ(ctx, in.version, sh->out.version, "uname version inside");
	NSC_EXPECT_STREQ(ctx, in.machine, sh->out.machine, "uname machine inside");
	read_kernel(ctx, "ostype", buf, sizeof(buf));
	NSC_EXPECT_STREQ(ctx, buf, in.sysname, "/proc/sys/kernel/ostype inside");
	read_kernel(ctx, "osrelease", buf, sizeof(buf));
	NSC_EXPECT_STREQ(ctx, buf, in.release, "/proc/sys/kernel/osrelease inside");
	read_kernel(ctx, "version", buf, sizeof(buf));
	NSC_EXPECT_STREQ(ctx, buf, in.version, "/proc/sys/kernel/version inside");
}

NSC_CASE(uts, release_not_namespaced) = {
	.summary = "uname sysname, release, version and machine are the same in a new UTS namespace",
	.clone_flags = CLONE_NEWUTS,
	.no_control = "the property is an absence of isolation: a missing UTS namespace cannot make it fail",
	.setup = setup,
	.child = child,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:uts_namespaces(7)", "man:uname(2)"),
};
