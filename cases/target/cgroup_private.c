// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.cgroup_private: the target's cgroup namespace is its own (not
 * nscheck's, not PID 1's); its cgroup as seen from outside and from a
 * probe that joined the namespace (/proc/PID/cgroup read there: "/" for
 * a namespace rooted at the container's cgroup) are reported.
 * Control: nscheck's own case process as the target shares nscheck's
 * cgroup namespace.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "nscheck.h"

struct cg_seen {
	char inside[200];
};

/* The unified line ("0::...") of a cgroup file, else its first line. */
static void unified(const char *buf, char *out, size_t len)
{
	const char *p = strstr(buf, "0::");

	if (p && (p == buf || p[-1] == '\n'))
		snprintf(out, len, "%.*s", (int)strcspn(p + 3, "\n"), p + 3);
	else
		snprintf(out, len, "%.*s", (int)strcspn(buf, "\n"), buf);
}

static int setup(struct nsc_ctx *ctx)
{
	char *buf = NULL, line[200];
	size_t len;

	nsc_target_ns_private(ctx, CLONE_NEWCGROUP,
			      "cgroup namespace is the host's: the container was started with --cgroupns=host");
	if (nsc_target_file(ctx, "cgroup", 1 << 16, &buf, &len) == 0) {
		unified(buf, line, sizeof(line));
		nsc_finding(ctx, "cgroup_outside", "%s", line);
		free(buf);
	}
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct cg_seen *sh = nsc_shared_as(ctx, struct cg_seen);
	char buf[4096], path[64];
	ssize_t n;
	int fd;

	/* The target's cgroup, relative to the namespace the probe joined. */
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)nsc_target_pid(ctx));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n < 0)
		nsc_error(ctx, errno, "read %s inside the target's cgroup namespace", path);
	buf[n] = '\0';
	unified(buf, sh->inside, sizeof(sh->inside));
}

static void verify(struct nsc_ctx *ctx)
{
	struct cg_seen *sh = nsc_shared_as(ctx, struct cg_seen);

	nsc_finding(ctx, "cgroup_inside", "%s", sh->inside);
}

NSC_CASE(target, cgroup_private) = {
	.summary = "the target's cgroup namespace is its own; its cgroup reported from both sides",
	.target_flags = CLONE_NEWCGROUP,
	.setup = setup,
	.child = child,
	.verify = verify,
	.needs_root = true,
	.min_kernel = "4.6",
	.anchors = NSC_ANCHORS("man:cgroup_namespaces(7)", "man:setns(2)"),
};
