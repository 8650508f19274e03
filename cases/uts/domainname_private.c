// SPDX-License-Identifier: GPL-2.0-only
/*
 * uts.domainname_private: an NIS domain name set inside a new UTS
 * namespace reads back inside (getdomainname and
 * /proc/sys/kernel/domainname), while the outside keeps its own.
 * Control: without CLONE_NEWUTS the name set by the child shows outside
 * (in a disposable outer UTS namespace, never the host's).
 */
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

struct dom_shared {
	char before[65]; /* outside domain name before the child ran */
	char set[65];	 /* what the child set */
};

static void read_proc_domain(struct nsc_ctx *ctx, char *buf, size_t len)
{
	FILE *f = fopen("/proc/sys/kernel/domainname", "re");

	if (!f) {
		nsc_skip_if_restricted(ctx, NSC_OP_READ, errno, "/proc/sys/kernel/domainname");
		nsc_error(ctx, errno, "open /proc/sys/kernel/domainname");
	}
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

static int setup(struct nsc_ctx *ctx)
{
	struct dom_shared *sh = nsc_shared_as(ctx, struct dom_shared);

	NSC_SAFE(ctx, getdomainname(sh->before, sizeof(sh->before)));
	snprintf(sh->set, sizeof(sh->set), "nsc-%d-dom", (int)getpid());
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct dom_shared *sh = nsc_shared_as(ctx, struct dom_shared);
	char now[65] = "", proc[80];

	NSC_SAFE_OP(ctx, NSC_OP_SETDOMAINNAME, NULL, setdomainname(sh->set, strlen(sh->set)));
	NSC_SAFE(ctx, getdomainname(now, sizeof(now)));
	NSC_EXPECT_STREQ(ctx, now, sh->set, "domainname reads back inside");
	read_proc_domain(ctx, proc, sizeof(proc));
	NSC_EXPECT_STREQ(ctx, proc, sh->set, "/proc/sys/kernel/domainname inside");
}

static void verify(struct nsc_ctx *ctx)
{
	struct dom_shared *sh = nsc_shared_as(ctx, struct dom_shared);
	char now[65] = "", proc[80];

	NSC_SAFE(ctx, getdomainname(now, sizeof(now)));
	NSC_ISOLATED_STRNE(ctx, now, sh->set,
			   "domainname set inside the UTS namespace shows outside");
	read_proc_domain(ctx, proc, sizeof(proc));
	NSC_ISOLATED_STRNE(ctx, proc, sh->set,
			   "/proc/sys/kernel/domainname outside shows the inside name");
	NSC_EXPECT_STREQ(ctx, now, sh->before, "outside domainname unchanged");
}

NSC_CASE(uts, domainname_private) = {
	.summary = "domainname set inside a new UTS namespace is invisible outside",
	.clone_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:uts_namespaces(7)", "man:setdomainname(2)"),
};
