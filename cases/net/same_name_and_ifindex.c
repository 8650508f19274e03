// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.same_name_and_ifindex: interface names and ifindexes are per
 * network namespace.  A veth pair with the same two names and the same
 * two explicitly requested ifindexes (1000 and 1001) is created in each
 * of two new netns; both creations succeed and both netns report those
 * names at those ifindexes.  Control: with CLONE_NEWNET withheld both
 * "namespaces" are one and the second creation fails EEXIST (sharing
 * observed).
 */
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

#define SN_IFINDEX 1000

static void sn_verify(struct nsc_ctx *ctx)
{
	static const int idx[2] = { SN_IFINDEX, SN_IFINDEX + 1 };
	struct nsc_err *err = nsc_errbuf(ctx);
	struct nsc_netns_pair p;
	struct nsc_link_info li;
	struct nsc_veth v[2];
	char names[2][NSC_IFNAMSIZ];
	const char *const name[2] = { names[0], names[1] };
	int r;

	for (int i = 0; i < 2; i++)
		snprintf(names[i], sizeof(names[i]), "nsc%dsn%c", (int)getpid(), 'a' + i);
	NSC_TRY(ctx, nsc_netns_pair_new(ctx, &p, err));
	r = nsc_veth_create_as(&v[0], p.fd[0], p.fd[0], name, idx, err);
	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", err->msg);
	NSC_TRY(ctx, r);
	r = nsc_veth_create_as(&v[1], p.fd[1], p.fd[1], name, idx, err);
	if (r < 0 && r != -EEXIST && r != -EBUSY)
		NSC_TRY(ctx, r);
	NSC_ISOLATED(ctx, r == 0, "creating %s/%s at ifindex %d/%d in the second netns: %s",
		     name[0], name[1], idx[0], idx[1], r < 0 ? strerror(-r) : "ok");
	for (int s = 0; r == 0 && s < 2; s++)
		for (int i = 0; i < 2; i++) {
			int found = NSC_TRY(ctx, nsc_link_find(p.fd[s], name[i], &li, err));

			NSC_EXPECT(ctx, found && li.ifindex == idx[i],
				   "netns %c has %s at ifindex %d (found %d, ifindex %d)", 'A' + s,
				   name[i], idx[i], found, found ? li.ifindex : 0);
		}
	nsc_netns_pair_close(&p);
}

NSC_CASE(net, same_name_and_ifindex) = {
	.summary = "the same interface names and ifindexes exist in two netns at once",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_VETH"),
	.verify = sn_verify,
	.min_kernel = "3.7",
	.anchors = NSC_ANCHORS("kselftest:net/netns-name.sh", "man:network_namespaces(7)"),
};
