// SPDX-License-Identifier: GPL-2.0-only
/*
 * user.rlimit_nproc_per_userns: since Linux 5.14 ("Reimplement
 * RLIMIT_NPROC on top of ucounts", 21d1c5e386bc) RLIMIT_NPROC counts the
 * processes of a (user namespace, real uid) pair, no longer of a uid
 * host-wide: processes of the same host uid outside a user namespace do
 * not count against the limit a process inside it has.  The count is
 * hierarchical: a process counts in its namespace and in each ancestor,
 * under the uid of the namespace's creator.  copy_process() refuses a
 * fork (EAGAIN) when is_rlimit_overlimit() finds the child's (namespace,
 * uid) count above the forking task's RLIMIT_NPROC, or a count one level
 * up above the namespace's rlimit_max (its creator's RLIMIT_NPROC when
 * it made it, unlimited for root of the initial namespace:
 * enforced_nproc_rlimit() in kernel/user_namespace.c), and so on up.
 * Real uid 0 of the initial namespace (INIT_USER) and a holder of
 * CAP_SYS_RESOURCE or CAP_SYS_ADMIN there are exempt (kernel/fork.c).
 *
 * The counted uid U: as root of the initial user namespace a spare uid
 * that no process of the host uses, which the case process takes as its
 * real uid only (setresuid(U, -1, -1): it keeps euid 0 and its
 * capabilities, so it is U's one process outside and stays exempt
 * itself); as root of another user namespace (a container's), the case
 * process's own uid, which is then U's process outside.  The sandbox, in a new user
 * namespace whose root maps to U, setresuid()s to 0 there (real uid U)
 * and, with RLIMIT_NPROC 1, cannot fork (itself and a child are two: the
 * limit holds it) but, with RLIMIT_NPROC 2, can, although U has at least
 * one more process outside, so that a host-wide count would be 3.
 * Control: without CLONE_NEWUSER the sandbox setresuid()s to U where the
 * case process is, and the same fork at RLIMIT_NPROC 2 is refused.
 * Then the hierarchical half (no control: it is the kernel's rule, not a
 * sharing): a user namespace the sandbox makes at RLIMIT_NPROC 1 bounds
 * its processes in the sandbox's namespace by that 1, even with the soft
 * limit inside raised to the hard one.
 *
 * A refusal counts as RLIMIT_NPROC's only when the same fork then
 * succeeds with the soft limit raised to the hard one, is refused again
 * at 2, and no pids cgroup above the sandbox recorded a refused fork
 * (pids.events) meanwhile: else it is a limit of the host, an ERROR
 * naming it, never a FAIL.  Where uid U is not held to RLIMIT_NPROC at
 * all (a user namespace that maps root to itself: real uid 0 of the
 * initial namespace), the case SKIPs naming that.  Rootless it SKIPs
 * (.needs_root): nscheck --rootless as root has only real uid 0, which is
 * exempt, and an unprivileged user's run must agree with it (an
 * unprivileged user's own uid would do).  Before 5.14 the count was
 * host-wide per uid, by design: the case SKIPs there naming the release
 * (on 5.10 it FAILed in the kernel matrix before it did).
 *
 * The catalogue's wording ("two processes of one uid with RLIMIT_NPROC=1,
 * each in a new user namespace, can both execve()", after kselftest
 * rlimits/rlimits-per-userns.c) does not hold on current kernels (tried
 * on 6.18: 2 of 3 such execve() succeed, with or without the new
 * namespaces): the namespaces, made at RLIMIT_NPROC 1, bound their
 * processes in the parent by that 1.  The property is per namespace, and
 * hierarchical.
 */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "user.h"

#define SPARE_ID 4000003u /* an id no process of the host needs */
#define NP_LIMIT 2	  /* the sandbox and one child */

struct np_state {
	uid_t uid;	 /* U, as the case process's namespace numbers it */
	uid_t ruid;	 /* the case process's real uid before */
	bool spare;	 /* U is SPARE_ID (not the case process's own uid) */
	bool ruid_moved; /* setup set the case process's real uid to U */
};

static struct np_state np; /* setup, parent and cleanup (case process) */

static int np_child_fn(void *arg)
{
	(void)arg;
	return 0; /* the clone() wrapper's exit */
}

/*
 * Set the soft RLIMIT_NPROC, then make a child that exits at once: 0 or
 * -errno.  The child shares this process's memory (CLONE_VM |
 * CLONE_VFORK, as pid.nesting_limit does; copy_process() holds it to
 * RLIMIT_NPROC like any fork): no address space to copy, and this
 * process resumes once the child is gone, without waiting for a loaded
 * scheduler to run it (~0.1 ms instead of ~1 ms here under load).
 */
static int np_fork(struct nsc_ctx *ctx, rlim_t soft)
{
	static char stack[16384] __attribute__((aligned(16)));
	struct rlimit rl;
	pid_t pid;

	NSC_SAFE(ctx, getrlimit(RLIMIT_NPROC, &rl));
	rl.rlim_cur = soft;
	NSC_SAFE(ctx, setrlimit(RLIMIT_NPROC, &rl));
	pid = clone(np_child_fn, stack + sizeof(stack), CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	if (pid < 0)
		return -errno;
	NSC_SAFE(ctx, waitpid(pid, NULL, 0));
	return 0;
}

/*
 * The sum of the "max" counts (forks refused) in pids.events of this
 * process's pids cgroup (cgroup2 or v1) and each of its ancestors; -1
 * when none is readable (no cgroupfs mounted: then the fork pattern alone
 * tells RLIMIT_NPROC from a limit of the host).
 */
static long long np_pids_refusals(void)
{
	char line[512], cg[512] = "", path[640], key[16], *slash;
	const char *base = NULL;
	long long sum = -1, v;
	FILE *f = fopen("/proc/self/cgroup", "re"), *e;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "0::", 3)) {
			base = "/sys/fs/cgroup";
			snprintf(cg, sizeof(cg), "%s", line + 3);
		} else if ((slash = strstr(line, ":pids:"))) {
			base = "/sys/fs/cgroup/pids"; /* v1: the pids hierarchy wins */
			snprintf(cg, sizeof(cg), "%s", slash + 6);
			break;
		}
	}
	fclose(f);
	if (!base || cg[0] != '/')
		return -1;
	for (;;) {
		snprintf(path, sizeof(path), "%s%s/pids.events", base, cg);
		e = fopen(path, "re");
		if (e) {
			while (fscanf(e, "%15s %lld", key, &v) == 2)
				if (!strcmp(key, "max"))
					sum = (sum < 0 ? 0 : sum) + v;
			fclose(e);
		}
		slash = strrchr(cg, '/');
		if (!slash || slash == cg)
			break;
		*slash = '\0';
	}
	return sum;
}

/* A fork that failed otherwise than EAGAIN: ERROR (exhaustion named as such). */
static void np_not_refused(struct nsc_ctx *ctx, int ret, const char *what)
{
	if (ret >= 0 || ret == -EAGAIN)
		return;
	NSC_NO_EXHAUSTION(ctx, ret, what);
	nsc_error(ctx, -ret, "%s", what);
}

/*
 * A fork at RLIMIT_NPROC NP_LIMIT: true when it succeeded, false when
 * RLIMIT_NPROC refused it (see the head comment); a limit of the host
 * is an ERROR (EAGAIN: the harness names the limit).
 */
static bool np_fork_allowed(struct nsc_ctx *ctx, rlim_t hard)
{
	long long before;
	int ret = np_fork(ctx, NP_LIMIT);

	if (ret == 0)
		return true;
	np_not_refused(ctx, ret, "fork at RLIMIT_NPROC 2");
	before = np_pids_refusals();
	ret = np_fork(ctx, hard);
	NSC_NO_EXHAUSTION(ctx, ret, "fork with RLIMIT_NPROC at its hard limit");
	if (ret < 0)
		nsc_error(ctx, -ret, "fork with RLIMIT_NPROC at its hard limit");
	ret = np_fork(ctx, NP_LIMIT);
	if (ret == 0)
		nsc_error(ctx, EAGAIN,
			  "a fork at RLIMIT_NPROC 2 was refused, then allowed: a process limit of the host came and went");
	np_not_refused(ctx, ret, "fork at RLIMIT_NPROC 2");
	if (np_pids_refusals() != before)
		nsc_error(ctx, EAGAIN,
			  "a pids cgroup limit refused forks meanwhile (pids.events): no verdict on RLIMIT_NPROC");
	return false;
}

/*
 * The hierarchical half: moved into a user namespace it makes at
 * RLIMIT_NPROC 1, with the soft limit then raised to the hard one, the
 * sandbox's fork counts 2 there (fine) but also 2 in the sandbox's
 * namespace, above that namespace's rlimit_max 1: refused.  A refusal
 * by a limit of the host would pass this check too; a fork that
 * succeeds is the kernel's own answer.
 */
static void np_nested_bounded(struct nsc_ctx *ctx, rlim_t hard)
{
	struct rlimit rl = { .rlim_cur = 1, .rlim_max = hard };
	int ret;

	NSC_SAFE(ctx, setrlimit(RLIMIT_NPROC, &rl));
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWUSER));
	ret = np_fork(ctx, hard);
	np_not_refused(ctx, ret, "fork at the hard RLIMIT_NPROC in a nested user namespace");
	NSC_EXPECT_EQ(ctx, ret, -EAGAIN,
		      "fork (-errno) at the hard RLIMIT_NPROC in a user namespace made at RLIMIT_NPROC 1, its maker's namespace then holding 2 processes of the uid");
}

static int setup(struct nsc_ctx *ctx)
{
	struct rlimit rl;

	/* The property is 5.14's: before it the count was per uid, host-wide. */
	if (nsc_user_kernel_older(5, 14))
		nsc_skip(ctx, 0, "needs Linux 5.14 or later",
			 "RLIMIT_NPROC counts per user namespace since Linux 5.14 (ucounts); this kernel counts per uid host-wide");
	NSC_SAFE(ctx, getrlimit(RLIMIT_NPROC, &rl));
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < 16)
		nsc_skip(ctx, EAGAIN, "raise the hard RLIMIT_NPROC (ulimit -Hu)",
			 "the hard RLIMIT_NPROC is %llu: the case needs a fork at that limit to tell it from the host's",
			 (unsigned long long)rl.rlim_max);
	np.ruid = getuid();
	np.spare = nsc_userns_is_initial();
	np.uid = np.spare ? SPARE_ID : np.ruid;
	if (np.spare && np.ruid != SPARE_ID) {
		/* U's process outside: real uid only, euid and capabilities stay. */
		NSC_SAFE(ctx, setresuid(SPARE_ID, (uid_t)-1, (uid_t)-1));
		np.ruid_moved = true;
	}
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	bool userns = nsc_sandbox_flags(ctx) & CLONE_NEWUSER;
	uid_t id = userns ? 0 : np.uid;
	struct rlimit rl;
	int ret;

	NSC_TRY(ctx, nsc_sync_wait(ctx)); /* maps written */
	NSC_SAFE(ctx, setresuid(id, id, id));
	NSC_SAFE(ctx, getrlimit(RLIMIT_NPROC, &rl));

	/* RLIMIT_NPROC 1 holds this uid: a second process is one too many. */
	ret = np_fork(ctx, 1);
	if (ret == 0 && !np.spare)
		nsc_skip(ctx, EPERM,
			 "run nscheck as root of the initial user namespace, or of one that maps its root to another uid",
			 "RLIMIT_NPROC 1 did not refuse a fork of uid %u: it is not held to RLIMIT_NPROC (real uid 0 of the initial user namespace is exempt, and nscheck's user namespace maps its root to it)",
			 (unsigned int)np.uid);
	np_not_refused(ctx, ret, "fork at RLIMIT_NPROC 1");
	NSC_EXPECT_EQ(ctx, ret, -EAGAIN,
		      "fork of a second process of uid %u at RLIMIT_NPROC 1 (-errno)",
		      (unsigned int)np.uid);

	NSC_ISOLATED(ctx, np_fork_allowed(ctx, rl.rlim_max),
		     "fork at RLIMIT_NPROC 2 by the one process of uid %u in its user namespace, while the uid has another outside (refused: the outside processes counted)",
		     (unsigned int)np.uid);
	if (userns)
		np_nested_bounded(ctx, rl.rlim_max);
}

static void parent(struct nsc_ctx *ctx)
{
	char uidm[32], gidm[32];

	if (nsc_sandbox_flags(ctx) & CLONE_NEWUSER) {
		/* Its gid mapped too: the nested namespace needs it. */
		snprintf(uidm, sizeof(uidm), "0 %u 1", (unsigned int)np.uid);
		snprintf(gidm, sizeof(gidm), "0 %u 1", (unsigned int)getegid());
		NSC_TRY(ctx, nsc_idmap_write(nsc_child_pid(ctx), uidm, gidm, true, nsc_errbuf(ctx)));
	}
	NSC_TRY(ctx, nsc_sync_wake(ctx));
}

static void cleanup(struct nsc_ctx *ctx)
{
	(void)ctx;
	if (np.ruid_moved && setresuid(np.ruid, (uid_t)-1, (uid_t)-1) == 0)
		np.ruid_moved = false;
}

NSC_CASE(user, rlimit_nproc_per_userns) = {
	.summary = "RLIMIT_NPROC counts a uid's processes per user namespace: those outside do not count inside",
	.clone_flags = CLONE_NEWUSER,
	.manual_idmap = true,
	.needs_root = true,	     /* rootless as root: only real uid 0, exempt */
	.caps = NSC_CAP(CAP_SETUID), /* the spare uid; a map of it */
	.setup = setup,
	.child = child,
	.parent = parent,
	.cleanup = cleanup,
	.min_kernel = "5.14",
	.anchors = NSC_ANCHORS("kselftest:rlimits/rlimits-per-userns.c", "man:getrlimit(2)",
			       "man:user_namespaces(7)"),
};
