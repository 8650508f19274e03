// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.pid_private: the target's PID namespace is its own (not
 * nscheck's, not PID 1's); the first process of that namespace above the
 * target is PID 1 in it (NSpid); and a probe that entered the namespace
 * cannot see its own parent, a process outside (getppid() is 0).
 * Control: nscheck's own case process as the target shares nscheck's PID
 * namespace, and there the probe sees its parent.
 */
#include <unistd.h>

#include "nscheck.h"
#include "target.h"

struct pid_seen {
	pid_t in_ppid; /* getppid() of the probe inside */
	pid_t in_pid;
};

/* Last field of NSpid: the PID inside the process's own namespace. */
static long last_nspid(const char *status)
{
	char v[128];
	const char *sp;

	nsc_status_value(status, "NSpid", v, sizeof(v));
	sp = strrchr(v, '\t') ? strrchr(v, '\t') : strrchr(v, ' ');
	return v[0] ? strtol(sp ? sp + 1 : v, NULL, 10) : -1;
}

static long ppid_of(const char *status)
{
	char v[32];

	return strtol(nsc_status_value(status, "PPid", v, sizeof(v)), NULL, 10);
}

/* The outermost process above the target in the target's PID namespace. */
static void find_init(struct nsc_ctx *ctx, const char *status)
{
	pid_t target = nsc_target_pid(ctx), top = target;
	long ns_pid = last_nspid(status), ppid = ppid_of(status);
	char nspid[128];

	nsc_status_value(status, "NSpid", nspid, sizeof(nspid));
	for (char *t = strchr(nspid, '\t'); t; t = strchr(t, '\t'))
		*t = ' ';
	nsc_finding(ctx, "nspid", "%s", nspid);
	for (int depth = 0; ppid > 0 && depth < 64; depth++) {
		char path[64], *buf = NULL;
		size_t len;
		int same = nsc_ns_same((pid_t)ppid, target, CLONE_NEWPID, nsc_errbuf(ctx));

		if (same <= 0)
			break; /* outside (or gone): top is the namespace's first */
		snprintf(path, sizeof(path), "/proc/%ld/status", ppid);
		if (nsc_file_read(path, 1 << 16, &buf, &len, NULL) < 0)
			break;
		top = (pid_t)ppid;
		ns_pid = last_nspid(buf);
		ppid = ppid_of(buf);
		free(buf);
	}
	nsc_target_alive(ctx);
	nsc_finding(ctx, "init", "PID %d outside is PID %ld in the target's PID namespace",
		    (int)top, ns_pid);
	NSC_EXPECT_EQ(ctx, ns_pid, 1, "the first process of the target's PID namespace is PID 1");
}

static int setup(struct nsc_ctx *ctx)
{
	char *status;

	nsc_target_ns_private(ctx, CLONE_NEWPID,
			      "PID namespace is the host's: the container was started with --pid=host");
	status = nsc_target_status(ctx);
	find_init(ctx, status);
	free(status);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct pid_seen *sh = nsc_shared_as(ctx, struct pid_seen);

	sh->in_pid = getpid();
	sh->in_ppid = getppid();
	NSC_ISOLATED(ctx, sh->in_ppid == 0,
		     "a process outside is visible from inside the target's PID namespace: "
		     "the probe's parent has PID %d there",
		     (int)sh->in_ppid);
}

static void verify(struct nsc_ctx *ctx)
{
	struct pid_seen *sh = nsc_shared_as(ctx, struct pid_seen);

	nsc_finding(ctx, "probe_inside", "PID %d, parent %d (0: outside, invisible)",
		    (int)sh->in_pid, (int)sh->in_ppid);
}

NSC_CASE(target, pid_private) = {
	.summary = "the target's PID namespace is its own, init is PID 1, outside is invisible",
	.target_flags = CLONE_NEWPID,
	.setup = setup,
	.child = child,
	.verify = verify,
	.needs_root = true,
	.min_kernel = "3.8",
	.anchors = NSC_ANCHORS("man:pid_namespaces(7)", "man:setns(2)", "other:proc(5) NSpid"),
};
