// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.core_sysctls_readonly_in_child: net.core.{r,w}mem_{default,max}
 * belong to the initial network namespace only.  In a child netns (here:
 * the sandbox's, owned by a new, less privileged user namespace) the four
 * files exist since Linux 6.15 (netdev, March 2025; before, they were
 * missing there: SKIP), have mode 0444, refuse opening for writing even
 * to the netns's root, and read the same values as in the case process's
 * netns (both show the initial netns's).  A per-netns knob of the same
 * directory, net.core.somaxconn, opens for writing (so the refusal is
 * the knob's, not the mount's).
 * No control: the knobs have one value for the whole system, whose
 * sharing a missing namespace cannot make observable.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nscheck.h"

#define CS_DIR "/proc/sys/net/core/"
#define CS_WRITABLE CS_DIR "somaxconn"

static const char *const cs_knobs[] = { "rmem_default", "rmem_max", "wmem_default", "wmem_max" };
#define CS_N (sizeof(cs_knobs) / sizeof(cs_knobs[0]))

struct cs_shared {
	long outer[CS_N];
};

static int cs_setup(struct nsc_ctx *ctx)
{
	struct cs_shared *sh = nsc_shared_as(ctx, struct cs_shared);
	char path[96];

	for (size_t i = 0; i < CS_N; i++) {
		snprintf(path, sizeof(path), CS_DIR "%s", cs_knobs[i]);
		/* The case process is in a disposable (non-initial) netns too. */
		if (access(path, F_OK) < 0 && errno == ENOENT) {
			/* A hidden /proc/sys (proc's subset=pid) is named first. */
			nsc_skip_if_restricted(ctx, NSC_OP_READ, ENOENT, path);
			nsc_skip(ctx, ENOENT, "needs Linux 6.15",
				 "%s is missing in a non-initial netns", path);
		}
		sh->outer[i] = nsc_sysctl_long(ctx, path);
	}
	return 0;
}

static void cs_child(struct nsc_ctx *ctx)
{
	struct cs_shared *sh = nsc_shared_as(ctx, struct cs_shared);
	char path[96];
	struct stat st;
	int fd;

	fd = open(CS_WRITABLE, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		nsc_skip_if_restricted(ctx, NSC_OP_WRITE, errno, CS_WRITABLE);
	NSC_EXPECT(ctx, fd >= 0, CS_WRITABLE " (per netns) opens for writing in the child netns: %s",
		   fd >= 0 ? "ok" : strerror(errno));
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; i < CS_N; i++) {
		snprintf(path, sizeof(path), CS_DIR "%s", cs_knobs[i]);
		if (stat(path, &st) < 0) {
			if (errno == ENOENT)
				nsc_skip(ctx, errno, "needs Linux 6.15",
					 "%s is missing in a child netns", path);
			nsc_error(ctx, errno, "stat %s", path);
		}
		NSC_EXPECT(ctx, !(st.st_mode & 0222), "%s mode %o in a child netns, want 0444",
			   path, (unsigned int)(st.st_mode & 07777));
		fd = open(path, O_WRONLY | O_CLOEXEC);
		NSC_EXPECT(ctx, fd < 0 && (errno == EACCES || errno == EPERM),
			   "%s opens for writing in a child netns: %s", path,
			   fd >= 0 ? "ok" : strerror(errno));
		if (fd >= 0)
			close(fd);
		NSC_EXPECT_EQ(ctx, nsc_sysctl_long(ctx, path), sh->outer[i],
			      "%s in a child netns reads the initial netns's value", path);
	}
}

NSC_CASE(net, core_sysctls_readonly_in_child) = {
	.summary = "net.core.{r,w}mem_{default,max} are read-only copies of the initial netns's in a child",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWNET,
	.outer_flags = CLONE_NEWNET,
	.no_control = "the knobs have one system-wide value, whose sharing a missing namespace cannot show",
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSCTL"),
	.setup = cs_setup,
	.child = cs_child,
	.min_kernel = "6.15",
	.anchors = NSC_ANCHORS("kselftest:net/netns-sysctl.sh", "man:network_namespaces(7)"),
};
