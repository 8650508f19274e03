// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.map_extent_limit: an id map holds at most 340 lines (since Linux
 * 4.15; 5 before) and translates correctly through all of them.  The case
 * process writes the sandbox's uid_map (.manual_idmap): 341 lines are
 * refused with EINVAL, and so are two overlapping lines; 340 lines
 * "i <2000 + 2i> 1" are accepted (lines are kept short: a map write must
 * stay under one page) and read back as 340 lines.  A memfd the case
 * process gave host uid 2600 then stats as uid 300 in the sandbox: line
 * 301, far beyond the 5 extents kept inline.  Control: without
 * CLONE_NEWUSER the sandbox is in the case process's user namespace,
 * whose map is already written: the 341-line write fails EPERM, not
 * EINVAL.  Needs root: the lines map 340 host ids, and a rootless case
 * process has one.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "user.h"

#define LINES 340
#define PROBE 300

struct extent_shared {
	int memfd;
	struct stat st; /* the memfd, seen from the sandbox */
};

static unsigned int host_id(unsigned int i)
{
	return 2000 + 2 * i;
}

/* Lines "i <host_id(i)> 1" for i in [0, n) into @buf. */
static void build_map(char *buf, size_t len, unsigned int n)
{
	size_t off = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%u %u 1\n", i, host_id(i));
}

static int write_uid_map(pid_t pid, const char *text)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
	return nsc_user_write(path, text);
}

static int setup(struct nsc_ctx *ctx)
{
	struct extent_shared *sh = nsc_shared_as(ctx, struct extent_shared);

	if (nsc_user_kernel_older(4, 15))
		nsc_skip(ctx, EINVAL, "use Linux 4.15 or later",
			 "Linux < 4.15 allows 5 lines per id map, not 340");
	nsc_user_need_uids(ctx, host_id(0), host_id(LINES) - host_id(0) + 1);
	sh->memfd = NSC_SAFE(ctx, memfd_create("nsc-extent", MFD_CLOEXEC));
	NSC_SAFE(ctx, fchown(sh->memfd, host_id(PROBE), (gid_t)-1));
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct extent_shared *sh = nsc_shared_as(ctx, struct extent_shared);

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* map written */
	NSC_SAFE(ctx, fstat(sh->memfd, &sh->st));
	NSC_EXPECT_EQ(ctx, sh->st.st_uid, PROBE, "owner of a file of host uid %u, inside",
		      host_id(PROBE));
}

static void parent(struct nsc_ctx *ctx)
{
	static struct nsc_idmap_ent e[LINES + 1];
	static char map[8192], back[16384];
	pid_t pid = nsc_child_pid(ctx);
	char overlap[64];
	int ret, n;

	build_map(map, sizeof(map), LINES + 1);
	ret = write_uid_map(pid, map);
	NSC_ISOLATED_EQ(ctx, ret, -EINVAL, "a %d-line uid_map write (%zu bytes)", LINES + 1,
			strlen(map));
	snprintf(overlap, sizeof(overlap), "0 %u 10\n5 %u 1\n", host_id(0), host_id(100));
	NSC_EXPECT_EQ(ctx, write_uid_map(pid, overlap), -EINVAL,
		      "a uid_map write with overlapping inside ranges");
	build_map(map, sizeof(map), LINES);
	NSC_EXPECT_EQ(ctx, write_uid_map(pid, map), 0, "a %d-line uid_map write", LINES);
	NSC_TRY(ctx, nsc_idmap_read(pid, "uid_map", back, sizeof(back), nsc_errbuf(ctx)));
	n = NSC_TRY(ctx, nsc_idmap_parse(back, e, LINES + 1, nsc_errbuf(ctx)));
	NSC_EXPECT_EQ(ctx, n, LINES, "lines of the uid_map read back");
	if (n == LINES)
		NSC_EXPECT(ctx, e[PROBE].inside == PROBE && e[PROBE].outside == host_id(PROBE),
			   "line %d of the uid_map read back is '%lu %lu %lu'", PROBE + 1,
			   e[PROBE].inside, e[PROBE].outside, e[PROBE].count);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(user, map_extent_limit) = {
	.summary = "an id map takes up to 340 lines and translates through all of them",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.needs_root = true,
	.caps = NSC_CAP(CAP_SETUID) | NSC_CAP(CAP_CHOWN), /* map and own other ids */
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "4.15",
	.anchors = NSC_ANCHORS("ltp:userns08", "man:user_namespaces(7)"),
};
