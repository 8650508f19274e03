/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * statmount(2), listmount(2) (Linux 6.8) and the mount namespace nsfs
 * ioctls, spelled out here: Debian 12's headers (Linux 6.1) lack them.
 * Layouts from include/uapi/linux/mount.h and nsfs.h (Linux 6.12).
 */
#ifndef NSC_CASES_MNT_STATMOUNT_H
#define NSC_CASES_MNT_STATMOUNT_H

#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mnt.h"

/* One number on every architecture but alpha. */
#define NSC_NR_statmount 457
#define NSC_NR_listmount 458

#define NSC_STATMOUNT_MNT_BASIC 0x00000002U
#define NSC_STATMOUNT_FS_TYPE 0x00000020U
#define NSC_STATMOUNT_MNT_NS_ID 0x00000040U
#define NSC_LSMT_ROOT 0xffffffffffffffffULL
#define NSC_MNT_ID_REQ_SIZE_VER0 24
#define NSC_MNT_ID_REQ_SIZE_VER1 32 /* with mnt_ns_id, Linux 6.11 */
#define NSC_STATX_MNT_ID_UNIQUE 0x00004000U

struct nsc_mnt_id_req {
	uint32_t size;
	uint32_t spare;
	uint64_t mnt_id;
	uint64_t param;
	uint64_t mnt_ns_id;
};

struct nsc_statmount {
	uint32_t size, mnt_opts;
	uint64_t mask;
	uint32_t sb_dev_major, sb_dev_minor;
	uint64_t sb_magic;
	uint32_t sb_flags, fs_type;
	uint64_t mnt_id, mnt_parent_id;
	uint32_t mnt_id_old, mnt_parent_id_old;
	uint64_t mnt_attr, mnt_propagation, mnt_peer_group, mnt_master, propagate_from;
	uint32_t mnt_root, mnt_point;
	uint64_t mnt_ns_id;
	uint64_t spare2[49];
	char str[256]; /* fs_type and other strings */
};

struct nsc_mnt_ns_info {
	uint32_t size, nr_mounts;
	uint64_t mnt_ns_id;
};

#define NSC_NS_GET_NSTYPE _IO(0xb7, 0x3)
#define NSC_NS_MNT_GET_INFO _IOR(0xb7, 10, struct nsc_mnt_ns_info)
#define NSC_NS_MNT_GET_NEXT _IOR(0xb7, 11, struct nsc_mnt_ns_info)
#define NSC_NS_MNT_GET_PREV _IOR(0xb7, 12, struct nsc_mnt_ns_info)

/* statmount of @id in mount namespace @ns_id (0: the caller's); 0 or -errno. */
static inline int nsc_statmount(uint64_t id, uint64_t ns_id, uint64_t mask, struct nsc_statmount *sm)
{
	struct nsc_mnt_id_req req = {
		.size = ns_id ? NSC_MNT_ID_REQ_SIZE_VER1 : NSC_MNT_ID_REQ_SIZE_VER0,
		.mnt_id = id,
		.param = mask,
		.mnt_ns_id = ns_id,
	};

	memset(sm, 0, sizeof(*sm));
	if (syscall(NSC_NR_statmount, &req, sm, sizeof(*sm), 0) < 0)
		return -errno;
	return 0;
}

/* Up to @max mount ids of mount namespace @ns_id (0: the caller's); count or -errno. */
static inline int nsc_listmount(uint64_t ns_id, uint64_t *ids, size_t max)
{
	struct nsc_mnt_id_req req = {
		.size = ns_id ? NSC_MNT_ID_REQ_SIZE_VER1 : NSC_MNT_ID_REQ_SIZE_VER0,
		.mnt_id = NSC_LSMT_ROOT,
		.mnt_ns_id = ns_id,
	};
	long n = syscall(NSC_NR_listmount, &req, ids, max, 0);

	return n < 0 ? -errno : (int)n;
}

/* The unique 64-bit id of the mount @path is on (Linux 6.8); 0 or -errno. */
static inline int nsc_mnt_unique_id(const char *path, uint64_t *id)
{
	struct statx stx;

	if (statx(AT_FDCWD, path, 0, NSC_STATX_MNT_ID_UNIQUE, &stx) < 0)
		return -errno;
	if (!(stx.stx_mask & NSC_STATX_MNT_ID_UNIQUE))
		return -EOPNOTSUPP;
	*id = stx.stx_mnt_id;
	return 0;
}

/*
 * SKIP when statmount/listmount (6.8), their mount namespace id (6.11),
 * a unique mount id from statx (6.8) or NS_GET_MNTNS_ID is missing, or a
 * seccomp filter denies @call: @ret from one of the helpers above.  The
 * hint names the case's own .min_kernel (what the whole case needs).
 */
static inline void nsc_statmount_skip(struct nsc_ctx *ctx, int ret, const char *call)
{
	const char *release = nsc_case_of(ctx)->min_kernel ? nsc_case_of(ctx)->min_kernel : "6.11";
	char hint[64];

	nsc_mnt_skip_nosys(ctx, -ret, call, release);
	if (ret != -EOPNOTSUPP && ret != -ENOTTY)
		return;
	snprintf(hint, sizeof(hint), "needs Linux %s or later", release);
	if (!strcmp(call, "statx"))
		nsc_skip(ctx, -ret, hint, "statx: no unique mount id (STATX_MNT_ID_UNIQUE): %s",
			 strerror(-ret));
	nsc_skip(ctx, -ret, hint, "%s: %s", call, strerror(-ret));
}

#endif
