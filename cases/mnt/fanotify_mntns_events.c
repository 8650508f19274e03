// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnt.fanotify_mntns_events: a fanotify group with FAN_REPORT_MNT and a
 * FAN_MARK_MNTNS mark (Linux 6.15) on a mount namespace reports
 * FAN_MNT_ATTACH for mounts attached in that namespace only: the case
 * process marks the sandbox's namespace; a tmpfs the sandbox mounts is
 * reported (with the mount's unique id), one the case process then
 * mounts in its own namespace is not.  Control: without CLONE_NEWNS the
 * case process's mount is in the marked (disposable) namespace and is
 * reported.  One group only, closed by the case process's exit: closing
 * a group with a mark waits for an SRCU grace period, 7-20 ms here.  Older kernels, or fanotify without
 * FAN_REPORT_MNT, SKIP naming what is missing.
 */
#include <sys/fanotify.h>
#include <unistd.h>

#include "statmount.h"

#ifndef FAN_REPORT_MNT
#define FAN_REPORT_MNT 0x00004000
#endif
#ifndef FAN_MARK_MNTNS
#define FAN_MARK_MNTNS 0x00000110
#endif
#ifndef FAN_MNT_ATTACH
#define FAN_MNT_ATTACH 0x01000000ULL
#define FAN_MNT_DETACH 0x02000000ULL
#endif
#define NSC_FAN_EVENT_INFO_TYPE_MNT 7

struct fan_shared {
	char target[64], dir_in[128], dir_out[128], src_in[64], src_out[64];
	uint64_t in_id;
};

static int setup(struct nsc_ctx *ctx)
{
	struct fan_shared *sh = nsc_shared_as(ctx, struct fan_shared);
	uint64_t id;

	nsc_statmount_skip(ctx, nsc_mnt_unique_id("/", &id), "statx");
	nsc_mnt_make_target(ctx, sh->target, sizeof(sh->target));
	nsc_mnt_source(sh->src_in, sizeof(sh->src_in), "fan-in");
	nsc_mnt_source(sh->src_out, sizeof(sh->src_out), "fan-out");
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->dir_in, sizeof(sh->dir_in), sh->target, "in"));
	NSC_SAFE(ctx, nsc_mnt_subdir(sh->dir_out, sizeof(sh->dir_out), sh->target, "out"));
	return 0;
}

/* A group watching mount attach/detach in @pid's mount namespace (0: ours). */
static int fan_group(struct nsc_ctx *ctx, pid_t pid)
{
	int fd = fanotify_init(FAN_REPORT_MNT | FAN_CLOEXEC | FAN_NONBLOCK, 0), ns;

	if (fd < 0)
		nsc_mnt_skip_nosys(ctx, errno, "fanotify_init", "6.15");
	if (fd < 0 && errno == EINVAL)
		nsc_skip(ctx, errno, "needs Linux 6.15 or later with CONFIG_FANOTIFY",
			 "fanotify_init(FAN_REPORT_MNT): %s", strerror(errno));
	if (fd < 0 && errno == EPERM && nsc_mnt_seccomp_filtered())
		nsc_skip(ctx, errno, "allow fanotify_init in the seccomp profile, or run without it",
			 "a seccomp filter denies fanotify_init() (EPERM, FAN_REPORT_MNT)");
	if (fd < 0 && errno == EPERM)
		nsc_skip(ctx, errno, "run nscheck as root",
			 "fanotify_init(FAN_REPORT_MNT) needs CAP_SYS_ADMIN here");
	NSC_SAFE(ctx, fd);
	ns = NSC_TRY(ctx, nsc_ns_open(pid, CLONE_NEWNS, nsc_errbuf(ctx)));
	if (fanotify_mark(fd, FAN_MARK_ADD | FAN_MARK_MNTNS, FAN_MNT_ATTACH | FAN_MNT_DETACH, ns,
			  NULL) < 0)
		nsc_error(ctx, errno, "fanotify_mark(FAN_MARK_MNTNS) of PID %d's", (int)pid);
	close(ns);
	return fd;
}

/* Attach events pending on @fd: how many, and whether one named @id. */
static int attached(struct nsc_ctx *ctx, int fd, uint64_t id, bool *seen)
{
	char buf[4096] __attribute__((aligned(8)));
	ssize_t len = read(fd, buf, sizeof(buf));
	int n = 0;

	if (len < 0 && errno == EAGAIN)
		return 0;
	NSC_SAFE(ctx, len);
	for (struct fanotify_event_metadata *m = (void *)buf; FAN_EVENT_OK(m, len);
	     m = FAN_EVENT_NEXT(m, len)) {
		if (!(m->mask & FAN_MNT_ATTACH))
			continue;
		n++;
		for (size_t off = m->metadata_len; off + 16 <= m->event_len;) {
			struct fanotify_event_info_header *h = (void *)((char *)m + off);
			uint64_t mnt;

			if (h->len < sizeof(*h))
				break;
			memcpy(&mnt, (char *)h + 8, sizeof(mnt));
			if (h->info_type == NSC_FAN_EVENT_INFO_TYPE_MNT && h->len == 16 && mnt == id)
				*seen = true;
			off += h->len;
		}
	}
	return n;
}

static void child(struct nsc_ctx *ctx)
{
	struct fan_shared *sh = nsc_shared_as(ctx, struct fan_shared);

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* both groups watch */
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_in, sh->dir_in, 0));
	NSC_SAFE(ctx, nsc_mnt_unique_id(sh->dir_in, &sh->in_id) < 0 ? -1 : 0);
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the case process read its events */
}

static void parent(struct nsc_ctx *ctx)
{
	struct fan_shared *sh = nsc_shared_as(ctx, struct fan_shared);
	uint64_t out_id = 0;
	bool seen = false;
	int fd, n;

	/*
	 * One group: closing one costs an SRCU grace period (7-20 ms here),
	 * paid in our exit, while the runner already starts the next case.
	 */
	fd = fan_group(ctx, nsc_child_pid(ctx));
	NSC_TRY(ctx, nsc_sync_wake(ctx));
	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* the sandbox mounted */
	n = attached(ctx, fd, sh->in_id, &seen);
	NSC_EXPECT(ctx, n >= 1 && seen,
		   "the sandbox's mount is reported (%d attach event(s), its id %s)", n,
		   seen ? "among them" : "missing");
	NSC_SAFE(ctx, nsc_mnt_tmpfs(sh->src_out, sh->dir_out, 0));
	NSC_SAFE(ctx, nsc_mnt_unique_id(sh->dir_out, &out_id) < 0 ? -1 : 0);
	seen = false;
	n = attached(ctx, fd, out_id, &seen);
	NSC_ISOLATED(ctx, n == 0,
		     "a mount in the case process's namespace is reported to the sandbox's mark (%d attach(es)%s)",
		     n, seen ? ", its id" : "");
	/* fd stays open: it closes with our exit, after the record is written. */
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

NSC_CASE(mnt, fanotify_mntns_events) = {
	.summary = "fanotify mount namespace marks report the marked namespace's mounts only",
	.clone_flags = CLONE_NEWNS,
	.outer_flags = CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_FANOTIFY", "CONFIG_TMPFS"),
	.setup = setup,
	.child = child,
	.parent = parent,
	.min_kernel = "6.15",
	.anchors = NSC_ANCHORS("kselftest:filesystems/mount-notify/mount-notify_test.c",
			       "kselftest:filesystems/mount-notify/mount-notify_test_ns.c",
			       "man:fanotify_mark(2)"),
};
