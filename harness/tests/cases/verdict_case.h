/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the test-only verdict cases (the other files of harness/tests/cases/): each
 * drives one verdict path of nscheck end to end, through the real binary
 * (harness/tests/integration/verdicts.sh).  The real isolation check they
 * build on: a sandbox cloned with CLONE_NEWUTS is in another UTS namespace
 * than the case process (its control, without the flag, sees the same).
 */
#ifndef NSC_TEST_VERDICT_CASE_H
#define NSC_TEST_VERDICT_CASE_H

#include <stdio.h>
#include <sys/stat.h>

#include "nscheck.h"

struct tc_shared {
	long long uts, ipc; /* the case process's namespace inodes */
};

static inline long long tc_ns_ino(const char *name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	if (stat(path, &st) < 0)
		return -errno;
	return (long long)st.st_ino;
}

/* True in the positive control and in --self-check (flags withheld). */
static inline bool tc_withheld(struct nsc_ctx *ctx)
{
	return nsc_sandbox_flags(ctx) != nsc_case_of(ctx)->clone_flags;
}

static inline int tc_setup(struct nsc_ctx *ctx)
{
	struct tc_shared *sh = nsc_shared_as(ctx, struct tc_shared);

	sh->uts = NSC_SAFE(ctx, tc_ns_ino("uts"));
	sh->ipc = NSC_SAFE(ctx, tc_ns_ino("ipc"));
	return 0;
}

/* The real isolation check: passes with CLONE_NEWUTS, fires without. */
static inline void tc_uts_isolated(struct nsc_ctx *ctx)
{
	struct tc_shared *sh = nsc_shared_as(ctx, struct tc_shared);

	NSC_ISOLATED_NE(ctx, NSC_SAFE(ctx, tc_ns_ino("uts")), sh->uts,
			"the sandbox shares the case process's UTS namespace");
}

/* An isolation check that really fails: CLONE_NEWUTS leaves IPC shared. */
static inline void tc_ipc_shared(struct nsc_ctx *ctx)
{
	struct tc_shared *sh = nsc_shared_as(ctx, struct tc_shared);

	NSC_ISOLATED_NE(ctx, NSC_SAFE(ctx, tc_ns_ino("ipc")), sh->ipc,
			"the sandbox shares the case process's IPC namespace");
}

#endif
