/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The three SysV IPC cases share one body, parameterised by object kind:
 * an object created in the case process's (disposable) IPC namespace is
 * invisible in the sandbox's new IPC namespace (lookup by key fails,
 * /proc/sysvipc lists nothing), and an object created inside is gone
 * outside.  Control: without CLONE_NEWIPC the sandbox finds the outer
 * object by its key.
 */
#ifndef NSC_CASES_IPC_SYSV_H
#define NSC_CASES_IPC_SYSV_H

#include <stdio.h>

#include "nscheck.h"

struct nsc_sysv_shared {
	key_t outer_key;
	key_t inner_key;
};

static inline void nsc_sysv_setup(struct nsc_ctx *ctx, enum nsc_sysv_kind kind)
{
	struct nsc_sysv_shared *sh = nsc_shared_as(ctx, struct nsc_sysv_shared);

	sh->outer_key = nsc_sysv_key();
	sh->inner_key = nsc_sysv_key();
	NSC_TRY(ctx, nsc_sysv_create(kind, sh->outer_key, nsc_errbuf(ctx)));
	NSC_EXPECT(ctx, nsc_sysv_lookup(kind, sh->outer_key, NULL) >= 0,
		   "the %s object is visible where it was created", nsc_sysv_name(kind));
}

static inline void nsc_sysv_child(struct nsc_ctx *ctx, enum nsc_sysv_kind kind)
{
	struct nsc_sysv_shared *sh = nsc_shared_as(ctx, struct nsc_sysv_shared);
	int id = nsc_sysv_lookup(kind, sh->outer_key, NULL), n;
	char path[64];

	NSC_ISOLATED(ctx, id == -ENOENT, "outer sysv %s key 0x%x is visible inside (lookup gave %d)",
		     nsc_sysv_name(kind), (unsigned int)sh->outer_key, id);
	n = nsc_sysv_count(kind, nsc_errbuf(ctx));
	if (n < 0) { /* /proc mounted with subset=pid hides /proc/sysvipc */
		snprintf(path, sizeof(path), "/proc/sysvipc/%s", nsc_sysv_name(kind));
		nsc_skip_if_restricted(ctx, NSC_OP_READ, -n, path);
	}
	NSC_ISOLATED_EQ(ctx, NSC_TRY(ctx, n), 0,
			"/proc/sysvipc/%s inside a new IPC namespace lists objects",
			nsc_sysv_name(kind));
	NSC_TRY(ctx, nsc_sysv_create(kind, sh->inner_key, nsc_errbuf(ctx)));
}

static inline void nsc_sysv_verify(struct nsc_ctx *ctx, enum nsc_sysv_kind kind)
{
	struct nsc_sysv_shared *sh = nsc_shared_as(ctx, struct nsc_sysv_shared);
	int id = nsc_sysv_lookup(kind, sh->inner_key, NULL);

	NSC_ISOLATED(ctx, id == -ENOENT, "sysv %s created inside is visible outside (id %d)",
		     nsc_sysv_name(kind), id);
}

#define NSC_SYSV_HOOKS(kname, kind)                     \
	static int kname##_setup(struct nsc_ctx *ctx)   \
	{                                               \
		nsc_sysv_setup(ctx, kind);              \
		return 0;                               \
	}                                               \
	static void kname##_child(struct nsc_ctx *ctx)  \
	{                                               \
		nsc_sysv_child(ctx, kind);              \
	}                                               \
	static void kname##_verify(struct nsc_ctx *ctx) \
	{                                               \
		nsc_sysv_verify(ctx, kind);             \
	}

#endif
