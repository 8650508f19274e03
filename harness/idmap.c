// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writing user namespace id maps: a sandbox primitive (the sandbox maps
 * its child, rootless mode its own case process, the probe its probe).
 * Reading and parsing them back is a fixture (fixtures/idmap.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static int proc_write(pid_t pid, const char *which, const char *text, struct nsc_err *err)
{
	char path[64];
	size_t len = strlen(text);
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, which);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return nsc_err_set(err, errno, "open %s", path);
	n = write(fd, text, len);
	if (n < 0 || (size_t)n != len) {
		int e = n < 0 ? errno : EIO;

		close(fd);
		return nsc_err_set(err, e, "write '%s' to %s", text, path);
	}
	close(fd);
	return 0;
}

int nsc_idmap_write(pid_t pid, const char *uid_map, const char *gid_map, bool deny_setgroups,
		    struct nsc_err *err)
{
	int ret;

	if (deny_setgroups) {
		ret = proc_write(pid, "setgroups", "deny", err);
		/* Kernels before 3.19 have no setgroups file. */
		if (ret < 0 && ret != -ENOENT)
			return ret;
	}
	if (uid_map && (ret = proc_write(pid, "uid_map", uid_map, err)) < 0)
		return ret;
	if (gid_map && (ret = proc_write(pid, "gid_map", gid_map, err)) < 0)
		return ret;
	return 0;
}

int nsc_userns_enter_root(struct nsc_err *err)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare((int)NSC_NS_FLAG(USER)) < 0)
		return nsc_err_set(err, errno, "rootless: unshare a user namespace");
	return nsc_idmap_root(getpid(), uid, gid, err);
}

int nsc_idmap_root(pid_t pid, uid_t uid, gid_t gid, struct nsc_err *err)
{
	char uidm[32], gidm[32];

	snprintf(uidm, sizeof(uidm), "0 %u 1", (unsigned int)uid);
	snprintf(gidm, sizeof(gidm), "0 %u 1", (unsigned int)gid);
	return nsc_idmap_write(pid, uidm, gidm, true, err);
}
