// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.uts_private: the target's UTS namespace is its own (not
 * nscheck's, not PID 1's), and the hostname and NIS domain name read
 * inside it (a probe that joined it) are reported.  Equal names in a
 * namespace of its own are a finding, not a failure: the runtime chose
 * them.  Control: nscheck's own case process as the target shares
 * nscheck's UTS namespace.
 */
#include <unistd.h>

#include "nscheck.h"

struct uts_seen {
	int own_ns;			 /* the target's UTS namespace is its own */
	char host[65], domain[65];	 /* nscheck's */
	char in_host[65], in_domain[65]; /* inside the target's */
};

static int setup(struct nsc_ctx *ctx)
{
	struct uts_seen *sh = nsc_shared_as(ctx, struct uts_seen);

	sh->own_ns =
		nsc_target_ns_private(ctx, CLONE_NEWUTS,
				      "UTS namespace is the host's: the container was started with --uts=host");
	NSC_SAFE(ctx, gethostname(sh->host, sizeof(sh->host) - 1));
	NSC_SAFE(ctx, getdomainname(sh->domain, sizeof(sh->domain) - 1));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct uts_seen *sh = nsc_shared_as(ctx, struct uts_seen);

	NSC_SAFE(ctx, gethostname(sh->in_host, sizeof(sh->in_host) - 1));
	NSC_SAFE(ctx, getdomainname(sh->in_domain, sizeof(sh->in_domain) - 1));
}

static void verify(struct nsc_ctx *ctx)
{
	struct uts_seen *sh = nsc_shared_as(ctx, struct uts_seen);

	nsc_target_alive(ctx);
	nsc_finding(ctx, "hostname", "%s", sh->in_host);
	nsc_finding(ctx, "domainname", "%s", sh->in_domain);
	if (sh->own_ns && !strcmp(sh->in_host, sh->host))
		nsc_finding(ctx, "hostname_equal",
			    "the target's hostname is nscheck's (\"%s\") in a UTS namespace of its own",
			    sh->host);
}

NSC_CASE(target, uts_private) = {
	.summary = "the target's UTS namespace is its own; its hostname and domain name reported",
	.target_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.verify = verify,
	.needs_root = true,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("man:uts_namespaces(7)", "man:setns(2)", "rt:hostname"),
};
