// SPDX-License-Identifier: GPL-2.0-only
/*
 * nsfs.listns_scoped: listns(2) (Linux 6.19) lists only the active
 * namespaces the caller may see: those it is in, those owned by a user
 * namespace where it holds CAP_SYS_ADMIN, and user namespaces where it
 * does (kernel/nstree.c do_listns).  The sandbox, in a new user namespace
 * with a new UTS namespace, lists UTS namespaces: its own is there (by
 * NS_GET_ID), the case process's (disposable) UTS namespace, owned by the
 * parent user namespace, is not (isolation check).  With
 * LISTNS_CURRENT_USER (the namespaces its user namespace owns) its own UTS
 * namespace is listed too, and a flags argument other than 0 is EINVAL.
 * Control: without the flags the case process's UTS namespace is the
 * sandbox's own and is listed.  Without listns() (ENOSYS) the case SKIPs.
 * Written against the 6.19 UAPI (struct ns_id_req, syscall 470); this
 * host's 6.18 lacks the call, the kernel matrix's 7.x has it.
 */
#include "nsfs.h"

#ifndef SYS_listns
#define SYS_listns 470 /* every architecture's table */
#endif
#define NSC_LISTNS_CURRENT_USER UINT64_MAX

struct nsc_ns_id_req { /* include/uapi/linux/nsfs.h, NS_ID_REQ_SIZE_VER0 */
	uint32_t size;
	uint32_t spare;
	uint64_t ns_id;
	uint32_t ns_type;
	uint32_t spare2;
	uint64_t user_ns_id;
};
_Static_assert(sizeof(struct nsc_ns_id_req) == 32, "NS_ID_REQ_SIZE_VER0");

#define LS_MAX 512

static uint64_t nsc_ls_outer; /* NS_GET_ID of the case process's UTS namespace */

static uint64_t ls_id(int fd)
{
	uint64_t id = 0;

	return ioctl(fd, NS_GET_ID, &id) < 0 ? 0 : id;
}

/* listns(@type, @user_ns_id) into @ids; the count or -errno. */
static long ls_list(uint32_t type, uint64_t user_ns_id, unsigned int flags, uint64_t *ids)
{
	struct nsc_ns_id_req req = { .size = sizeof(req), .ns_type = type, .user_ns_id = user_ns_id };
	long n = syscall(SYS_listns, &req, ids, (size_t)LS_MAX, flags);

	return n < 0 ? -errno : n;
}

static bool ls_has(const uint64_t *ids, long n, uint64_t id)
{
	for (long i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static int setup(struct nsc_ctx *ctx)
{
	int fd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	uint64_t id = 0;

	if (ioctl(fd, NS_GET_ID, &id) < 0)
		nsc_skip(ctx, errno, "Linux >= 6.19", "no NS_GET_ID, so no listns() (%s)",
			 strerror(errno));
	close(fd);
	nsc_ls_outer = id;
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	uint64_t ids[LS_MAX], own;
	int fd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWUTS, nsc_errbuf(ctx)));
	long n;

	own = ls_id(fd);
	close(fd);
	n = ls_list(CLONE_NEWUTS, 0, 0, ids);
	if (n == -ENOSYS)
		nsc_skip(ctx, ENOSYS, "Linux >= 6.19",
			 "listns() gives ENOSYS (an older kernel, or a seccomp filter)");
	n = NSC_SAFE(ctx, n < 0 ? (errno = (int)-n, -1) : n);
	NSC_EXPECT(ctx, own && ls_has(ids, n, own),
		   "listns(UTS) lists the caller's own UTS namespace (id %llu, %ld listed)",
		   (unsigned long long)own, n);
	NSC_ISOLATED(ctx, !ls_has(ids, n, nsc_ls_outer),
		     "listns(UTS) from a child user namespace lists the parent's UTS namespace "
		     "(id %llu)",
		     (unsigned long long)nsc_ls_outer);
	n = ls_list(CLONE_NEWUTS, NSC_LISTNS_CURRENT_USER, 0, ids);
	NSC_EXPECT(ctx, n >= 0 && ls_has(ids, n, own),
		   "listns(UTS, LISTNS_CURRENT_USER) lists the caller's own UTS namespace (%ld)", n);
	NSC_EXPECT_EQ(ctx, ls_list(CLONE_NEWUTS, 0, 1, ids), -EINVAL, "listns() with flags 1");
}

NSC_CASE(nsfs, listns_scoped) = {
	.summary = "listns() lists only the namespaces the caller may see",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWUTS,
	.outer_flags = CLONE_NEWUTS,
	.setup = setup,
	.child = child,
	.min_kernel = "6.19",
	.anchors = NSC_ANCHORS("kselftest:namespaces/listns_permissions_test.c",
			       "kselftest:namespaces/listns_test.c", "man:listns(2)"),
};
