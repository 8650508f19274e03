// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.user_map: the target's user namespace (nscheck's own or not)
 * and its uid_map and gid_map, reported.  Root inside mapped to root
 * outside is a finding named as such: a property of how the container
 * was started, not a failure of the kernel.  Checked: the maps are
 * well-formed (up to 340 lines of three numbers, ranges not overflowing).
 */
#include <stdio.h>
#include <stdlib.h>

#include "nscheck.h"

/* Parse @map; where does id 0 inside go?  -1: unmapped, -2: malformed. */
/* The outside id of inside id 0: -1 when unmapped, -2 when malformed. */
static long long root_of(const char *map)
{
	struct nsc_idmap_ent e[NSC_IDMAP_MAX];
	struct nsc_err err;
	int n = nsc_idmap_parse(map, e, NSC_IDMAP_MAX, &err);

	if (n < 0)
		return -2;
	for (int i = 0; i < n; i++)
		if (e[i].inside == 0)
			return (long long)e[i].outside;
	return -1;
}

static void one_map(struct nsc_ctx *ctx, const char *file, const char *what)
{
	char *buf = NULL, flat[NSC_KV_VALUE];
	size_t len, o = 0;
	long long root;
	int ret = nsc_target_file(ctx, file, 1 << 16, &buf, &len);

	if (ret == -EACCES || ret == -EPERM)
		nsc_skip(ctx, -ret, "run nscheck as root", "no permission to read /proc/%d/%s",
			 (int)nsc_target_pid(ctx), file);
	NSC_TRY(ctx, ret);
	for (const char *p = buf; *p && o + 2 < sizeof(flat); p++) {
		if (*p == '\n') {
			if (p[1])
				o += (size_t)snprintf(flat + o, sizeof(flat) - o, "; ");
		} else if (*p != ' ' || (o && flat[o - 1] != ' ')) {
			flat[o++] = *p;
		}
	}
	flat[o < sizeof(flat) ? o : sizeof(flat) - 1] = '\0';
	nsc_finding(ctx, file, "%s", flat);
	root = root_of(buf);
	free(buf);
	NSC_EXPECT(ctx, root != -2, "/proc/%d/%s is well-formed", (int)nsc_target_pid(ctx), file);
	if (root == 0)
		nsc_finding(ctx, what,
			    "root inside is root outside: %s 0 in the container is %s 0 on the host",
			    what, what);
	else if (root > 0)
		nsc_finding(ctx, what, "%s 0 inside is %s %lld outside", what, what, root);
	else if (root == -1)
		nsc_finding(ctx, what, "%s 0 is not mapped", what);
}

static void verify(struct nsc_ctx *ctx)
{
	long long ino = nsc_ns_ino(nsc_target_pid(ctx), CLONE_NEWUSER, nsc_errbuf(ctx));
	int same;

	if (ino == -EACCES || ino == -EPERM)
		nsc_skip(ctx, (int)-ino, "run nscheck as root",
			 "no permission to inspect %s: reading its user namespace refused (ptrace access mode read)",
			 nsc_target_name(ctx));
	NSC_TRY(ctx, ino);
	same = (int)NSC_TRY(ctx, nsc_ns_same(nsc_target_pid(ctx), 0, CLONE_NEWUSER, nsc_errbuf(ctx)));
	nsc_target_alive(ctx);
	nsc_finding(ctx, "user", "user:[%lld]%s", ino, same ? " (nscheck's own)" : " (its own)");
	one_map(ctx, "uid_map", "uid");
	one_map(ctx, "gid_map", "gid");
}

NSC_CASE(target, user_map) = {
	.summary = "the target's user namespace and id maps reported; root mapped to root named",
	.no_control = "reports the target's id maps: sharing the host's user namespace is how the "
		      "container was started, a finding and no isolation check",
	.verify = verify,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:user_namespaces(7)", "rt:linux_uid_mappings"),
};
