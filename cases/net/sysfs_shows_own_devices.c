// SPDX-License-Identifier: GPL-2.0-only
/*
 * net.sysfs_shows_own_devices: a sysfs instance mounted in a network
 * namespace shows under class/net only that netns's devices.  The case
 * process marks its disposable outer netns with a veth pair; the
 * sandbox, with its own user, mount and network namespaces, makes a veth
 * pair of its own, mounts a new sysfs (read-only) over /sys in its mount
 * namespace and lists /sys/class/net: lo and its own pair, not the
 * outer marker.  Control: with the flags withheld the sandbox mounts
 * sysfs in the disposable outer namespaces and lists the marker
 * (sharing observed).
 */
#include <dirent.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

#include "nscheck.h"

#define SF_DIR "/sys/class/net"

struct sf_shared {
	char marker[2][NSC_IFNAMSIZ];
};

static int sf_self(struct nsc_ctx *ctx)
{
	return (int)NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWNET, nsc_errbuf(ctx)));
}

static void sf_veth(struct nsc_ctx *ctx, struct nsc_veth *v)
{
	int fd = sf_self(ctx), r = nsc_veth_create(v, fd, fd, nsc_errbuf(ctx));

	if (r == -EOPNOTSUPP)
		nsc_skip(ctx, -r, "enable CONFIG_VETH or modprobe veth",
			 "veth links unavailable: %s", nsc_errbuf(ctx)->msg);
	NSC_TRY(ctx, r);
	close(fd);
}

static int sf_setup(struct nsc_ctx *ctx)
{
	struct sf_shared *sh = nsc_shared_as(ctx, struct sf_shared);
	struct nsc_veth v;

	sf_veth(ctx, &v);
	memcpy(sh->marker, v.name, sizeof(sh->marker));
	return 0;
}

static bool sf_lists(DIR *d, const char *name)
{
	struct dirent *de;

	rewinddir(d);
	while ((de = readdir(d)))
		if (!strcmp(de->d_name, name))
			return true;
	return false;
}

/*
 * Mounts over paths under /sys that are not file systems of their own
 * kind there (a tmpfs or a bind of /dev/null hiding /sys/firmware, ...):
 * what makes sysfs "not fully visible".  Best effort: -1 when unreadable.
 */
static int sf_masks(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[1024], mp[512], type[64];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (!sep || sscanf(line, "%*s %*s %*s %*s %511s", mp) != 1 ||
		    sscanf(sep + 3, "%63s", type) != 1)
			continue;
		if (!strncmp(mp, "/sys/", 5) &&
		    (!strcmp(type, "tmpfs") || !strcmp(type, "devtmpfs") || !strcmp(type, "proc")))
			n++;
	}
	fclose(f);
	return n;
}

static void sf_child(struct nsc_ctx *ctx)
{
	struct sf_shared *sh = nsc_shared_as(ctx, struct sf_shared);
	struct nsc_veth v;
	DIR *d;

	sf_veth(ctx, &v);
	NSC_SAFE(ctx, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	if (mount("sysfs", "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		int e = errno, n = sf_masks();

		if ((e == EPERM || e == EACCES) && n > 0)
			nsc_skip(ctx, e, "run where no paths under /sys are masked",
				 "sysfs is masked (%d mount%s over paths under /sys, as container runtimes make): the kernel refuses a new sysfs mount in a user namespace while sysfs is not fully visible",
				 n, n == 1 ? "" : "s");
		nsc_error(ctx, e, "mount sysfs on /sys");
	}
	d = opendir(SF_DIR);
	if (!d)
		nsc_error(ctx, errno, "opendir %s", SF_DIR);
	NSC_EXPECT(ctx, sf_lists(d, "lo"), SF_DIR " lists lo");
	for (int i = 0; i < 2; i++)
		NSC_EXPECT(ctx, sf_lists(d, v.name[i]), SF_DIR " lists the netns's own %s",
			   v.name[i]);
	for (int i = 0; i < 2; i++)
		NSC_ISOLATED(ctx, !sf_lists(d, sh->marker[i]),
			     SF_DIR " lists %s of the outer netns", sh->marker[i]);
	closedir(d);
}

NSC_CASE(net, sysfs_shows_own_devices) = {
	.summary = "sysfs mounted in a netns lists only that netns's devices in class/net",
	.clone_flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET,
	.caps = NSC_CAP(CAP_NET_ADMIN),
	/* The mount namespace too: the control's sysfs mount stays in it. */
	.outer_flags = CLONE_NEWNET | CLONE_NEWNS,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSFS", "CONFIG_VETH"),
	.setup = sf_setup,
	.child = sf_child,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("ltp:netns_sysfs", "man:sysfs(5)", "man:network_namespaces(7)"),
};
