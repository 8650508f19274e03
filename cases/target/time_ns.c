// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.time_ns: whether the target has a time namespace of its own,
 * and its clock offsets (/proc/PID/timens_offsets), reported.  Container
 * runtimes share the host's time namespace unless asked; that is how the
 * container was started, not broken isolation.  Checked: the identity
 * and the offsets could be read and are well-formed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nscheck.h"

static void verify(struct nsc_ctx *ctx)
{
	long long ino = nsc_ns_ino(nsc_target_pid(ctx), CLONE_NEWTIME, nsc_errbuf(ctx));
	char *buf = NULL, flat[NSC_KV_VALUE] = "";
	size_t len, o = 0;
	int same, ret;

	if (ino == -ENOENT)
		nsc_skip(ctx, ENOENT, "a kernel built with time namespaces (Linux 5.6+)",
			 "the kernel has no time namespaces");
	if (ino == -EACCES || ino == -EPERM)
		nsc_skip(ctx, (int)-ino, "run nscheck as root",
			 "no permission to inspect %s: reading its time namespace refused (ptrace access mode read)",
			 nsc_target_name(ctx));
	NSC_TRY(ctx, ino);
	same = (int)NSC_TRY(ctx, nsc_ns_same(nsc_target_pid(ctx), 0, CLONE_NEWTIME, nsc_errbuf(ctx)));
	nsc_finding(ctx, "time", "time:[%lld]%s", ino, same ? " (nscheck's own)" : " (its own)");
	ret = nsc_target_file(ctx, "timens_offsets", 4096, &buf, &len);
	if (ret == -EACCES || ret == -EPERM)
		nsc_skip(ctx, -ret, "run nscheck as root",
			 "no permission to read the clock offsets of %s", nsc_target_name(ctx));
	NSC_TRY(ctx, ret);
	/* "monotonic 0 0; boottime 0 0" */
	for (const char *p = buf; *p && o + 3 < sizeof(flat); p++) {
		if (*p == '\n')
			o += (size_t)snprintf(flat + o, sizeof(flat) - o, "%s", p[1] ? "; " : "");
		else if (*p != ' ' || (o && flat[o - 1] != ' '))
			flat[o++] = *p;
		flat[o] = '\0';
	}
	NSC_EXPECT(ctx, strstr(buf, "monotonic") && strstr(buf, "boottime"),
		   "timens_offsets names the monotonic and boottime clocks");
	free(buf);
	nsc_finding(ctx, "offsets", "%s", flat);
}

NSC_CASE(target, time_ns) = {
	.summary = "whether the target has a time namespace of its own, and its clock offsets",
	.no_control = "reports the target's time namespace: runtimes share the host's unless asked, "
		      "a finding and no isolation check",
	.verify = verify,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("man:time_namespaces(7)"),
};
