// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running the namespace probe: a forked process (in rootless mode inside
 * a user namespace of its own) unshares and clones as a case would, and
 * reports the step that failed; nsc_probe_classify() (probe.c) words the
 * cause.  Also the capability checks and the run mode that decide how
 * the probe and the cases run.
 */
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env.h"
#include "internal.h"
#include "ns.h"
#include "probe.h"

struct probe_msg {
	int step; /* 0 ok, 1 outer unshare, 2 clone, 3 inside userns, 4 rootless */
	int err;
};

static void __attribute__((noreturn)) probe_report(int fd, int step, int err)
{
	struct probe_msg m = { step, err };

	nsc_cov_dump();
	if (write(fd, &m, sizeof(m)) != sizeof(m))
		_exit(1);
	_exit(0);
}

/* The probe's sandbox: waits for its maps, then tries what it may not. */
static void __attribute__((noreturn)) probe_grandchild(int gate, uint64_t flags)
{
	int status = 0;

	if (nsc_spawn_pass(gate) < 0)
		status = 1;
	/* AppArmor's userns restriction bites here, one step later. */
	else if ((flags & NSC_NS_FLAG(USER)) && unshare((int)NSC_NS_FLAG(MNT)) < 0)
		status = 100 + (errno & 0x7f);
	nsc_cov_dump();
	_exit(status);
}

static void __attribute__((noreturn))
probe_child(int fd, uint64_t outer, uint64_t flags, bool rootless)
{
	struct nsc_err err;
	pid_t pid;
	int pidfd = -1, gate = -1, status;
	int ret;

	if (rootless && (ret = nsc_userns_enter_root(NULL)) < 0)
		probe_report(fd, 4, -ret);
	if (outer && unshare((int)outer) < 0)
		probe_report(fd, 1, errno);
	pid = nsc_spawn(flags, false, &pidfd, &gate, &err);
	if (pid < 0)
		probe_report(fd, 2, -pid);
	if (pid == 0)
		probe_grandchild(gate, flags);
	if (flags & NSC_NS_FLAG(USER)) {
		ret = nsc_idmap_root(pid, geteuid(), getegid(), NULL);
		if (ret < 0) {
			kill(pid, SIGKILL);
			probe_report(fd, 3, -ret);
		}
	}
	ret = nsc_spawn_open(gate, &err);
	if (ret < 0)
		probe_report(fd, 2, -ret);
	if (waitpid(pid, &status, 0) < 0)
		probe_report(fd, 2, errno);
	if (WIFEXITED(status) && WEXITSTATUS(status) >= 100)
		probe_report(fd, 3, WEXITSTATUS(status) - 100);
	probe_report(fd, 0, 0);
	_exit(0);
}

/* Run one probe; fills @m (step, errno); returns 0 or -errno. */
static int probe_once(uint64_t outer, uint64_t flags, bool rootless, struct probe_msg *m)
{
	int p[2], status;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	/* No stdio buffer (reports included) may be inherited and flushed twice. */
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		nsc_cov_reset(); /* counters inherited from the runner */
		close(p[0]);
		probe_child(p[1], outer, flags, rootless);
	}
	close(p[1]);
	if (read(p[0], m, sizeof(*m)) != sizeof(*m)) {
		m->step = 2;
		m->err = EIO;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return 0;
}

int nsc_probe_run(uint64_t outer, uint64_t flags, bool rootless, const struct nsc_env *env,
		  struct nsc_probe *out)
{
	struct probe_msg m = { 0, 0 };
	int ret;

	memset(out, 0, sizeof(*out));
	ret = probe_once(outer, flags, rootless, &m);
	if (ret < 0)
		return ret;
	if (!m.step)
		return 0;
	if (m.step == 4) {
		nsc_probe_classify(out, NSC_NS_FLAG(USER), m.err, false, true, env);
		return 0;
	}
	/*
	 * Find the single namespace that fails, for a precise hint: the
	 * user namespace first (the others may depend on it), then the
	 * sandbox's, then the disposable outer ones.
	 */
	for (size_t i = 0; i < 1 + 2 * NSC_NS_COUNT; i++) {
		uint64_t f = i ? nsc_ns_table[(i - 1) % NSC_NS_COUNT].flag : NSC_NS_FLAG(USER);
		uint64_t set = i > NSC_NS_COUNT ? outer : flags | (i ? 0 : outer);
		struct probe_msg one = { 0, 0 };

		if (!(set & f) || (i && f == NSC_NS_FLAG(USER)))
			continue;
		if (probe_once(0, f, rootless, &one) == 0 && one.step) {
			nsc_probe_classify(out, f, one.err, one.step == 3, rootless, env);
			return 0;
		}
	}
	nsc_probe_classify(out, flags & NSC_NS_FLAG(USER) ? NSC_NS_FLAG(USER) : flags, m.err,
			   m.step == 3, rootless, env);
	return 0;
}

bool nsc_cap_effective(unsigned int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return d[cap / 32].effective & (1u << (cap % 32));
}

uint64_t nsc_caps_missing(uint64_t want)
{
	uint64_t missing = 0;

	for (unsigned int cap = 0; cap < 64; cap++)
		if ((want & NSC_CAP(cap)) && !nsc_cap_effective(cap))
			missing |= NSC_CAP(cap);
	return missing;
}

const char *nsc_probe_mode(bool forced, bool *rootless)
{
	struct probe_msg m = { 0, 0 };

	*rootless = true;
	if (forced)
		return "rootless (--rootless)";
	if (geteuid() != 0)
		return "rootless (not root)";
	if (nsc_cap_effective(CAP_SYS_ADMIN))
		goto root;
	/* A container's default: root without CAP_SYS_ADMIN, userns allowed. */
	if (probe_once(0, NSC_NS_FLAG(MNT), true, &m) == 0 && !m.step)
		return "rootless (root without CAP_SYS_ADMIN)";
root:
	*rootless = false;
	return "root";
}
