// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.mnt_sensitive: in the target's mount namespace the host's
 * sensitive places are out of reach: /proc/sys and /sys are not mounted
 * writable, and no container runtime's API socket (docker, podman,
 * containerd, cri-o) of the host is there (same device and inode as
 * nscheck sees it).  Read-only: statvfs() and stat() only.
 * Control: nscheck's own case process as the target, in a disposable copy
 * of nscheck's mount namespace, where /proc/sys is writable and .plant put
 * a tmpfs on /run holding a socket at every path looked for.
 */
#include <stdio.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "nscheck.h"

static const char *const sockets[] = {
	"/run/docker.sock",	   "/var/run/docker.sock",
	"/run/podman/podman.sock", "/run/containerd/containerd.sock",
	"/run/crio/crio.sock",
};
#define NSOCK (sizeof(sockets) / sizeof(sockets[0]))

struct sens_seen {
	bool host_sock[NSOCK];
	dev_t dev[NSOCK];
	ino_t ino[NSOCK];
	char proc_sys[32], sys[32];
};

/* A listening-less AF_UNIX socket at @path, only inside the tmpfs @dev. */
static void plant_sock(struct nsc_ctx *ctx, const char *path, dev_t dev)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char dir[sizeof(sa.sun_path)];
	struct stat st;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	if (stat(dir, &st) < 0 || st.st_dev != dev)
		return; /* not in the planted tmpfs: never touch a real file system */
	if (stat(path, &st) == 0)
		return; /* /var/run -> /run: planted already */
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	fd = NSC_SAFE(ctx, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	NSC_SAFE(ctx, bind(fd, (struct sockaddr *)&sa, sizeof(sa)));
	close(fd);
}

static void plant(struct nsc_ctx *ctx)
{
	static const char *const dirs[] = { "/run/podman", "/run/containerd", "/run/crio" };
	int same = nsc_ns_same(0, getppid(), CLONE_NEWNS, nsc_errbuf(ctx));
	struct stat st;

	/* Only ever in the control's disposable (private) mount namespace. */
	if (same != 0)
		nsc_error(ctx, same < 0 ? -same : EINVAL,
			  "the control's mount namespace is the runner's: nothing planted");
	NSC_SAFE(ctx, mount("nscheck", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755"));
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		NSC_SAFE(ctx, mkdir(dirs[i], 0700));
	NSC_SAFE(ctx, stat("/run", &st));
	for (size_t i = 0; i < NSOCK; i++)
		plant_sock(ctx, sockets[i], st.st_dev);
}

static int setup(struct nsc_ctx *ctx)
{
	struct sens_seen *sh = nsc_shared_as(ctx, struct sens_seen);
	struct stat st;

	for (size_t i = 0; i < NSOCK; i++) {
		if (stat(sockets[i], &st) == 0 && S_ISSOCK(st.st_mode)) {
			sh->host_sock[i] = true;
			sh->dev[i] = st.st_dev;
			sh->ino[i] = st.st_ino;
		}
	}
	return 0;
}

/* "read-only", "writable" or "absent" for @path's mount. */
static const char *mount_state(const char *path, char *out, size_t len)
{
	struct statvfs sv;
	struct stat st;

	if (stat(path, &st) < 0 || statvfs(path, &sv) < 0)
		snprintf(out, len, "absent");
	else
		snprintf(out, len, "%s", (sv.f_flag & ST_RDONLY) ? "read-only" : "writable");
	return out;
}

static void child(struct nsc_ctx *ctx)
{
	struct sens_seen *sh = nsc_shared_as(ctx, struct sens_seen);
	struct stat st;

	mount_state("/proc/sys", sh->proc_sys, sizeof(sh->proc_sys));
	mount_state("/sys", sh->sys, sizeof(sh->sys));
	NSC_ISOLATED(ctx, strcmp(sh->proc_sys, "writable"),
		     "/proc/sys is mounted writable in the target's mount namespace");
	NSC_ISOLATED(ctx, strcmp(sh->sys, "writable"),
		     "/sys is mounted writable in the target's mount namespace");
	for (size_t i = 0; i < NSOCK; i++) {
		bool host = sh->host_sock[i] && stat(sockets[i], &st) == 0 && S_ISSOCK(st.st_mode) &&
			    st.st_dev == sh->dev[i] && st.st_ino == sh->ino[i];

		NSC_ISOLATED(ctx, !host, "the host's %s is reachable in the target's mount namespace",
			     sockets[i]);
	}
}

static void verify(struct nsc_ctx *ctx)
{
	struct sens_seen *sh = nsc_shared_as(ctx, struct sens_seen);
	unsigned int n = 0;

	for (size_t i = 0; i < NSOCK; i++)
		n += sh->host_sock[i];
	nsc_finding(ctx, "proc_sys", "%s", sh->proc_sys);
	nsc_finding(ctx, "sys", "%s", sh->sys);
	nsc_finding(ctx, "runtime_sockets",
		    "the host has %u of the %zu looked for; none is reachable", n, NSOCK);
}

NSC_CASE(target, mnt_sensitive) = {
	.summary = "/proc/sys and /sys are not writable and no runtime socket of the host is reachable",
	.target_flags = CLONE_NEWNS,
	.setup = setup,
	.child = child,
	.verify = verify,
	.plant = plant,
	.needs_root = true,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:mount_namespaces(7)", "man:statvfs(3)",
			       "other:docker run --privileged"),
};
