// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.offsets_parse_errors: /proc/PID/timens_offsets refuses malformed
 * lines with EINVAL (no nanoseconds, negative nanoseconds, nanoseconds of
 * a whole second, CLOCK_REALTIME by name or number, an unknown clock, an
 * empty write) and offsets out of range with ERANGE (beyond 64-bit
 * nanoseconds; taking the clock below zero), and a refused write changes
 * nothing: the offsets read back are those of the last accepted write,
 * which may name the clock by number ("1 5 0" is CLOCK_MONOTONIC).
 * Measured on 6.18: trailing text after the nanoseconds is accepted (the
 * kernel's sscanf stops there), so the case does not assert on it.
 * No control: input validation, which a missing namespace cannot make
 * pass or fail.
 */
#include "timens.h"

static const struct {
	const char *text;
	int err;
} bad[] = {
	{ "monotonic 1\n", EINVAL },
	{ "monotonic 1 -1\n", EINVAL },
	{ "monotonic 1 1000000000\n", EINVAL },
	{ "realtime 1 0\n", EINVAL },
	{ "0 1 0\n", EINVAL },
	{ "tai 1 0\n", EINVAL },
	{ "", EINVAL },
	{ "monotonic 9223372036 0\n", ERANGE },
	{ "boottime -9223372036 0\n", ERANGE },
};

static void child(struct nsc_ctx *ctx)
{
	long long mono = -1, boot = -1, ns1 = -1, ns2 = -1;
	char buf[256], n1[16], n2[16];
	ssize_t n;
	int fd;

	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWTIME));
	/* The write that must work first: without CAP_SYS_TIME it SKIPs. */
	NSC_SAFE_OP(ctx, NSC_OP_TIMENS_OFFSETS, NULL, nsc_timens_write("1 5 0\nboottime 7 0\n"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		NSC_EXPECT_EQ(ctx, nsc_timens_write(bad[i].text), -bad[i].err,
			      "writing '%.*s' to timens_offsets", (int)strcspn(bad[i].text, "\n"),
			      bad[i].text);
	fd = NSC_SAFE(ctx, open("/proc/self/timens_offsets", O_RDONLY | O_CLOEXEC));
	n = NSC_SAFE(ctx, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	buf[n] = '\0';
	NSC_ASSERT_EQ(ctx,
		      sscanf(buf, "%15s %lld %lld %15s %lld %lld", n1, &mono, &ns1, n2, &boot, &ns2),
		      6, "timens_offsets reads '%s'", buf);
	NSC_EXPECT(ctx, !strcmp(n1, "monotonic") && mono == 5 && ns1 == 0,
		   "monotonic offset after refused writes: %s %lld %lld, want monotonic 5 0", n1,
		   mono, ns1);
	NSC_EXPECT(ctx, !strcmp(n2, "boottime") && boot == 7 && ns2 == 0,
		   "boottime offset after refused writes: %s %lld %lld, want boottime 7 0", n2,
		   boot, ns2);
}

NSC_CASE(time, offsets_parse_errors) = {
	.summary = "timens_offsets refuses malformed and out-of-range offsets",
	.clone_flags = CLONE_NEWTIME,
	.no_control = "input validation of timens_offsets: a missing time namespace cannot make it pass or fail",
	.child = child,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:timens01", "man:time_namespaces(7)"),
};
