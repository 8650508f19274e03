/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Propagation between two mount namespaces, both nscheck's own: the case
 * process (a disposable outer mount namespace, made rprivate by the
 * harness) mounts a tmpfs and marks it MS_SHARED; the sandbox (a new
 * mount namespace) inherits a copy, optionally changes its propagation
 * type, and then each side mounts a further tmpfs under it, the sandbox
 * first.  Each side records what it sees of the other's later mount and
 * the propagation fields of the copy in its mountinfo.  A case's setup
 * names the type (nsc_prop_setup), its .child and .parent are
 * nsc_prop_child and nsc_prop_parent; its verify decides what must have
 * propagated.
 */
#ifndef NSC_CASES_MNT_PROP_H
#define NSC_CASES_MNT_PROP_H

#include <unistd.h>

#include "mnt.h"

struct nsc_prop {
	unsigned long inner_type; /* MS_PRIVATE, MS_SLAVE, ... applied inside; 0: none */
	char target[64];	  /* the shared tmpfs, made by the case process */
	char src[64], src_in[64], src_out[64];
	int in_seen_outside;		  /* the sandbox's mount, from the case process */
	int out_seen_inside;		  /* the case process's mount, from the sandbox */
	struct nsc_mnt_info outer, inner; /* the shared tmpfs on each side */
};

static inline int nsc_prop_setup(struct nsc_ctx *ctx, struct nsc_prop *p, unsigned long type)
{
	char dir[128];

	p->inner_type = type;
	nsc_mnt_make_target(ctx, p->target, sizeof(p->target));
	nsc_mnt_source(p->src, sizeof(p->src), "prop");
	nsc_mnt_source(p->src_in, sizeof(p->src_in), "prop-in");
	nsc_mnt_source(p->src_out, sizeof(p->src_out), "prop-out");
	NSC_SAFE(ctx, nsc_mnt_tmpfs(p->src, p->target, 0));
	NSC_SAFE(ctx, nsc_mnt_subdir(dir, sizeof(dir), p->target, "in"));
	NSC_SAFE(ctx, nsc_mnt_subdir(dir, sizeof(dir), p->target, "out"));
	NSC_SAFE(ctx, mount(NULL, p->target, NULL, MS_SHARED, NULL));
	return 0;
}

/*
 * The .child hook of every propagation case: in the sandbox, change the
 * copy's type, mount "in", let the case process mount "out".
 */
static inline void nsc_prop_child(struct nsc_ctx *ctx)
{
	struct nsc_prop *p = nsc_shared_as(ctx, struct nsc_prop);
	char dir[128];

	if (p->inner_type)
		NSC_SAFE(ctx, mount(NULL, p->target, NULL, p->inner_type, NULL));
	NSC_ASSERT_EQ(ctx, NSC_SAFE(ctx, nsc_mnt_lookup(NULL, p->src, &p->inner)), 1,
		      "the shared tmpfs %s is in the sandbox's mount table", p->src);
	snprintf(dir, sizeof(dir), "%s/in", p->target);
	NSC_SAFE(ctx, nsc_mnt_tmpfs(p->src_in, dir, 0));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* "out" is mounted */
	p->out_seen_inside = NSC_SAFE(ctx, nsc_mnt_lookup(NULL, p->src_out, NULL));
}

/* The .parent hook: the case process's side of nsc_prop_child(). */
static inline void nsc_prop_parent(struct nsc_ctx *ctx)
{
	struct nsc_prop *p = nsc_shared_as(ctx, struct nsc_prop);
	char dir[128];

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* "in" is mounted */
	p->in_seen_outside = NSC_SAFE(ctx, nsc_mnt_lookup(NULL, p->src_in, NULL));
	snprintf(dir, sizeof(dir), "%s/out", p->target);
	NSC_SAFE(ctx, nsc_mnt_tmpfs(p->src_out, dir, 0));
	NSC_SAFE(ctx, nsc_mnt_lookup(NULL, p->src, &p->outer));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

#endif
