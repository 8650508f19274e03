// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.nftables_private: nftables state belongs to a network namespace.
 * The sandbox, in a new netns, creates the table "inet nsc<pid>" by
 * NFNETLINK (a NFT_MSG_NEWTABLE batch; no nft binary) and lists it there;
 * verify, in the case process's disposable outer netns, dumps the tables
 * (NFT_MSG_GETTABLE) and must not find it.  Control: without CLONE_NEWNET
 * the table was created in the outer netns and is listed (sharing
 * observed).
 */
#include <stdio.h>
#include <unistd.h>

#include "nscheck.h"

struct nt_shared {
	char table[32];
};

static int nt_self(struct nsc_ctx *ctx)
{
	return (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
}

static int nt_setup(struct nsc_ctx *ctx)
{
	struct nt_shared *sh = nsc_shared_as(ctx, struct nt_shared);

	snprintf(sh->table, sizeof(sh->table), "nsc%d", (int)getpid());
	return 0;
}

static void nt_child(struct nsc_ctx *ctx)
{
	struct nt_shared *sh = nsc_shared_as(ctx, struct nt_shared);
	struct nsc_err *err = nsc_errbuf(ctx);
	int fd = nt_self(ctx), r;

	r = nsc_nft_table_add(fd, sh->table, err);
	if (r == -EPROTONOSUPPORT || r == -ENOENT || r == -EOPNOTSUPP || r == -EAFNOSUPPORT)
		nsc_skip(ctx, -r, "enable CONFIG_NF_TABLES and CONFIG_NF_TABLES_INET",
			 "nftables unavailable: %s", err->msg);
	NSC_TRY(ctx, r);
	NSC_EXPECT_EQ(ctx, NSC_TRY(ctx, nsc_nft_table_has(fd, sh->table, err)), 1,
		      "table inet %s listed in the netns that created it", sh->table);
	close(fd);
}

static void nt_verify(struct nsc_ctx *ctx)
{
	struct nt_shared *sh = nsc_shared_as(ctx, struct nt_shared);
	int fd = nt_self(ctx);

	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, nsc_nft_table_has(fd, sh->table, nsc_errbuf(ctx))), 0,
			"table inet %s, created in the new netns, listed outside", sh->table);
	close(fd);
}

NSC_CASE(net, nftables_private) = {
	.summary = "an nftables table created in a netns is not listed outside it",
	.clone_flags = CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	.outer_flags = CLONE_NEWNET,
	.kconfigs = NSC_KCONFIGS("CONFIG_NF_TABLES", "CONFIG_NF_TABLES_INET"),
	.setup = nt_setup,
	.child = nt_child,
	.verify = nt_verify,
	.min_kernel = "3.13",
	.anchors = NSC_ANCHORS("other:kselftest net/netfilter (per-netns, no isolation assertion)",
			       "man:nft(8)", "man:network_namespaces(7)"),
};
