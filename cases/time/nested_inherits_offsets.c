// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.nested_inherits_offsets: a time namespace starts with the offsets
 * of the one it was created from (kernel/time/namespace.c clone_time_ns()
 * copies them; measured on 6.18): the sandbox gives a new namespace +10
 * days; a process in it unshares another, whose timens_offsets reads +10
 * days before any write and whose first member sees +10 days.  Offsets are
 * absolute, not added to the parent's: a third namespace created there
 * and given +20 days shows +20 days, not +30.  Each reading is bracketed by
 * the outside's CLOCK_MONOTONIC before and after (no tolerance).
 * Control: without CLONE_NEWTIME nothing is unshared or written and the
 * readings are the outside's.
 */
#include "timens.h"

#define OFF1_S 864000LL	 /* +10 days */
#define OFF2_S 1728000LL /* +20 days */

struct nested_shared {
	long long t0, t1;
	long long inherited; /* a member of the nested namespace, no write */
	long long written;   /* a member of the one given +20 days there */
	long long read_off;  /* the nested namespace's timens_offsets, s */
};

static void member_inherited(struct nsc_ctx *ctx)
{
	nsc_shared_as(ctx, struct nested_shared)->inherited = nsc_timens_now(CLOCK_MONOTONIC);
}

static void member_written(struct nsc_ctx *ctx)
{
	nsc_shared_as(ctx, struct nested_shared)->written = nsc_timens_now(CLOCK_MONOTONIC);
}

/* In the +10 days namespace. */
static void middle(struct nsc_ctx *ctx)
{
	struct nested_shared *sh = nsc_shared_as(ctx, struct nested_shared);
	char buf[128], name[16], offsets[64];
	long long s = 0, ns = 0;
	int fd;

	nsc_timens_fresh(ctx, NULL);
	fd = NSC_SAFE(ctx, open("/proc/self/timens_offsets", O_RDONLY | O_CLOEXEC));
	buf[NSC_SAFE(ctx, read(fd, buf, sizeof(buf) - 1))] = '\0';
	close(fd);
	if (sscanf(buf, "%15s %lld %lld", name, &s, &ns) == 3 && !strcmp(name, "monotonic"))
		sh->read_off = s;
	nsc_timens_in_child(ctx, member_inherited);
	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\n", OFF2_S);
	nsc_timens_fresh(ctx, offsets);
	nsc_timens_in_child(ctx, member_written);
}

static void child(struct nsc_ctx *ctx)
{
	struct nested_shared *sh = nsc_shared_as(ctx, struct nested_shared);
	const long long off1 = OFF1_S * 1000000000LL, off2 = OFF2_S * 1000000000LL;
	char offsets[64];

	snprintf(offsets, sizeof(offsets), "monotonic %lld 0\n", OFF1_S);
	nsc_timens_fresh(ctx, offsets);
	sh->t0 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	nsc_timens_in_child(ctx, middle);
	sh->t1 = NSC_SAFE(ctx, nsc_timens_now(CLOCK_MONOTONIC));
	NSC_ISOLATED(ctx, sh->inherited >= sh->t0 + off1 && sh->inherited <= sh->t1 + off1,
		     "a member of a time namespace created inside a +%lld s one reads %+lld ns from the outside, want the inherited +%lld s",
		     OFF1_S, sh->inherited - sh->t0, OFF1_S);
	NSC_ISOLATED(ctx, sh->written >= sh->t0 + off2 && sh->written <= sh->t1 + off2,
		     "a member of a nested time namespace given +%lld s reads %+lld ns from the outside, want +%lld s (absolute, not added)",
		     OFF2_S, sh->written - sh->t0, OFF2_S);
	NSC_EXPECT_EQ(ctx, sh->read_off, OFF1_S,
		      "monotonic offset a nested time namespace reads before any write");
}

NSC_CASE(time, nested_inherits_offsets) = {
	.summary = "a nested time namespace starts with its parent's offsets; offsets are absolute",
	.clone_flags = CLONE_NEWTIME,
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("man:time_namespaces(7)",
			       "other:kernel/time/namespace.c clone_time_ns()"),
};
