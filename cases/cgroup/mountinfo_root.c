// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup.mountinfo_root: seen from inside a new cgroup namespace, the
 * root field of an existing cgroup mount in /proc/self/mountinfo is
 * shown relative to the namespace's root (e.g. "/../.." for a hierarchy
 * mounted at its root while the creator sits two levels down); asserted
 * per mount against the path computed from the case process's
 * /proc/self/cgroup.  Control: without CLONE_NEWCGROUP the sandbox sees
 * the outside root field.  The case process first enters a cgroup of its
 * own (cgroupns.h) and, where no cgroup2 is mounted (an initramfs), mounts
 * one first in a private mount namespace and a cgroup namespace of the
 * case process (never in the initial cgroup namespace: see
 * cgm_mount_v2), so the case is informative anywhere
 * nscheck may make a cgroup.  SKIPs when still no
 * mounted hierarchy has the case process outside the mount's root (the
 * control would be blind).
 */
#include <stdlib.h>
#include <sys/mount.h>

#include "cgroupns.h"

#define NSC_CGM_MAX 16
#define NSC_CGM_PATH 240 /* 16 mounts must fit NSC_SHARED_SIZE */

struct cgm_mount {
	int id;
	char outside[NSC_CGM_PATH]; /* root field seen by the case process */
	char expect[NSC_CGM_PATH];  /* root field expected inside */
};

struct cgm_shared {
	int n;
	struct cgm_mount m[NSC_CGM_MAX];
};

/* Does every comma-separated item of @ctrl appear among @super's options? */
static bool cgm_ctrl_match(const char *ctrl, const char *super)
{
	char c[128], s[520], *save, *tok;

	snprintf(c, sizeof(c), "%s", ctrl);
	if (!c[0])
		return false;
	for (tok = strtok_r(c, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char needle[140];

		snprintf(s, sizeof(s), ",%s,", super);
		snprintf(needle, sizeof(needle), ",%s,", tok);
		if (!strstr(s, needle))
			return false;
	}
	return true;
}

/* Path of @root relative to @from, as kernfs prints it ("/", "/../x"). */
static void cgm_relpath(const char *from, const char *root, char *out, size_t len)
{
	const char *f = from, *r = root;
	size_t o = 0;

	/* Skip the common leading components. */
	for (;;) {
		size_t fl, rl;

		while (*f == '/')
			f++;
		while (*r == '/')
			r++;
		fl = strcspn(f, "/");
		rl = strcspn(r, "/");
		if (!fl || fl != rl || strncmp(f, r, fl))
			break;
		f += fl;
		r += rl;
	}
	out[0] = '\0';
	while (*f) {
		size_t fl = strcspn(f, "/");

		if (fl)
			o += (size_t)snprintf(out + o, o < len ? len - o : 0, "/..");
		f += fl;
		while (*f == '/')
			f++;
	}
	if (*r)
		o += (size_t)snprintf(out + o, o < len ? len - o : 0, "/%s", r);
	if (!o)
		snprintf(out, len, "/");
}

/* Is some cgroup2 hierarchy mounted here? */
static bool cgm_v2_visible(struct nsc_ctx *ctx)
{
	struct nsc_mounts mi;
	bool v2 = false;

	NSC_TRY(ctx, nsc_mountinfo_read(NULL, &mi, nsc_errbuf(ctx)));
	for (size_t k = 0; k < mi.n; k++)
		v2 |= !strcmp(mi.m[k].fstype, "cgroup2");
	nsc_mountinfo_free(&mi);
	return v2;
}

/*
 * None mounted (an initramfs): mount cgroup2 in the case's private mount
 * namespace, over the first directory there is (nothing outside sees it),
 * and from a cgroup namespace of the case process's own, rooted where it
 * is: a cgroup2 mount made in the initial cgroup namespace would reset
 * the hierarchy's global options (nsdelegate, ...) to none, for the
 * whole machine (before this, the cgroup.nsdelegate_* cases that ran
 * after this one in a guest found nsdelegate gone).  A raw unshare: the
 * control must not withhold it.  Paths the case process reads from now
 * on (its /proc/self/cgroup, mountinfo root fields) are relative to that
 * root alike.
 */
static void cgm_mount_v2(struct nsc_ctx *ctx)
{
	static const char *const dirs[] = { "/sys/fs/cgroup", "/sys", "/mnt", "/tmp", "/run", "/dev" };
	long long before;

	/* Only then a mount namespace: its teardown costs an RCU grace period. */
	if (nsc_unshare(ctx, CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return;
	before = nsc_ns_ino(0, CLONE_NEWCGROUP, nsc_errbuf(ctx));
	/* Proven by identity: an unshare that lied (a shim) -> no mount. */
	if (before < 0 || unshare(CLONE_NEWCGROUP) < 0 ||
	    nsc_ns_ino(0, CLONE_NEWCGROUP, nsc_errbuf(ctx)) == before)
		return;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (mount("cgroup2", dirs[i], "cgroup2", 0, NULL) == 0)
			return;
}

static int setup(struct nsc_ctx *ctx)
{
	struct cgm_shared *sh = nsc_shared_as(ctx, struct cgm_shared);
	struct nsc_cg_line l[NSC_CG_MAX] = { 0 };
	struct nsc_cgroup cg;
	int n, informative = 0;
	bool own;
	struct nsc_mounts mi;

	if (!cgm_v2_visible(ctx))
		cgm_mount_v2(ctx);
	own = nsc_cg_own(ctx, &cg, false);
	n = NSC_SAFE(ctx, nsc_cg_read(l, NSC_CG_MAX));
	/* The sandbox starts in the case's cgroup: its cgroup2 root. */
	for (int i = 0; own && i < n; i++)
		if (l[i].hier == 0)
			snprintf(l[i].path, sizeof(l[i].path), "%s", cg.path);
	NSC_TRY(ctx, nsc_mountinfo_read(NULL, &mi, nsc_errbuf(ctx)));
	for (size_t k = 0; k < mi.n && sh->n < NSC_CGM_MAX; k++) {
		const struct nsc_mount *ml = &mi.m[k];
		struct cgm_mount *m = &sh->m[sh->n];
		bool v2 = !strcmp(ml->fstype, "cgroup2");

		if (!v2 && strcmp(ml->fstype, "cgroup"))
			continue;
		for (int i = 0; i < n; i++) {
			if (v2 ? l[i].hier != 0 : !cgm_ctrl_match(l[i].ctrl, ml->super))
				continue;
			m->id = ml->id;
			snprintf(m->outside, sizeof(m->outside), "%s", ml->root);
			cgm_relpath(l[i].path, ml->root, m->expect, sizeof(m->expect));
			informative += strcmp(m->expect, m->outside) != 0;
			sh->n++;
			break;
		}
	}
	nsc_mountinfo_free(&mi);
	if (!informative)
		nsc_skip(ctx, 0, NSC_CG_SKIP_HINT,
			 "no mounted cgroup hierarchy has nscheck below the mount's root (%d cgroup mounts matched): the control would be blind",
			 sh->n);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct cgm_shared *sh = nsc_shared_as(ctx, struct cgm_shared);
	struct nsc_mounts mi;
	int seen = 0;

	NSC_TRY(ctx, nsc_mountinfo_read(NULL, &mi, nsc_errbuf(ctx)));
	for (size_t k = 0; k < mi.n; k++) {
		const struct nsc_mount *ml = &mi.m[k];

		for (int i = 0; i < sh->n; i++) {
			const struct cgm_mount *m = &sh->m[i];

			if (m->id != ml->id)
				continue;
			seen++;
			if (strcmp(m->expect, m->outside))
				NSC_ISOLATED_STREQ(ctx, ml->root, m->expect,
						   "root of cgroup mount %d inside a new cgroup namespace (outside: %s)",
						   m->id, m->outside);
			else
				NSC_EXPECT_STREQ(ctx, ml->root, m->expect,
						 "root of cgroup mount %d that contains the namespace root",
						 m->id);
		}
	}
	nsc_mountinfo_free(&mi);
	NSC_EXPECT_EQ(ctx, seen, sh->n, "cgroup mounts found again inside");
}

NSC_CASE(cgroup, mountinfo_root) = {
	.summary = "mountinfo shows cgroup mount roots relative to the cgroup namespace root",
	.clone_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:cgroup_namespaces(7)"),
};
